// Apply an import: everything the preview showed, with the user's choice for each conflict, in one
// wp.mutate — one transaction and one history group, so a single undo takes the whole import back (the
// identities and decisions recorded in exchange_rows / exchange_seen included).
import { AppError } from '../../shared/errors';
import { TABLES, TABLE_NAMES, type TableName } from '../../shared/tables';
import type { ExchangeApplyResult } from '../../shared/contract/exchange';
import type { Store } from '../../db/store';
import type { Tx } from '../../db/write-path';
import { analyse, type Analysis, type PlannedItem } from './preview';
import { EXCHANGE_ORDER, type Identity, type Values } from './identity';

export interface ApplyOptions {
  /** Per conflict (by uid): keep this office's version or take the package's. */
  readonly choices?: Readonly<Record<string, 'mine' | 'theirs'>>;
  /** From the preview: refuse when the data changed since, so the user applies what they saw. */
  readonly baseGroupId?: number;
  readonly now?: Date;
}

type Resolve = (uid: string) => number | null;

/** Their values with references turned into local ids; optional references not placed yet come back in `later`. */
function toLocal(table: TableName, v: Values, resolve: Resolve): { values: Record<string, unknown>; later: Array<[string, string]> } {
  const values: Record<string, unknown> = {};
  const later: Array<[string, string]> = [];
  for (const col of TABLES[table].columns) {
    const x = v[col.key] ?? null;
    if (col.type !== 'ref' || x === null) {
      values[col.key] = x;
      continue;
    }
    const id = resolve(String(x));
    if (id === null && col.required) {
      throw new AppError('invalid_input', `交换包中${TABLES[table].zh}“${String(v[TABLES[table].nameColumn] ?? '')}”的“${col.zh}”在本机找不到，未导入。`);
    }
    values[col.key] = id;
    if (id === null) later.push([col.key, String(x)]);
  }
  return { values, later };
}

const stmtCache = new WeakMap<object, Map<string, { get(...a: unknown[]): unknown }>>();
/** better-sqlite3 prepares per call; on a first import of a national register that dominates. */
function cached(tx: Tx, sql: string): { get(...a: unknown[]): unknown } {
  let m = stmtCache.get(tx.db);
  if (!m) stmtCache.set(tx.db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = tx.db.prepare(sql)));
  return s;
}

/** Remembers that a received row is known elsewhere by `uid`, replacing stale entries of a reused id. */
function recordIdentity(tx: Tx, identity: Identity, table: TableName, id: number, uid: string): void {
  const byRow = cached(tx, 'SELECT id, uid FROM exchange_rows WHERE tbl = ? AND row_id = ?').get(table, id) as { id: number; uid: string } | undefined;
  if (byRow?.uid === uid) return;
  if (byRow) tx.delete('exchange_rows', byRow.id);
  const byUid = cached(tx, 'SELECT id FROM exchange_rows WHERE uid = ?').get(uid) as { id: number } | undefined;
  if (uid === identity.derived(table, id)) {
    if (byUid) tx.delete('exchange_rows', byUid.id);
  } else if (byUid) {
    tx.update('exchange_rows', byUid.id, { tbl: table, row_id: id });
  } else {
    tx.insert('exchange_rows', { tbl: table, row_id: id, uid });
  }
}

/** Deleting there took the rows that depend on it along (as deleting here does): do the same. */
function deleteCascade(tx: Tx, table: TableName, id: number): void {
  if (!tx.get(table, id)) return;
  for (const other of TABLE_NAMES) {
    for (const col of TABLES[other].columns) {
      if (col.type !== 'ref' || col.ref !== table) continue;
      for (const d of tx.db.prepare(`SELECT id FROM ${other} WHERE ${col.key} = ?`).all(id) as { id: number }[]) {
        if (other === table && d.id === id) continue;
        if (col.required) deleteCascade(tx, other, d.id);
        else tx.update(other, d.id, { [col.key]: null });
      }
    }
  }
  tx.delete(table, id);
}

const maxGroupId = (store: Store) => (store.db.prepare('SELECT coalesce(max(id), 0) AS n FROM history_group').get() as { n: number }).n;

/**
 * `source` is the package file, or an analysis of it made moments ago (the handler checks the package
 * before taking the pre-import backup); a stale analysis (data changed meanwhile) is made again.
 */
export function applyExchange(store: Store, source: string | Analysis, opts: ApplyOptions = {}): ExchangeApplyResult {
  const fresh = typeof source !== 'string' && source.preview.baseGroupId === maxGroupId(store) ? source : null;
  const { preview, plan, identity, payload, fingerprint } = fresh ?? analyse(store, typeof source === 'string' ? source : source.file);
  if (opts.baseGroupId !== undefined && opts.baseGroupId !== preview.baseGroupId) {
    throw new AppError('conflict', '预览之后本机数据已有修改，请重新预览后再导入。数据未做任何改动。');
  }
  if (preview.problems.length) {
    throw new AppError('invalid_input', `交换包中有${preview.problems.length}处本机无法保存的内容，未导入：${preview.problems[0]}`,
      preview.problems.slice(0, 100).map((message) => ({ message })));
  }
  const choices = opts.choices ?? {};
  const open = plan.filter((p) => p.status === 'conflict' && !choices[p.uid]);
  if (open.length) {
    throw new AppError('conflict', `还有${open.length}处冲突未选择处理方式（保留本机或采用对方），未导入。数据未做任何改动。`,
      open.slice(0, 100).map((p) => ({ path: p.uid, message: `${TABLES[p.table].zh} #${p.localId ?? '新'}` })));
  }
  const take: PlannedItem[] = [];
  const keep: PlannedItem[] = [];
  for (const p of plan) (p.status !== 'conflict' || choices[p.uid] === 'theirs' ? take : keep).push(p);
  const inserts = take.filter((p) => p.theirs !== null && p.localId === null);
  const updates = take.filter((p) => p.theirs !== null && p.localId !== null);
  const deletes = take.filter((p) => p.theirs === null);

  const office = payload.office.name || '对方单位';
  const label = `导入交换包（${office}${payload.county ? ` ${payload.county}` : ''}，${payload.createdAt.slice(0, 10)}导出）`;
  const { change } = store.wp.mutate(label, (tx) => {
    const placed = new Map<string, number>();
    const resolve: Resolve = (uid) => {
      const id = placed.get(uid);
      if (id !== undefined) return id;
      const local = identity.rowOf(uid);
      return local && cached(tx, `SELECT 1 FROM ${local.table} WHERE id = ?`).get(local.id) ? local.id : null;
    };
    const deferred: Array<{ table: TableName; id: number; col: string; uid: string }> = [];
    for (const table of EXCHANGE_ORDER) {
      for (const p of inserts) {
        if (p.table !== table) continue;
        const { values, later } = toLocal(table, p.theirs!, resolve);
        const row = tx.insert(table, values);
        placed.set(p.uid, row.id);
        recordIdentity(tx, identity, table, row.id, p.uid);
        for (const [col, uid] of later) deferred.push({ table, id: row.id, col, uid });
      }
    }
    // Optional references to rows inserted later in the same import (a zone's parent zone, a superior agency).
    for (const d of deferred) {
      const id = resolve(d.uid);
      if (id !== null) tx.update(d.table, d.id, { [d.col]: id });
    }
    for (const p of updates) tx.update(p.table, p.localId!, toLocal(p.table, p.theirs!, resolve).values);
    for (const table of [...EXCHANGE_ORDER].reverse()) for (const p of deletes) if (p.table === table) deleteCascade(tx, table, p.localId!);
    const seenStmt = cached(tx, 'SELECT 1 FROM exchange_seen WHERE uid = ? AND hash = ?');
    for (const p of keep) if (!seenStmt.get(p.uid, p.theirsHash)) tx.insert('exchange_seen', { uid: p.uid, hash: p.theirsHash });
    tx.insert('exchange_imports', {
      package_id: payload.packageId, office, fingerprint, county: payload.county, created_at: payload.createdAt,
      imported_at: (opts.now ?? new Date()).toISOString(),
    });
  });
  return { groupId: change.groupId, label, inserted: inserts.length, updated: updates.length, deleted: deletes.length, keptMine: keep.length };
}
