// Typed text → stored value for one grid column, exactly as the main process will check it: the loose
// converter (full-width digits, enum labels/aliases, names of regions and rows, Chinese date forms), then
// the strict check, plus "does this referenced row / region exist" so a batch is never refused as a whole.
import { convertInput, regionIndex, type Lookups } from '../../../shared/convert';
import { TABLES, columnOf, type ColumnDef, type TableName } from '../../../shared/tables';
import { checkCellValue, type CellValue, type CheckResult } from '../../../shared/values';
import { store } from '../stores/root-store';

let regionCache: { key: unknown; fn: (t: string) => string | null } | null = null;
const nameCache = new WeakMap<Map<number, string>, Map<string, number>>();

function invert(names: Map<number, string>): Map<string, number> {
  let inv = nameCache.get(names);
  if (!inv) {
    inv = new Map();
    for (const [id, name] of names) if (!inv.has(name)) inv.set(name, id);
    nameCache.set(names, inv);
  }
  return inv;
}

/** Lookups over the root store's names, built once per data version (a paste of 10,000 cells is one pass). */
export function lookups(): Lookups {
  if (!regionCache || regionCache.key !== store.regions) regionCache = { key: store.regions, fn: regionIndex(store.regions) };
  const region = regionCache.fn;
  return {
    regionByName: region,
    refByName: (table, text) => invert(table === 'zones' ? store.zoneNames : store.agencyNames).get(text) ?? null,
  };
}

export interface CellConverter {
  /** From text (typed or pasted) to the stored value. */
  convert(colId: string, text: string): CheckResult;
  /** A stored value moved within the grid (fill down, clear) checked for its target column. */
  check(colId: string, value: CellValue): CheckResult;
}

function exists(col: ColumnDef, value: CellValue): string | null {
  if (value === null) return null;
  if (col.type === 'ref') {
    const names = col.ref === 'zones' ? store.zoneNames : store.agencyNames;
    return names.has(value as number) ? null : `“${col.zh}”引用的${TABLES[col.ref!].zh}不存在（#${value}）`;
  }
  if (col.type === 'region') return store.regionNames.has(String(value)) ? null : `“${col.zh}”的行政区划代码不存在：${value}`;
  return null;
}

export function makeConverter(table: TableName): CellConverter {
  const lk = lookups();
  const column = (colId: string): ColumnDef | string => {
    const col = columnOf(table, colId);
    if (!col) return '该列由系统计算，不能修改';
    if (col.readOnly) return `“${col.zh}”为只读列，不能直接修改`;
    return col;
  };
  const finish = (col: ColumnDef, value: CellValue): CheckResult => {
    const r = checkCellValue(col, value);
    if (!r.ok) return r;
    const missing = exists(col, r.value);
    return missing ? { ok: false, reason: missing } : r;
  };
  return {
    convert(colId, text) {
      const col = column(colId);
      if (typeof col === 'string') return { ok: false, reason: col };
      const c = convertInput(col, text, lk);
      return c.ok ? finish(col, c.value) : c;
    },
    check(colId, value) {
      const col = column(colId);
      if (typeof col === 'string') return { ok: false, reason: col };
      return finish(col, value);
    },
  };
}
