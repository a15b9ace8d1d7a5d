// Reverting an applied reform: one new history group that puts every row the apply touched back to its
// image before the apply. A row someone changed since is a conflict, listed field by field in Chinese and
// left alone unless the caller says, per conflict, to keep the current value or restore the old one.
// Rows added later that point at rows the revert removes (a department added to a new agency version)
// are conflicts too: restoring removes them, keeping them is impossible.
import { AppError } from '../../shared/errors';
import type { RevertConflict, RevertOutcome, RevertResolution } from '../../shared/reform/api-types';
import { TABLES, TABLE_NAMES, columnOf, type Row, type TableName } from '../../shared/tables';
import type { Store } from '../store';
import type { Tx } from '../write-path';
import { nextGroupId } from './apply';
import { getReform } from './plans';

interface Change { tbl: string; id: number; before: Row | null; after: Row | null }

/** Which columns point at rows of a table: the register's references plus lineage. */
function referrers(table: string): Array<{ table: string; column: string; required: boolean }> {
  const out: Array<{ table: string; column: string; required: boolean }> = [];
  for (const t of TABLE_NAMES) for (const c of TABLES[t].columns) if (c.type === 'ref' && c.ref === table) out.push({ table: t, column: c.key, required: !!c.required });
  if (table === 'agencies') out.push({ table: 'lineage', column: 'from_agency_id', required: false }, { table: 'lineage', column: 'to_agency_id', required: false });
  return out;
}

const tableZh = (t: string): string => (TABLES as Record<string, { zh: string }>)[t]?.zh ?? (t === 'lineage' ? '历史沿革' : t);
const rowName = (t: string, r: Row | null | undefined): string => {
  if (!r) return '';
  const col = (TABLES as Record<string, { nameColumn: string }>)[t]?.nameColumn;
  return String((col && r[col]) ?? r.name ?? `#${r.id}`);
};
const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '（空）' : String(v));

function loadChanges(store: Store, groupId: number, reformId: number): Change[] {
  return store.history.changesOf(groupId)
    .filter((c) => !(c.tbl === 'reforms' && c.row_id === reformId))
    .map((c) => ({ tbl: c.tbl, id: c.row_id, before: c.before_json ? JSON.parse(c.before_json) as Row : null, after: c.after_json ? JSON.parse(c.after_json) as Row : null }));
}

function analyse(store: Store, changes: Change[]): RevertConflict[] {
  const out: RevertConflict[] = [];
  const touched = new Set(changes.map((c) => `${c.tbl}#${c.id}`));
  const removedByRevert = new Map<string, number[]>();
  for (const c of changes) {
    const current = store.wp.getRow(c.tbl, c.id);
    const name = `${tableZh(c.tbl)}“${rowName(c.tbl, c.after ?? c.before)}”`;
    if (c.after === null) continue;
    if (!current) {
      if (c.before) out.push({ key: `${c.tbl}#${c.id}.*`, table: c.tbl, id: c.id, field: '*', kind: 'deleted', message: `${name}在改革实施后被删除`, current: null, applied: null, before: null });
      continue;
    }
    if (c.before === null) {
      const list = removedByRevert.get(c.tbl) ?? [];
      list.push(c.id);
      removedByRevert.set(c.tbl, list);
    }
    for (const k of new Set([...Object.keys(c.after), ...Object.keys(current)])) {
      if ((current[k] ?? null) === (c.after[k] ?? null)) continue;
      const col = columnOf(c.tbl as TableName, k)?.zh ?? k;
      out.push({
        key: `${c.tbl}#${c.id}.${k}`, table: c.tbl, id: c.id, field: k, kind: 'modified',
        message: `${name}的“${col}”在改革实施后被修改（实施后为${show(c.after[k])}，现为${show(current[k])}）`,
        current: current[k] ?? null, applied: c.after[k] ?? null, before: c.before?.[k] ?? null,
      });
    }
  }
  for (const [table, ids] of removedByRevert) {
    for (const ref of referrers(table)) {
      const rows = store.db.prepare(`SELECT * FROM ${ref.table} WHERE ${ref.column} IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[];
      for (const r of rows) {
        if (touched.has(`${ref.table}#${r.id}`)) continue;
        out.push({
          key: `${ref.table}#${r.id}.${ref.column}`, table: ref.table, id: r.id, field: ref.column, kind: 'dependent',
          message: `${tableZh(ref.table)}“${rowName(ref.table, r)}”是改革实施后新增的，引用了撤回时要删除的记录；恢复将删除它，无法保留`,
          current: (r[ref.column] as number) ?? null, applied: null, before: null,
        });
      }
    }
  }
  return out;
}

export function reformConflicts(store: Store, reformId: number): RevertConflict[] {
  const d = getReform(store.db, reformId);
  if (d.status !== 'applied' || d.appliedGroupId == null) return [];
  return analyse(store, loadChanges(store, d.appliedGroupId, reformId));
}

/** Deletes a later row and, recursively, rows that cannot live without it (optional references are cleared). */
function deleteCascade(tx: Tx, table: string, id: number): void {
  if (!tx.get(table, id)) return;
  for (const ref of referrers(table)) {
    for (const r of tx.db.prepare(`SELECT id FROM ${ref.table} WHERE ${ref.column} = ?`).all(id) as { id: number }[]) {
      if (ref.required) deleteCascade(tx, ref.table, r.id);
      else tx.update(ref.table, r.id, { [ref.column]: null });
    }
  }
  tx.delete(table, id);
}

export function revertReform(store: Store, reformId: number, resolutions: readonly RevertResolution[] = []): RevertOutcome {
  const d = getReform(store.db, reformId);
  if (d.status !== 'applied' || d.appliedGroupId == null) throw new AppError('conflict', `改革方案“${d.name}”未实施，无需撤回`);
  const changes = loadChanges(store, d.appliedGroupId, reformId);
  const conflicts = analyse(store, changes);
  const choice = (c: RevertConflict) => resolutions.find((r) => r.table === c.table && r.id === c.id && (r.field === undefined || r.field === c.field))?.choice;
  const open = conflicts.filter((c) => !choice(c));
  if (open.length) return { reverted: false, reformId, conflicts };
  // A row the apply created (a new agency version, a moved department) disappears with the revert: keeping
  // a later edit on it would leave it in force beside the restored original (27 agencies instead of 26).
  const createdByApply = new Set(changes.filter((c) => c.before === null).map((c) => `${c.tbl}#${c.id}`));
  const impossible = conflicts.find((c) => choice(c) === 'keep' && (c.kind === 'dependent' || createdByApply.has(`${c.table}#${c.id}`)));
  if (impossible) {
    const why = impossible.kind === 'dependent' ? impossible.message : `${impossible.message}；该记录由本次改革新建，撤回时将被删除，无法保留其后的修改，请选择“恢复”，撤回后再重新录入`;
    throw new AppError('invalid_input', `无法保留：${why}`, [{ path: impossible.key, message: why }]);
  }
  const kept = conflicts.filter((c) => choice(c) === 'keep');
  const keepFields = new Map<string, string[]>();
  for (const c of kept) keepFields.set(`${c.table}#${c.id}`, [...(keepFields.get(`${c.table}#${c.id}`) ?? []), c.field]);
  try {
    const { change } = store.wp.mutate(`撤回改革方案“${d.name}”`, (tx) => {
      for (const c of conflicts) if (c.kind === 'dependent') deleteCascade(tx, c.table, c.id);
      for (const c of [...changes].reverse()) {
        const current = tx.get(c.tbl, c.id);
        const keep = keepFields.get(`${c.tbl}#${c.id}`) ?? [];
        if (c.before === null) {
          if (current && keep.length === 0) tx.delete(c.tbl, c.id);
        } else if (!current) {
          if (!keep.includes('*')) tx.insert(c.tbl, c.before);
        } else {
          const image: Record<string, unknown> = { ...c.before };
          for (const f of keep) if (f !== '*') image[f] = current[f];
          tx.update(c.tbl, c.id, image);
        }
      }
      tx.update('reforms', reformId, { status: 'reverted', reverted_group_id: nextGroupId(tx), reverted_at: new Date().toISOString() });
    });
    store.invalidateCaches();
    return { reverted: true, reformId, groupId: change.groupId, changeCount: change.changes.length, kept };
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new AppError('conflict', '保留的记录引用了撤回时要删除的机构，无法撤回；请对这些记录选择“恢复”。未做任何修改。');
    }
    throw e;
  }
}
