// What `npm run dist` would have to download, decided from the local disk alone.
// Why: electron-builder fetches the Electron zip, its SHASUMS256.txt and helper toolsets (fpm,
// appimage, nsis, 7zip) on demand; on our offline machines that either fails deep inside a build or
// waits on DNS/TCP timeouts. build/dist.mjs calls these functions first and stops with one message
// naming every missing file. Nothing in this file opens a network connection.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function electronZipName(version, platform, arch) {
  return `electron-v${version}-${platform}-${arch}.zip`;
}

/** The unpacked-Electron case: a folder holding the executable and a `version` file. */
export function readUnpackedElectronVersion(dir) {
  const versionFile = path.join(dir, 'version');
  const exe = ['electron', 'electron.exe'].some((n) => existsSync(path.join(dir, n)));
  if (!exe || !existsSync(versionFile)) return null;
  return readFileSync(versionFile, 'utf8').trim().replace(/^v/, '');
}

/**
 * Folders that may hold Electron zips, in the order they are searched. Only what is set is returned.
 * @param {{ env: Record<string, string|undefined>, home: string, platform?: string }} ctx
 */
export function electronZipSearchDirs({ env, home, platform = process.platform }) {
  const dirs = [
    env.ZONEDESK_ELECTRON_ZIPS, // our own: a folder of verified zips copied from the connected machine
    env.ELECTRON_OVERRIDE_DIST_PATH,
    env.electron_config_cache,
    env.npm_config_electron_config_cache,
    env.ELECTRON_CACHE,
  ];
  // @electron/get's default cache root (what `npx electron` or electron-builder fill on a connected machine).
  if (platform === 'win32') dirs.push(path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'electron', 'Cache'));
  else if (platform === 'darwin') dirs.push(path.join(home, 'Library', 'Caches', 'electron'));
  else dirs.push(path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'electron'));
  return [...new Set(dirs.filter((d) => typeof d === 'string' && d.trim() !== '').map((d) => path.resolve(d)))];
}

/** @electron/get stores zips as <cacheRoot>/<sha256 of the URL folder>/<name>: search two levels deep. */
export function findFileShallow(dir, name, depth = 2) {
  if (!existsSync(dir)) return null;
  const direct = path.join(dir, name);
  if (existsSync(direct) && statSync(direct).isFile()) return direct;
  if (depth <= 0) return null;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!e.isDirectory()) continue;
    const found = findFileShallow(path.join(dir, e.name), name, depth - 1);
    if (found) return found;
  }
  return null;
}

export function sha256File(file) {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** node_modules/electron/checksums.json ships with the npm package: the zips are checked against it offline. */
export function readElectronChecksums(projectRoot) {
  const file = path.join(projectRoot, 'node_modules', 'electron', 'checksums.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

export function electronBuilderCacheDir({ env, home, platform = process.platform }) {
  const override = env.ELECTRON_BUILDER_CACHE?.trim();
  if (override && path.isAbsolute(override)) return override;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'electron-builder', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'electron-builder');
  const xdg = env.XDG_CACHE_HOME;
  return xdg && path.isAbsolute(xdg) ? path.join(xdg, 'electron-builder') : path.join(home, '.cache', 'electron-builder');
}

const FPM_FILE = { x64: 'fpm-1.17.0-ruby-3.4.3-linux-amd64.7z', arm64: 'fpm-1.17.0-ruby-3.4.3-linux-arm64v8.7z' };
const SEVENZIP_FILE = { 'linux-x64': '7zip-linux-x64.tar.gz', 'linux-arm64': '7zip-linux-arm64.tar.gz', 'win32-x64': '7zip-win-x64.tar.gz', 'win32-arm64': '7zip-win-arm64.tar.gz' };

/**
 * Toolsets electron-builder 26.17 downloads for the given targets with its default (legacy) toolset
 * versions, each with the environment overrides that make the download unnecessary.
 * Names mirror app-builder-lib/out/toolsets/*.js; update them together with electron-builder.
 * @param {string[]} targets e.g. ['deb','AppImage'] or ['nsis','portable']; 'dir' needs none
 */
export function requiredToolsets(targets, { hostPlatform = process.platform, hostArch = process.arch } = {}) {
  const t = new Set(targets.map((x) => x.toLowerCase()));
  const list = [];
  const sevenZip = { release: '7zip@1.0.0', file: SEVENZIP_FILE[`${hostPlatform}-${hostArch}`] ?? '7zip-linux-x64.tar.gz', overrides: ['ELECTRON_BUILDER_7ZIP_PATH'] };
  let needs7z = false;
  if (t.has('deb') || t.has('rpm')) {
    if (hostPlatform !== 'win32') {
      list.push({ release: 'fpm@2.1.4', file: FPM_FILE[hostArch] ?? FPM_FILE.x64, overrides: ['USE_SYSTEM_FPM=true', 'CUSTOM_FPM_PATH'] });
      needs7z = true;
    }
  }
  if (t.has('appimage')) {
    list.push({ release: 'appimage-12.0.1', file: 'appimage-12.0.1.7z', overrides: ['APPIMAGE_TOOLS_PATH'] });
    needs7z = true;
  }
  if (t.has('nsis') || t.has('portable')) {
    list.push({ release: 'nsis-3.0.4.1', file: 'nsis-3.0.4.1.7z', overrides: ['ELECTRON_BUILDER_NSIS_DIR'] });
    list.push({ release: 'nsis-resources-3.4.1', file: 'nsis-resources-3.4.1.7z', overrides: ['ELECTRON_BUILDER_NSIS_RESOURCES_DIR'] });
    needs7z = true; // NSIS payloads are packed with 7za
  }
  if (needs7z) list.push(sevenZip);
  return list;
}

function overrideSatisfied(override, env) {
  const [name, value] = override.split('=');
  const v = env[name];
  return value === undefined ? typeof v === 'string' && v !== '' && existsSync(v) : v === value;
}

/**
 * A toolset is present when its archive or an extracted folder sits in <cache>/<release>/, exactly
 * where electron-builder's downloadBuilderToolset looks before downloading.
 */
export function isToolsetCached(cacheDir, toolset, env = {}) {
  if (toolset.overrides.some((o) => overrideSatisfied(o, env))) return true;
  const dir = path.join(cacheDir, toolset.release);
  if (!existsSync(dir)) return false;
  const stem = toolset.file.replace(/\.(tar\.gz|tgz|tar\.xz|txz|tar\.7z|zip|7z)$/, '');
  return readdirSync(dir, { withFileTypes: true }).some(
    (e) => (e.isFile() && e.name === toolset.file) || (e.isDirectory() && e.name.startsWith(`${stem}-`) && !e.name.endsWith('.tmp')),
  );
}

function onPath(cmd, env) {
  const dirs = (env.PATH || '').split(path.delimiter).filter(Boolean);
  return dirs.some((d) => existsSync(path.join(d, cmd)));
}

/**
 * Everything `npm run dist` needs from disk. Returns what is present (zip paths to stage) and a list
 * of problems, each naming the exact file or tool to bring over from the connected machine.
 * @param {{ projectRoot: string, env: Record<string,string|undefined>, home: string,
 *           builds: Array<{platform: string, arch: string, targets: string[]}>,
 *           hostPlatform?: string, hostArch?: string }} ctx
 */
export async function checkOfflinePrereqs(ctx) {
  const { projectRoot, env, home, builds, hostPlatform = process.platform, hostArch = process.arch } = ctx;
  const problems = [];
  const zips = {};
  let unpackedDist = null;
  const pkgFile = path.join(projectRoot, 'node_modules', 'electron', 'package.json');
  if (!existsSync(pkgFile)) {
    problems.push({ item: 'node_modules/electron', zh: '未安装 electron（npm 包）。', en: 'The electron npm package is not installed.' });
    return { version: null, zips, unpackedDist, problems };
  }
  const version = JSON.parse(readFileSync(pkgFile, 'utf8')).version;
  const checksums = readElectronChecksums(projectRoot);
  const searchDirs = electronZipSearchDirs({ env, home, platform: hostPlatform });
  for (const b of builds) {
    const name = electronZipName(version, b.platform, b.arch);
    if (zips[name]) continue;
    // An unpacked Electron of the right version serves the host platform/arch only.
    const override = env.ELECTRON_OVERRIDE_DIST_PATH;
    if (override && b.platform === hostPlatform && b.arch === hostArch && readUnpackedElectronVersion(override) === version) {
      unpackedDist = path.resolve(override);
      continue;
    }
    const found = searchDirs.map((d) => findFileShallow(d, name)).find(Boolean);
    if (!found) {
      problems.push({ item: name, zh: `缺少 Electron 压缩包 ${name}。`, en: `Missing the Electron zip ${name}.`, searched: searchDirs });
      continue;
    }
    const expected = checksums[name];
    const actual = await sha256File(found);
    if (!expected || expected !== actual) {
      problems.push({ item: name, zh: `${found} 的 SHA-256 与 node_modules/electron/checksums.json 不符（文件损坏或版本不对）。`, en: `${found} does not match node_modules/electron/checksums.json.` });
      continue;
    }
    zips[name] = found;
  }
  const cacheDir = electronBuilderCacheDir({ env, home, platform: hostPlatform });
  const seen = new Set();
  for (const b of builds) {
    for (const tool of requiredToolsets(b.targets, { hostPlatform, hostArch })) {
      if (seen.has(tool.release)) continue;
      seen.add(tool.release);
      if (!isToolsetCached(cacheDir, tool, env)) {
        problems.push({
          item: `${tool.release}/${tool.file}`,
          zh: `缺少 electron-builder 工具包 ${tool.release}/${tool.file}（应在 ${cacheDir} 中）。`,
          en: `Missing electron-builder toolset ${tool.release}/${tool.file} in ${cacheDir} (or set ${tool.overrides.join(' / ')}).`,
        });
      }
    }
    // NSIS builds its uninstaller by running the installer: on Linux that needs the system `wine`.
    if (hostPlatform !== 'win32' && b.targets.some((t) => /^(nsis|portable)$/i.test(t)) && !onPath('wine', env) && !seen.has('wine')) {
      seen.add('wine');
      problems.push({ item: 'wine', zh: '在 Linux 上构建 Windows 安装包需要 wine（apt-get install wine），或改在 Windows 构建机上构建。', en: 'Building NSIS on Linux needs `wine` on PATH; or build Windows installers on Windows.' });
    }
  }
  return { version, zips, unpackedDist, problems };
}

/** The single message `npm run dist` prints before exiting 2. */
export function formatMissingMessage(problems) {
  const bar = '='.repeat(78);
  const lines = [bar, '离线打包无法继续：以下文件需要从联网的构建机拷贝过来（本机不会尝试下载）。', 'Offline packaging cannot continue: copy these from a connected build machine (nothing is downloaded here).', ''];
  for (const p of problems) {
    lines.push(`  ✗ ${p.item}`, `      ${p.zh}`, `      ${p.en}`);
    if (p.searched) lines.push(`      已查找 / searched: ${p.searched.join(', ')}`);
  }
  lines.push('', '办法见 build/README.md「联网构建机」一节。 / See build/README.md, "connected build machine".', bar);
  return lines.join('\n');
}

export const defaultHome = () => os.homedir();
