// Electron entry (main process): a thin adapter. Everything it serves comes from the same handler table
// as the loopback host; the guards are the plain, tested functions of security.ts.
import { app, BrowserWindow, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { createContext } from './main/app-context';
import { dispatch } from './main/dispatch';
import { defaultDataDir } from './main/paths';
import { STYLE_NONCE_PLACEHOLDER } from './main/renderer-page';
import { EVENTS } from '../shared/contract';
import {
  APP_INDEX_URL, APP_SCHEME, buildCsp, buildWindowOptions, createStyleNonce, findForbiddenSwitches, guardNavigation, isTrustedIpcEvent,
  permissionCheckHandler, permissionRequestHandler, resolveAppPath, windowOpenHandler,
} from './security';

// Native widgets (date pickers, the text context menu) in Chinese whatever the language of Windows: the
// office PC may run an English system, the app's users read Chinese. Must be set before the app is ready.
app.commandLine.appendSwitch('lang', 'zh-CN');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Chromium honours --remote-debugging-port and friends even with the inspect fuse off: refuse to start.
const forbidden = findForbiddenSwitches(process.argv);
if (forbidden.length > 0) {
  console.error(`拒绝启动：不允许的启动参数 ${forbidden.join(' ')}`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const dataDirArg = process.argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
  // The installer team's smoke test (build/smoke-test-installed.mjs): quit with 0 once the page has loaded.
  const smokeTest = process.argv.includes('--smoke-test');
  const rendererDir = path.join(__dirname, '../renderer');
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(() => {
    const ctx = createContext(dataDirArg ?? defaultDataDir(), (event, payload) => {
      if ((EVENTS as readonly string[]).includes(event)) win?.webContents.send(`zonedesk:event:${event}`, payload);
    });

    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppPath(rendererDir, request.url);
      if (!file || !fs.existsSync(file)) return new Response('未找到', { status: 404 });
      if (file.endsWith('.html')) {
        const nonce = createStyleNonce();
        const html = fs.readFileSync(file, 'utf8').replaceAll(STYLE_NONCE_PLACEHOLDER, nonce);
        return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': buildCsp({ styleNonce: nonce }) } });
      }
      return new Response(fs.readFileSync(file), { headers: { 'content-security-policy': buildCsp({}) } });
    });

    session.defaultSession.setPermissionRequestHandler(permissionRequestHandler);
    session.defaultSession.setPermissionCheckHandler(permissionCheckHandler);

    ipcMain.handle('zonedesk:call', async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
      if (!isTrustedIpcEvent(event)) return { ok: false, error: { code: 'unauthorized', message: '拒绝来自未知页面的调用' } };
      return dispatch(String(name), input, ctx);
    });

    app.on('web-contents-created', (_e, contents) => {
      contents.on('will-navigate', (event, url) => guardNavigation(event, url));
      contents.on('will-redirect', (event, url) => guardNavigation(event, url));
      contents.setWindowOpenHandler(windowOpenHandler);
      contents.on('will-attach-webview', (event) => event.preventDefault());
    });

    win = new BrowserWindow(buildWindowOptions(path.join(__dirname, 'preload.cjs')));
    win.once('ready-to-show', () => win?.show());
    if (smokeTest) win.webContents.once('did-finish-load', () => setTimeout(() => app.quit(), 500));
    void win.loadURL(APP_INDEX_URL);
    app.on('before-quit', () => {
      // Chromium writes localStorage to disk lazily; the wizard's unsaved copy (written on pagehide) must
      // reach the disk before the process ends, or it would survive reloads but not a restart.
      session.defaultSession.flushStorageData();
      ctx.store.close();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
