// The import engine up to the write: read the file once, find the header, map columns to fields,
// convert and check every row, and classify it as new, update, unchanged or rejected against the
// register. Nothing is written here; commit.ts writes what this plan says, in one transaction.
import path from 'node:path';
import type { Store } from '../../db/store';
import { IN_FORCE } from '../../db/rows';
import { AppError } from '../../shared/errors';
import { TABLES, type ColumnDef, type Row } from '../../shared/tables';
import { todayCst } from '../../shared/text';
import type { CellValue } from '../../shared/values';
import type { ImportCounts, ImportError, ImportHeader, ImportPreview, ImportRowStatus, ImportTable } from '../../shared/contract/import';
import { Converter } from './convert';
import { cellText, detectHeaderRow, guessMapping, importColumns } from './fields';
import { keySetsFor, layoutKeyOf, rememberedMapping, resolveMapping } from './mapping';
import { normKey } from './lookups';
import { openCsv } from './csv-read';
import { openXlsx } from './xlsx-read';
import { isCfb, isZip } from './zip';
import {
  DEFAULT_LIMITS, type ByteSource, type ImportLimits, type MergeRange, type OpenedSheet, type RawCell, type RawRow,
  columnLetter, fileError, throwIfAborted,
} from './source';

export interface ImportOptions {
  readonly table: ImportTable;
  readonly source: ByteSource;
  readonly sheet?: string;
  /** Spreadsheet row number of the header row; found automatically when absent. */
  readonly headerRow?: number;
  /** Column letter (or header text) → field key; "" ignores the column. Guessed when absent. */
  readonly mapping?: Record<string, string>;
  readonly keyFields?: readonly string[];
  readonly emptyCellsClear?: boolean;
  readonly limits?: Partial<ImportLimits>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { phase: 'read' | 'commit'; done: number; total: number | null }) => void;
}

export interface PlannedRow {
  readonly row: number;
  status: ImportRowStatus;
  readonly name: string;
  /** New rows: every value; updates: only the changed ones. Dropped for unchanged rows. */
  values: Record<string, CellValue> | null;
  readonly targetId: number | null;
  changes: string[] | null;
  errors: ImportError[] | null;
  /** The row as read, kept for rejected rows only (for the error report). */
  raw: RawCell[] | null;
  /** References to other rows of this file (an agency's superior imported in the same file). */
  refs: Array<{ field: string; target: number }> | null;
}

/** What the preview shows of the file as read, plus every planned row for the write. */
export interface Plan extends Pick<ImportPreview, 'fileName' | 'format' | 'sheet' | 'encoding' | 'headerRow' | 'headerRowEnd' | 'firstRows' | 'guessed' | 'remembered'> {
  readonly table: ImportTable;
  readonly headers: ImportHeader[];
  readonly mapping: Record<string, string>;
  readonly keyFields: string[];
  readonly missingRequired: string[];
  readonly layoutKey: string;
  readonly rows: PlannedRow[];
  readonly skipped: number;
  readonly counts: ImportCounts;
  readonly errors: ImportError[];
}

const FOOTER = /^(合计|总计|小计|注[:：]|说明[:：]|填表人|制表人|审核人|填报人|负责人|制表[:：]|填表日期)/;

export async function openSheet(src: ByteSource, sheet: string | undefined, limits: ImportLimits): Promise<OpenedSheet> {
  const head = src.read(0, 8);
  const ext = path.extname(src.name).toLowerCase();
  if (isZip(head) || isCfb(head) || ['.xlsx', '.xlsm', '.xltx', '.xls', '.et'].includes(ext)) return openXlsx(src, { sheet, limits });
  return openCsv(src, { limits });
}

const KEY_NEEDS = /[\s（）a-z“”"\uff01-\uff5e]/;
const same = (a: unknown, b: unknown) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);

function keyOf(values: Record<string, CellValue>, fields: readonly string[]): string | null {
  let key: string | null = null;
  for (const f of fields) {
    const v = values[f];
    if (v === null || v === undefined) return null;
    // Values are already normalised by conversion; only spacing, brackets and case remain to unify.
    const part = typeof v === 'string' ? (KEY_NEEDS.test(v) ? normKey(v) : v) : String(v);
    key = key === null ? part : `${key}\u0001${part}`;
  }
  return key;
}

const hasText = (c: RawCell) => c !== null && cellText(c) !== '';

export async function planImport(store: Store, opts: ImportOptions): Promise<Plan> {
  try {
    return await planRows(store, opts);
  } catch (e) {
    // Every refusal names the file, also those raised where the file is not known (mapping, keys).
    if (e instanceof AppError && e.code === 'invalid_input' && !e.details?.some((d) => d.file)) {
      throw new AppError('invalid_input', `${e.message}（文件“${opts.source.name}”）`, [{ file: opts.source.name, message: e.message }, ...(e.details ?? [])]);
    }
    throw e;
  }
}

async function planRows(store: Store, opts: ImportOptions): Promise<Plan> {
  const { table, source: src, signal } = opts;
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const def = TABLES[table];
  const cols = importColumns(table);
  const colByKey = new Map(cols.map((c) => [c.key, c]));
  throwIfAborted(signal);
  const sheet = await openSheet(src, opts.sheet, limits);
  const where = { sheet: sheet.sheetName };
  const iter = sheet.rows()[Symbol.asyncIterator]();
  try {
    // 1. Header: buffer the first rows (more when the caller names a later header row).
    const head: RawRow[] = [];
    const wantUpTo = (opts.headerRow ?? 0) + 3;
    while (head.length < 30 || (head.length < 1000 && head[head.length - 1].row < wantUpTo)) {
      const n = await iter.next();
      if (n.done) break;
      head.push(n.value);
    }
    if (head.length === 0) throw fileError(src.name, sheet.format === 'csv' ? '文件中没有数据' : '工作表是空的，没有可导入的数据', where);
    const found = opts.headerRow ?? detectHeaderRow(table, head);
    if (found === null) {
      const sample = cols.filter((c) => c.required).map((c) => c.zh).join('、');
      throw fileError(src.name, `找不到表头行：前30行中没有“${def.zh}”的列名（如${sample}）。请确认选择了正确的表，或手动指定表头所在行`, where);
    }
    if (!head.some((r) => r.row === found)) throw fileError(src.name, `第${found}行是空行或不存在，不能作为表头`, { ...where, row: found });
    // A header can span rows: group titles merged across (编制情况) above sub-headers (核定编制, 实有人数),
    // and cells merged down (单位名称). Detection finds the sub-header row; the header starts at the top.
    let headerStart = found;
    let headerEnd = found;
    const near = sheet.merges.filter((m) => m.bottom > m.top && m.bottom - m.top <= 3);
    if (opts.headerRow === undefined) for (const m of near) if (m.top < found && m.bottom >= found) headerStart = Math.min(headerStart, m.top);
    for (const m of near) if (m.top >= headerStart && m.top <= found) headerEnd = Math.max(headerEnd, m.bottom);
    const headerRows = head.filter((r) => r.row >= headerStart && r.row <= headerEnd);
    const width = Math.max(...headerRows.map((r) => r.cells.length));
    const headerTexts: string[] = [];
    const matchTexts: string[] = [];
    for (let i = 0; i < width; i++) {
      const parts = [...new Set(headerRows.map((r) => cellText(r.cells[i] ?? null)).filter(Boolean))];
      headerTexts.push(parts.join('/'));
      matchTexts.push(parts[parts.length - 1] ?? '');
    }

    // 2. Mapping: given, remembered for this header layout, or guessed from the header names.
    const layoutKey = layoutKeyOf(table, headerTexts);
    let mapping: Record<string, string> | null = null;
    let guessed = false;
    let remembered = false;
    if (opts.mapping) mapping = resolveMapping(opts.mapping, headerTexts, table);
    else {
      mapping = rememberedMapping(store, layoutKey, width, table);
      remembered = mapping !== null;
      if (!mapping) { mapping = guessMapping(table, matchTexts); guessed = true; }
    }
    const colField: Array<ColumnDef | null> = [];
    for (let i = 0; i < width; i++) colField.push(mapping[columnLetter(i)] ? colByKey.get(mapping[columnLetter(i)])! : null);
    const mappedKeys = new Set(colField.filter(Boolean).map((c) => c!.key));
    if (mappedKeys.size === 0) throw fileError(src.name, `没有任何列对应到“${def.zh}”的字段，请在对应关系中指定各列`, where);
    const fullMapping: Record<string, string> = {};
    for (let i = 0; i < width; i++) fullMapping[columnLetter(i)] = colField[i]?.key ?? '';

    // 3. Keys: which fields say "this row is that record of the register".
    const keySets = keySetsFor(table, opts.keyFields, mappedKeys);
    const existing = store.db.prepare(`SELECT * FROM ${table} WHERE ${IN_FORCE}`).all({ asOf: todayCst() }) as Row[];
    const byKey = keySets.map((ks) => {
      const m = new Map<string, Row[]>();
      for (const r of existing) {
        const k = keyOf(r as Record<string, CellValue>, ks);
        if (k !== null) (m.get(k) ?? m.set(k, []).get(k)!).push(r);
      }
      return m;
    });
    const seen = keySets.map(() => new Map<string, number>());
    const rowKeys: Array<string | null> = keySets.map(() => null);
    const converter = new Converter(store.db, table);
    const selfRefs = cols.filter((c) => c.type === 'ref' && c.ref === table && mappedKeys.has(c.key));
    const fileNames = new Map<string, number[]>();
    const pending: Array<{ idx: number; field: string; text: string }> = [];
    const dataMerges = mergesByRow(sheet.merges, headerEnd, colField);

    const rows: PlannedRow[] = [];
    let skipped = 0;
    const requiredCols = cols.filter((c) => c.required);
    const nameAt = colField.findIndex((c) => c?.key === def.nameColumn);
    const agencyAt = def.agencyColumn ? colField.findIndex((c) => c?.key === def.agencyColumn) : -1;
    const errAt = (row: number, i: number | null, reason: string, raw?: RawCell): ImportError => ({
      row, column: i === null ? null : headerTexts[i] || `${columnLetter(i)}列`, columnLetter: i === null ? null : columnLetter(i),
      field: i === null ? null : colField[i]?.key ?? null, reason, value: raw === undefined || raw === null ? undefined : cellText(raw),
    });

    const processRow = (r: RawRow): void => {
      let blank = true;
      for (let i = 0; i < colField.length && blank; i++) {
        const c = colField[i] ? r.cells[i] : null;
        if (c !== null && c !== undefined && !(typeof c === 'string' && c.trim() === '')) blank = false;
      }
      if (blank) { skipped++; return; }
      const first = r.cells.find(hasText);
      if (typeof first === 'string' && FOOTER.test(first.trim()) && r.cells.filter((c) => c !== null).length <= 3) { skipped++; return; }
      const errors: ImportError[] = [];
      const values: Record<string, CellValue> = {};
      const deferred: Array<{ field: string; text: string }> = [];
      const merged = dataMerges.size ? dataMerges.get(r.row) : undefined;
      if (merged) for (const m of merged) errors.push(errAt(r.row, m.left, `单元格${m.ref}是合并单元格，请取消合并并在每一行填写完整`));
      for (let i = 0; i < colField.length; i++) {
        const col = colField[i];
        if (!col) continue;
        const c = converter.convert(col, r.cells[i] ?? null);
        if (c.ok === true) values[col.key] = c.value;
        else if (c.ok === 'defer') deferred.push({ field: col.key, text: c.text });
        else errors.push(errAt(r.row, i, c.reason, r.cells[i]));
      }
      const idx = rows.length;
      // Duplicates inside the file, then the match in the register (each key made once: hot path).
      let match: Row | null = null;
      for (let s = 0; s < keySets.length; s++) {
        const k = keyOf(values, keySets[s]);
        rowKeys[s] = k;
        if (k === null) continue;
        const prev = seen[s].get(k);
        if (prev !== undefined) errors.push(errAt(r.row, null, `与第${prev}行重复（${keySets[s].map((f) => colByKey.get(f)!.zh).join('、')}相同）`));
        else seen[s].set(k, r.row);
      }
      for (let s = 0; s < keySets.length && !match; s++) {
        const k = rowKeys[s];
        if (k === null) continue;
        const hits = byKey[s].get(k) ?? [];
        if (hits.length > 1) { errors.push(errAt(r.row, null, `登记簿中有${hits.length}条记录的${keySets[s].map((f) => colByKey.get(f)!.zh).join('、')}相同，无法确定更新哪一条`)); break; }
        if (hits.length === 1) {
          const h = hits[0];
          if (table === 'agencies' && keySets[s][0] !== 'uscc' && values.uscc && h.uscc && h.uscc !== values.uscc) {
            errors.push(errAt(r.row, null, `与登记簿中的“${h.full_name}”名称和所在县区相同，但统一社会信用代码不同（登记簿为${h.uscc}）`));
            break;
          }
          match = h;
        }
      }
      let status: ImportRowStatus = 'new';
      let out: Record<string, CellValue> | null = values;
      let changes: string[] | null = null;
      if (match) {
        out = {};
        changes = [];
        for (const [f, v] of Object.entries(values)) {
          if (v === null && !opts.emptyCellsClear) continue;
          if (v === null && colByKey.get(f)!.required) { errors.push(errAt(r.row, colField.findIndex((c) => c?.key === f), `“${colByKey.get(f)!.zh}”不能为空`)); continue; }
          if (!same(v, match[f])) { out[f] = v; changes.push(colByKey.get(f)!.zh); }
        }
        status = changes.length ? 'update' : 'unchanged';
      } else {
        for (const c of requiredCols) {
          if ((values[c.key] !== null && values[c.key] !== undefined) || deferred.some((d) => d.field === c.key)) continue;
          if (errors.some((e) => e.field === c.key)) continue;
          const at = colField.findIndex((x) => x?.key === c.key);
          errors.push(errAt(r.row, at >= 0 ? at : null, at >= 0 ? `“${c.zh}”不能为空` : `缺少必填字段“${c.zh}”（文件中没有对应的列）`));
        }
      }
      if (errors.length) status = 'error';
      rows.push({
        row: r.row, status, name: rowName(r, nameAt, agencyAt), values: status === 'error' ? null : out,
        targetId: match ? match.id : null, changes, errors: errors.length ? errors : null,
        raw: status === 'error' || deferred.length ? r.cells : null, refs: null,
      });
      if (deferred.length) for (const d of deferred) pending.push({ idx, ...d });
      if (selfRefs.length && status !== 'error') {
        for (const f of table === 'agencies' ? ['full_name', 'short_name', 'uscc', 'code'] : ['name', 'short_name', 'code']) {
          const v = values[f] ?? (match ? match[f] : null);
          if (typeof v === 'string' && v) { const k = normKey(v); (fileNames.get(k) ?? fileNames.set(k, []).get(k)!).push(idx); }
        }
      }
    };

    // 4. Every data row, streaming: the buffered ones first, then the rest of the file.
    let done = 0;
    const tick = () => {
      done++;
      if (done % 256 === 0) throwIfAborted(signal);
      if (done % 2000 === 0) opts.onProgress?.({ phase: 'read', done, total: sheet.totalRows ?? null });
    };
    for (const r of head) if (r.row > headerEnd) { processRow(r); tick(); }
    for (let n = await iter.next(); !n.done; n = await iter.next()) { processRow(n.value); tick(); }
    opts.onProgress?.({ phase: 'read', done, total: done });

    resolvePending(rows, pending, fileNames, colByKey, def.zh, colField, headerTexts);
    const counts = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
    const errors: ImportError[] = [];
    for (const r of rows) {
      if (r.status === 'new') counts.new++;
      else if (r.status === 'update') counts.updated++;
      else if (r.status === 'unchanged') { counts.unchanged++; r.values = null; }
      else { counts.rejected++; errors.push(...r.errors!); }
      if (r.status !== 'error') r.raw = null;
    }
    const missingRequired = cols.filter((c) => c.required && !mappedKeys.has(c.key)).map((c) => c.zh);
    return {
      table, fileName: src.name, format: sheet.format, sheet: sheet.sheetName, encoding: sheet.encoding, headerRow: headerStart, headerRowEnd: headerEnd,
      firstRows: firstRowsOf(head),
      headers: headerTexts.map((text, i) => ({ letter: columnLetter(i), text, field: colField[i]?.key ?? null })),
      mapping: fullMapping, guessed, remembered, keyFields: keySets[0], missingRequired, layoutKey, rows, skipped, counts, errors,
    };
  } finally {
    await iter.return?.();
  }
}

/** The first rows as short texts, for the wizard's header-row choice. */
function firstRowsOf(head: readonly RawRow[]): Array<{ row: number; cells: string[] }> {
  return head.slice(0, 15).map((r) => ({ row: r.row, cells: r.cells.slice(0, 30).map((c) => cellText(c ?? null).slice(0, 40)) }));
}

function rowName(r: RawRow, nameAt: number, agencyAt: number): string {
  const name = nameAt >= 0 ? cellText(r.cells[nameAt] ?? null) : '';
  const agency = agencyAt >= 0 ? cellText(r.cells[agencyAt] ?? null) : '';
  return agency ? `${agency}：${name}` : name;
}

/** Merged ranges below the header that touch a mapped column, by row: each such row is rejected. */
function mergesByRow(merges: readonly MergeRange[], headerEnd: number, colField: Array<ColumnDef | null>): Map<number, MergeRange[]> {
  const out = new Map<number, MergeRange[]>();
  let budget = 1_000_000;
  for (const m of merges) {
    if (m.bottom <= headerEnd) continue;
    let touches = false;
    for (let c = m.left; c <= m.right && c < colField.length; c++) if (colField[c]) touches = true;
    if (!touches) continue;
    for (let r = Math.max(m.top, headerEnd + 1); r <= m.bottom && budget-- > 0; r++) (out.get(r) ?? out.set(r, []).get(r)!).push(m);
  }
  return out;
}

function resolvePending(rows: PlannedRow[], pending: Array<{ idx: number; field: string; text: string }>, fileNames: Map<string, number[]>,
  colByKey: Map<string, ColumnDef>, tableZh: string, colField: Array<ColumnDef | null>, headerTexts: string[]): void {
  for (const p of pending) {
    const row = rows[p.idx];
    const col = colByKey.get(p.field)!;
    const i = colField.findIndex((c) => c?.key === p.field);
    const fail = (reason: string) => {
      row.status = 'error';
      row.values = null;
      (row.errors ??= []).push({ row: row.row, column: headerTexts[i] || columnLetter(i), columnLetter: columnLetter(i), field: p.field, reason, value: p.text });
    };
    if (row.status === 'error') { fail(`“${col.zh}”：找不到${tableZh}“${p.text}”`); continue; }
    const targets = fileNames.get(normKey(p.text)) ?? [];
    if (targets.length === 0) fail(`“${col.zh}”：找不到${tableZh}“${p.text}”（登记簿和本文件中都没有）`);
    else if (targets.length > 1) fail(`“${col.zh}”：本文件中有多行名为“${p.text}”`);
    else if (targets[0] === p.idx) fail(`“${col.zh}”不能是本机构自身`);
    else if (rows[targets[0]].status === 'error') fail(`“${col.zh}”引用的第${rows[targets[0]].row}行有错误`);
    else {
      (row.refs ??= []).push({ field: p.field, target: targets[0] });
      if (row.status === 'unchanged') row.status = 'update';
      if (row.changes) row.changes.push(col.zh);
    }
  }
}
