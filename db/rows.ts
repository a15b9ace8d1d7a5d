// Generic reads and writes of register tables, driven by the table definitions in shared/tables.ts.
// Every write goes through the write path; every value is checked with the same rules the renderer uses.
import type Database from 'better-sqlite3';
import { AppError, type ErrorDetail } from '../shared/errors';
import type { ChangeResult } from '../shared/contract';
import { TABLES, TABLE_NAMES, columnOf, type Row, type TableName } from '../shared/tables';
import { checkCellValue } from '../shared/values';
import { todayCst } from '../shared/text';
import type { Tx, WritePath } from './write-path';

export interface ListOptions {
  asOf?: string;
  includeEnded?: boolean;
  agencyId?: number;
}

/** SQL condition for "in force on date ?" (valid_from inclusive, valid_to exclusive). */
export const IN_FORCE = `(valid_from IS NULL OR valid_from <= @asOf) AND (valid_to IS NULL OR valid_to > @asOf)`;

export function listRows(db: Database.Database, table: TableName, opts: ListOptions = {}): Row[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (!opts.includeEnded) {
    where.push(IN_FORCE);
    params.asOf = opts.asOf ?? todayCst();
  }
  if (opts.agencyId !== undefined) {
    const col = TABLES[table].agencyColumn ?? (table === 'agencies' ? 'id' : undefined);
    if (!col) throw new AppError('invalid_input', `“${TABLES[table].zh}”不能按机构筛选`);
    where.push(`${col} = @agencyId`);
    params.agencyId = opts.agencyId;
  }
  const sql = `SELECT * FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
  return db.prepare(sql).all(params) as Row[];
}

function checkRegion(db: Database.Database, code: string, where: string, colZh: string): ErrorDetail | null {
  const hit = db.prepare('SELECT 1 FROM regions WHERE code = ?').get(code);
  return hit ? null : { path: where, message: `“${colZh}”的行政区划代码不存在：${code}` };
}

function checkRef(db: Database.Database, table: TableName, id: number, where: string, colZh: string): ErrorDetail | null {
  const hit = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id);
  return hit ? null : { path: where, message: `“${colZh}”引用的${TABLES[table].zh}不存在（#${id}）` };
}

/** Checks one value for a column, including that referenced rows and region codes exist. */
export function checkValue(db: Database.Database, table: TableName, field: string, value: unknown, where: string):
  { ok: true; value: string | number | null } | { ok: false; detail: ErrorDetail } {
  const col = columnOf(table, field);
  if (!col) return { ok: false, detail: { path: where, message: `“${TABLES[table].zh}”没有字段“${field}”` } };
  if (col.readOnly) return { ok: false, detail: { path: where, message: `“${col.zh}”不能直接修改` } };
  const r = checkCellValue(col, value);
  if (!r.ok) return { ok: false, detail: { path: where, column: col.zh, message: r.reason } };
  if (r.value !== null && col.type === 'region') {
    const d = checkRegion(db, r.value as string, where, col.zh);
    if (d) return { ok: false, detail: d };
  }
  if (r.value !== null && col.type === 'ref') {
    const d = checkRef(db, col.ref!, r.value as number, where, col.zh);
    if (d) return { ok: false, detail: d };
  }
  return { ok: true, value: r.value };
}

function fail(details: ErrorDetail[]): never {
  const first = details[0];
  const more = details.length > 1 ? `等${details.length}处问题` : '';
  throw new AppError('invalid_input', `输入有误：${first.path ? `${first.path}：` : ''}${first.message}${more}`, details);
}

export function updateCells(wp: WritePath, table: TableName, edits: Array<{ id: number; field: string; value: unknown }>, label?: string): ChangeResult {
  const details: ErrorDetail[] = [];
  const patches = new Map<number, Record<string, unknown>>();
  edits.forEach((e, i) => {
    const r = checkValue(wp.db, table, e.field, e.value, `edits[${i}].value`);
    if (!r.ok) details.push(r.detail);
    else patches.set(e.id, { ...(patches.get(e.id) ?? {}), [e.field]: r.value });
  });
  if (details.length) fail(details);
  const text = label ?? defaultEditLabel(wp, table, edits);
  return wp.mutate(text, (tx) => {
    for (const [id, patch] of patches) tx.update(table, id, patch);
  }).change;
}

function defaultEditLabel(wp: WritePath, table: TableName, edits: Array<{ id: number; field: string }>): string {
  const def = TABLES[table];
  if (edits.length === 1) {
    const row = wp.getRow(table, edits[0].id);
    const name = row ? String(row[def.nameColumn] ?? `#${edits[0].id}`) : `#${edits[0].id}`;
    return `修改${def.zh}“${name}”的${columnOf(table, edits[0].field)?.zh ?? edits[0].field}`;
  }
  return `修改${def.zh}${edits.length}处`;
}

export function insertRows(wp: WritePath, table: TableName, rows: Array<Record<string, unknown>>, label?: string): ChangeResult {
  const details: ErrorDetail[] = [];
  const clean: Array<Record<string, unknown>> = [];
  const def = TABLES[table];
  rows.forEach((row, i) => {
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(row)) {
      if (field === 'id') continue;
      const r = checkValue(wp.db, table, field, value, `rows[${i}].${field}`);
      if (!r.ok) details.push({ ...r.detail, row: i + 1 });
      else out[field] = r.value;
    }
    for (const col of def.columns) {
      if (col.required && (out[col.key] === undefined || out[col.key] === null)) {
        details.push({ path: `rows[${i}].${col.key}`, row: i + 1, column: col.zh, message: `“${col.zh}”不能为空` });
      }
    }
    out.valid_from = todayCst();
    clean.push(out);
  });
  if (details.length) fail(details);
  return wp.mutate(label ?? `新增${def.zh}${rows.length}条`, (tx) => {
    for (const row of clean) tx.insert(table, row);
  }).change;
}

/**
 * Deletes rows and, in the same history group, what depends on them: rows that must have the parent
 * (an agency's departments, staffing …) are deleted, optional references (a zone's managing agency) are
 * cleared. Undo puts everything back in reverse order.
 */
export function deleteRows(wp: WritePath, table: TableName, ids: number[], label?: string): ChangeResult {
  for (const id of ids) if (!wp.getRow(table, id)) throw new AppError('not_found', `${TABLES[table].zh}不存在（#${id}）`, [{ path: `ids`, message: `#${id}` }]);
  return wp.mutate(label ?? `删除${TABLES[table].zh}${ids.length}条`, (tx) => {
    for (const id of ids) deleteWithDependents(tx, table, id);
  }).change;
}

function deleteWithDependents(tx: Tx, table: TableName, id: number): void {
  if (!tx.get(table, id)) return; // already removed as someone's dependent
  for (const other of TABLE_NAMES) {
    for (const col of TABLES[other].columns) {
      if (col.type !== 'ref' || col.ref !== table) continue;
      const dependents = tx.db.prepare(`SELECT id FROM ${other} WHERE ${col.key} = ?`).all(id) as { id: number }[];
      for (const d of dependents) {
        if (other === table && d.id === id) continue;
        if (col.required) deleteWithDependents(tx, other, d.id);
        else tx.update(other, d.id, { [col.key]: null });
      }
    }
  }
  tx.delete(table, id);
}
