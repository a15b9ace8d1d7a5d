// Handlers of the core calls (tables, history, statistics, settings, regions, search).
import { TABLE_NAMES, type TableName } from '../../shared/tables';
import type { CallName, CallOutput, ParsedInput } from '../../shared/contract';
import type { CORE_CALLS } from '../../shared/contract/core';
import { todayCst } from '../../shared/text';
import { deleteRows, insertRows, listRows, updateCells } from '../../db/rows';
import { computeStats } from '../../db/stats';
import { searchRegister } from '../../db/search';
import { osUser } from '../../db/write-path';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import type { HandlerContext } from './context';

export type Handler<N extends CallName> = (input: ParsedInput<N>, ctx: HandlerContext) => CallOutput<N> | Promise<CallOutput<N>>;
export type HandlerTable<K extends CallName = CallName> = { [N in K]: Handler<N> };

// Only the core calls: feature calls (import, editors …) have their own handler files.
type CoreName = Extract<keyof typeof CORE_CALLS, string>;

function tableHandlers(): Record<string, Handler<never>> {
  const out: Record<string, Handler<CallName>> = {};
  for (const t of TABLE_NAMES) {
    const table = t as TableName;
    out[`${t}.list`] = ((input: { asOf?: string; includeEnded?: boolean; agencyId?: number }, ctx: HandlerContext) =>
      listRows(ctx.store.db, table, input)) as unknown as Handler<CallName>;
    out[`${t}.update`] = ((input: { edits: Array<{ id: number; field: string; value: unknown }>; label?: string }, ctx: HandlerContext) =>
      changed(ctx, updateCells(ctx.store.wp, table, input.edits.map(normalizeBool), input.label))) as unknown as Handler<CallName>;
    out[`${t}.insert`] = ((input: { rows: Array<Record<string, unknown>>; label?: string }, ctx: HandlerContext) =>
      changed(ctx, insertRows(ctx.store.wp, table, input.rows, input.label))) as unknown as Handler<CallName>;
    out[`${t}.delete`] = ((input: { ids: number[]; label?: string }, ctx: HandlerContext) =>
      changed(ctx, deleteRows(ctx.store.wp, table, input.ids, input.label))) as unknown as Handler<CallName>;
  }
  return out as Record<string, Handler<never>>;
}

function normalizeBool(e: { id: number; field: string; value: unknown }) {
  return typeof e.value === 'boolean' ? { ...e, value: e.value ? 1 : 0 } : e;
}

/** Tells every open window that data changed, so other views refresh. */
function changed<T extends { groupId: number } | null>(ctx: HandlerContext, result: T): T {
  ctx.emit('data.changed', result);
  ctx.emit('history.changed', ctx.store.history.state());
  return result;
}

export const coreHandlers = {
  ...(tableHandlers() as unknown as HandlerTable<Extract<CoreName, `${TableName}.${string}`>>),
  'meta.info': (_input, ctx) => ({
    appVersion: ctx.appVersion,
    schemaVersion: LATEST_SCHEMA_VERSION,
    dataDir: ctx.dataDir,
    dbFile: ctx.store.file,
    today: todayCst(),
    operator: ctx.store.settings()['operator.name'] ?? '',
    osUser: osUser(),
    warnings: ctx.startupWarnings,
  }),
  'regions.list': (input, ctx) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.parent) { where.push('parent_code = ?'); params.push(input.parent); }
    if (input.level) { where.push('level = ?'); params.push(input.level); }
    return ctx.store.db.prepare(`SELECT code, name, level, parent_code FROM regions${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY code`).all(...params) as CallOutput<'regions.list'>;
  },
  'history.undo': (_input, ctx) => {
    const r = ctx.store.history.undo();
    ctx.store.invalidateCaches();
    return changed(ctx, r);
  },
  'history.redo': (_input, ctx) => {
    const r = ctx.store.history.redo();
    ctx.store.invalidateCaches();
    return changed(ctx, r);
  },
  'history.state': (_input, ctx) => ctx.store.history.state(),
  'history.list': (input, ctx) => ctx.store.history.list(input.limit ?? 200, input.before),
  'history.ofRow': (input, ctx) => ctx.store.history.ofRow(input.table, input.id),
  'stats.get': (input, ctx) => computeStats(ctx.store.db, input.asOf),
  'settings.get': (_input, ctx) => ({ ...ctx.store.settings() }),
  'settings.set': (input, ctx) => {
    const out = ctx.store.setSettings(input.values);
    ctx.emit('history.changed', ctx.store.history.state());
    return { ...out };
  },
  'search.query': (input, ctx) => searchRegister(ctx.store.db, input.text, input.limit ?? 30),
} satisfies HandlerTable<CoreName>;
