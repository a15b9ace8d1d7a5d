// The workbook parts a sheet's cells refer to: the shared-string table (most text cells are an index
// into it), the cell formats of styles.xml (a number is a date only through its format) and the date
// system of workbook.xml (1900, or 1904 for workbooks from old Mac Excel).
import {
  type ChunkParser, type FeedResult, type Tag, OpenElements, TagKind, XmlSyntaxError, attrOf, checkWellFormed, decodeXml, elementEnd, isBlank,
  readTag, readText,
} from './xlsx-xml';

const badItem = () => new XmlSyntaxError('共享文本或内联文本的结构无效');

/**
 * Collects the text of a string item s[from, to) (the content of <si> in the shared-string table or of
 * <is> in an inline-string cell): plain <t>, or rich-text runs <r><t>…</t></r> concatenated. Phonetic
 * guides (<rPh>, furigana) are not part of the value. Returns null for an item without text, as exceljs
 * did. Tags must pair up and text may only stand in <t>: anything else is a damaged item.
 */
export function stringItemText(s: string, from: number, to: number): string | null {
  let out: string | null = null;
  const open: string[] = [];
  let phonetic = 0;
  let i = from;
  while (i < to) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 || lt > to ? to : lt;
    if (!isBlank(s, i, textEnd)) throw badItem();
    if (textEnd >= to) break;
    const tag = readTag(s, lt);
    if (!tag || tag.end > to || tag.kind === TagKind.CData) throw badItem();
    i = tag.end;
    if (tag.kind === TagKind.Close) {
      if (open.pop() !== tag.qname) throw badItem();
      if (tag.local === 'rPh') phonetic--;
    } else if (tag.kind === TagKind.Open && tag.local === 't') {
      const t = readText(s, tag.end, true);
      const close = t.end < to ? readTag(s, t.end) : null;
      if (!close || close.kind !== TagKind.Close || close.qname !== tag.qname) throw badItem();
      if (phonetic === 0) out = out === null ? t.text : out + t.text;
      i = close.end;
    } else if (tag.kind === TagKind.Open) {
      open.push(tag.qname);
      if (tag.local === 'rPh') phonetic++;
    }
  }
  if (open.length) throw badItem();
  return out;
}

/**
 * Streams xl/sharedStrings.xml into an array, one <si> at a time; null for an item without text (an
 * empty item reads as an empty cell, as with exceljs). `complete` says whether the part ended properly.
 */
export class SharedStringsParser implements ChunkParser {
  readonly strings: Array<string | null> = [];
  private readonly elements = new OpenElements();

  get complete(): boolean {
    return this.elements.ended;
  }

  feed(s: string): FeedResult {
    // Most texts need no decoding at all: look for the characters that do once for the whole piece.
    const plain = s.indexOf('&') < 0 && s.indexOf('_x') < 0 && s.indexOf('\r') < 0;
    let i = 0;
    for (;;) {
      const lt = s.indexOf('<', i);
      this.elements.text(s, i, lt < 0 ? s.length : lt);
      if (lt < 0) return { consumed: s.length, waitFor: null };
      // The usual item, <si><t>text</t></si>, without the general walk over its content.
      if (this.elements.depth === 1 && (s.startsWith('<si><t>', lt) || s.startsWith('<si><t xml:space="preserve">', lt))) {
        const from = s.indexOf('>', lt + 5) + 1;
        const to = s.indexOf('<', from);
        if (to >= 0 && s.startsWith('</t></si>', to)) {
          const raw = s.slice(from, to);
          this.strings.push(raw === '' ? null : plain ? raw : readText(s, from, true).text);
          i = to + 9;
          continue;
        }
      }
      const tag = readTag(s, lt);
      if (!tag) return { consumed: lt, waitFor: '>' };
      if (tag.local === 'si' && this.elements.depth === 1 && (tag.kind === TagKind.Open || tag.kind === TagKind.Empty)) {
        if (tag.kind === TagKind.Empty) {
          this.strings.push(null);
          i = tag.end;
          continue;
        }
        const end = elementEnd(s, tag.qname, tag.end);
        if (end < 0) return { consumed: lt, waitFor: `</${tag.qname}` };
        const text = stringItemText(s, tag.end, s.lastIndexOf('</', end - 1));
        this.strings.push(text === '' ? null : text);
        i = end;
        continue;
      }
      this.elements.apply(tag);
      i = tag.end;
    }
  }
}

// Built-in number formats that show dates or times (ECMA-376 §18.8.30, with the ids East Asian Excel
// uses for 年/月/日 forms: 27–36 and 50–58).
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date when a date or time code (y m d h s) stands outside quotes and brackets. */
export function isDateFormatCode(code: string): boolean {
  let i = 0;
  while (i < code.length) {
    const ch = code[i];
    if (ch === '"') {
      const close = code.indexOf('"', i + 1);
      i = close < 0 ? code.length : close + 1;
    } else if (ch === '[') {
      // [Red], [$¥-804], [<100]: not date codes. Elapsed time [h]/[mm]/[ss] is a time format.
      const close = code.indexOf(']', i + 1);
      const inner = code.slice(i + 1, close < 0 ? code.length : close);
      if (/^(h+|m+|s+)$/i.test(inner)) return true;
      i = close < 0 ? code.length : close + 1;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      i += 2; // an escaped character, a space the width of the next one, a fill character
    } else if (ch === ';') {
      return false; // only the first section (positive numbers) decides
    } else {
      if ('yYmMdDhHsS'.includes(ch)) return true;
      i++;
    }
  }
  return false;
}

/** Visits each start tag of a well-formed part, with the local name of its parent element. */
function forEachStartTag(xml: string, visit: (tag: Tag, parent: string | undefined) => void): void {
  const parents: string[] = [];
  for (let lt = xml.indexOf('<'); lt >= 0; ) {
    const tag = readTag(xml, lt)!;
    if (tag.kind === TagKind.Close) parents.pop();
    else if (tag.kind === TagKind.Open || tag.kind === TagKind.Empty) {
      visit(tag, parents[parents.length - 1]);
      if (tag.kind === TagKind.Open) parents.push(tag.local);
    }
    lt = xml.indexOf('<', tag.end);
  }
}

/** For each cell format index (the s attribute of a cell): whether numbers in it are dates. */
export function dateStyles(stylesXml: string): boolean[] {
  checkWellFormed(stylesXml);
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  forEachStartTag(stylesXml, (tag, parent) => {
    if (tag.local === 'numFmt') {
      const id = Number(attrOf(stylesXml, tag, 'numFmtId'));
      const code = attrOf(stylesXml, tag, 'formatCode');
      if (Number.isInteger(id) && code !== undefined) custom.set(id, decodeXml(code));
    } else if (tag.local === 'xf' && parent === 'cellXfs') { // not the named styles of <cellStyleXfs>
      formatIds.push(Number(attrOf(stylesXml, tag, 'numFmtId') ?? 0));
    }
  });
  return formatIds.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_IDS.has(id);
  });
}

/** Whether the workbook counts dates from 1904-01-01 (<workbookPr date1904="1"/>). */
export function usesDate1904(workbookXml: string): boolean {
  checkWellFormed(workbookXml);
  let v: string | undefined;
  forEachStartTag(workbookXml, (tag) => { if (tag.local === 'workbookPr') v = attrOf(workbookXml, tag, 'date1904'); });
  return v === '1' || v === 'true';
}
