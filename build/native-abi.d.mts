// Types for build/native-abi.mjs (plain JS so the .cjs builder config and `node build/*.mjs` can use it).
export type AddonKind = 'node-abi' | 'napi' | 'unknown-addon' | 'not-addon';

export interface NativeModuleInfo {
  readonly file: string;
  readonly format: 'elf' | 'pe' | 'macho' | 'unknown';
  readonly platform: 'linux' | 'win32' | 'darwin' | 'unknown';
  readonly arch: string;
  readonly kind: AddonKind;
  /** NODE_MODULE_VERSION values found (kind 'node-abi' only). */
  readonly abis: number[];
}

export interface CheckOptions {
  readonly dir: string;
  readonly expectedAbi: number;
  readonly expectedArch?: string;
  readonly expectedPlatform?: string;
  /** Fail when no Node addon at all is found (catches a check pointed at the wrong directory). */
  readonly requireAddon?: boolean;
}

export interface CheckProblem {
  readonly file: string;
  readonly message: string;
}

export interface CheckResult {
  readonly ok: boolean;
  readonly modules: NativeModuleInfo[];
  readonly problems: CheckProblem[];
}

export function inspectNativeModule(file: string): NativeModuleInfo;
export function findNodeFiles(dir: string): string[];
export function readElectronAbi(projectRoot: string): number;
export function checkNativeAbi(opts: CheckOptions): CheckResult;
export function formatAbiReport(result: CheckResult, expectedAbi: number): string;
