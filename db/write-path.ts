// The one write path. Every mutation of the register runs inside `mutate`: one SQLite transaction that
// also records a history group (label, time, OS user, operator) with before/after images of each row.
// Undo, redo, the audit trail and a reform's revert are all read from those images.
import type Database from 'better-sqlite3';
import os from 'node:os';
import { AppError } from '../shared/errors';
import type { ChangeResult, RowChange } from '../shared/contract';
import type { Row, TableName } from '../shared/tables';
import { insertedImage, readTableShape, updatedImage, type TableShape } from './table-shape';

/** Tables the write path may touch. Feature modules register theirs (e.g. reforms) with `registerTable`. */
const writableTables = new Set<string>([
  'zones', 'agencies', 'nameplates', 'departments', 'staffing', 'leader_posts', 'functions',
  'dispatched_units', 'indicators', 'settings',
]);
export function registerWritableTable(name: string): void {
  writableTables.add(name);
}

export interface Tx {
  insert(table: string, values: Record<string, unknown>): Row;
  /**
   * Inserts many rows of one table (each with `shared` added, e.g. the same valid_from) and returns their
   * ids. History is the same as for `insert` one row at a time — one change per row, its after image the
   * row as stored — but SQLite writes those images itself (json_object over the new rows, in one statement
   * per run of ids) instead of JavaScript building and serialising 100,000 objects: that was most of an
   * import's write time. The rows are therefore not listed in the ChangeResult's `changes` (the import,
   * the one caller, reports counts); undo, redo and the audit trail read history, where they all are.
   */
  insertMany(table: string, rows: ReadonlyArray<Record<string, unknown>>, shared?: Record<string, unknown>): number[];
  update(table: string, id: number, patch: Record<string, unknown>): Row;
  delete(table: string, id: number): Row;
  get(table: string, id: number): Row | undefined;
  readonly db: Database.Database;
}

export type GroupKind = 'edit' | 'undo' | 'redo' | 'baseline';

/** Rows inserted by insertMany with consecutive ids; `seq` is the history position of the first, set when recorded. */
interface BulkRun {
  readonly table: string;
  readonly from: number;
  to: number;
  seq: number;
}
type Recorded = RowChange | BulkRun;

/** One INSERT statement of insertMany, for rows with the fields `own`; `params` is reused row after row. */
interface BulkInsert {
  readonly own: readonly string[];
  readonly stmt: Database.Statement;
  readonly keys: readonly string[];
  readonly params: unknown[];
  /** Per key: taken from the row (else from `shared`, already in `params`). */
  readonly fromRow: readonly boolean[];
}
const isBulk = (c: Recorded): c is BulkRun => 'from' in c;

/** The run of `runs` (ascending, one table) holding `id`, or undefined. */
function runOf(runs: readonly BulkRun[] | undefined, id: number): BulkRun | undefined {
  if (!runs) return undefined;
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].to < id) lo = mid + 1;
    else if (runs[mid].from > id) hi = mid - 1;
    else return runs[mid];
  }
  return undefined;
}

export class WritePath {
  private readonly shapes = new Map<string, TableShape>();
  private readonly stmtCache = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    private readonly operatorName: () => string = () => '',
    /** Called after every commit (the store uses it to checkpoint the WAL when writes pause). */
    private readonly afterCommit: () => void = () => {},
  ) {}

  shape(table: string): TableShape {
    let shape = this.shapes.get(table);
    if (!shape) {
      if (!writableTables.has(table)) throw new AppError('invalid_input', `不允许写入的数据表：${table}`);
      shape = readTableShape(this.db, table);
      this.shapes.set(table, shape);
    }
    return shape;
  }

  columns(table: string): readonly string[] {
    return this.shape(table).columns;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmtCache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmtCache.set(sql, s);
    }
    return s;
  }

  private checkColumns(table: string, keys: string[]): TableShape {
    const shape = this.shape(table);
    for (const k of keys) {
      if (!shape.columnSet.has(k)) throw new AppError('invalid_input', `数据表“${table}”没有字段“${k}”`, [{ path: k, message: '未知字段' }]);
    }
    return shape;
  }

  getRow(table: string, id: number): Row | undefined {
    this.shape(table);
    return this.stmt(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  }

  /**
   * Runs `fn` in one transaction and records it as one history group. Nothing is recorded (and nothing
   * written) when `fn` throws. A new edit discards the redo stack, as in every editor.
   */
  mutate<T>(label: string, fn: (tx: Tx) => T, kind: GroupKind = 'edit', targetGroupId: number | null = null): { result: T; change: ChangeResult } {
    const run = this.db.transaction(() => {
      const changes: Recorded[] = [];
      const runs = new Map<string, BulkRun[]>();
      // A bulk-inserted row changed again in the same group: its insert image is the row as it was before
      // that change (what `insert` would have recorded), not the row at the end of the group.
      const firstImages = new Map<BulkRun, Map<number, Row>>();
      const keepFirstImage = (table: string, row: Row) => {
        const r = runOf(runs.get(table), row.id);
        if (!r) return;
        const images = firstImages.get(r) ?? firstImages.set(r, new Map()).get(r)!;
        if (!images.has(row.id)) images.set(row.id, row);
      };
      const tx: Tx = {
        db: this.db,
        get: (table, id) => this.getRow(table, id),
        insert: (table, values) => {
          const keys = Object.keys(values);
          const shape = this.checkColumns(table, keys);
          const sql = `INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
          const info = this.stmt(sql).run(...keys.map((k) => values[k]));
          const id = Number(info.lastInsertRowid);
          const after = shape.imagesComputable ? insertedImage(shape, id, values) : this.getRow(table, id)!;
          changes.push({ table: table as TableName, id: after.id, before: null, after });
          return after;
        },
        insertMany: (table, rows, shared = {}) => this.insertMany(table, rows, shared, changes, runs),
        update: (table, id, patch) => {
          const before = this.getRow(table, id);
          if (!before) throw new AppError('not_found', `记录不存在：${table} #${id}`, [{ path: `${table}#${id}`, message: '不存在' }]);
          keepFirstImage(table, before);
          const keys = Object.keys(patch).filter((k) => k !== 'id');
          const shape = this.checkColumns(table, keys);
          if (keys.length === 0) return before;
          this.stmt(`UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...keys.map((k) => patch[k]), id);
          const after = shape.imagesComputable ? updatedImage(shape, before, patch, keys) : this.getRow(table, id)!;
          changes.push({ table: table as TableName, id, before, after });
          return after;
        },
        delete: (table, id) => {
          const before = this.getRow(table, id);
          if (!before) throw new AppError('not_found', `记录不存在：${table} #${id}`, [{ path: `${table}#${id}`, message: '不存在' }]);
          keepFirstImage(table, before);
          this.stmt(`DELETE FROM ${table} WHERE id = ?`).run(id);
          changes.push({ table: table as TableName, id, before, after: null });
          return before;
        },
      };
      const result = fn(tx);
      const effective = changes.filter((c) => isBulk(c) || !sameRow(c.before, c.after));
      if (kind === 'edit') this.stmt(`UPDATE history_group SET state = 'discarded' WHERE state = 'undone'`).run();
      const groupId = this.recordGroup(label, kind, targetGroupId, effective, firstImages);
      return { result, change: { groupId, label, changes: effective.filter((c): c is RowChange => !isBulk(c)) } };
    });
    const out = run.immediate();
    this.afterCommit();
    return out;
  }

  /** insertMany's work inside mutate: the inserts, grouped into runs of consecutive ids for recordGroup. */
  private insertMany(table: string, rows: ReadonlyArray<Record<string, unknown>>, shared: Record<string, unknown>, changes: Recorded[], runs: Map<string, BulkRun[]>): number[] {
    const statements = new Map<string, BulkInsert>();
    const ids: number[] = [];
    let previous: BulkInsert | null = null;
    for (const values of rows) {
      const own = Object.keys(values);
      // Rows of one batch mostly have the same fields: compare with the previous row's before joining.
      let insert: BulkInsert | undefined = previous && sameKeys(previous.own, own) ? previous : statements.get(own.join(','));
      if (!insert) {
        if (own.includes('id')) throw new AppError('invalid_input', `批量新增不能指定id：${table}`);
        const keys = [...own.filter((k) => !(k in shared)), ...Object.keys(shared)];
        this.checkColumns(table, keys);
        const stmt = this.stmt(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`);
        insert = { own, stmt, keys, params: keys.map((k) => shared[k]), fromRow: keys.map((k) => !(k in shared)) };
        statements.set(own.join(','), insert);
      }
      previous = insert;
      for (let k = 0; k < insert.keys.length; k++) if (insert.fromRow[k]) insert.params[k] = values[insert.keys[k]];
      const id = Number(insert.stmt.run(insert.params).lastInsertRowid);
      ids.push(id);
      const tableRuns = runs.get(table);
      if (tableRuns && id <= tableRuns[tableRuns.length - 1].to) {
        // An id used before in this group (its row was deleted meanwhile): recorded like `insert` does.
        changes.push({ table: table as TableName, id, before: null, after: this.getRow(table, id)! });
        continue;
      }
      const last = changes[changes.length - 1];
      if (last && isBulk(last) && last.table === table && last.to === id - 1) last.to = id;
      else {
        const run: BulkRun = { table, from: id, to: id, seq: -1 };
        changes.push(run);
        (tableRuns ?? runs.set(table, []).get(table)!).push(run);
      }
    }
    return ids;
  }

  private recordGroup(label: string, kind: GroupKind, target: number | null, changes: Recorded[], firstImages: Map<BulkRun, Map<number, Row>>): number {
    const info = this.stmt(
      `INSERT INTO history_group (label, at, os_user, operator, kind, state, target_group_id) VALUES (?, ?, ?, ?, ?, 'applied', ?)`,
    ).run(label, new Date().toISOString(), osUser(), this.operatorName(), kind, target);
    const groupId = Number(info.lastInsertRowid);
    const ins = this.stmt('INSERT OR REPLACE INTO history_change (group_id, seq, tbl, row_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)');
    let seq = 0;
    for (const c of changes) {
      if (!isBulk(c)) {
        ins.run(groupId, seq++, c.table, c.id, c.before ? JSON.stringify(c.before) : null, c.after ? JSON.stringify(c.after) : null);
        continue;
      }
      // json_object lists the columns in table order, as the images `insert` records do; SQLite 3.53 writes
      // REAL values so that they read back exactly (12.0 where JavaScript writes 12: the same number).
      const columns = this.shape(c.table).columns.map((col) => `'${col}', "${col}"`).join(', ');
      this.stmt(`INSERT INTO history_change (group_id, seq, tbl, row_id, before_json, after_json)
        SELECT ?, ? + (id - ?), ?, id, NULL, json_object(${columns}) FROM ${c.table} WHERE id BETWEEN ? AND ?`)
        .run(groupId, seq, c.from, c.table, c.from, c.to);
      c.seq = seq;
      seq += c.to - c.from + 1;
    }
    // Rows changed again (or deleted) after their bulk insert: their insert image as it was then.
    for (const [r, images] of firstImages) {
      for (const [id, image] of images) ins.run(groupId, r.seq + (id - r.from), r.table, id, null, JSON.stringify(image));
    }
    return groupId;
  }

  /** Puts each row back to an image (null = absent), in the given order. Used by undo, redo and revert. */
  restoreImages(tx: Tx, items: Array<{ table: string; id: number; image: Row | null }>): void {
    for (const { table, id, image } of items) {
      const current = tx.get(table, id);
      if (image === null) {
        if (current) tx.delete(table, id);
      } else if (!current) {
        tx.insert(table, image);
      } else {
        tx.update(table, id, image);
      }
    }
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRow(a: Row | null, b: Row | null): boolean {
  if (a === null || b === null) return a === b;
  for (const k of Object.keys(a)) if (a[k] !== b[k]) return false;
  return true;
}

let cachedOsUser: string | undefined;
export function osUser(): string {
  if (cachedOsUser === undefined) {
    try {
      cachedOsUser = os.userInfo().username;
    } catch {
      cachedOsUser = process.env.USER ?? process.env.USERNAME ?? 'unknown';
    }
  }
  return cachedOsUser;
}
