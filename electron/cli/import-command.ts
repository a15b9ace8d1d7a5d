// zonedesk import: the import wizard without a window, for administrators and scripts. Without
// --mapping it finds the header row and guesses the mapping, exactly as the wizard's first step does.
// Exit code 0: all rows accepted; 1: rows were rejected (or the file was refused); 2: bad arguments.
import fs from 'node:fs';
import path from 'node:path';
import { Store } from '../../db/store';
import { TABLES } from '../../shared/tables';
import { IMPORT_TABLES, type ImportError, type ImportTable } from '../../shared/contract/import';
import { commitImport, fileSource } from '../import';
import { CliError, dataDirOf, parse, type Command } from './args';

function tableOf(name: unknown): ImportTable {
  const t = IMPORT_TABLES.find((x) => x === name || TABLES[x].zh === name);
  if (!t) throw new CliError(`--table 应为以下之一：${IMPORT_TABLES.map((x) => `${x}（${TABLES[x].zh}）`).join('、')}`);
  return t;
}

interface MappingFile {
  mapping?: Record<string, string>;
  headerRow?: number;
  keyFields?: string[];
}

/** A mapping file is either {"A": "full_name", …} or {"mapping": {…}, "headerRow": 3, "keyFields": […]}. */
function readMapping(file: string): MappingFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`无法读取对应关系文件“${file}”：${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CliError(`对应关系文件“${file}”应为JSON对象`);
  const o = json as Record<string, unknown>;
  if ('mapping' in o) {
    if (typeof o.mapping !== 'object' || o.mapping === null) throw new CliError('对应关系文件中的 mapping 应为对象');
    if (o.headerRow !== undefined && (!Number.isInteger(o.headerRow) || (o.headerRow as number) < 1)) throw new CliError('对应关系文件中的 headerRow 应为正整数');
    if (o.keyFields !== undefined && !Array.isArray(o.keyFields)) throw new CliError('对应关系文件中的 keyFields 应为数组');
    return o as MappingFile;
  }
  for (const v of Object.values(o)) if (typeof v !== 'string') throw new CliError('对应关系文件中每一列应对应一个字段名（字符串）');
  return { mapping: o as Record<string, string> };
}

const columnText = (e: ImportError) => (e.columnLetter ? (e.column === `${e.columnLetter}列` ? e.column : `${e.column}（${e.columnLetter}列）`) : null);

export const importCommand: Command = async (argv) => {
  const { values } = parse(argv, {
    table: { type: 'string' }, file: { type: 'string' }, mapping: { type: 'string' }, 'dry-run': { type: 'boolean' },
    'all-or-nothing': { type: 'boolean' }, 'error-report': { type: 'string' }, 'header-row': { type: 'string' },
    key: { type: 'string' }, sheet: { type: 'string' }, 'max-rows': { type: 'string' },
  });
  const table = tableOf(values.table);
  if (typeof values.file !== 'string') throw new CliError('请用 --file 指定要导入的 .xlsx 或 .csv 文件');
  const map = typeof values.mapping === 'string' ? readMapping(values.mapping) : {};
  const headerRow = values['header-row'] !== undefined ? Number(values['header-row']) : map.headerRow;
  if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < 1)) throw new CliError(`--header-row 应为正整数：${String(values['header-row'])}`);
  const maxRows = values['max-rows'] !== undefined ? Number(values['max-rows']) : undefined;
  if (maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 1)) throw new CliError(`--max-rows 应为正整数：${String(values['max-rows'])}`);
  const keyFields = typeof values.key === 'string' ? values.key.split(',').map((s) => s.trim()).filter(Boolean) : map.keyFields;
  const json = !!values.json;

  const store = Store.open(dataDirOf(values), { create: true });
  const src = fileSource(path.resolve(values.file));
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    const out = await commitImport(store, {
      table, source: src, sheet: values.sheet as string | undefined, headerRow, mapping: map.mapping, keyFields,
      allOrNothing: !!values['all-or-nothing'], dryRun: !!values['dry-run'],
      errorReportPath: typeof values['error-report'] === 'string' ? path.resolve(values['error-report']) : undefined,
      limits: maxRows ? { maxRows } : undefined, signal: controller.signal,
      onProgress: json || !process.stderr.isTTY ? undefined : (p) => process.stderr.write(`\r${p.phase === 'read' ? '读取' : '写入'} ${p.done}${p.total ? `/${p.total}` : ''} 行`),
    });
    const c = out.plan.counts;
    const rejectedRows = out.plan.errors.map((e) => ({ row: e.row, column: columnText(e), reason: e.reason }));
    if (json) {
      process.stdout.write(`${JSON.stringify({ new: c.new, updated: c.updated, unchanged: c.unchanged, rejected: c.rejected, rejectedRows })}\n`);
    } else {
      if (process.stderr.isTTY) process.stderr.write('\n');
      const head = `${out.plan.fileName}${out.plan.sheet ? ` 工作表“${out.plan.sheet}”` : ''}：表头在第${out.plan.headerRow}行`;
      console.log(`${head}；新增 ${c.new} 条，更新 ${c.updated} 条，未变化 ${c.unchanged} 条，未通过 ${c.rejected} 行`);
      for (const r of rejectedRows.slice(0, 50)) console.log(`  第${r.row}行${r.column ? ` ${r.column}` : ''}：${r.reason}`);
      if (rejectedRows.length > 50) console.log(`  ……另有 ${rejectedRows.length - 50} 处问题${out.errorReportFile ? '，见错误报告' : ''}`);
      if (values['dry-run']) console.log('试运行（--dry-run）：未写入数据库。');
      else if (!out.committed) console.log('有未通过的行，按 --all-or-nothing 的要求未写入任何数据。');
      else if (out.label) console.log(`已写入：${out.label}（可撤销）`);
      if (out.errorReportFile) console.log(`错误报告：${out.errorReportFile}`);
    }
    return c.rejected > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    src.close();
    store.close();
  }
};
