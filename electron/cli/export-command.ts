// zonedesk export: the Export page without a window. Writes new files (never overwriting) into --out, which
// is created if missing; a 三定规定 per agency the reform changes; every file is recorded in the export log.
// --reform defaults to the only (or the demo's seed) reform; --reform register exports from the register alone.
import path from 'node:path';
import { EXPORT_TYPE_KEYS, EXPORT_TYPES, type ExportTypeKey } from '../../shared/contract/export';
import { AppError } from '../../shared/errors';
import { Store } from '../../db/store';
import { listReforms } from '../../db/reform';
import { SEED_REFORM_NAME } from '../../db/demo/seed-reform';
import { runExport } from '../export/service';
import { CliError, dataDirOf, parse, type Command } from './args';

const USAGE = `export --data-dir DIR [--reform ID|register] --type ${EXPORT_TYPE_KEYS.join('|')}|all --out DIR [--json]`;
export const EXPORT_HELP = `${USAGE}  导出公文（Word/Excel）`;

function typesOf(values: unknown[]): ExportTypeKey[] {
  const raw = values.flatMap((v) => String(v).split(/[,，]/)).map((s) => s.trim()).filter(Boolean);
  if (!raw.length) throw new CliError(`请用 --type 指定公文类型：${EXPORT_TYPE_KEYS.join('、')} 或 all`);
  if (raw.includes('all')) return [...EXPORT_TYPE_KEYS];
  const bad = raw.filter((t) => !(EXPORT_TYPE_KEYS as string[]).includes(t));
  if (bad.length) throw new CliError(`未知的公文类型：${bad.join('、')}；可选：${EXPORT_TYPE_KEYS.join('、')}、all`);
  return [...new Set(raw)] as ExportTypeKey[];
}

/** --reform ID, or the only reform, or the seed reform; null = from the register alone. */
function reformOf(store: Store, value: string | undefined, types: ExportTypeKey[]): number | null {
  if (value === 'register' || value === '登记簿') return null;
  if (value !== undefined) {
    const id = Number(value);
    if (!Number.isInteger(id) || id <= 0) throw new CliError(`--reform 应为改革方案编号（正整数）或 register：${value}`);
    return id;
  }
  const list = listReforms(store.db);
  if (list.length === 1) return list[0].id;
  const seed = list.find((r) => r.name === SEED_REFORM_NAME);
  if (seed) return seed.id;
  if (!list.length && types.every((t) => !EXPORT_TYPES.find((x) => x.key === t)!.needsReform)) return null;
  if (!list.length) throw new AppError('not_found', '数据库中没有改革方案；仅编制统计表和机构台账可按登记簿导出（--reform register）');
  throw new CliError(`有${list.length}个改革方案，请用 --reform 指定：${list.map((r) => `#${r.id} ${r.name}`).join('；')}`);
}

export const exportCommand: Command = async (argv) => {
  const { values } = parse(argv, { reform: { type: 'string' }, type: { type: 'string', multiple: true }, out: { type: 'string' } });
  const types = typesOf(values.type ?? []);
  if (typeof values.out !== 'string' || !values.out.trim()) throw new CliError(`请用 --out 指定输出文件夹。用法：zonedesk ${USAGE}`);
  const outDir = path.resolve(values.out);
  const dataDir = dataDirOf(values);
  const store = Store.open(dataDir);
  try {
    const reformId = reformOf(store, values.reform, types);
    const result = await runExport({ store, dataDir }, {
      reformId: reformId ?? undefined, types, outDir, jobId: 'cli',
      onProgress: (p) => {
        if (!values.json && p.file) process.stderr.write(`[${p.done}/${p.total}] ${p.file}\n`);
      },
    });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...result, files: result.files.map(({ base64: _b, ...f }) => f) })}\n`);
    } else {
      console.log(`已导出 ${result.files.length} 份公文到 ${outDir}${reformId ? `（改革方案 #${reformId}）` : '（登记簿）'}：`);
      for (const f of result.files) console.log(`  ${f.path}`);
    }
    return 0;
  } finally {
    store.close();
  }
};
