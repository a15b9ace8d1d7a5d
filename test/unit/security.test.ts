// The shell's security policy as plain functions (electron/security.ts) and the packaging config that
// must agree with it. Every guard has an assertion here, so removing one fails a test.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  FUSES,
  buildCsp,
  buildWindowOptions,
  createStyleNonce,
  findForbiddenSwitches,
  guardNavigation,
  isAllowedAppUrl,
  isTrustedIpcEvent,
  isTrustedIpcSender,
  permissionCheckHandler,
  permissionRequestHandler,
  resolveAppPath,
  shouldAllowNavigation,
  windowOpenHandler,
} from '../../electron/security';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '../..');
const PRELOAD = path.join(root, 'dist', 'electron', 'preload.cjs');

describe('buildWindowOptions', () => {
  const o = buildWindowOptions(PRELOAD);
  const wp = o.webPreferences!;

  it('applies every item of the Electron security checklist', () => {
    expect(wp.preload).toBe(PRELOAD);
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.spellcheck).toBe(false);
    expect(wp.navigateOnDragDrop).toBe(false);
    expect(wp.devTools).toBe(false);
  });

  it('starts hidden, titled in Chinese, with minimum sizes', () => {
    expect(o.show).toBe(false);
    expect(o.title).toBe('开发区机构编制工作台');
    expect(o.minWidth).toBeGreaterThanOrEqual(1024);
    expect(o.minHeight).toBeGreaterThanOrEqual(600);
  });

  it('enables DevTools only when asked and refuses a relative preload path', () => {
    expect(buildWindowOptions(PRELOAD, { devTools: true }).webPreferences!.devTools).toBe(true);
    expect(() => buildWindowOptions('dist/electron/preload.cjs')).toThrow(/绝对路径/);
  });
});

describe('buildCsp', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

  it('allows only self, with the locked-down directives', () => {
    const d = directives(buildCsp());
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
    expect(d.get('font-src')).toEqual(["'self'", 'data:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
  });

  it('never contains unsafe-eval or unsafe-inline, in release or dev', () => {
    for (const csp of [buildCsp(), buildCsp({ dev: true }), buildCsp({ styleNonce: createStyleNonce(), dev: true })]) {
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(csp).not.toMatch(/unsafe-inline/);
      expect(csp).not.toMatch(/script-src[^;]*(\*|data:|blob:)/);
    }
  });

  it('adds the AG Grid style nonce to style-src only, and rejects a nonce that could inject directives', () => {
    const nonce = createStyleNonce();
    const d = directives(buildCsp({ styleNonce: nonce }));
    expect(d.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(() => buildCsp({ styleNonce: "abc'; script-src *" })).toThrow();
    expect(() => buildCsp({ styleNonce: 'short' })).toThrow();
  });

  it('in dev only opens loopback for the HMR socket', () => {
    const d = directives(buildCsp({ dev: true }));
    expect(d.get('connect-src')!.every((s) => s === "'self'" || /^(ws|http):\/\/(127\.0\.0\.1|localhost):\*$/.test(s))).toBe(true);
  });
});

describe('app:// URLs', () => {
  it('accepts only app://bundle, comparing protocol and host (not .origin)', () => {
    expect(new URL('app://evil/x').origin).toBe('null'); // why .origin must not be used
    expect(isAllowedAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAllowedAppUrl('app://bundle/assets/index.js?v=1#/zones')).toBe(true);
    for (const bad of ['app://evil/index.html', 'app://bundle.evil/x', 'app://user@bundle/x', 'app://bundle:8080/x', 'file:///etc/passwd', 'https://bundle/x', 'http://localhost/', 'javascript:alert(1)', 'not a url', '']) {
      expect(isAllowedAppUrl(bad), bad).toBe(false);
    }
    expect(isAllowedAppUrl(undefined)).toBe(false);
  });

  const rootDir = path.join(root, 'dist', 'renderer');

  it('resolves files inside the renderer folder', () => {
    expect(resolveAppPath(rootDir, 'app://bundle/')).toBe(path.join(rootDir, 'index.html'));
    expect(resolveAppPath(rootDir, 'app://bundle')).toBe(path.join(rootDir, 'index.html'));
    expect(resolveAppPath(rootDir, 'app://bundle/assets/index-abc.js?x=1#h')).toBe(path.join(rootDir, 'assets', 'index-abc.js'));
    expect(resolveAppPath(rootDir, 'app://bundle/fonts/%E5%AE%8B%E4%BD%93.woff2')).toBe(path.join(rootDir, 'fonts', '宋体.woff2'));
  });

  it('rejects traversal, encoded traversal, absolute paths, backslashes and foreign hosts', () => {
    const attempts = [
      'app://bundle/../../etc/passwd',
      'app://bundle/assets/../../../etc/passwd',
      'app://bundle/%2e%2e/%2e%2e/etc/passwd',
      'app://bundle/%2E%2E/secret',
      'app://bundle/..%2f..%2fetc%2fpasswd',
      'app://bundle/%252e%252e/%252e%252e/etc/passwd',
      'app://bundle/..\\..\\windows\\win.ini',
      'app://bundle/assets%5c..%5c..%5csecret',
      'app://bundle//etc/passwd',
      'app://bundle/%2fetc%2fpasswd',
      'app://bundle/C:/Windows/win.ini',
      'app://bundle/x%00.html',
      'app://bundle/./index.html',
      'app://bundle/%E0%A4%A',
      'app://evil/index.html',
      'file:///etc/passwd',
      'https://example.com/index.html',
    ];
    for (const url of attempts) expect(resolveAppPath(rootDir, url), url).toBeNull();
  });
});

describe('navigation, new windows, permissions', () => {
  it('allows navigation only to the app itself', () => {
    expect(shouldAllowNavigation(APP_INDEX_URL)).toBe(true);
    for (const url of ['file:///etc/passwd', 'https://example.com/', 'http://127.0.0.1:5173/', 'app://evil/', 'data:text/html,hi', 'about:blank']) {
      expect(shouldAllowNavigation(url), url).toBe(false);
    }
    // The dev server is allowed only when explicitly configured, and only that exact host:port.
    expect(shouldAllowNavigation('http://127.0.0.1:5173/#/x', { devServerUrl: 'http://127.0.0.1:5173/' })).toBe(true);
    expect(shouldAllowNavigation('http://127.0.0.1:5174/', { devServerUrl: 'http://127.0.0.1:5173/' })).toBe(false);
    expect(shouldAllowNavigation('https://example.com/', { devServerUrl: 'https://example.com/' })).toBe(false);
  });

  it('guardNavigation cancels the event for anything else', () => {
    let prevented = 0;
    const ev = { preventDefault: () => void prevented++ };
    expect(guardNavigation(ev, 'https://example.com/')).toBe(false);
    expect(guardNavigation(ev, APP_INDEX_URL)).toBe(true);
    expect(prevented).toBe(1);
  });

  it('denies every new window and every permission', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
    const answers: boolean[] = [];
    for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'] as const) {
      permissionRequestHandler(null as never, perm, (granted) => answers.push(granted), {} as never);
      expect(permissionCheckHandler(null, perm, 'app://bundle', {} as never)).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false]);
  });
});

describe('IPC sender checks', () => {
  it('trusts only the app main frame URL', () => {
    expect(isTrustedIpcSender('app://bundle/index.html#/zones', 'app://bundle/index.html')).toBe(true);
    expect(isTrustedIpcSender(undefined, APP_INDEX_URL)).toBe(false);
    expect(isTrustedIpcSender('app://bundle/other.html', APP_INDEX_URL)).toBe(false);
    expect(isTrustedIpcSender('app://evil/index.html', 'app://evil/index.html')).toBe(false);
    expect(isTrustedIpcSender('https://example.com/index.html', 'https://example.com/index.html')).toBe(false);
    expect(isTrustedIpcSender('file:///index.html', 'file:///index.html')).toBe(false);
  });

  it('requires the sender frame to BE the main frame', () => {
    const mainFrame = { url: APP_INDEX_URL };
    expect(isTrustedIpcEvent({ senderFrame: mainFrame, sender: { mainFrame } })).toBe(true);
    expect(isTrustedIpcEvent({ senderFrame: { url: APP_INDEX_URL }, sender: { mainFrame } })).toBe(false); // same-URL iframe
    expect(isTrustedIpcEvent({ senderFrame: null, sender: { mainFrame } })).toBe(false);
  });

  it('finds debugging switches the main process must refuse', () => {
    expect(findForbiddenSwitches(['ZoneDesk', '--remote-debugging-port=9222', '--inspect=9229', '--data-dir=/x', '--js-flags=--allow-natives-syntax'])).toEqual([
      '--remote-debugging-port=9222',
      '--inspect=9229',
      '--js-flags=--allow-natives-syntax',
    ]);
    expect(findForbiddenSwitches(['ZoneDesk', '--data-dir=/x'])).toEqual([]);
  });
});

describe('fuses', () => {
  it('has the release values', () => {
    expect(FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    expect(Object.isFrozen(FUSES)).toBe(true);
  });

  it('are exactly what the electron-builder config flips', () => {
    const config = require('../../build/electron-builder.config.cjs');
    expect(config.electronFuses).toEqual({ ...FUSES });
    expect(config.electronFuses.runAsNode).toBe(false);
  });
});
