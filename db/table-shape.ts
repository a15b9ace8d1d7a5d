// What the write path knows about a table, read once from SQLite: its columns, their affinity and their
// literal defaults. With that, the row image after an INSERT or UPDATE is computed in JavaScript exactly as
// SQLite stores it, instead of being read back with a SELECT per row (which was a third of a 100,000-row
// import's time). A table whose defaults are not plain literals falls back to reading the row back.
import type Database from 'better-sqlite3';
import type { Row } from '../shared/tables';

type Affinity = 'INTEGER' | 'REAL' | 'NUMERIC' | 'TEXT' | 'BLOB';

export interface TableShape {
  readonly columns: readonly string[];
  readonly columnSet: ReadonlySet<string>;
  /** False when some default is an expression: images must then be read back from the database. */
  readonly imagesComputable: boolean;
  readonly defaults: Readonly<Record<string, string | number | null>>;
  readonly affinity: Readonly<Record<string, Affinity>>;
}

// SQLite's rules for a declared type's affinity (https://sqlite.org/datatype3.html §3.1).
function affinityOf(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t === '' || t.includes('BLOB')) return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

function literal(dflt: string | null): { ok: boolean; value: string | number | null } {
  if (dflt === null || dflt.toUpperCase() === 'NULL') return { ok: true, value: null };
  if (/^'(?:[^']|'')*'$/.test(dflt)) return { ok: true, value: dflt.slice(1, -1).replace(/''/g, "'") };
  if (/^-?\d+(\.\d+)?$/.test(dflt)) return { ok: true, value: Number(dflt) };
  return { ok: false, value: null };
}

export function readTableShape(db: Database.Database, table: string): TableShape {
  const info = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; type: string; dflt_value: string | null }>;
  const defaults: Record<string, string | number | null> = {};
  const affinity: Record<string, Affinity> = {};
  let computable = true;
  for (const c of info) {
    const d = literal(c.dflt_value);
    if (!d.ok) computable = false;
    affinity[c.name] = affinityOf(c.type);
    defaults[c.name] = d.value === null ? null : coerce(d.value, affinity[c.name]);
  }
  const columns = info.map((c) => c.name);
  return { columns, columnSet: new Set(columns), imagesComputable: computable, defaults, affinity };
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** The value SQLite stores for `value` in a column of this affinity (numbers and text only, as we write). */
export function coerce(value: unknown, affinity: Affinity): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (affinity === 'TEXT') return typeof value === 'number' ? numberAsText(value) : (value as string);
  if ((affinity === 'INTEGER' || affinity === 'REAL' || affinity === 'NUMERIC') && typeof value === 'string' && NUMERIC_TEXT.test(value)) {
    return Number(value);
  }
  return value as string | number;
}

/** better-sqlite3 binds every JS number as a REAL, which SQLite renders as text with %!.15g (12 → '12.0'). */
function numberAsText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return `${n}.0`;
  const s = n.toPrecision(15).replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '.0$1');
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

/** The image of a freshly inserted row: defaults, then the given values as SQLite stores them. */
export function insertedImage(shape: TableShape, id: number, values: Record<string, unknown>): Row {
  const row: Record<string, string | number | null> = {};
  for (const c of shape.columns) {
    row[c] = c === 'id' ? id : c in values && values[c] !== undefined ? coerce(values[c], shape.affinity[c]) : shape.defaults[c];
  }
  return row as Row;
}

export function updatedImage(shape: TableShape, before: Row, patch: Record<string, unknown>, keys: readonly string[]): Row {
  const row: Record<string, string | number | null> = { ...before };
  for (const k of keys) row[k] = coerce(patch[k], shape.affinity[k]);
  return row as Row;
}
