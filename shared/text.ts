// Text and date helpers for Chinese users. Pure functions: run in the renderer, the main process and tests alike.

/** Pinyin-order comparison for Chinese names (the order officials expect in every list). */
export const zhCollator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
export const compareZh = (a: string | null | undefined, b: string | null | undefined): number =>
  zhCollator.compare(a ?? '', b ?? '');

/**
 * Full-width input as typed with a Chinese IME: ０-９, Ａ-Ｚ, full-width space, ．，－ etc. become ASCII,
 * and surrounding white space (including U+3000) is trimmed. Chinese punctuation inside names is kept.
 */
export function normalizeInput(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const code = ch.codePointAt(0)!;
    if (code === 0x3000) out += ' ';
    else if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xfee0); // digits
    else if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0xff0e) out += '.';
    else if (code === 0xff0d) out += '-';
    else if (code === 0xff0b) out += '+';
    else if (code === 0xff0c && /\d/.test(out.slice(-1))) out += ','; // 1，000 → 1,000 only between digits
    else out += ch;
  }
  return out.replace(/\u00a0/g, ' ').trim();
}

/** Parses an integer as officials type it: full-width digits, thousands separators, a trailing 人/个/名. */
export function parseIntLoose(raw: string): number | null {
  const s = normalizeInput(raw).replace(/[,\s]/g, '').replace(/[人个名户项家]$/, '');
  if (!/^-?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseNumberLoose(raw: string): number | null {
  const s = normalizeInput(raw).replace(/[,\s]/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Accepts 2022-03-16, 2022/3/16, 2022.3.16, 2022年3月16日, 20220316 and full-width variants;
 * returns ISO 'YYYY-MM-DD' or null. Excel serial numbers are handled by the importer, which knows the cell type.
 */
export function parseDateLoose(raw: string): string | null {
  const s = normalizeInput(raw).replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) return validYmd(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validYmd(+m[1], +m[2], +m[3]);
  return null;
}

/** Today's calendar date in China Standard Time (UTC+8, no daylight saving), as 'YYYY-MM-DD'. */
export function todayCst(now: Date = new Date()): string {
  const t = new Date(now.getTime() + 8 * 3600_000);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** The day before an ISO date ('2022-03-16' → '2022-03-15'). */
export function previousDay(iso: string): string {
  const t = new Date(`${iso}T00:00:00Z`).getTime() - 86400_000;
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
