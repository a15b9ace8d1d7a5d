// Loose conversion of what a person typed or pasted into a cell's stored value: full-width digits and
// spaces, enum labels or keys (or aliases), region and row references by name, dates in the common
// Chinese forms. The result is then checked strictly by values.ts (in the renderer and again in main).
import { ENUMS, type EnumOption } from './enums';
import type { ColumnDef } from './tables';
import { normalizeInput, parseDateLoose, parseIntLoose, parseNumberLoose } from './text';
import type { CellValue } from './values';

export interface Lookups {
  /** Region code by name (full or short) and by code. */
  regionByName(text: string): string | null;
  /** Row id of a referenced table by its name. */
  refByName(table: string, text: string): number | null;
}

export type Converted = { ok: true; value: CellValue } | { ok: false; reason: string };

const TRUE_WORDS = new Set(['是', '有', 'Y', 'YES', 'TRUE', '1', '√', '✓', '对']);
const FALSE_WORDS = new Set(['否', '无', 'N', 'NO', 'FALSE', '0', '×', '✗', '不是']);

export function findEnumKey(options: readonly EnumOption[], text: string): string | null {
  const t = normalizeInput(text);
  const lower = t.toLowerCase();
  for (const o of options) {
    if (o.key === t || o.zh === t || o.en.toLowerCase() === lower || o.aliases?.includes(t)) return o.key;
  }
  return null;
}

export function convertInput(col: ColumnDef, raw: unknown, lookups: Lookups): Converted {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'number') {
    if (col.type === 'int' || col.type === 'real' || col.type === 'ref') return { ok: true, value: raw };
    if (col.type === 'bool') return { ok: true, value: raw ? 1 : 0 };
    raw = String(raw);
  }
  if (typeof raw === 'boolean') return col.type === 'bool' ? { ok: true, value: raw ? 1 : 0 } : { ok: false, reason: `“${col.zh}”不接受是/否` };
  const text = normalizeInput(String(raw));
  if (text === '') return { ok: true, value: null };
  switch (col.type) {
    case 'text':
      return { ok: true, value: text };
    case 'int': {
      const n = parseIntLoose(text);
      return n === null ? { ok: false, reason: `“${text}”不是整数` } : { ok: true, value: n };
    }
    case 'real': {
      const n = parseNumberLoose(text);
      return n === null ? { ok: false, reason: `“${text}”不是数字` } : { ok: true, value: n };
    }
    case 'date': {
      const d = parseDateLoose(text);
      return d === null ? { ok: false, reason: `“${text}”不是有效日期（可写作2022-03-16、2022/3/16或2022年3月16日）` } : { ok: true, value: d };
    }
    case 'bool': {
      const up = text.toUpperCase();
      if (TRUE_WORDS.has(up)) return { ok: true, value: 1 };
      if (FALSE_WORDS.has(up)) return { ok: true, value: 0 };
      return { ok: false, reason: `“${text}”应为“是”或“否”` };
    }
    case 'enum': {
      const key = findEnumKey(ENUMS[col.enum!] as readonly EnumOption[], text);
      return key === null ? { ok: false, reason: `“${text}”不是有效的${col.zh}` } : { ok: true, value: key };
    }
    case 'region': {
      const code = lookups.regionByName(text);
      return code === null ? { ok: false, reason: `找不到行政区划“${text}”` } : { ok: true, value: code };
    }
    case 'ref': {
      if (/^#?\d+$/.test(text)) return { ok: true, value: Number(text.replace('#', '')) };
      const id = lookups.refByName(col.ref!, text);
      return id === null ? { ok: false, reason: `找不到名为“${text}”的${col.ref === 'zones' ? '开发区' : '机构'}` } : { ok: true, value: id };
    }
  }
}

/** Builds the region lookup from the region list: code, full name, and the name without 省/市/县/区 suffixes. */
export function regionIndex(regions: ReadonlyArray<{ code: string; name: string; level: string }>): (text: string) => string | null {
  const byName = new Map<string, string>();
  const order = { county: 0, prefecture: 1, province: 2 } as Record<string, number>;
  const sorted = [...regions].sort((a, b) => (order[a.level] ?? 3) - (order[b.level] ?? 3));
  for (const r of sorted.reverse()) {
    // Counties are added last so a short name shared with a prefecture resolves to the more specific row
    // only when nothing else claims it; full names are unique enough in practice.
    byName.set(r.name, r.code);
    const short = r.name.replace(/(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|回族自治县|自治县|县|区)$/, '');
    if (short.length >= 2 && !byName.has(short)) byName.set(short, r.code);
  }
  const codes = new Set(regions.map((r) => r.code));
  return (text: string) => {
    const t = normalizeInput(text);
    if (/^\d{6}$/.test(t)) return codes.has(t) ? t : null;
    return byName.get(t) ?? null;
  };
}
