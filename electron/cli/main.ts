// zonedesk: the command line for administrators and scripts. With --json, standard output carries only JSON.
import { describeError, demo, serve, stats, verifyDb } from './core-commands';
import { CliError, type Command } from './args';
import { backup, backups, restore } from './backup-command';
import { exchangeExport, exchangeImport } from './exchange-command';
import { importCommand } from './import-command';
import { REFORM_HELP, reform } from './reform-command';
import { EXPORT_HELP, exportCommand } from './export-command';
import { runReleaseCli } from '../release/cli';

const COMMANDS: Record<string, { run: Command; help: string }> = {
  demo: { run: demo, help: 'demo --data-dir DIR                       创建含演示数据的数据库' },
  stats: { run: stats, help: 'stats --data-dir DIR --json [--as-of D]   统计指定日期有效的机构数量' },
  'verify-db': { run: verifyDb, help: 'verify-db --data-dir DIR                  完整性与数据结构版本检查' },
  import: { run: importCommand, help: 'import --data-dir DIR --table T --file F [--mapping M.json] [--dry-run] [--json] [--all-or-nothing] [--error-report OUT.xlsx]  从Excel/CSV导入' },
  backup: { run: backup, help: 'backup --data-dir DIR [--out FOLDER] [--json]  备份数据库（在线备份，输出备份文件路径）' },
  restore: { run: restore, help: 'restore --data-dir DIR --file F [--json]  从备份恢复（先做完整性检查和恢复前备份）' },
  backups: { run: backups, help: 'backups --data-dir DIR [--json]           列出备份（日期、类型、大小、数据结构版本）' },
  reform: { run: reform, help: REFORM_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
  'exchange-export': { run: exchangeExport, help: 'exchange-export --data-dir DIR --out F.zdx [--county C] [--private-key K.pem]  导出签名交换包' },
  'exchange-import': { run: exchangeImport, help: 'exchange-import --data-dir DIR --file F.zdx [--apply] [--prefer mine|theirs] [--choices C.json]  预览/导入交换包' },
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
