import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../db/open';
import { REFORM_TABLES } from '../../db/migrations/0003-reforms';
import { WritePath } from '../../db/write-path';
import { tempDir } from '../helpers/temp';

const columnsOf = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migration 0003 (reform plans, mapping table, items, lineage)', () => {
  it('creates the four tables with the columns the reform code writes', () => {
    const db = new Database(path.join(tempDir(), 'a.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, 0, 3);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(columnsOf(db, 'reforms')).toEqual(expect.arrayContaining([
      'id', 'name', 'basis_doc_no', 'basis_docs', 'effective_date', 'region_code', 'rule_profile', 'status', 'applied_group_id',
      'reverted_group_id', 'acknowledged_warnings', 'backup_file', 'notes',
    ]));
    expect(columnsOf(db, 'reform_mappings')).toEqual(expect.arrayContaining([
      'reform_id', 'source_agency_id', 'action', 'target_agency_id', 'target_ref', 'new_name', 'new_group', 'new_rank',
      'duties_destination', 'staffing_transfer', 'people_note', 'assets_note', 'basis_doc_no', 'note',
    ]));
    expect(columnsOf(db, 'reform_items')).toEqual(expect.arrayContaining(['reform_id', 'kind', 'op', 'target_id', 'agency_id', 'agency_ref', 'payload']));
    expect(columnsOf(db, 'lineage')).toEqual(['id', 'from_agency_id', 'to_agency_id', 'action', 'reform_id', 'effective_date', 'doc_no', 'note']);
    db.close();
  });

  it('enforces status, action and item kind, and that only "create" rows may lack a source', () => {
    const db = new Database(path.join(tempDir(), 'b.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, 0, 3);
    const reform = (status: string) => db.prepare(`INSERT INTO reforms (name, effective_date, region_code, status) VALUES ('测试', '2022-03-16', '620500', ?)`).run(status);
    expect(() => reform('draft')).not.toThrow();
    expect(() => reform('done')).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO reforms (name, effective_date, region_code) VALUES ('x', '2022-03-16', '999999')`).run()).toThrow(/FOREIGN KEY/);
    const mapping = (source: number | null, action: string) => db.prepare('INSERT INTO reform_mappings (reform_id, source_agency_id, action) VALUES (1, ?, ?)').run(source, action);
    expect(() => mapping(5, 'merge_into')).not.toThrow();
    expect(() => mapping(null, 'create')).not.toThrow();
    expect(() => mapping(null, 'merge_into')).toThrow(/CHECK/);
    expect(() => mapping(5, 'split')).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO reform_items (reform_id, kind, op) VALUES (1, 'person', 'create')`).run()).toThrow(/CHECK/);
    // The group ids are checked at commit (the apply records its group after the change naming it).
    db.exec('BEGIN');
    db.prepare('UPDATE reforms SET applied_group_id = 1 WHERE id = 1').run();
    db.prepare(`INSERT INTO history_group (id, label, at, os_user, operator, kind, state) VALUES (1, 'x', 'now', 'u', '', 'edit', 'applied')`).run();
    expect(() => db.exec('COMMIT')).not.toThrow();
    db.close();
  });

  it('upgrades a version-2 file with a backup first, keeping its rows', () => {
    const dir = tempDir();
    const file = path.join(dir, 'zonedesk.sqlite');
    const old = new Database(file);
    migrate(old, 0, 2);
    old.exec(`INSERT INTO agencies (full_name, agency_kind, nature, host_region_code) VALUES ('旧机构', 'zone_mgmt', 'admin_organ', '620503')`);
    old.close();
    const { db, migratedFrom, backupFile } = openDatabase(file);
    expect(migratedFrom).toBe(2);
    expect(backupFile && fs.existsSync(backupFile)).toBe(true);
    expect(db.prepare('SELECT full_name FROM agencies').get()).toEqual({ full_name: '旧机构' });
    expect(db.prepare('SELECT count(*) AS n FROM reforms').get()).toEqual({ n: 0 });
    db.close();
  });

  it('registers the new tables with the write path, so undo can restore their rows', () => {
    const db = new Database(path.join(tempDir(), 'c.sqlite'));
    migrate(db, 0, 3);
    const wp = new WritePath(db);
    for (const t of REFORM_TABLES) expect(() => wp.columns(t)).not.toThrow();
    const { change } = wp.mutate('新建方案', (tx) => tx.insert('reforms', { name: '方案', effective_date: '2022-03-16', region_code: '620500' }));
    expect(change.changes).toHaveLength(1);
    expect(change.changes[0].after).toMatchObject({ status: 'draft', basis_docs: '[]', rule_profile: '{}' });
    db.close();
  });
});
