// A light view of WordprocessingML text: paragraphs in document order (table cells and text boxes included),
// each with the <w:t> pieces it holds. Used to lint templates with paragraph numbers and to normalise
// full-width tag characters typed with a Chinese IME, even when Word split a tag across several runs.
import type PizZip from 'pizzip';
import { normalizeTagChars } from './tags';

export interface TextPiece {
  /** offsets of the text content inside the part's XML */
  start: number;
  end: number;
  text: string; // decoded
}

export interface Paragraph {
  /** 1-based number among the part's paragraphs, in document order */
  index: number;
  pieces: TextPiece[];
  text: string;
}

const decode = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
const encode = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const TOKEN = /<w:p(?=[\s>/])[^>]*?(\/?)>|<\/w:p>|<w:t(?=[\s>/])[^>]*?(\/?)>/g;

/** Paragraphs of one part. A paragraph nested in a text box is its own paragraph. */
export function paragraphsOf(xml: string): Paragraph[] {
  const out: Paragraph[] = [];
  const stack: Paragraph[] = [];
  let n = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const tok = m[0];
    if (tok.startsWith('</w:p')) {
      const p = stack.pop();
      if (p) p.text = p.pieces.map((x) => x.text).join('');
    } else if (tok.startsWith('<w:p')) {
      const p: Paragraph = { index: ++n, pieces: [], text: '' };
      out.push(p);
      if (!m[1]) stack.push(p);
    } else {
      if (m[2]) continue; // <w:t/>
      const start = m.index + tok.length;
      const end = xml.indexOf('</w:t>', start);
      if (end < 0) break;
      const cur = stack[stack.length - 1];
      if (cur) cur.pieces.push({ start, end, text: decode(xml.slice(start, end)) });
      TOKEN.lastIndex = end + 6;
    }
  }
  return out;
}

/** Parts that can hold placeholders: the body, headers, footers, footnotes and endnotes. */
export function templatedParts(zip: PizZip): string[] {
  return Object.keys(zip.files)
    .filter((n) => /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(n))
    .sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)));
}

export function partLabel(name: string): string {
  if (name === 'word/document.xml') return '正文';
  const m = /^word\/(header|footer)(\d*)\.xml$/.exec(name);
  if (m) return `${m[1] === 'header' ? '页眉' : '页脚'}${m[2]}`;
  if (name.includes('footnotes')) return '脚注';
  if (name.includes('endnotes')) return '尾注';
  return name;
}

/**
 * Replaces full-width tag characters (｛｝ everywhere; ＃／＾．｜ and ideographic spaces inside tags) in every
 * templated part. Returns the number of characters changed.
 */
export function normalizeDocxTags(zip: PizZip): number {
  let total = 0;
  for (const name of templatedParts(zip)) {
    const xml = zip.file(name)!.asText();
    if (!/[｛｝]/.test(xml) && !/\{[^}]*[＃／＾．｜　]/.test(xml)) continue;
    const edits: { start: number; end: number; text: string }[] = [];
    for (const p of paragraphsOf(xml)) {
      const chars: string[] = [];
      const owner: number[] = [];
      p.pieces.forEach((piece, i) => {
        for (const ch of piece.text) {
          chars.push(ch);
          owner.push(i);
        }
      });
      const changed = normalizeTagChars(chars);
      if (!changed) continue;
      total += changed;
      p.pieces.forEach((piece, i) => {
        const text = chars.filter((_, k) => owner[k] === i).join('');
        if (text !== piece.text) edits.push({ start: piece.start, end: piece.end, text: encode(text) });
      });
    }
    if (!edits.length) continue;
    edits.sort((a, b) => b.start - a.start);
    let out = xml;
    for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    zip.file(name, out);
  }
  return total;
}
