// Handlers of the editors' calls: a keyset-paged compact read (so a 200,000-row grid paints after one
// small page), a paste that updates and appends in ONE history group, and the live rule findings.
import { AppError, type ErrorDetail } from '../../shared/errors';
import type { ChangeResult } from '../../shared/contract';
import type { GridPage } from '../../shared/contract/editors';
import { TABLES, type TableName } from '../../shared/tables';
import { todayCst } from '../../shared/text';
import { IN_FORCE, checkValue } from '../../db/rows';
import type { WritePath } from '../../db/write-path';
import type { HandlerContext } from './context';
import type { HandlerTable } from './handlers-core';
import { settingsProfile } from '../../db/reform/check';
import { liveFindings } from './live-rules';

/** The column that ties a row to an agency, for the detail panel's grids. */
function agencyFilter(table: TableName): string {
  if (table === 'agencies') return 'id = @agencyId';
  if (table === 'zones') return 'management_agency_id = @agencyId';
  if (table === 'indicators') return 'zone_id IN (SELECT id FROM zones WHERE management_agency_id = @agencyId)';
  const col = TABLES[table].agencyColumn;
  if (!col) throw new AppError('invalid_input', `“${TABLES[table].zh}”不能按机构筛选`);
  return `${col} = @agencyId`;
}

export function readPage(ctx: HandlerContext, input: { table: TableName; after?: number; limit: number; count?: boolean; asOf?: string; includeEnded?: boolean; agencyId?: number }): GridPage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (!input.includeEnded) {
    where.push(IN_FORCE);
    params.asOf = input.asOf ?? todayCst();
  }
  if (input.agencyId !== undefined) {
    where.push(agencyFilter(input.table));
    params.agencyId = input.agencyId;
  }
  const db = ctx.store.db;
  const filter = where.length ? where.join(' AND ') : '1';
  // Keyset paging on the primary key: every page is an index range scan, however deep.
  const stmt = db.prepare(`SELECT * FROM ${input.table} WHERE id > @after AND ${filter} ORDER BY id LIMIT @limit`).raw(true);
  const rows = stmt.all({ ...params, after: input.after ?? 0, limit: input.limit }) as Array<Array<string | number | null>>;
  const columns = stmt.columns().map((c) => c.name);
  const total = input.count ? (db.prepare(`SELECT count(*) AS n FROM ${input.table} WHERE ${filter}`).get(params) as { n: number }).n : null;
  const lastId = rows.length ? Number(rows[rows.length - 1][0]) : input.after ?? 0;
  return { columns, rows, lastId, done: rows.length < input.limit, total };
}

type Edit = { id: number; field: string; value: unknown };

/** Updates and inserts checked like `<table>.update` / `<table>.insert`, written as one history group. */
export function applyGrid(wp: WritePath, table: TableName, edits: Edit[], inserts: Array<Record<string, unknown>>, label?: string): ChangeResult {
  const def = TABLES[table];
  const details: ErrorDetail[] = [];
  const patches = new Map<number, Record<string, unknown>>();
  edits.forEach((e, i) => {
    const value = typeof e.value === 'boolean' ? (e.value ? 1 : 0) : e.value;
    const r = checkValue(wp.db, table, e.field, value, `edits[${i}].value`);
    if (!r.ok) details.push(r.detail);
    else patches.set(e.id, { ...(patches.get(e.id) ?? {}), [e.field]: r.value });
  });
  const rows = inserts.map((row, i) => {
    const out: Record<string, unknown> = {};
    for (const [field, raw] of Object.entries(row)) {
      if (field === 'id') continue;
      const r = checkValue(wp.db, table, field, typeof raw === 'boolean' ? (raw ? 1 : 0) : raw, `inserts[${i}].${field}`);
      if (!r.ok) details.push({ ...r.detail, row: i + 1 });
      else out[field] = r.value;
    }
    for (const col of def.columns) {
      if (col.required && (out[col.key] === undefined || out[col.key] === null)) {
        details.push({ path: `inserts[${i}].${col.key}`, row: i + 1, column: col.zh, message: `“${col.zh}”不能为空` });
      }
    }
    out.valid_from = todayCst();
    return out;
  });
  if (details.length) {
    const first = details[0];
    throw new AppError('invalid_input', `输入有误：${first.path ? `${first.path}：` : ''}${first.message}${details.length > 1 ? `等${details.length}处问题` : ''}`, details);
  }
  if (patches.size === 0 && rows.length === 0) throw new AppError('invalid_input', '没有要写入的内容');
  const text = label ?? `编辑${def.zh}：修改${edits.length}处${rows.length ? `，新增${rows.length}行` : ''}`;
  return wp.mutate(text, (tx) => {
    for (const [id, patch] of patches) tx.update(table, id, patch);
    for (const row of rows) tx.insert(table, row);
  }).change;
}

export const editorHandlers = {
  'editors.page': (input, ctx) => readPage(ctx, input),
  'editors.apply': (input, ctx) => {
    const change = applyGrid(ctx.store.wp, input.table, input.edits, input.inserts, input.label);
    ctx.emit('data.changed', change);
    ctx.emit('history.changed', ctx.store.history.state());
    return change;
  },
  'rules.live': (input, ctx) => liveFindings(ctx.store.db, settingsProfile(ctx.store.settings()), input.agencyIds, input.asOf),
} satisfies HandlerTable<'editors.page' | 'editors.apply' | 'rules.live'>;
