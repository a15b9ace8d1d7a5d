// Global search (Ctrl+K): zones, agencies and departments by name, short name, pinyin initials
// (e.g. "tsjk" finds 天水经济技术开发区) or unified social credit code.
import type Database from 'better-sqlite3';
import { pinyin } from 'pinyin-pro';
import type { SearchHit } from '../shared/contract';
import { normalizeInput, todayCst } from '../shared/text';
import { IN_FORCE } from './rows';

const initialsCache = new Map<string, string>();
export function pinyinInitials(text: string): string {
  let v = initialsCache.get(text);
  if (v === undefined) {
    v = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
    initialsCache.set(text, v);
  }
  return v;
}

interface Candidate { table: 'zones' | 'agencies' | 'departments'; id: number; name: string; short: string | null; code: string | null; detail: string; agencyId: number | null }

export function searchRegister(db: Database.Database, rawText: string, limit: number): SearchHit[] {
  const text = normalizeInput(rawText).toLowerCase();
  const p = { asOf: todayCst() };
  const candidates: Candidate[] = [
    ...(db.prepare(`SELECT id, full_name AS name, short_name AS short, uscc AS code, id AS agencyId FROM agencies WHERE ${IN_FORCE}`).all(p) as Omit<Candidate, 'table' | 'detail'>[])
      .map((r) => ({ ...r, table: 'agencies' as const, detail: '管理机构' })),
    ...(db.prepare(`SELECT id, name, short_name AS short, code, management_agency_id AS agencyId FROM zones WHERE ${IN_FORCE}`).all(p) as Omit<Candidate, 'table' | 'detail'>[])
      .map((r) => ({ ...r, table: 'zones' as const, detail: '开发区' })),
    ...(db.prepare(`SELECT d.id, d.name, NULL AS short, NULL AS code, d.agency_id AS agencyId, a.full_name AS owner FROM departments d JOIN agencies a ON a.id = d.agency_id WHERE d.valid_to IS NULL LIMIT 50000`).all() as Array<Omit<Candidate, 'table' | 'detail'> & { owner: string }>)
      .map((r) => ({ ...r, table: 'departments' as const, detail: `内设机构 · ${r.owner}` })),
  ];
  const scored: Array<{ c: Candidate; score: number }> = [];
  const asciiQuery = /^[a-z0-9]+$/.test(text);
  for (const c of candidates) {
    let score = 0;
    if (c.name === rawText.trim()) score = 100;
    else if (c.name.toLowerCase().includes(text)) score = 60 - Math.min(30, c.name.length - text.length);
    else if (c.short && c.short.toLowerCase().includes(text)) score = 50;
    else if (c.code && c.code.toLowerCase() === text) score = 90;
    else if (asciiQuery && pinyinInitials(c.name).includes(text)) score = 40;
    else if (asciiQuery && c.short && pinyinInitials(c.short).includes(text)) score = 35;
    if (score > 0) scored.push({ c, score: score + (c.table === 'agencies' ? 5 : c.table === 'zones' ? 3 : 0) });
  }
  scored.sort((a, b) => b.score - a.score || a.c.name.localeCompare(b.c.name, 'zh-CN'));
  return scored.slice(0, limit).map(({ c }) => ({ table: c.table, id: c.id, name: c.name, detail: c.detail, agencyId: c.agencyId }));
}
