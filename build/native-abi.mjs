// Reads which Node ABI (NODE_MODULE_VERSION) and CPU a native `.node` addon was built for.
// Why: electron-builder's rebuild through npm compiles better-sqlite3 12 against Node 20's headers
// (ABI 115) and reports success; Electron 45 (ABI 150) then crashes when the app opens its database.
// This check runs before packaging (build/dist.mjs) and on the packaged app (afterPack hook), and
// stops the build naming the file. Plain JavaScript so the .cjs builder config can use it too.
import { readFileSync, readdirSync, lstatSync, existsSync } from 'node:fs';
import path from 'node:path';

// Addons built with NODE_MODULE_INIT / NODE_MODULE_X export `node_register_module_v<ABI>`;
// Node-API addons export `napi_register_module_v1` and load in any ABI.
const NODE_REGISTER_RE = /node_register_module_v(\d+)/g;
const NAPI_REGISTER = 'napi_register_module_v1';
// Present in anything that talks to Node or V8; a `.node` with none of them is not a Node addon
// (better-sqlite3 ships `test_extension.node`, an SQLite extension).
const NODE_MARKERS_RE = /napi_|node_module_register|_ZN2v8|_ZN4node|node\.exe|node\.dll/;

const ELF_MACHINES = { 3: 'ia32', 40: 'arm', 62: 'x64', 183: 'arm64', 258: 'loong64' };
const PE_MACHINES = { 0x014c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64', 0x01c4: 'arm' };

/** @param {Buffer} buf */
function readFormatAndArch(buf) {
  if (buf.length >= 20 && buf[0] === 0x7f && buf[1] === 0x45 && buf[2] === 0x4c && buf[3] === 0x46) {
    const little = buf[5] === 1;
    const machine = little ? buf.readUInt16LE(18) : buf.readUInt16BE(18);
    return { format: 'elf', platform: 'linux', arch: ELF_MACHINES[machine] ?? `elf-machine-${machine}` };
  }
  if (buf.length >= 64 && buf[0] === 0x4d && buf[1] === 0x5a) {
    const peOffset = buf.readUInt32LE(0x3c);
    if (peOffset + 6 <= buf.length && buf.readUInt32LE(peOffset) === 0x00004550) {
      const machine = buf.readUInt16LE(peOffset + 4);
      return { format: 'pe', platform: 'win32', arch: PE_MACHINES[machine] ?? `pe-machine-${machine.toString(16)}` };
    }
  }
  if (buf.length >= 8) {
    const magic = buf.readUInt32BE(0);
    if (magic === 0xcffaedfe || magic === 0xcafebabe) {
      const cpu = magic === 0xcffaedfe ? buf.readUInt32LE(4) : 0;
      return { format: 'macho', platform: 'darwin', arch: cpu === 0x01000007 ? 'x64' : cpu === 0x0100000c ? 'arm64' : 'universal' };
    }
  }
  return { format: 'unknown', platform: 'unknown', arch: 'unknown' };
}

/**
 * @param {string} file
 * @returns {import('./native-abi.d.mts').NativeModuleInfo}
 */
export function inspectNativeModule(file) {
  const buf = readFileSync(file);
  const { format, platform, arch } = readFormatAndArch(buf);
  // latin1 keeps one char per byte, so symbol names survive exactly and nothing is lost to UTF-8 decoding.
  const text = buf.toString('latin1');
  const abis = new Set();
  for (const m of text.matchAll(NODE_REGISTER_RE)) abis.add(Number(m[1]));
  if (abis.size > 0) {
    return { file, format, platform, arch, kind: 'node-abi', abis: [...abis].sort((a, b) => a - b) };
  }
  if (text.includes(NAPI_REGISTER)) return { file, format, platform, arch, kind: 'napi', abis: [] };
  if (NODE_MARKERS_RE.test(text)) return { file, format, platform, arch, kind: 'unknown-addon', abis: [] };
  return { file, format, platform, arch, kind: 'not-addon', abis: [] };
}

/**
 * Every `.node` file under dir (symlinks are not followed: a packaged app has none, and following
 * them could leave the directory being checked).
 * @param {string} dir
 * @returns {string[]}
 */
export function findNodeFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && name.endsWith('.node')) out.push(p);
    }
  };
  if (lstatSync(dir).isFile()) return dir.endsWith('.node') ? [dir] : [];
  walk(dir);
  return out;
}

/**
 * The ABI of the Electron this project builds with: node_modules/electron/abi_version (150 for 45).
 * @param {string} projectRoot
 * @returns {number}
 */
export function readElectronAbi(projectRoot) {
  const file = path.join(projectRoot, 'node_modules', 'electron', 'abi_version');
  if (!existsSync(file)) {
    throw new Error(`找不到 ${file}：请先安装 devDependency electron。 / Missing ${file}: install the electron devDependency.`);
  }
  const n = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${file} 内容无效 / invalid content`);
  return n;
}

/**
 * @param {import('./native-abi.d.mts').CheckOptions} opts
 * @returns {import('./native-abi.d.mts').CheckResult}
 */
export function checkNativeAbi(opts) {
  const { dir, expectedAbi, expectedArch, expectedPlatform } = opts;
  if (!existsSync(dir)) {
    return { ok: false, modules: [], problems: [{ file: dir, message: `目录不存在 / directory does not exist: ${dir}` }] };
  }
  const modules = findNodeFiles(dir).map(inspectNativeModule);
  const problems = [];
  for (const m of modules) {
    if (m.kind === 'not-addon') continue;
    if (m.kind === 'unknown-addon') {
      problems.push({ file: m.file, message: `无法判定此原生模块的 ABI（未导出 node_register_module_v*），拒绝打包。 / Cannot tell which Node ABI this addon targets; refusing to package it.` });
      continue;
    }
    if (m.kind === 'node-abi' && !m.abis.includes(expectedAbi)) {
      problems.push({
        file: m.file,
        message: `原生模块 ABI 为 ${m.abis.join(',')}，而 Electron 需要 ${expectedAbi}：打包后的应用打开数据库时会崩溃。请用 @electron/rebuild 为 Electron 重新编译。 / Built for NODE_MODULE_VERSION ${m.abis.join(',')}, Electron needs ${expectedAbi}: the packaged app would crash. Rebuild it for Electron (see build/README.md).`,
      });
    }
    if (expectedArch && m.arch !== expectedArch) {
      problems.push({ file: m.file, message: `CPU 架构为 ${m.arch}，目标为 ${expectedArch}。 / Built for ${m.arch}, target is ${expectedArch}.` });
    }
    if (expectedPlatform && m.platform !== expectedPlatform) {
      problems.push({ file: m.file, message: `平台为 ${m.platform}（${m.format}），目标为 ${expectedPlatform}。 / Built for ${m.platform}, target is ${expectedPlatform}.` });
    }
  }
  if (!modules.some((m) => m.kind === 'node-abi' || m.kind === 'napi') && opts.requireAddon) {
    problems.push({ file: dir, message: `未找到任何 Node 原生模块（better-sqlite3 应在此处）。 / No Node addon found (better-sqlite3 should be here).` });
  }
  return { ok: problems.length === 0, modules, problems };
}

/**
 * A report meant to be impossible to miss in a scrolling build log.
 * @param {import('./native-abi.d.mts').CheckResult} result
 * @param {number} expectedAbi
 */
export function formatAbiReport(result, expectedAbi) {
  const lines = [];
  for (const m of result.modules) {
    const what = m.kind === 'node-abi' ? `ABI ${m.abis.join(',')}` : m.kind;
    lines.push(`  ${m.file}  [${m.format}/${m.arch}, ${what}]`);
  }
  if (result.ok) {
    return [`原生模块 ABI 检查通过（期望 ${expectedAbi}） / Native ABI check passed (expected ${expectedAbi}):`, ...lines].join('\n');
  }
  const bar = '!'.repeat(78);
  return [
    bar,
    `!! 原生模块 ABI 检查失败 / NATIVE MODULE ABI CHECK FAILED (Electron needs ${expectedAbi})`,
    ...result.problems.map((p) => `!! ${p.file}\n!!   ${p.message}`),
    bar,
    ...lines,
  ].join('\n');
}
