// zonedesk backup | restore | backups: the same backup functions as the app, for administrators and scripts.
import path from 'node:path';
import { Store } from '../../db/store';
import { backupDirOf, createBackup, listBackups, restoreBackup, RestoreFailed } from '../../db/backup';
import { CliError, dataDirOf, parse, type Command } from './args';

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** Writes one backup (into --out, else <data-dir>/backups) and prints its path. */
export const backup: Command = async (argv) => {
  const { values } = parse(argv, { out: { type: 'string' } });
  const store = Store.open(dataDirOf(values));
  try {
    const info = await createBackup(store, { kind: 'manual', outDir: typeof values.out === 'string' ? path.resolve(values.out) : undefined });
    if (values.json) process.stdout.write(`${JSON.stringify(info)}\n`);
    else console.log(info.file);
    return 0;
  } finally {
    store.close();
  }
};

export const restore: Command = async (argv) => {
  const { values } = parse(argv, { file: { type: 'string' } });
  if (typeof values.file !== 'string') throw new CliError('请用 --file 指定要恢复的备份文件');
  let store = Store.open(dataDirOf(values));
  try {
    const { store: next, result } = await restoreBackup(store, path.resolve(values.file));
    store = next;
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else console.log(`已从备份恢复：${result.restoredFrom}\n恢复前的数据已另存为：${result.preRestoreBackup}`);
    return 0;
  } catch (e) {
    if (e instanceof RestoreFailed) store = e.store;
    throw e;
  } finally {
    if (store.db.open) store.close();
  }
};

export const backups: Command = (argv) => {
  const { values } = parse(argv, {});
  const store = Store.open(dataDirOf(values));
  try {
    const list = listBackups(backupDirOf(store));
    if (values.json) process.stdout.write(`${JSON.stringify(list)}\n`);
    else if (list.length === 0) console.log('尚无备份');
    else for (const b of list) console.log(`${b.createdAt}  ${b.kind.padEnd(11)}  ${mb(b.size).padStart(9)}  v${b.schemaVersion ?? '?'}  ${b.file}${b.problem ? `  （${b.problem}）` : ''}`);
    return 0;
  } finally {
    store.close();
  }
};
