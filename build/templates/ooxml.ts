// Minimal, readable WordprocessingML writers for the default templates. Element order follows the
// ECMA-376 schema sequences (Word reports "unreadable content" otherwise): rPr, pPr, tblPr, trPr, tcPr, sectPr.
import { BODY_PT, CHAR_SPACING, COLOR, FONT, type FontKey, halfPoints } from './gbt9704';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export interface RunOpts {
  font?: FontKey;
  pt?: number;
  bold?: boolean;
  color?: string;
  /** Character spacing in twentieths of a point; default −0.25 pt (GB/T grid), null for none. */
  spacing?: number | null;
}

/** w:rPr with eastAsia set explicitly on every run (inserted text inherits it). */
export function rPr(o: RunOpts = {}): string {
  const font = FONT[o.font ?? 'fangsong'];
  const latin = o.font === 'songti' ? FONT.songti : FONT.latin;
  const sz = halfPoints(o.pt ?? BODY_PT);
  const spacing = o.spacing === undefined ? CHAR_SPACING : o.spacing;
  return (
    '<w:rPr>' +
    `<w:rFonts w:ascii="${latin}" w:hAnsi="${latin}" w:eastAsia="${font}" w:cs="${latin}" w:hint="eastAsia"/>` +
    (o.bold ? '<w:b/><w:bCs/>' : '') +
    `<w:color w:val="${o.color ?? COLOR.text}"/>` +
    (spacing ? `<w:spacing w:val="${spacing}"/>` : '') +
    `<w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/>` +
    '</w:rPr>'
  );
}

/** A run. `\t` becomes a tab. Text may contain {placeholders}. */
export function run(text: string, o: RunOpts = {}): string {
  const parts = text.split('\t');
  const body = parts
    .map((t, i) => (i ? '<w:tab/>' : '') + (t ? `<w:t xml:space="preserve">${esc(t)}</w:t>` : ''))
    .join('');
  return `<w:r>${rPr(o)}${body}</w:r>`;
}

/** A complex field (e.g. PAGE) as begin / instr / separate / cached result / end runs. */
export function field(instr: string, cached: string, o: RunOpts = {}): string {
  const p = rPr(o);
  return (
    `<w:r>${p}<w:fldChar w:fldCharType="begin"/></w:r>` +
    `<w:r>${p}<w:instrText xml:space="preserve"> ${esc(instr)} </w:instrText></w:r>` +
    `<w:r>${p}<w:fldChar w:fldCharType="separate"/></w:r>` +
    `<w:r>${p}<w:t>${esc(cached)}</w:t></w:r>` +
    `<w:r>${p}<w:fldChar w:fldCharType="end"/></w:r>`
  );
}

export interface Border {
  sz: number; // eighths of a point
  space?: number; // points
  color?: string;
}

export interface ParaOpts {
  align?: 'left' | 'center' | 'right' | 'both';
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  top?: Border;
  bottom?: Border;
  tabs?: { pos: number; val: 'left' | 'right' | 'center' }[];
  snapToGrid?: boolean;
  before?: number; // twips
  after?: number;
  lineExact?: number; // twips
  firstLineChars?: number; // hundredths of a character (Word / WPS)
  firstLine?: number; // twips (LibreOffice, and Word when chars are absent)
  left?: number;
  right?: number;
  hanging?: number;
  /** Paragraph-mark run properties (affects empty paragraphs' height and the font of typed text). */
  mark?: RunOpts;
}

const bdr = (side: string, b: Border) =>
  `<w:${side} w:val="single" w:sz="${b.sz}" w:space="${b.space ?? 1}" w:color="${b.color ?? COLOR.text}"/>`;

export function pPr(o: ParaOpts = {}): string {
  let x = '';
  if (o.keepNext) x += '<w:keepNext/>';
  if (o.keepLines) x += '<w:keepLines/>';
  if (o.pageBreakBefore) x += '<w:pageBreakBefore/>';
  if (o.top || o.bottom) x += '<w:pBdr>' + (o.top ? bdr('top', o.top) : '') + (o.bottom ? bdr('bottom', o.bottom) : '') + '</w:pBdr>';
  if (o.tabs?.length) x += '<w:tabs>' + o.tabs.map((t) => `<w:tab w:val="${t.val}" w:pos="${t.pos}"/>`).join('') + '</w:tabs>';
  if (o.snapToGrid === false) x += '<w:snapToGrid w:val="0"/>';
  if (o.before !== undefined || o.after !== undefined || o.lineExact !== undefined) {
    x +=
      '<w:spacing' +
      ` w:before="${o.before ?? 0}" w:after="${o.after ?? 0}"` +
      (o.lineExact !== undefined ? ` w:line="${o.lineExact}" w:lineRule="exact"` : '') +
      '/>';
  }
  const ind: string[] = [];
  if (o.left !== undefined) ind.push(`w:left="${o.left}"`);
  if (o.right !== undefined) ind.push(`w:right="${o.right}"`);
  if (o.firstLineChars !== undefined) ind.push(`w:firstLineChars="${o.firstLineChars}"`);
  if (o.firstLine !== undefined) ind.push(`w:firstLine="${o.firstLine}"`);
  if (o.hanging !== undefined) ind.push(`w:hanging="${o.hanging}"`);
  if (ind.length) x += `<w:ind ${ind.join(' ')}/>`;
  if (o.align) x += `<w:jc w:val="${o.align}"/>`;
  x += rPr(o.mark ?? {});
  return `<w:pPr>${x}</w:pPr>`;
}

export const para = (runs: string | string[], o: ParaOpts = {}) =>
  `<w:p>${pPr(o)}${Array.isArray(runs) ? runs.join('') : runs}</w:p>`;

/** A paragraph holding only a template control tag such as {#正文} — removed by paragraphLoop when rendered. */
export const tagPara = (tag: string, o: ParaOpts = {}) => para(run(tag), o);

// ---------------------------------------------------------------------------------------------------------------
// Tables

export interface Cell {
  content: string; // paragraphs
  span?: number;
  vAlign?: 'top' | 'center' | 'bottom';
}

export function table(widths: number[], rows: { cells: Cell[]; header?: boolean; cantSplit?: boolean }[]): string {
  const total = widths.reduce((a, b) => a + b, 0);
  const b = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="${COLOR.text}"/>`;
  const tblPr =
    '<w:tblPr>' +
    `<w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(b).join('')}</w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/>' +
    '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>' +
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>' +
    '</w:tblPr>';
  const grid = '<w:tblGrid>' + widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') + '</w:tblGrid>';
  const trs = rows
    .map((r) => {
      let col = 0;
      const tcs = r.cells
        .map((c) => {
          const span = c.span ?? 1;
          const w = widths.slice(col, col + span).reduce((a, x) => a + x, 0);
          col += span;
          return (
            '<w:tc><w:tcPr>' +
            `<w:tcW w:w="${w}" w:type="dxa"/>` +
            (span > 1 ? `<w:gridSpan w:val="${span}"/>` : '') +
            `<w:vAlign w:val="${c.vAlign ?? 'center'}"/>` +
            `</w:tcPr>${c.content}</w:tc>`
          );
        })
        .join('');
      const trPr = (r.cantSplit ?? true ? '<w:cantSplit/>' : '') + (r.header ? '<w:tblHeader/>' : '');
      return `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${tcs}</w:tr>`;
    })
    .join('');
  return `<w:tbl>${tblPr}${grid}${trs}</w:tbl>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Section properties

export interface SectOpts {
  width: number;
  height: number;
  landscape?: boolean;
  margin: { top: number; left: number; right: number; bottom: number };
  header: number;
  footer: number;
  /** docGrid: GB/T `lines` grid for portrait text, none for the landscape table. */
  grid?: { type: 'lines'; linePitch: number };
  footers?: { odd: string; even: string }; // relationship ids
}

export function sectPr(o: SectOpts): string {
  return (
    '<w:sectPr>' +
    (o.footers
      ? `<w:footerReference w:type="even" r:id="${o.footers.even}"/><w:footerReference w:type="default" r:id="${o.footers.odd}"/>`
      : '') +
    `<w:pgSz w:w="${o.width}" w:h="${o.height}"${o.landscape ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${o.margin.top}" w:right="${o.margin.right}" w:bottom="${o.margin.bottom}" w:left="${o.margin.left}"` +
    ` w:header="${o.header}" w:footer="${o.footer}" w:gutter="0"/>` +
    '<w:cols w:space="425"/>' +
    (o.grid ? `<w:docGrid w:type="${o.grid.type}" w:linePitch="${o.grid.linePitch}"/>` : '<w:docGrid w:linePitch="312"/>') +
    '</w:sectPr>'
  );
}

export const documentXml = (body: string, sect: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W_NS}><w:body>${body}${sect}</w:body></w:document>`;

export const footerXml = (paragraph: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr ${W_NS}>${paragraph}</w:ftr>`;
