// One spreadsheet cell → one stored value, the way the grid editors accept typing: full-width digits,
// dates in every common form, enum labels or keys or aliases, 是/否/√, names for references and regions.
// The result then passes the same strict check as every other write (shared/values.ts).
import type Database from 'better-sqlite3';
import { TABLES, type ColumnDef, type TableName } from '../../shared/tables';
import { checkCellValue, type CellValue } from '../../shared/values';
import { normalizeInput, parseDateLoose, parseIntLoose, parseNumberLoose } from '../../shared/text';
import { usccProblem } from '../../shared/uscc';
import { EnumIndex, RefIndex, RegionIndex } from './lookups';
import type { RawCell } from './source';

export type Converted =
  | { ok: true; value: CellValue }
  | { ok: false; reason: string }
  /** A reference to a row of the same table that is not in the register yet: maybe a row of this file. */
  | { ok: 'defer'; text: string };

const TRUE = new Set(['是', '√', '✓', '✔', 'Y', 'YES', 'TRUE', '1', '有', '对', '是的', 'T']);
const FALSE = new Set(['否', '×', '✗', '✘', 'X', 'N', 'NO', 'FALSE', '0', '无', '不是', 'F']);

const pad2 = (n: number) => String(n).padStart(2, '0');
const fail = (reason: string): Converted => ({ ok: false, reason });

/** normalizeInput only when the text has something to normalise: most cells do not (hot path). */
const NEEDS_NORMALIZING = /[\u00a0\u3000\uff0b-\uff5a]|^\s|\s$/;
export const norm = (s: string): string => (NEEDS_NORMALIZING.test(s) ? normalizeInput(s) : s);

/** The result for an empty cell, shared (callers only read results). */
const EMPTY: Converted = { ok: true, value: null };

function textOfCell(raw: Exclude<RawCell, null>): string {
  if (raw instanceof Date) return isoOf(raw);
  if (typeof raw === 'boolean') return raw ? '是' : '否';
  return norm(String(raw));
}
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

/** Excel serial day (1900 system; serials from 61 on, i.e. from 1900-03-01) → ISO date. */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2958466) return null;
  return isoOf(new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400_000));
}

export class Converter {
  private readonly regions: RegionIndex;
  private readonly refs = new Map<TableName, RefIndex>();
  private readonly enums = new Map<string, EnumIndex>();

  constructor(private readonly db: Database.Database, private readonly table: TableName) {
    this.regions = new RegionIndex(db);
  }

  private refIndex(t: TableName): RefIndex {
    let r = this.refs.get(t);
    if (!r) {
      r = new RefIndex(this.db, t as 'agencies' | 'zones');
      this.refs.set(t, r);
    }
    return r;
  }

  private enumIndex(col: ColumnDef): EnumIndex {
    let e = this.enums.get(col.enum!);
    if (!e) {
      e = new EnumIndex(col.enum!);
      this.enums.set(col.enum!, e);
    }
    return e;
  }

  convert(col: ColumnDef, raw: RawCell): Converted {
    if (raw === null) return EMPTY;
    if (typeof raw === 'object' && !(raw instanceof Date)) return { ok: false, reason: raw.problem }; // a CellProblem
    // Normalised once here and handed on (hot path: a 100,000-row import converts a million cells).
    const text = typeof raw === 'string' ? norm(raw) : undefined;
    if (text === '') return EMPTY;
    const r = this.loose(col, raw, text);
    if (r.ok !== true || r.value === null) return r;
    if (col.type === 'ref' || col.type === 'region') return r; // existence already checked by the index
    return checkCellValue(col, r.value);
  }

  /** `text`: the normalised text when `raw` is a string. */
  private loose(col: ColumnDef, raw: Exclude<RawCell, null>, text: string | undefined): Converted {
    switch (col.type) {
      case 'text': {
        let s = text ?? textOfCell(raw);
        if (col.key === 'uscc') {
          s = s.replace(/[\s-]/g, '').toUpperCase();
          const problem = usccProblem(s);
          if (problem) return fail(problem);
        }
        return { ok: true, value: s };
      }
      case 'int':
      case 'real': {
        if (typeof raw === 'number') return { ok: true, value: raw };
        if (typeof raw !== 'string') return fail(`“${col.zh}”应为数字`);
        const s = col.type === 'real' ? raw.replace(/[%％]\s*$/, '') : raw;
        const n = (col.type === 'int' ? parseIntLoose(s) : null) ?? parseNumberLoose(s);
        return n === null ? fail(`“${col.zh}”应为数字，现为“${norm(raw)}”`) : { ok: true, value: n };
      }
      case 'date': {
        if (raw instanceof Date) return { ok: true, value: isoOf(raw) };
        if (typeof raw === 'number') {
          const iso = Number.isInteger(raw) && raw >= 19000101 && raw <= 22001231 ? parseDateLoose(String(raw)) : serialToIso(raw);
          return iso ? { ok: true, value: iso } : fail(`“${col.zh}”不是有效日期：${raw}`);
        }
        const s = text ?? textOfCell(raw);
        const iso = parseDateLoose(s) ?? (/^\d{5}(\.\d+)?$/.test(s) ? serialToIso(Number(s)) : null);
        return iso ? { ok: true, value: iso } : fail(`“${col.zh}”不是可识别的日期：“${s}”（可写作2022-03-16、2022/3/16或2022年3月16日）`);
      }
      case 'bool': {
        if (typeof raw === 'boolean') return { ok: true, value: raw ? 1 : 0 };
        const s = (text ?? textOfCell(raw)).toUpperCase();
        if (TRUE.has(s)) return { ok: true, value: 1 };
        if (FALSE.has(s)) return { ok: true, value: 0 };
        return fail(`“${col.zh}”应填“是”或“否”，现为“${s}”`);
      }
      case 'enum': {
        const idx = this.enumIndex(col);
        const s = text ?? textOfCell(raw);
        const key = idx.resolve(s);
        return key ? { ok: true, value: key } : fail(`“${col.zh}”的取值“${s}”无法识别（可选：${idx.labels}）`);
      }
      case 'region': {
        const r = this.regions.resolve(text ?? textOfCell(raw));
        return r.ok ? { ok: true, value: r.value } : fail(r.reason);
      }
      case 'ref': {
        const s = text ?? textOfCell(raw);
        const r = this.refIndex(col.ref!).resolve(s);
        if (r?.ok) return { ok: true, value: r.value };
        if (r) return fail(r.reason);
        if (col.ref === this.table) return { ok: 'defer', text: s };
        const zh = TABLES[col.ref!].zh;
        return fail(`找不到${zh}“${s}”（请先导入或录入该${zh}${col.ref === 'agencies' ? '，或改填统一社会信用代码' : ''}）`);
      }
    }
  }
}
