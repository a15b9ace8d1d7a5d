// Types for build/offline-prereqs.mjs (plain JS because build/dist.mjs runs in plain Node).
export interface Toolset {
  readonly release: string;
  readonly file: string;
  /** Environment settings that make the download unnecessary: 'NAME' (an existing path) or 'NAME=value'. */
  readonly overrides: string[];
}

export interface Problem {
  readonly item: string;
  readonly zh: string;
  readonly en: string;
  readonly searched?: string[];
}

export interface BuildSpec {
  readonly platform: string;
  readonly arch: string;
  readonly targets: string[];
}

export interface PrereqResult {
  readonly version: string | null;
  /** Verified Electron zips by file name. */
  readonly zips: Record<string, string>;
  /** An unpacked Electron (ELECTRON_OVERRIDE_DIST_PATH) usable for the host platform/arch. */
  readonly unpackedDist: string | null;
  readonly problems: Problem[];
}

type Env = Record<string, string | undefined>;

export function electronZipName(version: string, platform: string, arch: string): string;
export function readUnpackedElectronVersion(dir: string): string | null;
export function electronZipSearchDirs(ctx: { env: Env; home: string; platform?: string }): string[];
export function findFileShallow(dir: string, name: string, depth?: number): string | null;
export function sha256File(file: string): Promise<string>;
export function readElectronChecksums(projectRoot: string): Record<string, string>;
export function electronBuilderCacheDir(ctx: { env: Env; home: string; platform?: string }): string;
export function requiredToolsets(targets: string[], host?: { hostPlatform?: string; hostArch?: string }): Toolset[];
export function isToolsetCached(cacheDir: string, toolset: Toolset, env?: Env): boolean;
export function checkOfflinePrereqs(ctx: {
  projectRoot: string;
  env: Env;
  home: string;
  builds: BuildSpec[];
  hostPlatform?: string;
  hostArch?: string;
}): Promise<PrereqResult>;
export function formatMissingMessage(problems: Problem[]): string;
export function defaultHome(): string;
