#!/usr/bin/env node
// Usage: node build/check-native-abi.mjs [DIR] [--abi N] [--arch x64|arm64] [--platform linux|win32]
// DIR defaults to node_modules/better-sqlite3; --abi defaults to node_modules/electron/abi_version.
// Exit 0 when every Node addon under DIR matches, 1 when one does not (named in the message), 2 on usage errors.
// Why it exists: see build/native-abi.mjs and build/README.md ("ABI 检查").
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNativeAbi, formatAbiReport, readElectronAbi } from './native-abi.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { dir: undefined, abi: undefined, arch: undefined, platform: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--abi') opts.abi = Number(value());
    else if (flag === '--arch') opts.arch = value();
    else if (flag === '--platform') opts.platform = value();
    else if (flag.startsWith('--')) throw new Error(`未知参数 / unknown option: ${a}`);
    else opts.dir = a;
  }
  return opts;
}

try {
  const opts = parseArgs(process.argv.slice(2));
  const expectedAbi = opts.abi ?? readElectronAbi(projectRoot);
  if (!Number.isInteger(expectedAbi) || expectedAbi <= 0) throw new Error('--abi 需要正整数 / --abi needs a positive integer');
  const dir = path.resolve(opts.dir ?? path.join(projectRoot, 'node_modules', 'better-sqlite3'));
  const result = checkNativeAbi({ dir, expectedAbi, expectedArch: opts.arch, expectedPlatform: opts.platform, requireAddon: true });
  const report = formatAbiReport(result, expectedAbi);
  if (result.ok) {
    console.log(report);
    process.exit(0);
  }
  console.error(report);
  process.exit(1);
} catch (err) {
  console.error(`check-native-abi: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
