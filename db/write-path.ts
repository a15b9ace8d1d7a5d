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
  update(table: string, id: number, patch: Record<string, unknown>): Row;
  delete(table: string, id: number): Row;
  get(table: string, id: number): Row | undefined;
  readonly db: Database.Database;
}

export type GroupKind = 'edit' | 'undo' | 'redo' | 'baseline';

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
      const changes: RowChange[] = [];
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
        update: (table, id, patch) => {
          const before = this.getRow(table, id);
          if (!before) throw new AppError('not_found', `记录不存在：${table} #${id}`, [{ path: `${table}#${id}`, message: '不存在' }]);
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
          this.stmt(`DELETE FROM ${table} WHERE id = ?`).run(id);
          changes.push({ table: table as TableName, id, before, after: null });
          return before;
        },
      };
      const result = fn(tx);
      const effective = changes.filter((c) => !sameRow(c.before, c.after));
      if (kind === 'edit') this.stmt(`UPDATE history_group SET state = 'discarded' WHERE state = 'undone'`).run();
      const groupId = this.recordGroup(label, kind, targetGroupId, effective);
      return { result, change: { groupId, label, changes: effective } };
    });
    const out = run.immediate();
    this.afterCommit();
    return out;
  }

  private recordGroup(label: string, kind: GroupKind, target: number | null, changes: RowChange[]): number {
    const info = this.stmt(
      `INSERT INTO history_group (label, at, os_user, operator, kind, state, target_group_id) VALUES (?, ?, ?, ?, ?, 'applied', ?)`,
    ).run(label, new Date().toISOString(), osUser(), this.operatorName(), kind, target);
    const groupId = Number(info.lastInsertRowid);
    const ins = this.stmt('INSERT INTO history_change (group_id, seq, tbl, row_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)');
    changes.forEach((c, i) => {
      ins.run(groupId, i, c.table, c.id, c.before ? JSON.stringify(c.before) : null, c.after ? JSON.stringify(c.after) : null);
    });
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
