// A1-reference arithmetic for the template-row filler: when template row `at` becomes `count` rows, everything
// below moves down by count − 1, and ranges that end on the template row stretch over the new rows.

export interface RowExpansion {
  /** the template row (1-based) */
  at: number;
  /** how many rows it becomes (≥ 1) */
  count: number;
}

const delta = (e: RowExpansion) => e.count - 1;
/** A row used as the start of a range, or a lone reference outside the block. */
export const mapStart = (r: number, e: RowExpansion) => (r <= e.at ? r : r + delta(e));
/** A row used as the end of a range: the template row stretches to the last new row. */
export const mapEnd = (r: number, e: RowExpansion) => (r < e.at ? r : r + delta(e));

export function colToNum(col: string): number {
  let n = 0;
  for (const ch of col.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
export function numToCol(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const CELL = /^(\$?)([A-Z]{1,3})(\$?)(\d+)$/;

/** 'H4' or 'A1:O7' → shifted; a single cell on the template row becomes a range over the new rows. */
export function expandRange(ref: string, e: RowExpansion): string {
  const [a, b = a] = ref.split(':');
  const ma = CELL.exec(a);
  const mb = CELL.exec(b);
  if (!ma || !mb) return ref; // whole columns / rows and names are left alone
  const r1 = mapStart(+ma[4], e);
  const r2 = mapEnd(+mb[4], e);
  const out = `${ma[1]}${ma[2]}${ma[3]}${r1}:${mb[1]}${mb[2]}${mb[3]}${r2}`;
  return !ref.includes(':') && r1 === r2 ? `${ma[1]}${ma[2]}${ma[3]}${r1}` : out;
}

/** Space-separated list of ranges (conditional formatting / data validation sqref). */
export const expandSqref = (sqref: string, e: RowExpansion) =>
  sqref
    .split(/\s+/)
    .filter(Boolean)
    .map((r) => expandRange(r, e))
    .join(' ');

// A reference inside a formula: optional sheet prefix, cell, optional :cell. Not preceded by a name character,
// not followed by one or by "(" (so LOG10( and named ranges are left alone).
const REF =
  /(?<![A-Za-z0-9_.$\u4e00-\u9fff])((?:'(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?(?![A-Za-z0-9_(\u4e00-\u9fff])/g;

const sheetOf = (prefix: string | undefined) => (prefix ? prefix.slice(0, -1).replace(/^'(.*)'$/, '$1').replace(/''/g, "'") : null);

/**
 * Rewrites the references of one formula.
 * - `copyOffset === null`: a formula outside the new block (totals, cells below, CF rules): rows below the
 *   template row move down; ranges ending on the template row stretch.
 * - `copyOffset = i`: the formula of the i-th copy of the template row: relative references to the template row
 *   point at row at + i (as when Excel copies a row); everything else as above.
 */
export function shiftFormula(formula: string, e: RowExpansion, sheetName: string, copyOffset: number | null = null): string {
  if (e.count === 1 && !copyOffset) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const q = formula.indexOf('"', i);
    const end = q < 0 ? formula.length : q;
    out += shiftSegment(formula.slice(i, end), e, sheetName, copyOffset);
    if (q < 0) break;
    // copy the string literal verbatim ("" is an escaped quote)
    let j = q + 1;
    while (j < formula.length) {
      if (formula[j] === '"' && formula[j + 1] === '"') j += 2;
      else if (formula[j] === '"') break;
      else j++;
    }
    out += formula.slice(q, j + 1);
    i = j + 1;
  }
  return out;
}

function shiftSegment(seg: string, e: RowExpansion, sheetName: string, copyOffset: number | null): string {
  return seg.replace(REF, (m, prefix: string | undefined, c1a, col1, r1a, row1, c2a, col2, r2a, row2) => {
    const sheet = sheetOf(prefix);
    if (sheet !== null && sheet !== sheetName) return m;
    const p = prefix ?? '';
    const one = (abs: string, r: number, asEnd: boolean) => {
      if (copyOffset !== null && !abs && r === e.at) return r + copyOffset;
      return asEnd ? mapEnd(r, e) : mapStart(r, e);
    };
    if (col2 === undefined) return `${p}${c1a}${col1}${r1a}${one(r1a, +row1, false)}`;
    const inCopy = copyOffset !== null;
    // inside a copy, a relative range on the template row itself (SUM(E4:J4)) moves with the row
    const start = one(r1a, +row1, false);
    const end = inCopy && !r2a && +row2 === e.at ? +row2 + copyOffset : one(r2a, +row2, true);
    return `${p}${c1a}${col1}${r1a}${start}:${c2a}${col2}${r2a}${end}`;
  });
}
