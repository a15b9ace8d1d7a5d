// The column mapping and the key fields: given by the caller (letters or header texts), remembered
// per header layout in the settings table, or guessed; and which fields identify a row of the register.
import crypto from 'node:crypto';
import type { Store } from '../../db/store';
import { AppError } from '../../shared/errors';
import { TABLES } from '../../shared/tables';
import type { ImportTable } from '../../shared/contract/import';
import { DEFAULT_KEYS, importColumns, normHeader } from './fields';
import { columnIndex, columnLetter } from './source';

const MAPPING_KEY = 'import.mapping.';

/** Settings key under which the mapping of a header layout is remembered. */
export function layoutKeyOf(table: ImportTable, headers: readonly string[]): string {
  const h = crypto.createHash('sha256').update(`${table}\n${headers.map(normHeader).join('\u0001')}`).digest('hex');
  return `${MAPPING_KEY}${h.slice(0, 16)}`;
}

/** Keys may be letters ("C") or header texts ("统一社会信用代码"), for hand-written CLI mapping files. */
export function resolveMapping(given: Record<string, string>, headers: string[], table: ImportTable): Record<string, string> {
  const cols = new Map(importColumns(table).map((c) => [c.key, c]));
  const out: Record<string, string> = {};
  const byField = new Map<string, string>();
  for (const [k, field] of Object.entries(given)) {
    let i = columnIndex(k);
    if (i === null) {
      i = headers.findIndex((h) => normHeader(h) === normHeader(k));
      if (i < 0) throw new AppError('invalid_input', `对应关系中的列“${k}”在表头中不存在`, [{ path: `mapping.${k}`, message: '列不存在' }]);
    }
    if (!field) continue;
    const col = cols.get(field) ?? [...cols.values()].find((c) => c.zh === field);
    if (!col) throw new AppError('invalid_input', `对应关系中的字段“${field}”不是“${TABLES[table].zh}”可导入的字段`, [{ path: `mapping.${k}`, message: '未知字段' }]);
    const letter = columnLetter(i);
    const other = byField.get(col.key);
    if (other && other !== letter) throw new AppError('invalid_input', `字段“${col.zh}”同时对应了${other}列和${letter}列，请只保留一列`, [{ path: `mapping.${k}`, message: '重复' }]);
    byField.set(col.key, letter);
    out[letter] = col.key;
  }
  return out;
}

export function rememberedMapping(store: Store, key: string, width: number, table: ImportTable): Record<string, string> | null {
  const json = store.settings()[key];
  if (!json) return null;
  try {
    const saved = JSON.parse(json) as { table?: string; mapping?: Record<string, string> };
    if (saved.table !== table || !saved.mapping) return null;
    const known = new Set(importColumns(table).map((c) => c.key));
    for (const [letter, field] of Object.entries(saved.mapping)) {
      const i = columnIndex(letter);
      if (i === null || i >= width || (field && !known.has(field))) return null;
    }
    return saved.mapping;
  } catch {
    return null; // a damaged setting is forgotten, not fatal
  }
}

export function keySetsFor(table: ImportTable, chosen: readonly string[] | undefined, mapped: Set<string>): string[][] {
  const cols = new Map(importColumns(table).map((c) => [c.key, c]));
  if (chosen) {
    for (const f of chosen) {
      if (!cols.has(f)) throw new AppError('invalid_input', `关键字段“${f}”不是“${TABLES[table].zh}”的字段`, [{ path: 'keyFields', message: f }]);
      if (!mapped.has(f)) throw new AppError('invalid_input', `关键字段“${cols.get(f)!.zh}”没有对应的列，请先在对应关系中指定`, [{ path: 'keyFields', message: f }]);
    }
    return [[...chosen]];
  }
  const sets = table === 'agencies' ? [['uscc'], DEFAULT_KEYS.agencies] : [DEFAULT_KEYS[table]];
  const usable = sets.filter((s) => s.every((f) => mapped.has(f)));
  if (!usable.length) {
    const missing = DEFAULT_KEYS[table].filter((f) => !mapped.has(f)).map((f) => `“${cols.get(f)!.zh}”`).join('、');
    throw new AppError('invalid_input', `无法把文件中的行与登记簿对应：缺少${missing}列${table === 'agencies' ? '（或统一社会信用代码列）' : ''}。请在对应关系中指定，或选择其他关键字段`, [{ path: 'keyFields', message: missing }]);
  }
  return usable;
}
