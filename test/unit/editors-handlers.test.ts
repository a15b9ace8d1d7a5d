// The editors' main-process side against a real SQLite file with the demo register: keyset paging,
// a paste that updates and appends as ONE history group (or writes nothing), and the live rule findings
// of a few agencies agreeing with those of a full check.
import { describe, expect, it } from 'vitest';
import { applyGrid, readPage } from '../../electron/main/handlers-editors';
import { liveFindings } from '../../electron/main/live-rules';
import type { HandlerContext } from '../../electron/main/context';
import { demoStore, registerFingerprint } from '../helpers/temp';

const ctxOf = (store: ReturnType<typeof demoStore>) => ({ store } as unknown as HandlerContext);

describe('editors.page', () => {
  it('pages by id without gaps or repeats, counts on request, and filters by agency', () => {
    const store = demoStore();
    const ctx = ctxOf(store);
    const first = readPage(ctx, { table: 'departments', limit: 50 });
    expect(first.total).toBeNull();
    expect(first.columns[0]).toBe('id');
    const second = readPage(ctx, { table: 'departments', after: first.lastId, limit: 50, count: true });
    const third = readPage(ctx, { table: 'departments', after: second.lastId, limit: 50 });
    const ids = [...first.rows, ...second.rows, ...third.rows].map((r) => r[0] as number);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(second.total).toBe(ids.length);
    expect(third.done).toBe(true);
    const a01 = store.db.prepare(`SELECT id FROM agencies WHERE code = 'A01'`).get() as { id: number };
    expect(readPage(ctx, { table: 'departments', limit: 100, agencyId: a01.id }).rows).toHaveLength(9);
    expect(readPage(ctx, { table: 'zones', limit: 100, agencyId: a01.id }).rows).toHaveLength(6);
    store.close();
  });
});

describe('editors.apply', () => {
  it('writes updates and appended rows as one history group that undoes as one', () => {
    const store = demoStore();
    const a26 = store.db.prepare(`SELECT id FROM agencies WHERE code = 'A26'`).get() as { id: number };
    const dept = store.db.prepare(`SELECT id FROM departments WHERE agency_id = ? AND name = '社会事务科'`).get(a26.id) as { id: number };
    const before = store.history.list(1000).length;
    const change = applyGrid(store.wp, 'departments', [{ id: dept.id, field: 'function_class', value: 'enterprise_service' }],
      [{ agency_id: a26.id, name: '招商二科', function_class: 'investment_promotion' }], '粘贴内设机构：测试');
    expect(change.changes).toHaveLength(2);
    expect(store.history.list(1000).length).toBe(before + 1);
    expect((store.db.prepare('SELECT count(*) AS n FROM departments WHERE agency_id = ?').get(a26.id) as { n: number }).n).toBe(5);
    store.history.undo();
    expect((store.db.prepare('SELECT count(*) AS n FROM departments WHERE agency_id = ?').get(a26.id) as { n: number }).n).toBe(4);
    expect((store.db.prepare('SELECT function_class AS c FROM departments WHERE id = ?').get(dept.id) as { c: string }).c).toBe('social_affairs');
    store.close();
  });

  it('writes nothing when any cell or new row is invalid', () => {
    const store = demoStore();
    const print = registerFingerprint(store);
    const id = (store.db.prepare('SELECT id FROM departments LIMIT 1').get() as { id: number }).id;
    expect(() => applyGrid(store.wp, 'departments', [{ id, field: 'name', value: '新名称' }], [{ name: '缺少所属机构', function_class: 'economic' }]))
      .toThrow(/所属机构/);
    expect(() => applyGrid(store.wp, 'departments', [{ id, field: 'function_class', value: 'not_a_class' }], [])).toThrow();
    expect(registerFingerprint(store)).toBe(print);
    store.close();
  });
});

describe('rules.live', () => {
  it('finds the demo problems, and a re-check of some agencies equals their part of the full check', () => {
    const store = demoStore();
    const all = liveFindings(store.db, {});
    const code = (id: number) => (store.db.prepare('SELECT code FROM agencies WHERE id = ?').get(id) as { code: string }).code;
    const by = (c: string) => all.filter((f) => code(f.agencyId) === c).map((f) => f.rule).sort();
    expect(by('A03')).toContain('R3');
    expect(by('A04')).toContain('R3');
    expect(by('A01')).toEqual(expect.arrayContaining(['R5', 'R6']));
    expect(by('A12')).toContain('R10');
    expect(by('A17')).toContain('R11');
    expect(by('A26')).toContain('USCC');
    // 超编 is marked on the staffing cell, not only on the agency.
    const over = all.find((f) => f.rule === 'R10')!;
    expect(over.items.some((i) => i.table === 'staffing' && i.field === 'actual')).toBe(true);
    const ids = [...new Set(all.map((f) => f.agencyId))].slice(0, 4);
    const some = liveFindings(store.db, {}, ids);
    const keys = (list: typeof all) => list.map((f) => f.key).sort();
    expect(keys(some)).toEqual(keys(all.filter((f) => ids.includes(f.agencyId))));
    store.close();
  });
});
