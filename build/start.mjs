// npm start: builds, then opens the Electron window when an Electron binary is present; otherwise says so
// in one line and starts browser mode on the embedded demo data. Never calls require('electron'), which
// would try to download the binary (and hang or fail) on machines without internet.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

function findElectronBinary() {
  const exe = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const candidates = [];
  if (process.env.ELECTRON_EXEC_PATH) candidates.push(process.env.ELECTRON_EXEC_PATH);
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) candidates.push(path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, exe));
  const pathTxt = path.join(root, 'node_modules/electron/path.txt');
  if (fs.existsSync(pathTxt)) candidates.push(path.join(root, 'node_modules/electron/dist', fs.readFileSync(pathTxt, 'utf8').trim()));
  candidates.push(path.join(root, 'node_modules/electron/dist', exe));
  return candidates.find((c) => fs.existsSync(c));
}

const built = spawnSync(process.execPath, [path.join(root, 'build/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const electron = findElectronBinary();
if (electron) {
  const child = spawn(electron, [root, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('未找到 Electron 程序（本机无法下载），改为启动浏览器模式 / Electron binary not found: starting browser mode instead.');
  const child = spawn(process.execPath, [path.join(root, 'dist/node/cli.cjs'), 'serve', ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
