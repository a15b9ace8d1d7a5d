// Placeholder syntax shared by the Word and Excel fillers: `{字段}`, `{对象.字段}`, `{.}`, filters `{成文日期 | 公文日期}`,
// sections `{#列表}…{/列表}`, inverted `{^字段}…{/字段}`. A SAFE parser: a tag is a dotted field path plus named
// filters from a whitelist. Nothing is evaluated; there is no expression language (no angular-expressions).
import { articleNumber, chineseNumeral, formatChineseDate, formatDocNo, joinZh, type DocNumber } from '../../shared/papers';

const SEGMENT = /^[\p{L}\p{N}_]+$/u;

export type Filter = (value: unknown) => unknown;

/** The only filters a template may name. */
export const FILTERS: Record<string, { fn: Filter; label: string }> = {
  公文日期: {
    label: '2022-03-16 → 2022年3月16日',
    fn: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatChineseDate(v) : v),
  },
  中文数字: { label: '12 → 十二', fn: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? chineseNumeral(v) : v) },
  条号: { label: '3 → 第三条', fn: (v) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? articleNumber(v) : v) },
  文号: {
    label: '{prefix, year, number} → 天编委发〔2022〕3号',
    fn: (v) => (v && typeof v === 'object' && 'prefix' in (v as object) ? formatDocNo(v as DocNumber) : v),
  },
  顿号连接: { label: '[甲, 乙] → 甲、乙', fn: (v) => (Array.isArray(v) ? joinZh(v.map(String)) : v) },
  千分位: { label: '12345 → 12,345', fn: (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : v) },
};

export interface ParsedTag {
  /** [] for `{.}` (the current item) */
  path: string[];
  filters: string[];
}

export class TagSyntaxError extends Error {}

/** Parses the inside of a value tag (without braces and without a leading # ^ /). Throws TagSyntaxError in Chinese. */
export function parseTag(raw: string): ParsedTag {
  const parts = raw.split('|').map((s) => s.trim());
  const expr = parts[0];
  const filters = parts.slice(1);
  if (!expr) throw new TagSyntaxError(`占位符为空：{${raw}}`);
  let path: string[];
  if (expr === '.') path = [];
  else {
    path = expr.split('.');
    if (path.some((s) => !SEGMENT.test(s))) {
      throw new TagSyntaxError(`占位符“{${raw}}”只能是字段名或用“.”连接的字段路径，不能包含运算、空格或引号`);
    }
  }
  for (const f of filters) {
    if (!f) throw new TagSyntaxError(`占位符“{${raw}}”中“|”后缺少格式名`);
    if (!FILTERS[f]) throw new TagSyntaxError(`未知的格式“${f}”（可用：${Object.keys(FILTERS).join('、')}）`);
  }
  return { path, filters };
}

/** Looks a path up in one scope object; undefined when any segment is missing. */
export function lookup(scope: unknown, path: string[]): unknown {
  let cur: unknown = scope;
  for (const seg of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function applyFilters(value: unknown, filters: string[]): unknown {
  return filters.reduce((v, f) => FILTERS[f].fn(v), value);
}

/** Full-width characters a Chinese IME types in place of the tag syntax. */
const FULLWIDTH: Record<string, string> = { '｛': '{', '｝': '}', '＃': '#', '／': '/', '＾': '^', '．': '.', '｜': '|', '　': ' ' };

/**
 * Normalises text typed with a Chinese IME: ｛ ｝ become { } everywhere (official text never uses them), and
 * inside a tag ＃ ／ ＾ ． ｜ and the ideographic space become ASCII. Returns the new text and how many
 * characters changed. Works on a character array so callers can map positions back to runs.
 */
export function normalizeTagChars(chars: string[]): number {
  let changed = 0;
  let depth = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '｛' || c === '｝') {
      chars[i] = FULLWIDTH[c];
      changed++;
    }
    if (chars[i] === '{') depth++;
    else if (chars[i] === '}') depth = Math.max(0, depth - 1);
    else if (depth > 0 && FULLWIDTH[c] && c !== '｛' && c !== '｝') {
      chars[i] = FULLWIDTH[c];
      changed++;
    }
  }
  return changed;
}

export interface LexedTag {
  /** text between the braces, as written */
  raw: string;
  kind: 'value' | 'open' | 'inverted' | 'close';
  /** for open / inverted / close: the section name ('' for `{/}`) */
  name: string;
  start: number;
  end: number;
}

export interface LexIssue {
  message: string;
  at: number;
}

/** Finds {…} tags in one paragraph's (or one cell's) text. Unbalanced braces are reported, not thrown. */
export function lexTags(text: string): { tags: LexedTag[]; issues: LexIssue[] } {
  const tags: LexedTag[] = [];
  const issues: LexIssue[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      if (open >= 0) issues.push({ message: `“${text.slice(open, i + 1)}”中的“{”没有对应的“}”`, at: open });
      open = i;
    } else if (c === '}') {
      if (open < 0) {
        issues.push({ message: `多余的“}”：“${text.slice(Math.max(0, i - 8), i + 1)}”`, at: i });
        continue;
      }
      const raw = text.slice(open + 1, i);
      const lead = raw.trimStart()[0];
      const kind = lead === '#' ? 'open' : lead === '^' ? 'inverted' : lead === '/' ? 'close' : 'value';
      const name = kind === 'value' ? raw.trim() : raw.trimStart().slice(1).trim();
      tags.push({ raw, kind, name, start: open, end: i + 1 });
      open = -1;
    }
  }
  if (open >= 0) issues.push({ message: `“${text.slice(open, open + 12)}”中的“{”没有对应的“}”`, at: open });
  return { tags, issues };
}
