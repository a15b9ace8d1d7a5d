#!/usr/bin/env node
// `npm run dist [-- options]`: package ZoneDesk with electron-builder, offline.
//
//   --linux / --win        platforms (default: this machine's)
//   --x64 / --arm64        architectures (default: this machine's; the native module is per CPU, see README)
//   --dir                  unpacked app only (no installer toolsets needed)
//   --targets=deb,AppImage override the config's targets for the chosen platforms
//   --check                run steps 1-2 only (a preflight for the build machine), exit 0 when all is ready
//
// Order, and why:
//   1. Check on disk for everything electron-builder would download (Electron zips, helper toolsets).
//      Anything missing: ONE message naming each file, exit 2, without touching the network — a
//      download attempt on our machines either fails deep in the build or hangs on timeouts.
//   2. Check the app was built (dist/) and that better-sqlite3 is built for Electron's ABI.
//   3. Run electron-builder with build/electron-builder.config.cjs, feeding it the verified zips.
// Exit codes: 0 ok, 1 build/check failure, 2 offline prerequisites missing or bad usage.
import { copyFileSync, existsSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOfflinePrereqs, formatMissingMessage } from './offline-prereqs.mjs';
import { checkNativeAbi, formatAbiReport, readElectronAbi } from './native-abi.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const DEFAULT_TARGETS = { linux: ['deb', 'AppImage'], win32: ['nsis', 'portable'] };

function usage(msg) {
  if (msg) console.error(msg);
  console.error('用法 / usage: npm run dist -- [--linux] [--win] [--x64] [--arm64] [--dir] [--targets=a,b] [--check]');
  process.exit(2);
}

function parseArgs(argv) {
  const platforms = new Set();
  const archs = new Set();
  let targets = null;
  let checkOnly = false;
  for (const a of argv) {
    if (a === '--linux') platforms.add('linux');
    else if (a === '--win') platforms.add('win32');
    else if (a === '--x64') archs.add('x64');
    else if (a === '--arm64') archs.add('arm64');
    else if (a === '--dir') targets = ['dir'];
    else if (a === '--check') checkOnly = true;
    else if (a.startsWith('--targets=')) targets = a.slice('--targets='.length).split(',').filter(Boolean);
    else if (a === '--help' || a === '-h') usage();
    else usage(`未知参数 / unknown option: ${a}`);
  }
  if (platforms.size === 0) {
    if (process.platform !== 'linux' && process.platform !== 'win32') usage(`不支持在 ${process.platform} 上打包 / unsupported host`);
    platforms.add(process.platform);
  }
  if (archs.size === 0) archs.add(process.arch === 'arm64' ? 'arm64' : 'x64');
  const builds = [];
  for (const platform of platforms) {
    for (const arch of archs) {
      if (platform === 'win32' && arch !== 'x64') usage('Windows 只构建 x64 / Windows builds are x64 only');
      builds.push({ platform, arch, targets: targets ?? DEFAULT_TARGETS[platform] });
    }
  }
  return { builds, checkOnly };
}

function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

/** electronDist may be a folder holding electron-v<ver>-<platform>-<arch>.zip: stage the verified zips there. */
function stageZips(zips) {
  const dir = path.join(projectRoot, '.tmp', 'electron-dist');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, file] of Object.entries(zips)) {
    const dest = path.join(dir, name);
    try {
      linkSync(file, dest); // no 100 MB copy when on the same file system
    } catch {
      copyFileSync(file, dest);
    }
  }
  return dir;
}

async function main() {
  const { builds, checkOnly } = parseArgs(process.argv.slice(2));

  // 1. Offline prerequisites: disk only, never the network.
  const pre = await checkOfflinePrereqs({ projectRoot, env: process.env, home: os.homedir(), builds });
  if (pre.problems.length > 0) fail(formatMissingMessage(pre.problems), 2);

  // 2. The app itself, and the native module's ABI.
  const needed = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];
  const missing = needed.filter((f) => !existsSync(path.join(projectRoot, f)));
  if (missing.length > 0) fail(`缺少构建产物 / missing build output: ${missing.join(', ')}\n请先运行 npm run build。 / Run npm run build first.`);
  const expectedAbi = readElectronAbi(projectRoot);
  const abi = checkNativeAbi({ dir: path.join(projectRoot, 'node_modules', 'better-sqlite3'), expectedAbi, requireAddon: true });
  if (!abi.ok) fail(`${formatAbiReport(abi, expectedAbi)}\n见 build/README.md「better-sqlite3 为 Electron 重新编译」。`);
  if (checkOnly) {
    console.log(`离线打包条件齐备 / ready to package: ${builds.map((b) => `${b.platform}-${b.arch} [${b.targets.join(',')}]`).join('; ')}`);
    return;
  }

  // 3. electron-builder. If something still tried to download despite step 1, point it at a closed
  // local port so it fails at once instead of hanging (a mirror the operator set is respected).
  process.env.ELECTRON_BUILDER_BINARIES_MIRROR ??= 'https://127.0.0.1:9/';
  process.env.ELECTRON_MIRROR ??= 'https://127.0.0.1:9/';
  const { build, Platform, Arch } = require('electron-builder');
  const baseConfig = require('./electron-builder.config.cjs');
  const electronDist = pre.unpackedDist ?? stageZips(pre.zips);
  const platformOf = { linux: Platform.LINUX, win32: Platform.WINDOWS };
  const artifacts = [];
  for (const b of builds) {
    console.log(`\n=== electron-builder: ${b.platform} ${b.arch} [${b.targets.join(', ')}] ===`);
    const result = await build({
      projectDir: projectRoot,
      config: { ...baseConfig, electronDist },
      targets: platformOf[b.platform].createTarget(b.targets, Arch[b.arch]),
    });
    artifacts.push(...result);
  }
  console.log('\n产物 / artifacts:');
  for (const a of artifacts) console.log(`  ${a}`);
  console.log('\n下一步：签发校验清单 / next: sign the release manifest:');
  console.log('  zonedesk sign-release release --private-key /path/to/release-ed25519.pem');
  if (builds.some((b) => b.platform === 'win32') && !process.env.ZONEDESK_WIN_CERT) {
    console.warn('\n!!! 未签名构建：未设置 ZONEDESK_WIN_CERT，Windows 安装包没有 Authenticode 签名。 / UNSIGNED Windows build.');
  }
  if (builds.some((b) => b.platform === 'linux') && !process.env.ZONEDESK_GPG_KEY) {
    console.warn('!!! 未签名构建：未设置 ZONEDESK_GPG_KEY，.deb 没有 gpg 签名。 / UNSIGNED .deb packages.');
  }
}

main().catch((err) => fail(`打包失败 / packaging failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, 1));
