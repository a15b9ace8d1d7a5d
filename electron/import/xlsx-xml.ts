// The XML that reading SpreadsheetML needs, on plain strings: tags read and checked as XML requires
// (names, attributes, entities, matching end tags — a part that is not well-formed is refused, never
// guessed at), character data with entities, CDATA and Excel's _xHHHH_ escapes, and a driver that feeds
// a chunked byte stream to a parser in complete units (a cell, a shared string) without ever rescanning
// a long unfinished unit (a damaged file must not make the read quadratic).
import { StringDecoder } from 'node:string_decoder';

/** Thrown for XML that is not well-formed or not SpreadsheetML; xlsx-read.ts turns it into a file error. */
export class XmlSyntaxError extends Error {}

const ENTITY = /&(?:(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);)?/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function entity(_: string, body: string | undefined): string {
  if (body === undefined) throw new XmlSyntaxError('“&”之后不是有效的字符引用');
  if (body.charCodeAt(0) !== 35 /* # */) return NAMED[body];
  const code = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new XmlSyntaxError(`无效的字符引用&${body};`);
  return String.fromCodePoint(code);
}

/** Character data as an XML parser reports it: entities resolved (an unknown one is an error), line ends as \n. */
export function decodeXml(raw: string): string {
  let s = raw;
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  return s.indexOf('&') >= 0 ? s.replace(ENTITY, entity) : s;
}

const XSTRING_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

/**
 * Excel writes characters XML cannot carry (CR, control characters) as _xHHHH_, and a literal "_x0041_"
 * as "_x005F_x0041_". Applies to decoded character data of string values (ST_Xstring).
 */
export function unescapeXString(s: string): string {
  return s.indexOf('_x') >= 0 ? s.replace(XSTRING_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

const isSpace = (ch: number) => ch === 32 || ch === 9 || ch === 10 || ch === 13;

/** Characters XML 1.0 does not allow anywhere (Excel writes them as _xHHHH_ escapes). */
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function checkChars(s: string): void {
  if (FORBIDDEN_CHAR.test(s)) throw new XmlSyntaxError('XML格式错误：含有XML不允许的控制字符');
}

/** The XML declaration, when a part has one: <?xml version="1.0" …?> and nothing else. */
const XML_DECLARATION = /^<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))+\s*\?>$/;

/** Whether the character `ch` occurs in s[from, to) (indexOf would search on to the end of s). */
function occursIn(s: string, ch: number, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === ch) return true;
  return false;
}

/** Whether s[from, to) is only XML white space. */
export function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

const isNameStart = (ch: number) => (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95 || ch === 58 || ch > 127;
const isNameChar = (ch: number) => isNameStart(ch) || (ch >= 48 && ch <= 57) || ch === 45 || ch === 46;

export const enum TagKind { Open, Close, Empty, CData, Other }

export interface Tag {
  readonly kind: TagKind;
  /** The name as written ("x:row"), and without its prefix ("row"); empty for CDATA, comments, <?…?>. */
  readonly qname: string;
  readonly local: string;
  /** Index just past the markup. */
  readonly end: number;
  /** The attributes (Open/Empty) or the CDATA content: s[from, to). */
  readonly from: number;
  readonly to: number;
}

const malformed = (what: string) => new XmlSyntaxError(`XML格式错误：${what}`);

/** Index past the name that starts at i (-1: the text ends first). */
function nameEnd(s: string, i: number): number {
  if (i >= s.length) return -1;
  if (!isNameStart(s.charCodeAt(i))) throw malformed('标记名称无效');
  let j = i + 1;
  while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
  return j < s.length ? j : -1;
}

/**
 * The markup that starts at s[lt] ('<'), checked as XML requires: a valid name, attributes written
 * name="value" without '<' and with known entities. Null when the markup does not end within s.
 * A DOCTYPE (no spreadsheet part has one; it could declare entity bombs) is refused.
 */
export function readTag(s: string, lt: number): Tag | null {
  const c1 = s.charCodeAt(lt + 1);
  if (Number.isNaN(c1)) return null;
  if (c1 === 63 /* ? */ || c1 === 33 /* ! */) {
    const head = s.slice(lt, lt + 9);
    if (c1 === 63) {
      const pi = special(s, lt, '?>', TagKind.Other);
      if (pi && /^<\?xml\b/i.test(s.slice(lt, lt + 6)) && !XML_DECLARATION.test(s.slice(lt, pi.end))) throw malformed('XML声明无效');
      return pi;
    }
    if (head.startsWith('<!--')) return special(s, lt, '-->', TagKind.Other);
    if (head === '<![CDATA[') return special(s, lt, ']]>', TagKind.CData);
    if (head.length < 9 && ('<![CDATA['.startsWith(head) || '<!--'.startsWith(head))) return null;
    throw malformed('不支持<!DOCTYPE>等声明');
  }
  const closing = c1 === 47; /* / */
  const start = closing ? lt + 2 : lt + 1;
  const ne = nameEnd(s, start);
  if (ne < 0) return null;
  const qname = s.slice(start, ne);
  const colon = qname.indexOf(':');
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  let i = ne;
  if (closing) {
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return null;
    if (s.charCodeAt(i) !== 62) throw malformed(`结束标记</${qname}>不完整`);
    return { kind: TagKind.Close, qname, local, end: i + 1, from: ne, to: ne };
  }
  for (;;) {
    const before = i;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return null;
    const ch = s.charCodeAt(i);
    if (ch === 62 /* > */) return { kind: TagKind.Open, qname, local, end: i + 1, from: ne, to: i };
    if (ch === 47 /* / */) {
      if (i + 1 >= s.length) return null;
      if (s.charCodeAt(i + 1) !== 62) throw malformed(`<${qname}>中有多余的“/”`);
      return { kind: TagKind.Empty, qname, local, end: i + 2, from: ne, to: i };
    }
    if (i === before) throw malformed(`<${qname}>的属性之间缺少空格`);
    i = nameEnd(s, i);
    if (i < 0) return null;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return null;
    if (s.charCodeAt(i) !== 61 /* = */) throw malformed(`<${qname}>的属性缺少“=”`);
    i++;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return null;
    const quote = s.charCodeAt(i);
    if (quote !== 34 && quote !== 39) throw malformed(`<${qname}>的属性值缺少引号`);
    const close = s.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close < 0) return null;
    if (occursIn(s, 60 /* < */, i + 1, close)) throw malformed(`<${qname}>的属性值中有“<”`);
    if (occursIn(s, 38 /* & */, i + 1, close)) decodeXml(s.slice(i + 1, close)); // checks the entities
    i = close + 1;
  }
}

function special(s: string, lt: number, endMark: string, kind: TagKind): Tag | null {
  const skip = kind === TagKind.CData ? 9 : 2;
  const e = s.indexOf(endMark, lt + skip);
  return e < 0 ? null : { kind, qname: '', local: '', end: e + endMark.length, from: lt + skip, to: e };
}

/** The raw value of attribute `want` (matched without prefix) of a tag read by readTag, or undefined. */
export function attrOf(s: string, tag: Tag, want: string): string | undefined {
  let i = tag.from;
  for (;;) {
    while (i < tag.to && isSpace(s.charCodeAt(i))) i++;
    if (i >= tag.to) return undefined;
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= tag.to) return undefined;
    let q = eq + 1;
    while (isSpace(s.charCodeAt(q))) q++;
    const close = s.indexOf(s[q], q + 1);
    let nameEnd = eq;
    while (isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > i && !isSpace(s.charCodeAt(nameStart - 1)) && s.charCodeAt(nameStart - 1) !== 58) nameStart--;
    if (nameEnd - nameStart === want.length && s.startsWith(want, nameStart)) return s.slice(q + 1, close);
    i = close + 1;
  }
}

/**
 * Character data from `from` up to the next markup that is not a CDATA section or comment: the decoded
 * text (with _xHHHH_ escapes resolved when `xstring`) and the index of that markup's '<'.
 */
export function readText(s: string, from: number, xstring: boolean): { text: string; end: number } {
  let lt = s.indexOf('<', from);
  if (lt < 0) lt = s.length;
  let text = decodeXml(s.slice(from, lt));
  while (s.startsWith('<!', lt)) { // rare: CDATA (taken literally) or a comment (dropped) inside the text
    const tag = readTag(s, lt);
    if (!tag) break;
    if (tag.kind === TagKind.CData) text += s.slice(tag.from, tag.to);
    let next = s.indexOf('<', tag.end);
    if (next < 0) next = s.length;
    text += decodeXml(s.slice(tag.end, next));
    lt = next;
  }
  return { text: xstring ? unescapeXString(text) : text, end: lt };
}

/** Where the element whose start tag ends at `openEnd` closes: the index after its end tag, or -1 if not in s. */
export function elementEnd(s: string, qname: string, openEnd: number): number {
  const close = `</${qname}`;
  for (let i = s.indexOf(close, openEnd); i >= 0; i = s.indexOf(close, i + 1)) {
    let j = i + close.length;
    while (j < s.length && isSpace(s.charCodeAt(j))) j++;
    if (j >= s.length) return -1;
    if (s.charCodeAt(j) === 62) return j + 1;
  }
  return -1;
}

/** The elements open at a point of a document: end tags must match, and there is one root element. */
export class OpenElements {
  private readonly names: string[] = [];
  private rootSeen = false;

  get depth(): number {
    return this.names.length;
  }

  /** True once the root element has closed: the document is complete. */
  get ended(): boolean {
    return this.rootSeen && this.names.length === 0;
  }

  top(): string | undefined {
    return this.names[this.names.length - 1];
  }

  /** Applies a tag read by readTag (start and end tags must pair up). */
  apply(tag: Tag): void {
    if (tag.kind === TagKind.Other) return;
    if (tag.kind === TagKind.Close) {
      const open = this.names.pop();
      if (open !== tag.qname) throw malformed(open ? `</${tag.qname}>与<${open}>不匹配` : `多余的</${tag.qname}>`);
      return;
    }
    if (tag.kind === TagKind.CData) {
      if (this.names.length === 0) throw malformed('根元素之外有文字');
      return;
    }
    if (this.names.length === 0) {
      if (this.rootSeen) throw malformed('有多个根元素');
      this.rootSeen = true;
    }
    if (tag.kind === TagKind.Open) this.names.push(tag.qname);
  }

  /** Character data s[from, to): only white space outside the root element, valid entities inside. */
  text(s: string, from: number, to: number): void {
    if (to <= from) return;
    if (this.names.length === 0) {
      if (!isBlank(s, from, to)) throw malformed('根元素之外有文字');
    } else if (occursIn(s, 38 /* & */, from, to)) decodeXml(s.slice(from, to)); // checks the entities
  }
}

/** Throws unless a whole (small) part is well-formed XML. */
export function checkWellFormed(s: string): void {
  checkChars(s);
  const open = new OpenElements();
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const lt = s.indexOf('<', i);
    open.text(s, i, lt < 0 ? s.length : lt);
    if (lt < 0) break;
    const tag = readTag(s, lt);
    if (!tag) throw malformed('文档不完整');
    open.apply(tag);
    i = tag.end;
  }
  if (!open.ended) throw malformed('文档不完整');
}

/** What a parser reports after one call: how far it got, and what it needs to see before it can go on. */
export interface FeedResult {
  readonly consumed: number;
  /** The text that completes the unit it stopped at (an end tag, '>', '<'), or null when it consumed all. */
  readonly waitFor: string | null;
}

export interface ChunkParser {
  feed(text: string): FeedResult;
}

/**
 * Text is decoded and parsed in pieces of at most 32 KB of a chunk: measured on a 30 MB sheet, parsing
 * 256 KB strings was about a fifth slower (the working set leaves the processor's cache).
 */
const PIECE = 32 * 1024;

/**
 * Decoding UTF-8 costs differently by content (measured on the benchmark's parts): Node's StringDecoder
 * is about 5× faster on a sheet part (mostly ASCII markup), TextDecoder about 2× faster on the shared
 * strings (mostly Chinese text). Both keep a character cut by a chunk border for the next chunk.
 */
function textDecoder(): { write(b: Buffer): string; end(): string } {
  const d = new TextDecoder('utf-8', { ignoreBOM: true });
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

const lastChars = (s: string, n: number) => (n > 0 ? s.slice(-n) : '');

/**
 * Decodes UTF-8 chunks (a multi-byte character may straddle two) and feeds the parser the text it can
 * use, yielding after each feed (the sheet reader hands out its finished rows there). An unfinished unit
 * is kept aside until the text it waits for arrives, so a long unit costs one pass, not one per chunk.
 * Whatever is still unfinished at the end is fed once more; the parser's own state says if it was complete.
 */
export async function* feedChunks(chunks: AsyncIterable<Buffer>, parser: ChunkParser, mostly: 'markup' | 'text' = 'markup'): AsyncGenerator<void> {
  const decoder = mostly === 'text' ? textDecoder() : new StringDecoder('utf8');
  let carry = '';
  let waitFor: string | null = null;
  let parked: string[] = [];
  let tail = '';
  let first = true;
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += PIECE) {
      let text = decoder.write(chunk.subarray(at, at + PIECE));
      checkChars(text);
      if (first && text.length) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte order mark
        first = false;
      }
      if (waitFor !== null) {
        const probe = tail + text;
        if (probe.indexOf(waitFor) < 0) {
          parked.push(text);
          tail = lastChars(probe, waitFor.length - 1);
          continue;
        }
        text = carry + parked.join('') + text;
        parked = [];
      } else if (carry) text = carry + text;
      const r = parser.feed(text);
      carry = r.consumed >= text.length ? '' : text.slice(r.consumed);
      waitFor = r.waitFor;
      tail = waitFor === null ? '' : lastChars(carry, waitFor.length - 1);
    }
    yield;
  }
  const end = decoder.end();
  checkChars(end);
  const rest = carry + parked.join('') + end;
  if (rest) {
    parser.feed(rest);
    yield;
  }
}
