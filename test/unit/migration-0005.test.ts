import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../db/open';
import { EXPORT_TABLES } from '../../db/migrations/0005-export';
import { WritePath } from '../../db/write-path';
import { tempDir } from '../helpers/temp';

const columnsOf = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migration 0005 (发文字号 register, export log)', () => {
  it('creates the two tables with the columns the export code writes', () => {
    const db = new Database(path.join(tempDir(), 'a.sqlite'));
    migrate(db, 0, 5);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(columnsOf(db, 'doc_numbers')).toEqual(['id', 'prefix', 'year', 'doc_type', 'number', 'status', 'reform_id', 'title', 'issued_at', 'cancelled_at']);
    expect(columnsOf(db, 'export_log')).toEqual(['id', 'at', 'doc_type', 'template_id', 'version', 'sha256', 'file', 'reform_id', 'doc_no']);
    db.close();
  });

  it('never gives a number twice, keeps cancelled numbers, and refuses deleting or renumbering', () => {
    const db = new Database(path.join(tempDir(), 'b.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, 0, 5);
    const issue = (number: number, prefix = '天编委发', year = 2022) =>
      db.prepare(`INSERT INTO doc_numbers (prefix, year, doc_type, number, issued_at) VALUES (?, ?, 'notice', ?, '2022-03-16T00:00:00Z')`).run(prefix, year, number);
    issue(3);
    expect(() => issue(3)).toThrow(/UNIQUE/);
    expect(() => issue(3, '天编办发')).not.toThrow(); // another 机关代字 has its own sequence
    expect(() => issue(3, '天编委发', 2023)).not.toThrow(); // and so has another year
    expect(() => issue(0)).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO doc_numbers (prefix, year, doc_type, number, issued_at) VALUES ('  ', 2022, 'notice', 9, 'x')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE doc_numbers SET status = 'void' WHERE id = 1`).run()).toThrow(/CHECK/);
    db.prepare(`UPDATE doc_numbers SET status = 'cancelled', cancelled_at = 'now' WHERE id = 1`).run();
    expect(() => issue(3)).toThrow(/UNIQUE/); // a cancelled number is not reused
    expect(() => db.prepare(`UPDATE doc_numbers SET status = 'issued' WHERE id = 1`).run()).toThrow(/不能恢复/);
    expect(() => db.prepare('UPDATE doc_numbers SET number = 4 WHERE id = 1').run()).toThrow(/不能修改/);
    expect(() => db.prepare('DELETE FROM doc_numbers WHERE id = 1').run()).toThrow(/不能删除/);
    db.prepare(`UPDATE doc_numbers SET title = '关于…的通知' WHERE id = 1`).run(); // other fields may change
    // No foreign key to reforms: a number issued for a draft outlives the draft.
    expect(() => db.prepare(`UPDATE doc_numbers SET reform_id = 999 WHERE id = 2`).run()).not.toThrow();
    db.close();
  });

  it('upgrades a version-4 file with a backup first, keeping its rows', () => {
    const dir = tempDir();
    const file = path.join(dir, 'zonedesk.sqlite');
    const old = new Database(file);
    migrate(old, 0, 4);
    old.exec(`INSERT INTO reforms (name, basis_doc_no, effective_date, region_code) VALUES ('旧方案', '天编委发〔2022〕3号', '2022-03-16', '620500')`);
    old.close();
    const { db, migratedFrom, backupFile } = openDatabase(file);
    expect(migratedFrom).toBe(4);
    expect(backupFile && fs.existsSync(backupFile)).toBe(true);
    expect(db.prepare('SELECT name FROM reforms').get()).toEqual({ name: '旧方案' });
    expect(db.prepare('SELECT count(*) AS n FROM doc_numbers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM export_log').get()).toEqual({ n: 0 });
    db.close();
  });

  it('registers the tables with the write path; its history groups are baseline (never undone)', () => {
    const db = new Database(path.join(tempDir(), 'c.sqlite'));
    migrate(db, 0, 5);
    const wp = new WritePath(db);
    for (const t of EXPORT_TABLES) expect(() => wp.columns(t)).not.toThrow();
    const { change } = wp.mutate('登记发文字号', (tx) => tx.insert('doc_numbers', { prefix: '天编委发', year: 2022, doc_type: 'notice', number: 4, issued_at: 'now' }), 'baseline');
    expect(change.changes[0].after).toMatchObject({ status: 'issued', number: 4 });
    expect(db.prepare('SELECT kind FROM history_group WHERE id = ?').get(change.groupId)).toEqual({ kind: 'baseline' });
    db.close();
  });
});
