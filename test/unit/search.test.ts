// Global search (Ctrl+K) on a real register: names, short names, pinyin initials and credit codes,
// over every row in force — also at the size of a national register, where the departments run to
// hundreds of thousands — and never rows that have ended or not yet begun.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/store';
import { searchRegister } from '../../db/search';
import { openStore, tempDir } from '../fixtures/import-db';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = tempDir('zd-search-');
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const firstAgency = () => store.db.prepare('SELECT id, full_name, short_name, uscc FROM agencies WHERE uscc IS NOT NULL ORDER BY id LIMIT 1').get() as
  { id: number; full_name: string; short_name: string | null; uscc: string };

describe('searchRegister', () => {
  it('finds an agency by full name, credit code and pinyin initials, the agency first', () => {
    const a = firstAgency();
    expect(searchRegister(store.db, a.full_name, 10)[0]).toMatchObject({ table: 'agencies', id: a.id, name: a.full_name });
    expect(searchRegister(store.db, a.uscc.toLowerCase(), 10)[0]).toMatchObject({ table: 'agencies', id: a.id });
    const hits = searchRegister(store.db, 'tsjjjs', 10); // 天水经济技术…
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.name.includes('天水经济技术开发区'))).toBe(true);
  });

  it('finds a department past the first 60,000, by name and by pinyin initials, with its agency', () => {
    const a = firstAgency();
    const ins = store.db.prepare(`INSERT INTO departments (agency_id, name, function_class) VALUES (?, ?, 'economic')`);
    store.db.transaction(() => { for (let i = 0; i < 60_000; i++) ins.run(a.id, `第${i}综合科`); })();
    const last = ins.run(a.id, '数据资源管理局').lastInsertRowid as number;
    for (const q of ['数据资源管理局', 'sjzyglj']) {
      const hit = searchRegister(store.db, q, 10).find((h) => h.table === 'departments');
      expect(hit, q).toMatchObject({ id: last, name: '数据资源管理局', agencyId: a.id, detail: `内设机构 · ${a.full_name}` });
    }
  });

  it('leaves out rows that have ended or begin later; a query of spaces finds nothing', () => {
    const a = firstAgency();
    const ins = store.db.prepare(`INSERT INTO departments (agency_id, name, function_class, valid_from, valid_to) VALUES (?, ?, 'economic', ?, ?)`);
    ins.run(a.id, '已撤销的旧科室', '2000-01-01', '2001-01-01');
    ins.run(a.id, '将来才设的新科室', '2999-01-01', null);
    expect(searchRegister(store.db, '旧科室', 10)).toEqual([]);
    expect(searchRegister(store.db, '新科室', 10)).toEqual([]);
    expect(searchRegister(store.db, '\u3000 ', 10)).toEqual([]);
  });
});
