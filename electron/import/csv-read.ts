// Reading a CSV as exported by Excel or WPS on a Chinese PC: UTF-8 with or without BOM, or the ANSI code
// page (GBK, read as its superset GB18030), sometimes UTF-16 "Unicode text" with tabs. Quoted fields,
// doubled quotes, CRLF and line breaks inside quotes follow RFC 4180 as Excel writes it.
import iconv from 'iconv-lite';
import { type ByteSource, type ImportLimits, type OpenedSheet, type RawCell, type RawRow, fileError } from './source';

const SAMPLE = 256 * 1024;

/** Share of CJK characters that are common (GB2312 level 1): mojibake is made of rare characters. */
function commonCjkShare(text: string): { cjk: number; common: number } {
  let cjk = 0;
  let common = 0;
  const seen = new Map<string, boolean>();
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x4e00 || c > 0x9fff) continue;
    cjk++;
    let isCommon = seen.get(ch);
    if (isCommon === undefined) {
      const b = iconv.encode(ch, 'gbk');
      isCommon = b.length === 2 && b[0] >= 0xb0 && b[0] <= 0xd7;
      seen.set(ch, isCommon);
    }
    if (isCommon) common++;
  }
  return { cjk, common: cjk ? common / cjk : 0 };
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

export interface Detected {
  readonly encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
  readonly bom: number;
}

export function detectEncoding(sample: Buffer, wholeFile: boolean): Detected {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // UTF-16 without a BOM: ASCII characters leave every other byte zero.
  let zeroOdd = 0;
  let zeroEven = 0;
  const n = Math.min(sample.length, 4096) & ~1;
  for (let i = 0; i < n; i += 2) { if (sample[i] === 0) zeroEven++; if (sample[i + 1] === 0) zeroOdd++; }
  if (n >= 8 && zeroOdd > n / 6 && zeroEven < n / 100) return { encoding: 'utf-16le', bom: 0 };
  if (n >= 8 && zeroEven > n / 6 && zeroOdd < n / 100) return { encoding: 'utf-16be', bom: 0 };
  // Cut the sample at a line end so that a character split by the sample's end is not held against UTF-8.
  let s = sample;
  if (!wholeFile) {
    const nl = sample.lastIndexOf(0x0a);
    if (nl > 0) s = sample.subarray(0, nl + 1);
  }
  const asUtf8 = s.toString('utf8');
  const badUtf8 = count(asUtf8, /\ufffd/g);
  const asGb = iconv.decode(s, 'gb18030');
  const badGb = count(asGb, /\ufffd/g);
  if (badUtf8 === 0) {
    // Valid UTF-8. Short GBK text can be valid UTF-8 by accident; then the GBK reading is common Chinese.
    const u = commonCjkShare(asUtf8);
    const g = commonCjkShare(asGb);
    return { encoding: badGb === 0 && g.cjk > 0 && g.common > u.common + 0.3 ? 'gb18030' : 'utf-8', bom: 0 };
  }
  const nonAscii = count(asUtf8, /[^\x00-\x7f]/g);
  const u = commonCjkShare(asUtf8);
  const g = commonCjkShare(asGb);
  // A UTF-8 file with a few damaged bytes stays UTF-8; a GBK file fails UTF-8 everywhere.
  if (badUtf8 <= Math.max(2, nonAscii * 0.02) && u.common >= g.common) return { encoding: 'utf-8', bom: 0 };
  return { encoding: 'gb18030', bom: 0 };
}

const ENCODING_ZH: Record<Detected['encoding'], string> = { 'utf-8': 'UTF-8', gb18030: 'GBK/GB18030', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };

function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20).map((l) => l.replace(/"[^"]*"/g, ''));
  const score = (d: string) => lines.reduce((acc, l) => acc + l.split(d).length - 1, 0);
  const comma = score(',');
  const tab = score('\t');
  const semi = score(';');
  if (tab > comma && tab >= semi) return '\t';
  if (semi > comma && semi > tab) return ';';
  return ',';
}

/** Counts line feeds with a native search; exact when the file has no quotes. */
function quickLineCount(src: ByteSource): { lines: number; quotes: boolean } {
  let lines = 0;
  let quotes = false;
  const block = 4 * 1024 * 1024;
  for (let pos = 0; pos < src.size; pos += block) {
    const buf = src.read(pos, block);
    for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) lines++;
    if (!quotes && buf.includes(0x22)) quotes = true;
  }
  return { lines, quotes };
}

export async function openCsv(src: ByteSource, opts: { limits: ImportLimits }): Promise<OpenedSheet> {
  const { limits } = opts;
  const sample = src.read(0, Math.min(src.size, SAMPLE));
  const det = detectEncoding(sample, sample.length === src.size);
  const text = iconv.decode(sample.subarray(det.bom), det.encoding);
  const junk = count(text, /[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]/g);
  if (junk > Math.max(8, text.length * 0.01)) {
    throw fileError(src.name, '文件不是可识别的文本表格（可能已损坏，或不是CSV文件）。请选择Excel工作簿（.xlsx）或CSV文件');
  }
  if (text.trim() === '') throw fileError(src.name, '文件中没有内容（只有空白）');
  const delimiter = detectDelimiter(text);
  if (det.encoding === 'utf-8' || det.encoding === 'gb18030') {
    const { lines, quotes } = quickLineCount(src);
    if (!quotes && lines > limits.maxRows) {
      throw fileError(src.name, `文件有${lines}行，超过一次导入的上限（${limits.maxRows}行），请拆分成多个文件后分批导入`);
    }
  }
  return {
    format: 'csv',
    sheetName: null,
    encoding: ENCODING_ZH[det.encoding],
    merges: [],
    rows: () => parseCsv(src, det, delimiter, limits),
  };
}

async function* parseCsv(src: ByteSource, det: Detected, delimiter: string, limits: ImportLimits): AsyncGenerator<RawRow> {
  const decoder = iconv.getDecoder(det.encoding, { stripBOM: false });
  const stream = src.stream(det.bom, src.size);
  const maxChars = limits.maxCellChars;
  let row = 1;
  let cells: RawCell[] = [];
  let field = '';
  let fieldTooLong = false;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field started with a quote
  let quoteStartRow = 0;
  let pendingCR = false;
  let afterQuote = false; // just saw a quote inside a quoted field: "" or end of quotes
  const endField = () => {
    if (fieldTooLong) cells.push({ problem: `单元格内容超过${maxChars}个字符，请缩短后再导入` });
    else cells.push(field === '' ? null : field);
    field = '';
    fieldTooLong = false;
    wasQuoted = false;
  };
  const take = (s: string) => {
    if (fieldTooLong) return;
    if (field.length + s.length > maxChars) { fieldTooLong = true; field = ''; return; }
    field += s;
  };
  const out: RawRow[] = [];
  const endRow = () => {
    endField();
    if (cells.some((c) => c !== null)) out.push({ row, cells });
    cells = [];
    row++;
    if (row - 1 > limits.maxRows) {
      throw fileError(src.name, `文件超过${limits.maxRows}行，超出一次导入的上限，请拆分成多个文件后分批导入`);
    }
  };
  try {
    for await (const chunk of stream) {
      const s = decoder.write(chunk as Buffer);
      let i = 0;
      while (i < s.length) {
        const ch = s[i];
        if (pendingCR) { pendingCR = false; if (ch === '\n') { i++; continue; } }
        if (quoted) {
          if (afterQuote) {
            afterQuote = false;
            if (ch === '"') { take('"'); i++; continue; }
            quoted = false; // closing quote; fall through to handle ch unquoted
          } else {
            const q = s.indexOf('"', i);
            if (q < 0) { take(s.slice(i)); i = s.length; continue; }
            take(s.slice(i, q));
            afterQuote = true;
            i = q + 1;
            continue;
          }
        }
        if (ch === delimiter) { endField(); i++; continue; }
        if (ch === '\r' || ch === '\n') { endRow(); pendingCR = ch === '\r'; i++; continue; }
        if (ch === '"' && field === '' && !wasQuoted && !fieldTooLong) { quoted = true; wasQuoted = true; quoteStartRow = row; i++; continue; }
        // An unquoted run up to the next special character.
        let j = i;
        while (j < s.length && s[j] !== delimiter && s[j] !== '\r' && s[j] !== '\n') j++;
        take(s.slice(i, j));
        i = j;
      }
      if (out.length) { yield* out.splice(0); }
    }
    const rest = decoder.end();
    if (rest) take(rest);
    if (quoted && !afterQuote) {
      throw fileError(src.name, `第${quoteStartRow}行开始的引号没有闭合，文件可能不完整或格式有误`, { row: quoteStartRow });
    }
    if (field !== '' || cells.length || fieldTooLong) endRow();
    if (out.length) yield* out.splice(0);
  } finally {
    stream.destroy();
  }
}
