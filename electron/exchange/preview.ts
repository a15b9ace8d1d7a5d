// Preview of an import: what the package would add, change and delete here, row by row and field by field,
// and where both offices changed the same row since they last agreed on it (a conflict: choose per row).
//
// "Since they last agreed" is decided by value, three-way: each side knows the earlier values of a row
// (here: the history's row images and exchange_seen; there: the hashes the package carries). If our
// current value is one of theirs, only they moved on: take theirs. If their value is one of ours, only we
// moved on: keep ours. Otherwise both changed: ask. A wrong guess can only ever be a needless question,
// never a silent overwrite.
import type { Store } from '../../db/store';
import { checkCellValue } from '../../shared/values';
import { TABLES, type Row, type TableName } from '../../shared/tables';
import type { ConflictKind, ExchangeItem, ExchangePreview, ExchangeStatus, FieldDiff } from '../../shared/contract/exchange';
import { readPackage, type Payload } from './format';
import { DELETED_MARK, EXCHANGE_ORDER, Identity, hashValues, pastHashes, seenHashes, toValues, type Values } from './identity';
import { trustedKeys } from './keys';

export interface PlannedItem {
  readonly uid: string;
  readonly table: TableName;
  readonly status: ExchangeStatus;
  readonly conflict: ConflictKind | null;
  readonly localId: number | null;
  /** Their values (null for a deletion there). */
  readonly theirs: Values | null;
  /** What exchange_seen records when this office keeps its own version. */
  readonly theirsHash: string;
}

export interface Analysis {
  readonly file: string;
  readonly payload: Payload;
  readonly fingerprint: string;
  readonly identity: Identity;
  readonly plan: PlannedItem[];
  readonly preview: ExchangePreview;
}

const display = (v: unknown) => (v === undefined ? null : (v as string | number | null));

export function analyse(store: Store, file: string): Analysis {
  const db = store.db;
  const { payload, fingerprint } = readPackage(file, trustedKeys(store));
  const identity = new Identity(db);
  const seen = seenHashes(db);
  const problems: string[] = [];
  const plan: PlannedItem[] = [];
  const counts = { new: 0, changed: 0, deleted: 0, conflict: 0, unchanged: 0, changedHere: 0, deletedHere: 0 };
  const byTable: ExchangePreview['byTable'] = {};
  const inPackage = new Map<string, { table: TableName; v: Values }>();
  for (const table of EXCHANGE_ORDER) for (const r of payload.tables[table] ?? []) inPackage.set(r.u, { table, v: r.v });
  const hasRegion = db.prepare('SELECT 1 FROM regions WHERE code = ?');

  const byId = new Map<TableName, { get(id: number): unknown }>();
  const localRow = (table: TableName, id: number) => {
    let stmt = byId.get(table);
    if (!stmt) byId.set(table, (stmt = db.prepare(`SELECT * FROM ${table} WHERE id = ?`)));
    return stmt.get(id) as Row | undefined;
  };
  const resolvable = (uid: string) => {
    if (inPackage.has(uid)) return true;
    const local = identity.rowOf(uid);
    return !!local && !!localRow(local.table, local.id);
  };
  const earlier = (table: TableName, id: number, uid: string) =>
    new Set([...(pastHashes(identity, [table], [{ table, id }]).get(`${table}:${id}`) ?? []), ...(seen.get(uid) ?? [])]);
  const add = (item: PlannedItem) => {
    plan.push(item);
    counts[item.status]++;
    const t = ((byTable as Record<string, { new: number; changed: number; deleted: number; conflict: number }>)[item.table] ??= { new: 0, changed: 0, deleted: 0, conflict: 0 });
    t[item.status]++;
  };

  for (const table of EXCHANGE_ORDER) {
    for (const r of payload.tables[table] ?? []) {
      if (!checkRow(table, r.u, r.v, resolvable, hasRegion, problems)) continue;
      const theirsHash = hashValues(r.v);
      const local = identity.rowOf(r.u);
      if (local && local.table !== table) {
        problems.push(`行标识 ${r.u} 在本机属于另一数据表`);
        continue;
      }
      const ours = local ? localRow(table, local.id) : undefined;
      const base = { uid: r.u, table, theirs: r.v, theirsHash, localId: local?.id ?? null };
      if (ours) {
        const oursHash = hashValues(toValues(identity, table, ours));
        if (oursHash === theirsHash) counts.unchanged++;
        else if (r.p.includes(oursHash)) add({ ...base, status: 'changed', conflict: null });
        else if (earlier(table, ours.id, r.u).has(theirsHash)) counts.changedHere++;
        else add({ ...base, status: 'conflict', conflict: 'both_changed' });
      } else if (local && earlier(table, local.id, r.u).size > 0) {
        // Deleted here. Unchanged there since: stays deleted. Changed there: ask.
        if (earlier(table, local.id, r.u).has(theirsHash)) counts.deletedHere++;
        else add({ ...base, status: 'conflict', conflict: 'deleted_here_changed_there', localId: null });
      } else {
        add({ ...base, status: 'new', conflict: null, localId: null });
      }
    }
  }
  for (const d of payload.deleted) {
    const local = identity.rowOf(d.u);
    const ours = local && local.table === d.t ? localRow(d.t, local.id) : undefined;
    if (!ours) continue; // never had it, or deleted here as well
    const oursHash = hashValues(toValues(identity, d.t, ours));
    const base = { uid: d.u, table: d.t, theirs: null, theirsHash: DELETED_MARK, localId: ours.id };
    if (d.p.includes(oursHash)) add({ ...base, status: 'deleted', conflict: null });
    else if (seen.get(d.u)?.has(DELETED_MARK)) counts.changedHere++;
    else add({ ...base, status: 'conflict', conflict: 'changed_here_deleted_there' });
  }

  const nameOfUid = (uid: string): string => {
    const local = identity.rowOf(uid);
    const row = local ? localRow(local.table, local.id) : undefined;
    if (row) return String(row[TABLES[local!.table].nameColumn] ?? uid);
    const p = inPackage.get(uid);
    return p ? String(p.v[TABLES[p.table].nameColumn] ?? uid) : uid;
  };
  const items: ExchangeItem[] = plan.map((p) => {
    const ours = p.localId !== null ? localRow(p.table, p.localId) : undefined;
    const mine = ours ? toValues(identity, p.table, ours) : null;
    const nameCol = TABLES[p.table].nameColumn;
    return {
      uid: p.uid, table: p.table, tableZh: TABLES[p.table].zh, status: p.status, conflict: p.conflict, localId: p.localId,
      name: String(p.theirs?.[nameCol] ?? mine?.[nameCol] ?? p.uid),
      fields: p.status === 'changed' || p.conflict === 'both_changed' ? diff(p.table, mine!, p.theirs!, nameOfUid) : [],
    };
  });
  const maxGroup = db.prepare('SELECT coalesce(max(id), 0) AS n FROM history_group').get() as { n: number };
  return {
    file, payload, fingerprint, identity, plan,
    preview: {
      packageId: payload.packageId, office: payload.office.name, fingerprint, createdAt: payload.createdAt, county: payload.county,
      baseGroupId: maxGroup.n, counts, byTable, items, problems,
    },
  };
}

function diff(table: TableName, mine: Values, theirs: Values, nameOfUid: (uid: string) => string): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const col of TABLES[table].columns) {
    const a = display(mine[col.key]);
    const b = display(theirs[col.key]);
    if (a === b) continue;
    const show = (v: string | number | null) => (col.type === 'ref' && typeof v === 'string' ? nameOfUid(v) : v);
    out.push({ field: col.key, zh: col.zh, mine: show(a), theirs: show(b) });
  }
  return out;
}

/** Checks a row of the package against this office's rules; records problems in Chinese. */
function checkRow(
  table: TableName, uid: string, v: Values, resolvable: (uid: string) => boolean,
  hasRegion: { get(code: string): unknown }, problems: string[],
): boolean {
  const where = `${TABLES[table].zh}“${String(v[TABLES[table].nameColumn] ?? uid)}”`;
  const before = problems.length;
  for (const key of Object.keys(v)) if (!TABLES[table].columns.some((c) => c.key === key)) problems.push(`${where}：本机没有字段“${key}”（对方软件版本较新？）`);
  for (const col of TABLES[table].columns) {
    const value = v[col.key];
    if (!(col.key in v)) {
      problems.push(`${where}：缺少字段“${col.zh}”`);
    } else if (col.type === 'ref') {
      if (value === null) {
        if (col.required) problems.push(`${where}：“${col.zh}”不能为空`);
      } else if (typeof value !== 'string') {
        problems.push(`${where}：“${col.zh}”的引用格式不对`);
      } else if (col.required && !resolvable(value)) {
        problems.push(`${where}：“${col.zh}”引用的${TABLES[col.ref!].zh}在本机和交换包中都不存在`);
      }
    } else {
      const r = checkCellValue({ ...col, readOnly: false }, value);
      if (!r.ok) problems.push(`${where}：${r.reason}`);
      else if (col.type === 'region' && value !== null && !hasRegion.get(String(value))) problems.push(`${where}：行政区划代码不存在：${String(value)}`);
    }
  }
  return problems.length === before;
}
