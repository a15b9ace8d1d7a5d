// Security policy of the desktop shell, as plain functions.
// Nothing here imports Electron at run time (only `import type`), so every guard is unit-tested in
// plain Node (test/unit/security.test.ts); the main process only wires these into Electron's hooks.
// The checklist these follow: /work/shared/electron.md and Electron's own security tutorial.
import type { BrowserWindowConstructorOptions, HandlerDetails, Session, WindowOpenHandlerResponse } from 'electron';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import fuseSettings from './fuses.json';

export const APP_TITLE = '开发区机构编制工作台';

/** The custom scheme the renderer is served from; `file://` is never used (see resolveAppPath). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN_PREFIX = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_INDEX_URL = `${APP_ORIGIN_PREFIX}index.html`;

export interface WindowOptionsExtra {
  /** DevTools are off in release builds: a support technician can use the browser mode instead. */
  readonly devTools?: boolean;
}

export function buildWindowOptions(preloadPath: string, extra: WindowOptionsExtra = {}): BrowserWindowConstructorOptions {
  // Electron resolves a relative preload against an undefined cwd; an absolute path avoids loading the wrong file.
  if (typeof preloadPath !== 'string' || !path.isAbsolute(preloadPath)) {
    throw new Error(`预加载脚本路径必须是绝对路径：${String(preloadPath)}`);
  }
  return {
    title: APP_TITLE,
    width: 1366,
    height: 860,
    // Below this the register grids and the reform editor's two panes stop being usable.
    minWidth: 1024,
    minHeight: 680,
    // Shown on 'ready-to-show' so users never see a white flash or a half-rendered page.
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      // The renderer gets the preload's named functions only, never Node or ipcRenderer.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Spellcheck would download Hunspell dictionaries from Google: no network in this app.
      spellcheck: false,
      // Dropping a file onto the window must not navigate the app to file://.
      navigateOnDragDrop: false,
      enableWebSQL: false,
      safeDialogs: true,
      devTools: extra.devTools === true,
    },
  };
}

export interface CspOptions {
  /** Per-load nonce handed to AG Grid's `styleNonce`, so its injected <style> elements are allowed. */
  readonly styleNonce?: string;
  /** Development only: lets Vite's HMR socket on loopback connect. Scripts stay 'self'-only. */
  readonly dev?: boolean;
}

// A nonce is inserted verbatim into the header: anything but base64 characters could smuggle in directives.
const NONCE_RE = /^[A-Za-z0-9+/_-]{16,128}={0,2}$/;

export function createStyleNonce(): string {
  return randomBytes(18).toString('base64');
}

export function buildCsp(opts: CspOptions = {}): string {
  const styleSrc = ["'self'"];
  if (opts.styleNonce !== undefined) {
    if (!NONCE_RE.test(opts.styleNonce)) throw new Error('CSP nonce 格式无效');
    styleSrc.push(`'nonce-${opts.styleNonce}'`);
  }
  const connectSrc = ["'self'"];
  if (opts.dev === true) {
    connectSrc.push('ws://127.0.0.1:*', 'ws://localhost:*', 'http://127.0.0.1:*', 'http://localhost:*');
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    // No 'unsafe-eval' and no 'unsafe-inline': an injected string can never become code.
    ['script-src', ["'self'"]],
    ['style-src', styleSrc],
    // AG Grid's icons and our exported previews use data: URLs; nothing is fetched from elsewhere.
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connectSrc],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/**
 * True only for app://bundle/… URLs. Compares protocol AND host: in Node, `new URL('app://x').origin`
 * is the string 'null' for every custom scheme, so an origin comparison would let app://evil/ through.
 */
export function isAllowedAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}

// Matches the literal prefix so the raw path can be checked before the URL parser silently
// resolves `..` segments (rejecting beats normalising: a traversal attempt is never a real request).
const APP_URL_RAW_RE = /^app:\/\/bundle(\/[^?#]*)?(?:[?#].*)?$/i;

/**
 * Maps app://bundle/<path> to a file inside rootDir, or null when the request is malformed or would
 * leave rootDir: `..` (plain, percent-encoded or double-encoded), backslashes, NUL, drive letters.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length > 4096 || !isAllowedAppUrl(requestUrl)) return null;
  const m = APP_URL_RAW_RE.exec(requestUrl);
  if (!m) return null;
  const rawPath = m[1] ?? '/';
  if (rawPath.includes('\\') || /%5c|%00/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed percent-encoding
  }
  // A '%' left after one decoding means double encoding (%252e%252e): no real asset is named that way.
  if (/[\\\0%:]/.test(decoded)) return null;
  const segments = decoded.split('/');
  for (let i = 1; i < segments.length; i++) {
    const s = segments[i];
    if (s === '..' || s === '.') return null;
    // Empty inner segments ('//') are how absolute paths sneak in on some platforms.
    if (s === '' && i !== segments.length - 1) return null;
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.slice(1);
  const root = path.resolve(rootDir);
  const full = path.resolve(root, relative);
  const rel = path.relative(root, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}

export interface NavigationOptions {
  /** Development only: the Vite dev server the window is loaded from. */
  readonly devServerUrl?: string;
}

function sameLoopbackServer(url: string, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false;
  try {
    const a = new URL(url);
    const b = new URL(devServerUrl);
    const loopback = b.hostname === '127.0.0.1' || b.hostname === 'localhost';
    return loopback && (b.protocol === 'http:' || b.protocol === 'https:') && a.protocol === b.protocol && a.host === b.host;
  } catch {
    return false;
  }
}

/** Allow-list for 'will-navigate' / 'will-redirect': the app's own pages, nothing else (no file://, no web). */
export function shouldAllowNavigation(url: string, opts: NavigationOptions = {}): boolean {
  return isAllowedAppUrl(url) || sameLoopbackServer(url, opts.devServerUrl);
}

/** For 'will-navigate': cancels the navigation unless allowed; returns whether it was allowed. */
export function guardNavigation(event: { preventDefault(): void }, url: string, opts: NavigationOptions = {}): boolean {
  const allowed = shouldAllowNavigation(url, opts);
  if (!allowed) event.preventDefault();
  return allowed;
}

/** setWindowOpenHandler: the app never opens windows (no popups, no target=_blank, no external browser). */
export function windowOpenHandler(_details?: HandlerDetails): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;

/** Camera, notifications, clipboard-read, geolocation…: a register app needs none of them. */
export const permissionRequestHandler: PermissionRequestHandler = (_webContents, _permission, callback) => {
  callback(false);
};

export const permissionCheckHandler: PermissionCheckHandler = () => false;

/**
 * IPC is answered only for the app's own page: the sender frame's URL must be an app:// URL with the
 * same path as the main frame (query and hash may differ: the renderer routes by hash).
 */
export function isTrustedIpcSender(frameUrl: string | undefined, mainFrameUrl: string, opts: NavigationOptions = {}): boolean {
  if (typeof frameUrl !== 'string' || typeof mainFrameUrl !== 'string') return false;
  let a: URL;
  let b: URL;
  try {
    a = new URL(frameUrl);
    b = new URL(mainFrameUrl);
  } catch {
    return false;
  }
  const bothApp = isAllowedAppUrl(frameUrl) && isAllowedAppUrl(mainFrameUrl);
  const bothDev = sameLoopbackServer(frameUrl, opts.devServerUrl) && sameLoopbackServer(mainFrameUrl, opts.devServerUrl);
  return (bothApp || bothDev) && a.pathname === b.pathname;
}

interface FrameLike {
  readonly url: string;
}
export interface IpcEventLike {
  readonly senderFrame?: FrameLike | null;
  readonly sender: { readonly mainFrame: FrameLike };
}

/** The full IPC check: the sender must BE the main frame (identity, so a same-URL iframe fails) and be ours. */
export function isTrustedIpcEvent(event: IpcEventLike, opts: NavigationOptions = {}): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isTrustedIpcSender(frame.url, event.sender.mainFrame.url, opts);
}

/**
 * Chromium honours --remote-debugging-port even with the inspect fuse off, which would hand the
 * renderer (and through IPC, the register) to anything on localhost. The main process refuses to start
 * when one of these is on its command line.
 */
export const FORBIDDEN_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'js-flags',
] as const;

export function findForbiddenSwitches(argv: readonly string[]): string[] {
  const found: string[] = [];
  for (const arg of argv) {
    const m = /^--?([a-z-]+)(?:=.*)?$/i.exec(arg);
    if (m && (FORBIDDEN_SWITCHES as readonly string[]).includes(m[1].toLowerCase())) found.push(arg);
  }
  return found;
}

export interface FuseSettings {
  readonly runAsNode: boolean;
  readonly enableNodeOptionsEnvironmentVariable: boolean;
  readonly enableNodeCliInspectArguments: boolean;
  readonly enableCookieEncryption: boolean;
  readonly enableEmbeddedAsarIntegrityValidation: boolean;
  readonly onlyLoadAppFromAsar: boolean;
  readonly grantFileProtocolExtraPrivileges: boolean;
  readonly loadBrowserProcessSpecificV8Snapshot: boolean;
}

/**
 * Fuses flipped into the packaged binary. Single source: electron/fuses.json, which
 * build/electron-builder.config.cjs also reads (a test checks that both agree):
 * - runAsNode off: ELECTRON_RUN_AS_NODE=1 ZoneDesk would otherwise be a signed, trusted Node.
 * - NODE_OPTIONS and --inspect off: no code injection or debugger through the environment/command line.
 * - cookie encryption on; asar integrity + only-asar on: the code that runs is the code we signed.
 * - file:// extra privileges off: we serve app://, never file://.
 */
export const FUSES: FuseSettings = Object.freeze({ ...(fuseSettings as FuseSettings) });
