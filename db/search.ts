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

/** One searchable table: its rows in force, with the columns named alike. */
interface Source {
  readonly table: Candidate['table'];
  /** Selects id, name, short, code, agencyId (and owner) of the rows in force; filtered below. */
  readonly rows: string;
  /** The distinct names and short names, for matching pinyin initials once per name, not per row. */
  readonly names: string;
  readonly detail: (r: { owner?: string }) => string;
}

const SOURCES: readonly Source[] = [
  {
    table: 'agencies', detail: () => '管理机构',
    rows: `SELECT id, full_name AS name, short_name AS short, uscc AS code, id AS agencyId FROM agencies WHERE ${IN_FORCE}`,
    names: `SELECT full_name FROM agencies WHERE ${IN_FORCE} UNION SELECT short_name FROM agencies WHERE short_name IS NOT NULL AND ${IN_FORCE}`,
  },
  {
    table: 'zones', detail: () => '开发区',
    rows: `SELECT id, name, short_name AS short, code, management_agency_id AS agencyId FROM zones WHERE ${IN_FORCE}`,
    names: `SELECT name FROM zones WHERE ${IN_FORCE} UNION SELECT short_name FROM zones WHERE short_name IS NOT NULL AND ${IN_FORCE}`,
  },
  {
    table: 'departments', detail: (r) => `内设机构 · ${r.owner ?? ''}`,
    rows: `SELECT d.id, d.name, NULL AS short, NULL AS code, d.agency_id AS agencyId, a.full_name AS owner
      FROM (SELECT * FROM departments WHERE ${IN_FORCE}) d JOIN agencies a ON a.id = d.agency_id`,
    names: `SELECT DISTINCT name FROM departments WHERE ${IN_FORCE}`,
  },
];

/**
 * Every row of the register in force is searchable (a national register holds 200,000 departments):
 * SQLite does the substring and code matching, and pinyin initials are matched against the distinct
 * names only — department names repeat (综合办公室 in every agency), so that is a few thousand strings.
 */
export function searchRegister(db: Database.Database, rawText: string, limit: number): SearchHit[] {
  const text = normalizeInput(rawText).toLowerCase();
  if (!text) return [];
  const asOf = todayCst();
  const asciiQuery = /^[a-z0-9]+$/.test(text);
  const scored: Array<{ c: Candidate; score: number }> = [];
  for (const src of SOURCES) {
    const byInitials = asciiQuery
      ? (db.prepare(src.names).pluck().all({ asOf }) as string[]).filter((n) => pinyinInitials(n).includes(text))
      : [];
    const rows = db.prepare(`SELECT * FROM (${src.rows}) WHERE instr(lower(name), @text) > 0 OR instr(lower(coalesce(short, '')), @text) > 0
      OR lower(coalesce(code, '')) = @text OR name IN (SELECT value FROM json_each(@initials)) OR short IN (SELECT value FROM json_each(@initials))`)
      .all({ asOf, text, initials: JSON.stringify(byInitials) }) as Array<Omit<Candidate, 'table' | 'detail'> & { owner?: string }>;
    for (const r of rows) {
      const c: Candidate = { table: src.table, id: r.id, name: r.name, short: r.short, code: r.code, agencyId: r.agencyId, detail: src.detail(r) };
      const score = scoreOf(c, rawText.trim(), text, asciiQuery);
      if (score > 0) scored.push({ c, score: score + (c.table === 'agencies' ? 5 : c.table === 'zones' ? 3 : 0) });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.c.name.localeCompare(b.c.name, 'zh-CN'));
  return scored.slice(0, limit).map(({ c }) => ({ table: c.table, id: c.id, name: c.name, detail: c.detail, agencyId: c.agencyId }));
}

/** Exact name first, then the credit code, a name containing the text (shorter names closer), short name, pinyin. */
function scoreOf(c: Candidate, exact: string, text: string, asciiQuery: boolean): number {
  if (c.name === exact) return 100;
  if (c.code && c.code.toLowerCase() === text) return 90;
  if (c.name.toLowerCase().includes(text)) return 60 - Math.min(30, c.name.length - text.length);
  if (c.short && c.short.toLowerCase().includes(text)) return 50;
  if (asciiQuery && pinyinInitials(c.name).includes(text)) return 40;
  if (asciiQuery && c.short && pinyinInitials(c.short).includes(text)) return 35;
  return 0;
}
