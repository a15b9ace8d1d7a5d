// zonedesk: the command line for administrators and scripts. With --json, standard output carries only JSON.
import { describeError, demo, serve, stats, verifyDb } from './core-commands';
import { CliError, type Command } from './args';
import { runReleaseCli } from '../release/cli';

const COMMANDS: Record<string, { run: Command; help: string }> = {
  demo: { run: demo, help: 'demo --data-dir DIR                       创建含演示数据的数据库' },
  stats: { run: stats, help: 'stats --data-dir DIR --json [--as-of D]   统计指定日期有效的机构数量' },
  'verify-db': { run: verifyDb, help: 'verify-db --data-dir DIR                  完整性与数据结构版本检查' },
  serve: { run: serve, help: 'serve [--data-dir DIR] [--port N]         浏览器模式（仅本机 127.0.0.1）' },
  'sign-release': { run: (argv) => runReleaseCli(['sign-release', ...argv]), help: 'sign-release DIR --private-key K.pem      生成并签名发布清单' },
  'verify-release': { run: (argv) => runReleaseCli(['verify-release', ...argv]), help: 'verify-release DIR --public-key K.pub     离线校验发布文件' },
};

export function registerCommand(name: string, run: Command, help: string): void {
  COMMANDS[name] = { run, help };
}

function usage(): string {
  return ['用法：zonedesk <命令> [选项]', '', ...Object.values(COMMANDS).map((c) => `  ${c.help}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    console.error(`未知命令：${name}\n\n${usage()}`);
    return 2;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    console.error(describeError(e));
    return e instanceof CliError ? e.exitCode : 1;
  }
}
