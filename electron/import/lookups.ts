// Name → code and name → id lookups, built once per import from whole tables (a few thousand regions,
// a few hundred agencies), so that checking 100,000 rows never runs a query per row.
import type Database from 'better-sqlite3';
import { ENUMS, type EnumName, type EnumOption } from '../../shared/enums';
import { IN_FORCE } from '../../db/rows';
import { todayCst, normalizeInput } from '../../shared/text';

export type Lookup<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The form names are compared in: half-width, no spaces, unified brackets, upper case (for codes). */
export function normKey(s: string): string {
  return normalizeInput(s).replace(/[\s\u3000]+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/[“”"]/g, '').toUpperCase();
}

const ETHNIC = '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各';
const ETHNIC_TAIL = new RegExp(`(?:${ETHNIC})族?$`);

/** Common short forms of a division's name: 甘肃省 → 甘肃, 秦州区 → 秦州, 张家川回族自治县 → 张家川. */
export function shortNames(name: string): string[] {
  const out = new Set<string>();
  let s = name;
  const auto = /(自治区|自治州|自治县|自治旗|特别行政区)$/.exec(s);
  if (auto) {
    s = s.slice(0, -auto[1].length);
    out.add(s);
    for (let i = 0; i < 4; i++) {
      const m = ETHNIC_TAIL.exec(s);
      if (!m || s.length - m[0].length < 2) break;
      s = s.slice(0, -m[0].length);
    }
    out.add(s);
  } else {
    const m = /(省|市|地区|盟|区|县|旗|林区|矿区)$/.exec(s);
    if (m && s.length - m[1].length >= 2) out.add(s.slice(0, -m[1].length));
  }
  out.delete(name);
  return [...out].filter((x) => x.length >= 2);
}

interface Region {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
}

export class RegionIndex {
  private readonly byCode = new Map<string, Region>();
  private readonly byFull = new Map<string, Region[]>();
  private readonly byShort = new Map<string, Region[]>();
  private readonly cache = new Map<string, Lookup<string>>();
  private readonly home: string[];

  constructor(db: Database.Database) {
    const add = (m: Map<string, Region[]>, k: string, r: Region) => {
      const list = m.get(k);
      if (!list) m.set(k, [r]);
      else if (!list.includes(r)) list.push(r);
    };
    for (const r of db.prepare('SELECT code, name, level, parent_code FROM regions').all() as Region[]) {
      this.byCode.set(r.code, r);
      add(this.byFull, normKey(r.name), r);
      for (const s of shortNames(r.name)) add(this.byShort, normKey(s), r);
    }
    // Where the register lives: ambiguous short names (城关区 exists in several provinces) prefer it.
    const row = db.prepare(`SELECT substr(host_region_code, 1, 4) AS p, count(*) AS n FROM (
        SELECT host_region_code FROM agencies UNION ALL SELECT host_region_code FROM zones) GROUP BY p ORDER BY n DESC LIMIT 1`).get() as { p: string } | undefined;
    this.home = row ? [`${row.p}`, row.p.slice(0, 2)] : [];
  }

  private ancestors(r: Region): Region[] {
    const out: Region[] = [];
    for (let p = r.parent_code; p; p = this.byCode.get(p)?.parent_code ?? null) {
      const a = this.byCode.get(p);
      if (!a) break;
      out.push(a);
    }
    return out;
  }

  private candidates(s: string, depth = 0): Region[] {
    const exact = this.byFull.get(s) ?? this.byShort.get(s);
    if (exact) return exact;
    if (depth > 2) return [];
    // A path such as 甘肃省天水市秦州区 or 天水秦州: the tail names the division, the head an ancestor.
    for (let i = s.length - 2; i >= 2; i--) {
      const tail = this.byFull.get(s.slice(i)) ?? this.byShort.get(s.slice(i));
      if (!tail) continue;
      const head = this.candidates(s.slice(0, i), depth + 1);
      if (!head.length) continue;
      const hit = tail.filter((t) => this.ancestors(t).some((a) => head.includes(a)));
      if (hit.length) return hit;
    }
    return [];
  }

  resolve(raw: string): Lookup<string> {
    // Cached by the text as written: a ledger names the same few counties over and over.
    const cached = this.cache.get(raw);
    if (cached) return cached;
    const s = normKey(raw);
    let result: Lookup<string>;
    if (/^\d{6}$/.test(s)) {
      result = this.byCode.has(s) ? { ok: true, value: s } : { ok: false, reason: `行政区划代码不存在：${s}` };
    } else {
      let c = this.candidates(s);
      for (const prefix of this.home) {
        if (c.length <= 1) break;
        const near = c.filter((r) => r.code.startsWith(prefix));
        if (near.length) c = near;
      }
      if (c.length === 1) result = { ok: true, value: c[0].code };
      else if (c.length === 0) result = { ok: false, reason: `无法识别的行政区划“${raw}”（可填写县区名称或6位代码，如“秦州区”或620502）` };
      else {
        const names = c.slice(0, 3).map((r) => `${this.ancestors(r).reverse().map((a) => a.name).join('')}${r.name}（${r.code}）`);
        result = { ok: false, reason: `行政区划“${raw}”对应多处：${names.join('、')}，请填写6位代码或带上级地名` };
      }
    }
    if (this.cache.size < 50_000) this.cache.set(raw, result);
    return result;
  }
}

/** Agencies or zones by full name, short name, credit code or internal code (in-force rows only). */
export class RefIndex {
  private readonly byKey = new Map<string, Set<number>>();
  private readonly byName = new Map<string, Set<number>>();
  private readonly ids = new Set<number>();

  constructor(db: Database.Database, readonly table: 'agencies' | 'zones') {
    const cols = table === 'agencies' ? 'id, full_name AS name, short_name, uscc, code' : 'id, name, short_name, NULL AS uscc, code';
    const rows = db.prepare(`SELECT ${cols} FROM ${table} WHERE ${IN_FORCE}`).all({ asOf: todayCst() }) as Array<{ id: number; name: string; short_name: string | null; uscc: string | null; code: string | null }>;
    const add = (m: Map<string, Set<number>>, k: string | null, id: number) => {
      if (!k) return;
      const key = normKey(k);
      if (!m.has(key)) m.set(key, new Set());
      m.get(key)!.add(id);
    };
    for (const r of rows) {
      this.ids.add(r.id);
      add(this.byKey, r.uscc, r.id);
      add(this.byKey, r.code, r.id);
      add(this.byName, r.name, r.id);
      add(this.byName, r.short_name, r.id);
    }
  }

  /** null: not found (the caller decides: an error, or a row of the same file). */
  resolve(raw: string): Lookup<number> | null {
    const k = normKey(raw);
    const byId = /^#(\d+)$/.exec(k);
    if (byId) return this.ids.has(Number(byId[1])) ? { ok: true, value: Number(byId[1]) } : null;
    const hit = this.byKey.get(k) ?? this.byName.get(k);
    if (!hit) return null;
    if (hit.size > 1) return { ok: false, reason: `“${raw}”对应多条记录，请改用统一社会信用代码或全称` };
    return { ok: true, value: [...hit][0] };
  }
}

/** Enum options by key, Chinese label, English label and aliases, compared loosely. */
export class EnumIndex {
  private readonly map = new Map<string, string>();
  private readonly cache = new Map<string, string | undefined>();
  readonly labels: string;

  constructor(name: EnumName) {
    const options = ENUMS[name] as readonly EnumOption[];
    for (const o of options) {
      for (const s of [o.key, o.zh, o.en, ...(o.aliases ?? [])]) this.map.set(normKey(s), o.key);
    }
    this.labels = options.map((o) => o.zh).join('、');
  }

  resolve(raw: string): string | undefined {
    if (this.cache.has(raw)) return this.cache.get(raw);
    const k = normKey(raw);
    const key = this.map.get(k) ?? this.map.get(k.replace(/级$/, '')) ?? this.map.get(`${k}级`);
    if (this.cache.size < 10_000) this.cache.set(raw, key);
    return key;
  }
}
