// Row identity and content across offices. Local ids differ from office to office, so a row travels as
// a uid: "<office id>.<table>.<local id>" of the office that created it (kept in exchange_rows by the others),
// with its references written as uids too. Two offices hold "the same value" of a row when the hashes of
// these office-independent values are equal.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { TABLES, type Row, type TableName } from '../../shared/tables';

export type Value = string | number | null;
export type Values = Record<string, Value>;

/** Insert order: a row's required references (an agency, a zone) come before it. */
export const EXCHANGE_ORDER: readonly TableName[] = [
  'agencies', 'zones', 'nameplates', 'departments', 'staffing', 'leader_posts', 'functions', 'dispatched_units', 'indicators',
];

/** exchange_seen marker: this office decided to keep a row that the other office had deleted. */
export const DELETED_MARK = 'deleted';

/** How many earlier values of a row travel with it (enough to recognise any recent common state). */
const MAX_PAST = 32;

export class Identity {
  readonly officeId: string;
  private readonly byRow = new Map<string, string>();
  private readonly byUid = new Map<string, { table: TableName; id: number }>();

  constructor(readonly db: Database.Database) {
    this.officeId = (db.prepare('SELECT office_id FROM exchange_office WHERE id = 1').get() as { office_id: string }).office_id;
    for (const r of db.prepare('SELECT tbl, row_id, uid FROM exchange_rows').all() as Array<{ tbl: TableName; row_id: number; uid: string }>) {
      this.byRow.set(`${r.tbl}:${r.row_id}`, r.uid);
      this.byUid.set(r.uid, { table: r.tbl, id: r.row_id });
    }
  }

  derived(table: string, id: number): string {
    return `${this.officeId}.${table}.${id}`;
  }

  uidOf(table: string, id: number): string {
    return this.byRow.get(`${table}:${id}`) ?? this.derived(table, id);
  }

  /** The local (table, id) a uid names, whether or not that row still exists; null when never known here. */
  rowOf(uid: string): { table: TableName; id: number } | null {
    const mapped = this.byUid.get(uid);
    if (mapped) return mapped;
    const m = /^([0-9a-f]+)\.([a-z_]+)\.(\d+)$/.exec(uid);
    if (!m || m[1] !== this.officeId || !(m[2] in TABLES)) return null;
    const id = Number(m[3]);
    // The id now belongs to a row received from elsewhere: our old row of that id is gone.
    if (this.byRow.has(`${m[2]}:${id}`)) return null;
    return { table: m[2] as TableName, id };
  }
}

/** A row's values without its local id, references written as uids. */
export function toValues(identity: Identity, table: TableName, row: Record<string, unknown>): Values {
  const out: Values = {};
  for (const col of TABLES[table].columns) {
    const v = (row[col.key] ?? null) as Value;
    out[col.key] = col.type === 'ref' && v !== null ? identity.uidOf(col.ref!, Number(v)) : v;
  }
  return out;
}

export function hashValues(values: Values): string {
  const keys = Object.keys(values).sort();
  return createHash('sha256').update(JSON.stringify(keys.map((k) => [k, values[k]]))).digest('hex').slice(0, 32);
}

interface ChangeImage { tbl: TableName; row_id: number; before_json: string | null; after_json: string | null }

function addPast(map: Map<string, string[]>, key: string, hash: string): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  if (list.length < MAX_PAST && !list.includes(hash)) list.push(hash);
}

/**
 * Earlier values of rows, newest first, from the history's row images (every value a row ever had here),
 * keyed "table:id". With `only`, just those rows (the index on history_change makes that cheap).
 */
export function pastHashes(identity: Identity, tables: readonly TableName[], only?: Array<{ table: TableName; id: number }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const take = (c: ChangeImage) => {
    for (const json of [c.after_json, c.before_json]) {
      if (json !== null) addPast(out, `${c.tbl}:${c.row_id}`, hashValues(toValues(identity, c.tbl, JSON.parse(json) as Row)));
    }
  };
  if (only) {
    const stmt = identity.db.prepare('SELECT tbl, row_id, before_json, after_json FROM history_change WHERE tbl = ? AND row_id = ? ORDER BY group_id DESC, seq DESC');
    for (const r of only) for (const c of stmt.all(r.table, r.id) as ChangeImage[]) take(c);
    return out;
  }
  const sql = `SELECT tbl, row_id, before_json, after_json FROM history_change WHERE tbl IN (${tables.map(() => '?').join(', ')}) ORDER BY group_id DESC, seq DESC`;
  for (const c of identity.db.prepare(sql).iterate(...tables) as Iterable<ChangeImage>) take(c);
  return out;
}

/**
 * Rows deliberately deleted here, with their last image, keyed "table:id". A row that disappeared through
 * undo (say, of a mistaken import) is not a deletion to pass on: the other office would lose its rows.
 */
export function deletedRows(db: Database.Database, tables: readonly TableName[]): Map<string, { table: TableName; id: number; last: Row }> {
  const out = new Map<string, { table: TableName; id: number; last: Row }>();
  for (const table of tables) {
    const rows = db.prepare(
      `SELECT c.row_id, c.before_json, g.kind FROM history_change c JOIN history_group g ON g.id = c.group_id
       WHERE c.tbl = ? AND c.after_json IS NULL AND c.before_json IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = c.row_id)
       ORDER BY c.group_id, c.seq`,
    ).all(table) as Array<{ row_id: number; before_json: string; kind: string }>;
    const last = new Map<number, { before_json: string; kind: string }>();
    for (const r of rows) last.set(r.row_id, r); // a reused id: its latest deletion is the one that counts
    for (const [id, r] of last) if (r.kind === 'edit') out.set(`${table}:${id}`, { table, id, last: JSON.parse(r.before_json) as Row });
  }
  return out;
}

/** Values this office decided against in earlier exchanges, by uid. */
export function seenHashes(db: Database.Database): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of db.prepare('SELECT uid, hash FROM exchange_seen').all() as Array<{ uid: string; hash: string }>) {
    let s = out.get(r.uid);
    if (!s) out.set(r.uid, (s = new Set()));
    s.add(r.hash);
  }
  return out;
}
