import { describe, expect, it } from 'vitest';
import { Store } from '../../db/store';
import { updateCells, deleteRows, insertRows, listRows } from '../../db/rows';
import { computeStats } from '../../db/stats';
import { demoStore, registerFingerprint, tempDir } from '../helpers/temp';

const agencyByCode = (store: Store, code: string) =>
  store.db.prepare('SELECT * FROM agencies WHERE code = ?').get(code) as { id: number; full_name: string; rank: string };

describe('the write path and its history', () => {
  it('records one group per edit with label, time, user and before/after images', () => {
    const store = demoStore();
    const a01 = agencyByCode(store, 'A01');
    const change = updateCells(store.wp, 'agencies', [{ id: a01.id, field: 'rank', value: 'county_deputy' }]);
    expect(change.label).toBe('修改管理机构“天水经济技术开发区管理委员会”的机构规格');
    expect(change.changes).toHaveLength(1);
    expect(change.changes[0].before?.rank).toBe('county_full');
    expect(change.changes[0].after?.rank).toBe('county_deputy');
    const [entry] = store.history.list(1);
    expect(entry).toMatchObject({ id: change.groupId, kind: 'edit', state: 'applied', changeCount: 1 });
    expect(entry.osUser.length).toBeGreaterThan(0);
    expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 60_000);
    store.close();
  });

  it('undo and redo replay groups exactly and survive closing and reopening the file', () => {
    const dir = tempDir();
    let store = demoStore(dir);
    const a01 = agencyByCode(store, 'A01');
    const pristine = registerFingerprint(store).split('\n').slice(0, 10).join('\n');
    updateCells(store.wp, 'agencies', [{ id: a01.id, field: 'full_name', value: '天水经开区管委会（改）' }]);
    updateCells(store.wp, 'agencies', [{ id: a01.id, field: 'internal_dept_cap', value: 12 }]);
    store.close();

    store = Store.open(dir);
    expect(store.history.state()).toMatchObject({ canUndo: true, canRedo: false, undoLabel: expect.stringContaining('内设机构限额') });
    store.history.undo();
    expect(agencyByCode(store, 'A01')).toMatchObject({ full_name: '天水经开区管委会（改）' });
    store.close();

    store = Store.open(dir);
    store.history.undo();
    expect(agencyByCode(store, 'A01').full_name).toBe('天水经济技术开发区管理委员会');
    expect(registerFingerprint(store).split('\n').slice(0, 10).join('\n')).toBe(pristine);
    expect(store.history.undo()).toBeNull(); // the baseline demo load is not undoable
    store.close();

    store = Store.open(dir);
    expect(store.history.state()).toMatchObject({ canUndo: false, canRedo: true });
    store.history.redo();
    store.history.redo();
    expect(agencyByCode(store, 'A01')).toMatchObject({ full_name: '天水经开区管委会（改）' });
    expect((store.db.prepare('SELECT internal_dept_cap AS c FROM agencies WHERE id = ?').get(a01.id) as { c: number }).c).toBe(12);
    const kinds = store.history.list(10).map((e) => e.kind);
    expect(kinds.slice(0, 4)).toEqual(['redo', 'redo', 'undo', 'undo']);
    store.close();
  });

  it('a new edit discards what could have been redone', () => {
    const store = demoStore();
    const a02 = agencyByCode(store, 'A02');
    updateCells(store.wp, 'agencies', [{ id: a02.id, field: 'note', value: '一' }]);
    store.history.undo();
    updateCells(store.wp, 'agencies', [{ id: a02.id, field: 'note', value: '二' }]);
    expect(store.history.state().canRedo).toBe(false);
    expect(store.history.redo()).toBeNull();
    store.close();
  });

  it('deleting an agency takes its dependents with it in one group, and undo restores all of them', () => {
    const store = demoStore();
    const a01 = agencyByCode(store, 'A01');
    const before = registerFingerprint(store);
    const statsBefore = computeStats(store.db);
    const change = deleteRows(store.wp, 'agencies', [a01.id]);
    const tables = new Set(change.changes.map((c) => c.table));
    expect(tables).toEqual(new Set(['agencies', 'nameplates', 'departments', 'staffing', 'leader_posts', 'functions', 'dispatched_units', 'zones']));
    expect(computeStats(store.db).agencies.total).toBe(25);
    store.history.undo();
    expect(computeStats(store.db)).toEqual(statsBefore);
    // Everything but the history tables is exactly as before.
    const strip = (s: string) => s.split('\n').slice(0, 10).join('\n');
    expect(strip(registerFingerprint(store))).toBe(strip(before));
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    store.close();
  });

  it('rejects a bad value with a Chinese message naming the field, and writes nothing at all', () => {
    const store = demoStore();
    const a01 = agencyByCode(store, 'A01');
    const before = registerFingerprint(store);
    expect(() => updateCells(store.wp, 'agencies', [
      { id: a01.id, field: 'note', value: '这一格本身合法' },
      { id: a01.id, field: 'rank', value: '特级' },
    ])).toThrow(/edits\[1\]\.value：“机构规格”的取值无效：特级/);
    expect(() => insertRows(store.wp, 'departments', [{ agency_id: a01.id, name: '新科室' }])).toThrow(/职能类别.*不能为空/);
    expect(() => updateCells(store.wp, 'agencies', [{ id: a01.id, field: 'host_region_code', value: '999999' }])).toThrow(/行政区划代码不存在/);
    expect(registerFingerprint(store)).toBe(before);
    store.close();
  });

  it('new rows are in force from today, so "as of yesterday" views do not show them', () => {
    const store = demoStore();
    const a01 = agencyByCode(store, 'A01');
    insertRows(store.wp, 'departments', [{ agency_id: a01.id, name: '营商环境局', function_class: 'enterprise_service' }]);
    const today = listRows(store.db, 'departments', { agencyId: a01.id }).map((r) => r.name);
    const past = listRows(store.db, 'departments', { agencyId: a01.id, asOf: '2022-01-01' }).map((r) => r.name);
    expect(today).toContain('营商环境局');
    expect(past).not.toContain('营商环境局');
    store.close();
  });
});
