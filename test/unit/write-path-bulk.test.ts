// insertMany, the write path's bulk insert (the import's 100,000 rows): its history must be what
// `insert` one row at a time records — one change per row, before null, after the row as stored, in
// order — so that undo takes every row back, redo puts them again, and the audit trail is complete.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../db/store';
import type { Row } from '../../shared/tables';
import { demoStore, registerFingerprint } from '../helpers/temp';

const agency = (i: number, extra: Record<string, unknown> = {}) => ({
  full_name: `批量测试第${i}号管理委员会`, agency_kind: 'zone_mgmt', nature: 'admin_organ', host_region_code: '620502', internal_dept_cap: i, ...extra,
});

interface ChangeRow { seq: number; tbl: string; row_id: number; before_json: string | null; after_json: string | null }
const changesOf = (store: Store, groupId: number) =>
  store.db.prepare('SELECT seq, tbl, row_id, before_json, after_json FROM history_change WHERE group_id = ? ORDER BY seq').all(groupId) as ChangeRow[];
const rowOf = (store: Store, id: number) => store.db.prepare('SELECT * FROM agencies WHERE id = ?').get(id) as Row;
const json = (s: string | null) => (s === null ? null : JSON.parse(s));

describe('insertMany', () => {
  it('records one change per row with the stored row as its after image, exactly as insert does', () => {
    const store = demoStore();
    const one = store.wp.mutate('逐行新增', (tx) => tx.insert('agencies', agency(1, { valid_from: '2026-01-01', note: '第一行\n"引号"' })));
    const many = store.wp.mutate('批量新增', (tx) => tx.insertMany('agencies', [agency(2, { note: '第一行\n"引号"' }), agency(3), agency(4, { short_name: '简称' })], { valid_from: '2026-01-01' }));
    const single = changesOf(store, one.change.groupId);
    const bulk = changesOf(store, many.change.groupId);
    expect(bulk.map((c) => [c.seq, c.tbl, c.row_id, c.before_json])).toEqual(many.result.map((id, i) => [i, 'agencies', id, null]));
    bulk.forEach((c) => expect(json(c.after_json)).toEqual(rowOf(store, c.row_id)));
    // Same columns in the same order as the image `insert` records; the same text for the same values.
    const keys = (s: string | null) => Object.keys(json(s));
    expect(keys(bulk[0].after_json)).toEqual(keys(single[0].after_json));
    const strip = (s: string | null) => s!.replace(/"(id|full_name|internal_dept_cap)":[^,]*,/g, '');
    expect(strip(bulk[0].after_json)).toBe(strip(single[0].after_json));
    // The rows are in history, not in the ChangeResult (its one caller, the import, reports counts).
    expect(many.change.changes).toEqual([]);
    expect(store.history.list(1)[0]).toMatchObject({ id: many.change.groupId, changeCount: 3 });
    store.close();
  });

  it('undo takes every row back and redo puts them again', () => {
    const store = demoStore();
    const before = registerFingerprint(store).split('\n').slice(0, 10).join('\n');
    const rows = Array.from({ length: 5000 }, (_, i) => agency(i));
    const { result: ids } = store.wp.mutate('导入', (tx) => tx.insertMany('agencies', rows, { valid_from: '2026-01-01' }));
    expect(new Set(ids).size).toBe(5000);
    const images = ids.map((id) => rowOf(store, id));
    store.history.undo();
    expect(registerFingerprint(store).split('\n').slice(0, 10).join('\n')).toBe(before);
    store.history.redo();
    expect(ids.map((id) => rowOf(store, id))).toEqual(images);
    store.close();
  });

  it('keeps the insert image of a row changed again, or deleted, later in the same group', () => {
    const store = demoStore();
    const { result, change } = store.wp.mutate('导入并引用', (tx) => {
      const ids = tx.insertMany('agencies', [agency(1), agency(2), agency(3)], { valid_from: '2026-01-01' });
      tx.update('agencies', ids[1], { superior_id: ids[0] }); // an agency of the same file as superior
      tx.delete('agencies', ids[2]);
      return ids;
    });
    const changes = changesOf(store, change.groupId);
    expect(changes.map((c) => [c.seq, c.row_id, c.before_json === null, c.after_json === null])).toEqual([
      [0, result[0], true, false], [1, result[1], true, false], [2, result[2], true, false],
      [3, result[1], false, false], [4, result[2], false, true],
    ]);
    expect(json(changes[1].after_json).superior_id).toBeNull(); // as inserted, not as at the end
    expect(json(changes[3].before_json).superior_id).toBeNull();
    expect(json(changes[3].after_json).superior_id).toBe(result[0]);
    expect(json(changes[2].after_json)).toEqual(json(changes[4].before_json)); // the deleted row as inserted
    // The updated and deleted changes are listed like any other; the bulk inserts are not.
    expect(change.changes.map((c) => c.id)).toEqual([result[1], result[2]]);
    store.history.undo();
    expect(result.map((id) => store.db.prepare('SELECT id FROM agencies WHERE id = ?').get(id))).toEqual([undefined, undefined, undefined]);
    store.close();
  });

  it('rows with different fields, updates between batches, and the order of the file', () => {
    const store = demoStore();
    const a01 = store.db.prepare(`SELECT id FROM agencies WHERE code = 'A01'`).get() as { id: number };
    const { result, change } = store.wp.mutate('混合', (tx) => {
      const first = tx.insertMany('agencies', [agency(1), agency(2, { note: '有备注' }), agency(3)], { valid_from: '2026-01-01' });
      tx.update('agencies', a01.id, { note: '中间的更新' });
      const second = tx.insertMany('agencies', [agency(4)], { valid_from: '2026-01-01' });
      return [...first, ...second];
    });
    const changes = changesOf(store, change.groupId);
    expect(changes.map((c) => c.row_id)).toEqual([result[0], result[1], result[2], a01.id, result[3]]);
    expect(json(changes[1].after_json).note).toBe('有备注');
    expect(json(changes[0].after_json).note).toBeNull();
    changes.filter((c) => c.before_json === null).forEach((c) => expect(json(c.after_json)).toEqual(rowOf(store, c.row_id)));
    store.close();
  });

  it('refuses an explicit id and unknown columns, writing nothing', () => {
    const store = demoStore();
    const before = registerFingerprint(store);
    expect(() => store.wp.mutate('坏', (tx) => tx.insertMany('agencies', [{ ...agency(1), id: 999_999 }]))).toThrow(/不能指定id/);
    expect(() => store.wp.mutate('坏', (tx) => tx.insertMany('agencies', [{ ...agency(1), no_such_column: 1 }]))).toThrow(/没有字段“no_such_column”/);
    expect(registerFingerprint(store)).toBe(before);
    store.close();
  });
});
