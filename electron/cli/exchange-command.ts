// zonedesk exchange-export | exchange-import: exchange packages from the command line. Import without
// --apply only previews; conflicts need --prefer mine|theirs or a --choices file ({"<uid>": "mine"|"theirs"}).
import fs from 'node:fs';
import path from 'node:path';
import { Store } from '../../db/store';
import { backupBeforeImport } from '../../db/backup';
import { exportExchange } from '../exchange/export';
import { analyse } from '../exchange/preview';
import { applyExchange } from '../exchange/apply';
import { CliError, dataDirOf, parse, type Command } from './args';

export const exchangeExport: Command = (argv) => {
  const { values } = parse(argv, { out: { type: 'string' }, county: { type: 'string' }, 'private-key': { type: 'string' } });
  if (typeof values.out !== 'string') throw new CliError('请用 --out 指定交换包文件，如 --out 秦州区.zdx');
  const county = values.county as string | undefined;
  if (county !== undefined && !/^\d{6}$/.test(county)) throw new CliError(`--county 应为6位县区代码：${county}`);
  const store = Store.open(dataDirOf(values));
  try {
    const r = exportExchange(store, { file: values.out, county, keyFile: values['private-key'] as string | undefined });
    if (values.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else console.log(`已导出交换包：${r.file}（${r.rows} 行，删除记录 ${r.deleted} 条）\n签名公钥指纹：${r.fingerprint}\n公钥文件（首次交换时交给对方放入 trusted-keys）：${r.publicKeyFile}`);
    return 0;
  } finally {
    store.close();
  }
};

function readChoices(file: string | undefined, prefer: string | undefined, conflictUids: string[]): Record<string, 'mine' | 'theirs'> {
  const out: Record<string, 'mine' | 'theirs'> = {};
  if (prefer !== undefined) {
    if (prefer !== 'mine' && prefer !== 'theirs') throw new CliError('--prefer 只能是 mine（保留本机）或 theirs（采用对方）');
    for (const uid of conflictUids) out[uid] = prefer;
  }
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
    } catch {
      throw new CliError(`无法读取选择文件：${file}`);
    }
    for (const [uid, c] of Object.entries(parsed as Record<string, unknown>)) {
      if (c !== 'mine' && c !== 'theirs') throw new CliError(`选择文件中 ${uid} 的取值应为 mine 或 theirs`);
      out[uid] = c;
    }
  }
  return out;
}

export const exchangeImport: Command = async (argv) => {
  const { values } = parse(argv, { file: { type: 'string' }, apply: { type: 'boolean' }, prefer: { type: 'string' }, choices: { type: 'string' } });
  if (typeof values.file !== 'string') throw new CliError('请用 --file 指定交换包文件');
  const file = path.resolve(values.file);
  const store = Store.open(dataDirOf(values));
  try {
    const analysis = analyse(store, file);
    const { preview } = analysis;
    if (!values.apply) {
      if (values.json) process.stdout.write(`${JSON.stringify(preview)}\n`);
      else {
        const c = preview.counts;
        console.log(`交换包：${preview.office || '（未署名单位）'} ${preview.createdAt}，签名指纹 ${preview.fingerprint}`);
        console.log(`新增 ${c.new}，对方修改 ${c.changed}，对方删除 ${c.deleted}，冲突 ${c.conflict}，相同 ${c.unchanged}，仅本机修改 ${c.changedHere}`);
        for (const i of preview.items.filter((x) => x.status === 'conflict')) console.log(`  冲突：${i.tableZh}“${i.name}” ${i.uid}`);
        for (const p of preview.problems) console.log(`  问题：${p}`);
        console.log('（仅预览，未导入；加 --apply 导入）');
      }
      return preview.problems.length ? 1 : 0;
    }
    const conflicts = preview.items.filter((i) => i.status === 'conflict').map((i) => i.uid);
    const choices = readChoices(values.choices as string | undefined, values.prefer as string | undefined, conflicts);
    const backup = await backupBeforeImport(store);
    const r = applyExchange(store, analysis, { choices, baseGroupId: preview.baseGroupId });
    if (values.json) process.stdout.write(`${JSON.stringify({ ...r, backup: backup.file })}\n`);
    else console.log(`已导入：新增 ${r.inserted}，更新 ${r.updated}，删除 ${r.deleted}，保留本机 ${r.keptMine}（可撤销：${r.label}）\n导入前备份：${backup.file}`);
    return 0;
  } finally {
    store.close();
  }
};
