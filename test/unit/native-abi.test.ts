// The native ABI check against the real better-sqlite3 build in node_modules (compiled for Node 20,
// NODE_MODULE_VERSION 115): it must pass against 115 and fail, naming the file, against Electron's 150.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkNativeAbi, findNodeFiles, formatAbiReport, inspectNativeModule, readElectronAbi } from '../../build/native-abi.mjs';

const root = path.resolve(__dirname, '../..');
const sqliteDir = path.join(root, 'node_modules', 'better-sqlite3');
const sqliteAddon = path.join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
const script = path.join(root, 'build', 'check-native-abi.mjs');
const tmp = mkdtempSync(path.join(tmpdir(), 'zonedesk-abi-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const runCheck = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('inspectNativeModule', () => {
  it('reads ABI 115 and the CPU from the real better-sqlite3 build', () => {
    const info = inspectNativeModule(sqliteAddon);
    expect(info.kind).toBe('node-abi');
    expect(info.abis).toEqual([115]);
    expect(info.format).toBe('elf');
    expect(info.platform).toBe('linux');
    expect(info.arch).toBe(process.arch === 'arm64' ? 'arm64' : 'x64');
    expect(process.versions.modules).toBe('115'); // the Node this repo's tests run on
  });

  it('recognises Node-API addons and PE (Windows) binaries', () => {
    const napiWin = path.join(root, 'node_modules', '@electron-internal', 'extract-zip', 'index.win32-x64-msvc.node');
    const info = inspectNativeModule(napiWin);
    expect(info).toMatchObject({ kind: 'napi', format: 'pe', platform: 'win32', arch: 'x64' });
  });

  it('classifies a .node without any Node symbols as not an addon (the SQLite test extension)', () => {
    const ext = path.join(sqliteDir, 'build', 'Release', 'test_extension.node');
    expect(inspectNativeModule(ext).kind).toBe('not-addon');
  });

  it('reads the Electron ABI from node_modules/electron/abi_version', () => {
    expect(readElectronAbi(root)).toBe(150);
  });
});

describe('checkNativeAbi', () => {
  it('finds every .node file under better-sqlite3', () => {
    const files = findNodeFiles(sqliteDir);
    expect(files).toContain(sqliteAddon);
    expect(files.every((f) => f.endsWith('.node'))).toBe(true);
  });

  it('fails against Electron 45 (ABI 150), naming the file', () => {
    const r = checkNativeAbi({ dir: sqliteDir, expectedAbi: 150 });
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.file)).toContain(sqliteAddon);
    const report = formatAbiReport(r, 150);
    expect(report).toContain(sqliteAddon);
    expect(report).toMatch(/ABI 检查失败/);
    expect(report).toMatch(/ABI CHECK FAILED/);
  });

  it('passes against Node 20 (ABI 115)', () => {
    const r = checkNativeAbi({ dir: sqliteDir, expectedAbi: 115, expectedArch: process.arch, expectedPlatform: 'linux', requireAddon: true });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('fails on a wrong CPU or platform (an x64 addon packed into an arm64 or Windows build)', () => {
    const other = process.arch === 'arm64' ? 'x64' : 'arm64';
    expect(checkNativeAbi({ dir: sqliteDir, expectedAbi: 115, expectedArch: other }).ok).toBe(false);
    expect(checkNativeAbi({ dir: sqliteDir, expectedAbi: 115, expectedPlatform: 'win32' }).ok).toBe(false);
  });

  it('fails on an addon whose ABI cannot be told, on an empty folder when an addon is required, and on a missing folder', () => {
    const unknown = path.join(tmp, 'unknown');
    mkdirSync(unknown, { recursive: true });
    writeFileSync(path.join(unknown, 'legacy.node'), Buffer.concat([readFileSync(sqliteAddon).subarray(0, 64), Buffer.from(' _ZN2v88Isolate node_module_register ')]));
    const r = checkNativeAbi({ dir: unknown, expectedAbi: 150 });
    expect(r.ok).toBe(false);
    expect(r.problems[0].file).toBe(path.join(unknown, 'legacy.node'));

    const empty = path.join(tmp, 'empty');
    mkdirSync(empty, { recursive: true });
    expect(checkNativeAbi({ dir: empty, expectedAbi: 150, requireAddon: true }).ok).toBe(false);
    expect(checkNativeAbi({ dir: path.join(tmp, 'nope'), expectedAbi: 150 }).ok).toBe(false);
  });

  it('checks a packaged layout (app.asar.unpacked) the same way', () => {
    const unpacked = path.join(tmp, 'linux-unpacked', 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(unpacked, { recursive: true });
    copyFileSync(sqliteAddon, path.join(unpacked, 'better_sqlite3.node'));
    const r = checkNativeAbi({ dir: path.join(tmp, 'linux-unpacked', 'resources', 'app.asar.unpacked'), expectedAbi: 150 });
    expect(r.ok).toBe(false);
    expect(r.problems[0].file).toBe(path.join(unpacked, 'better_sqlite3.node'));
  });
});

describe('build/check-native-abi.mjs', () => {
  it('exits 1 by default (against node_modules/electron/abi_version = 150) with a loud message naming the file', () => {
    const r = runCheck();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(sqliteAddon);
    expect(r.stderr).toMatch(/原生模块 ABI 检查失败/);
    expect(r.stderr).toMatch(/NATIVE MODULE ABI CHECK FAILED/);
  });

  it('exits 0 against ABI 115', () => {
    const r = runCheck(sqliteDir, '--abi', '115');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ABI 115');
  });

  it('exits 2 on bad usage', () => {
    expect(runCheck('--abi', 'abc').status).toBe(2);
    expect(runCheck('--frobnicate').status).toBe(2);
  });
});
