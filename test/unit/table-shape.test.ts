// The write path computes row images instead of reading rows back; they must equal what SQLite stored.
import { describe, expect, it } from 'vitest';
import type { Row } from '../../shared/tables';
import { demoStore } from '../helpers/temp';

describe('computed row images', () => {
  it('equal the stored rows for every row the demo load inserted', () => {
    const store = demoStore();
    const changes = store.db.prepare(`SELECT tbl, row_id, after_json FROM history_change WHERE group_id = 1`).all() as Array<{ tbl: string; row_id: number; after_json: string }>;
    expect(changes.length).toBeGreaterThan(300);
    for (const c of changes) {
      const stored = store.db.prepare(`SELECT * FROM ${c.tbl} WHERE id = ?`).get(c.row_id);
      expect(JSON.parse(c.after_json), `${c.tbl}#${c.row_id}`).toEqual(stored);
    }
    store.close();
  });

  it('apply SQLite type affinity the way SQLite does', () => {
    const store = demoStore();
    const { change } = store.wp.mutate('类型转换', (tx) => {
      tx.update('staffing', 1, { approved: '12', actual: 7 });
      tx.update('agencies', 1, { note: 12, short_name: 1.5 });
      tx.insert('departments', { agency_id: 1, name: 345, function_class: 'economic', leader_posts: '2' });
    });
    for (const c of change.changes) {
      const stored = store.db.prepare(`SELECT * FROM ${c.table} WHERE id = ?`).get(c.id) as Row;
      expect(c.after).toEqual(stored);
    }
    expect(change.changes[0].after).toMatchObject({ approved: 12, actual: 7 });
    expect(change.changes[1].after).toMatchObject({ note: '12.0', short_name: '1.5' });
    expect(change.changes[2].after).toMatchObject({ name: '345.0', leader_posts: 2, verification: 'verified' });
    store.close();
  });
});
