// The `zonedesk sign-release` / `zonedesk verify-release` subcommands. The CLI entry point (someone
// else's file) passes its argv including the subcommand name:
//   runReleaseCli(['sign-release', DIR, '--private-key', KEY_PEM, '--version', '0.1.0'])
//   runReleaseCli(['verify-release', DIR, '--public-key', KEY_PUB])
// and exits with the returned code: 0 success, 1 anything else (bad usage, bad signature, tampering).
import path from 'node:path';
import { MANIFEST_NAME, SIGNATURE_NAME, signRelease, verifyRelease } from './manifest';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

export const RELEASE_USAGE = [
  '用法：',
  '  zonedesk sign-release <发布目录> --private-key <私钥.pem> [--version <版本>] [--product <名称>]',
  '  zonedesk verify-release <发布目录> --public-key <公钥.pem>',
  '生成密钥（在离线的发布管理员电脑上）：',
  '  openssl genpkey -algorithm ed25519 -out release-ed25519.pem',
  '  openssl pkey -in release-ed25519.pem -pubout -out release-ed25519.pub',
].join('\n');

interface Parsed {
  command: string;
  dir?: string;
  flags: Map<string, string>;
  error?: string;
}

const KNOWN_FLAGS: Record<string, readonly string[]> = {
  'sign-release': ['--private-key', '--version', '--product'],
  'verify-release': ['--public-key'],
};

function parse(argv: readonly string[]): Parsed {
  const [command = '', ...rest] = argv;
  const parsed: Parsed = { command, flags: new Map() };
  const known = KNOWN_FLAGS[command];
  if (!known) return { ...parsed, error: `未知命令：${command || '(空)'}` };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      const value = eq >= 0 ? a.slice(eq + 1) : rest[++i];
      if (!known.includes(name)) return { ...parsed, error: `未知参数：${name}` };
      if (value === undefined || value === '') return { ...parsed, error: `参数 ${name} 缺少值` };
      parsed.flags.set(name, value);
    } else if (parsed.dir === undefined) {
      parsed.dir = a;
    } else {
      return { ...parsed, error: `多余的参数：${a}` };
    }
  }
  if (parsed.dir === undefined) return { ...parsed, error: '缺少发布目录' };
  return parsed;
}

export async function runReleaseCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const p = parse(argv);
  if (p.error) {
    io.err(p.error);
    io.err(RELEASE_USAGE);
    return 1;
  }
  const dir = path.resolve(p.dir as string);
  try {
    if (p.command === 'sign-release') {
      const key = p.flags.get('--private-key');
      if (!key) {
        io.err('缺少 --private-key <私钥.pem>');
        io.err(RELEASE_USAGE);
        return 1;
      }
      const m = await signRelease(dir, path.resolve(key), { version: p.flags.get('--version'), product: p.flags.get('--product') });
      io.out(`已签发 ${m.files.length} 个文件（${m.product} ${m.version}）：`);
      for (const f of m.files) io.out(`  ${f.sha256}  ${f.size}  ${f.path}`);
      io.out(`已写入 ${path.join(dir, MANIFEST_NAME)} 和 ${SIGNATURE_NAME}`);
      io.out('请把公钥（.pub）通过另一渠道（纸质、内网公告）交给各安装点，用于 zonedesk verify-release。');
      return 0;
    }
    const key = p.flags.get('--public-key');
    if (!key) {
      io.err('缺少 --public-key <公钥.pem>');
      io.err(RELEASE_USAGE);
      return 1;
    }
    const r = await verifyRelease(dir, path.resolve(key));
    if (r.ok) {
      io.out(`校验通过：${r.manifest.product} ${r.manifest.version}，${r.manifest.files.length} 个文件，签发于 ${r.manifest.createdAt}。可以安装。`);
      return 0;
    }
    io.err(`校验失败${r.file ? `（${r.file}）` : ''}：${r.message}`);
    io.err('请勿安装这些文件，并联系发布方重新获取。');
    return 1;
  } catch (err) {
    io.err(`${p.command} 失败：${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
