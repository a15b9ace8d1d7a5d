import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../db/open';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../db/migrations';
import { TABLES, TABLE_NAMES } from '../../shared/tables';
import { AppError } from '../../shared/errors';
import { tempDir } from '../helpers/temp';

const columnsOf = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('0001 creates every register table with exactly the columns shared/tables.ts describes', () => {
    const db = new Database(path.join(tempDir(), 'a.sqlite'));
    migrate(db, 0, 1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    for (const t of TABLE_NAMES) {
      const expected = ['id', ...TABLES[t].columns.map((c) => c.key)].sort();
      expect(columnsOf(db, t).sort(), t).toEqual(expected);
    }
    expect(columnsOf(db, 'history_group')).toContain('state');
    db.close();
  });

  it('0002 loads the GB/T 2260 regions, including the seven Tianshui county-level divisions', () => {
    const db = new Database(path.join(tempDir(), 'b.sqlite'));
    migrate(db, 0, 2);
    const tianshui = db.prepare(`SELECT code, name FROM regions WHERE parent_code = '620500' ORDER BY code`).all();
    expect(tianshui).toEqual([
      { code: '620502', name: '秦州区' }, { code: '620503', name: '麦积区' }, { code: '620521', name: '清水县' },
      { code: '620522', name: '秦安县' }, { code: '620523', name: '甘谷县' }, { code: '620524', name: '武山县' },
      { code: '620525', name: '张家川回族自治县' },
    ]);
    const counts = db.prepare('SELECT level, count(*) AS n FROM regions GROUP BY level').all() as { level: string; n: number }[];
    const byLevel = Object.fromEntries(counts.map((c) => [c.level, c.n]));
    expect(byLevel.province).toBe(34 - 3); // 31 mainland provincial divisions (HK, MO, TW not in the package's table)
    expect(byLevel.prefecture).toBeGreaterThan(330);
    expect(byLevel.county).toBeGreaterThan(2800);
    expect(db.prepare(`SELECT count(*) AS n FROM regions WHERE length(code) <> 6`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('runs all pending steps in one transaction: a failing step leaves the file at its old version', () => {
    const file = path.join(tempDir(), 'c.sqlite');
    const db = new Database(file);
    migrate(db, 0, 1);
    db.exec(`INSERT INTO regions (code, name, level) VALUES ('620500', '占位', 'prefecture')`);
    db.exec(`CREATE TABLE regions_backup AS SELECT * FROM regions`);
    // Sabotage: a trigger that makes step 2's inserts fail half-way.
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON regions WHEN NEW.code = '620502' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    expect(() => migrate(db, 1)).toThrow(/boom/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM regions').get()).toEqual({ n: 1 });
    db.close();
  });

  it('backs up the file before migrating an older database', () => {
    const dir = tempDir();
    const file = path.join(dir, 'zonedesk.sqlite');
    const db = new Database(file);
    migrate(db, 0, 1);
    db.close();
    const res = openDatabase(file, { backupDir: path.join(dir, 'backups') });
    expect(res.migratedFrom).toBe(1);
    expect(res.backupFile).toMatch(/pre-migrate-v1-/);
    const backup = new Database(res.backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    backup.close();
    expect(res.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    res.db.close();
  });

  it('refuses a database written by a newer version and leaves the file byte-for-byte untouched', () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = fs.readFileSync(file);
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('db_newer_version');
    expect((err as AppError).message).toMatch(/更新版本的软件/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a corrupt or foreign file with a clear message and leaves it untouched', () => {
    const dir = tempDir();
    const foreign = path.join(dir, 'foreign.sqlite');
    fs.writeFileSync(foreign, 'PK\u0003\u0004 this is a zip, not a database'.repeat(100));
    const before = fs.readFileSync(foreign);
    expect(() => openDatabase(foreign)).toThrow(/损坏或不是本软件的数据文件/);
    expect(fs.readFileSync(foreign).equals(before)).toBe(true);

    // A real database whose pages were overwritten in the middle.
    const broken = path.join(dir, 'broken.sqlite');
    const ok = openDatabase(broken, { create: true });
    ok.db.pragma('journal_mode = DELETE');
    ok.db.close();
    const bytes = fs.readFileSync(broken);
    bytes.fill(0xab, 4096 * 2, 4096 * 6);
    fs.writeFileSync(broken, bytes);
    let err: AppError | undefined;
    try {
      openDatabase(broken);
    } catch (e) {
      err = e as AppError;
    }
    expect(err?.code).toBe('db_corrupt');
    expect(fs.readFileSync(broken).equals(bytes)).toBe(true);
  });
});
