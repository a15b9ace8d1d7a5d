// Reading one worksheet of an .xlsx with bounded memory: the ZIP is checked first (zip.ts), the sheet is
// surveyed once for its row count and merged cells (merges sit after the cell data, and a sheet over the
// row cap must be refused before we parse it), the shared strings, formats and date system are read, and
// then the sheet's rows are parsed as the part is inflated (xlsx-sheet.ts says why that parser is ours).
import { AppError } from '../../shared/errors';
import {
  type ByteSource, type ImportLimits, type MergeRange, type OpenedSheet, type RawRow,
  columnIndex, fileError,
} from './source';
import { StopReading, entryChunks, entryText, isCfb, isZip, cfbError, readZipDirectory, type ZipEntry } from './zip';
import { SharedStringsParser, dateStyles, usesDate1904 } from './xlsx-parts';
import { SheetRowParser, type SheetContext } from './xlsx-sheet';
import { XmlSyntaxError, checkWellFormed, feedChunks } from './xlsx-xml';

interface SheetInfo {
  readonly name: string;
  readonly hidden: boolean;
  readonly entry: ZipEntry;
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag) ?? new RegExp(`\\s${name}\\s*=\\s*'([^']*)'`).exec(tag);
  return m ? decodeXml(m[1]) : undefined;
};

function findEntry(entries: Map<string, ZipEntry>, name: string): ZipEntry | undefined {
  const hit = entries.get(name);
  if (hit) return hit;
  const lower = name.toLowerCase();
  for (const [k, v] of entries) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function notAWorkbook(src: ByteSource, entries: Map<string, ZipEntry>): AppError {
  const names = [...entries.keys()];
  if (names.some((n) => n.startsWith('word/'))) return fileError(src.name, '这是Word文档，不是Excel工作簿，请选择.xlsx或.csv文件');
  if (names.some((n) => n.startsWith('ppt/'))) return fileError(src.name, '这是PowerPoint演示文稿，不是Excel工作簿');
  if (names.includes('content.xml')) return fileError(src.name, '这是ODS格式（WPS/OpenOffice）表格，请另存为Excel工作簿（.xlsx）后再导入');
  return fileError(src.name, '这是一个ZIP压缩包，但不是Excel工作簿（缺少xl/workbook.xml）');
}

interface WorkbookParts {
  readonly sheets: SheetInfo[];
  readonly date1904: boolean;
  readonly sharedStrings?: ZipEntry;
  readonly styles?: ZipEntry;
}

async function listSheets(src: ByteSource, entries: Map<string, ZipEntry>): Promise<WorkbookParts> {
  const workbook = findEntry(entries, 'xl/workbook.xml');
  const rels = findEntry(entries, 'xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw notAWorkbook(src, entries);
  const targets = new Map<string, string>();
  const byType = new Map<string, string>();
  const relsXml = await entryText(src, rels, 16 * 1024 * 1024);
  const workbookXml = await entryText(src, workbook, 16 * 1024 * 1024);
  try {
    checkWellFormed(relsXml);
    checkWellFormed(workbookXml);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw fileError(src.name, '工作簿的目录（workbook.xml）无法解析，文件可能已损坏');
    throw e;
  }
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    const type = /\/(\w+)$/.exec(attr(m[0], 'Type') ?? '')?.[1];
    if (!id || !target || !type) continue;
    const full = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    if (type === 'worksheet') targets.set(id, full);
    else if (!byType.has(type)) byType.set(type, full);
  }
  const sheets: SheetInfo[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const rid = attr(m[0], 'r:id') ?? attr(m[0], 'id');
    const path = rid ? targets.get(rid) : undefined;
    const entry = path ? findEntry(entries, path) : undefined;
    if (entry) sheets.push({ name: attr(m[0], 'name') ?? path!, hidden: /hidden/i.test(attr(m[0], 'state') ?? ''), entry });
  }
  if (sheets.length === 0) throw fileError(src.name, '工作簿中没有工作表（可能只有图表页），没有可导入的数据');
  // The relationships name the parts; the usual names are the fallback for writers that leave them out.
  const part = (type: string, usual: string) => findEntry(entries, byType.get(type) ?? usual) ?? findEntry(entries, usual);
  return { sheets, date1904: usesDate1904(workbookXml), sharedStrings: part('sharedStrings', 'xl/sharedStrings.xml'), styles: part('styles', 'xl/styles.xml') };
}

export function parseRange(ref: string): MergeRange | null {
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(ref);
  if (!m) return null;
  const l = columnIndex(m[1])!;
  const r = m[3] ? columnIndex(m[3])! : l;
  const t = Number(m[2]);
  const b = m[4] ? Number(m[4]) : t;
  return { ref, top: Math.min(t, b), bottom: Math.max(t, b), left: Math.min(l, r), right: Math.max(l, r) };
}

const ROW_END = Buffer.from('row>');
const DATA_END = Buffer.from('sheetData>');
/** How far back a tag's start can lie before its name: '</' plus a namespace prefix. */
const LOOK_BACK = 64;

/** Whether the `name>` found at `at` ends an end tag: `</name>` or `</prefix:name>`. */
function isEndTag(buf: Buffer, at: number): boolean {
  let k = at - 1;
  if (buf[k] === 0x3a /* : */) {
    k--;
    while (k > 0 && buf[k] !== 0x2f && buf[k] !== 0x3c && buf[k] > 0x20) k--;
  }
  return buf[k] === 0x2f /* / */ && buf[k - 1] === 0x3c; /* < */
}

/**
 * End tags `</…name>` (`pat` is `name>`) in `chunk` before `limit`: how many, and where the first is
 * (negative: it began in `tail`, the previous chunk's last bytes). The chunk itself is never copied.
 */
function endTags(chunk: Buffer, tail: Buffer, pat: Buffer, limit: number): { count: number; first: number | null } {
  let count = 0;
  let first: number | null = null;
  const found = (at: number) => { count++; first ??= at; };
  if (tail.length) { // a match that straddles the two chunks
    const joint = Buffer.concat([tail, chunk.subarray(0, pat.length - 1)]);
    for (let j = joint.indexOf(pat, Math.max(0, tail.length - pat.length + 1)); j >= 0 && j < tail.length; j = joint.indexOf(pat, j + 1)) {
      if (isEndTag(joint, j)) found(j - tail.length);
    }
  }
  for (let i = chunk.indexOf(pat); i >= 0 && i < limit; i = chunk.indexOf(pat, i + 1)) {
    // Near the start, the tag's '</' may lie in the previous chunk.
    if (i >= LOOK_BACK ? isEndTag(chunk, i) : isEndTag(Buffer.concat([tail, chunk.subarray(0, i + pat.length)]), tail.length + i)) found(i);
  }
  return { count, first };
}

/**
 * Counts rows (end tags </row>: empty self-closed rows do not count) and collects merged ranges, on the
 * raw bytes (all ASCII markup) without parsing cells: cheap enough to refuse an over-long sheet up front.
 */
async function surveySheet(src: ByteSource, sheet: SheetInfo, limits: ImportLimits): Promise<{ rows: number; merges: MergeRange[] }> {
  let rows = 0;
  let tail = Buffer.alloc(0);
  let after: string[] | null = null;
  let afterLen = 0;
  for await (const chunk of entryChunks(src, sheet.entry, limits.maxUncompressedBytes)) {
    if (after) {
      // Everything after the cell data: merges, validations, page setup. Small in real files.
      if (afterLen < 8 * 1024 * 1024) { after.push(chunk.toString('latin1')); afterLen += chunk.length; }
      continue;
    }
    const dataEnd = endTags(chunk, tail, DATA_END, chunk.length).first;
    rows += endTags(chunk, tail, ROW_END, dataEnd ?? chunk.length).count;
    if (rows > limits.maxRows) {
      throw fileError(src.name, `工作表“${sheet.name}”超过${limits.maxRows}行，超出一次导入的上限，请拆分成多个文件后分批导入`, { sheet: sheet.name });
    }
    if (dataEnd !== null) {
      const from = Math.max(0, dataEnd);
      after = [chunk.subarray(from).toString('latin1')];
      afterLen = chunk.length - from;
      continue;
    }
    tail = Buffer.from(chunk.length >= LOOK_BACK ? chunk.subarray(chunk.length - LOOK_BACK) : Buffer.concat([tail, chunk]).subarray(-LOOK_BACK));
  }
  const merges: MergeRange[] = [];
  for (const m of (after ?? []).join('').matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*"([A-Z]+\d+(?::[A-Z]+\d+)?)"/g)) {
    const r = parseRange(m[1]);
    if (r && merges.length < 100_000) merges.push(r);
  }
  return { rows, merges };
}

/** The whole shared-string table, streamed (it can be tens of MB for a large sheet). */
async function readSharedStrings(src: ByteSource, entry: ZipEntry, limits: ImportLimits, stop: { now: boolean }): Promise<Array<string | null>> {
  const parser = new SharedStringsParser();
  for await (const _ of feedChunks(entryChunks(src, entry, limits.maxUncompressedBytes), parser, 'text')) {
    if (stop.now) throw new StopReading();
  }
  if (!parser.complete) throw new XmlSyntaxError('共享文本表不完整');
  return parser.strings;
}

interface SurveyedSheet {
  readonly sheet: SheetInfo;
  readonly survey: { rows: number; merges: MergeRange[] };
}

/** The named sheet, or the first visible sheet with data: a workbook often opens with an empty or explanatory sheet. */
async function chooseSheet(src: ByteSource, sheets: SheetInfo[], opts: { sheet?: string; limits: ImportLimits }): Promise<SurveyedSheet> {
  if (opts.sheet !== undefined) {
    const sheet = sheets.find((s) => s.name === opts.sheet);
    if (!sheet) throw fileError(src.name, `工作簿中没有名为“${opts.sheet}”的工作表（现有：${sheets.map((s) => s.name).join('、')}）`);
    const survey = await surveySheet(src, sheet, opts.limits);
    if (survey.rows === 0) throw fileError(src.name, `工作表“${sheet.name}”是空的，没有可导入的数据`, { sheet: sheet.name });
    return { sheet, survey };
  }
  for (const sheet of [...sheets.filter((x) => !x.hidden), ...sheets.filter((x) => x.hidden)]) {
    const survey = await surveySheet(src, sheet, opts.limits);
    if (survey.rows > 0) return { sheet, survey };
  }
  throw fileError(src.name, '工作簿中所有工作表都是空的，没有可导入的数据');
}

/** The parts the cells refer to, read (and CRC-checked) before any row, so that damage surfaces first. */
async function readCellContext(src: ByteSource, book: WorkbookParts, limits: ImportLimits, stop: { now: boolean }): Promise<SheetContext> {
  return {
    sharedStrings: book.sharedStrings ? await readSharedStrings(src, book.sharedStrings, limits, stop) : [],
    dateStyles: book.styles ? dateStyles(await entryText(src, book.styles, limits.maxUncompressedBytes)) : [],
    date1904: book.date1904,
    maxChars: limits.maxCellChars,
  };
}

export async function openXlsx(src: ByteSource, opts: { sheet?: string; limits: ImportLimits }): Promise<OpenedSheet> {
  const head = src.read(0, 8);
  if (isCfb(head)) throw cfbError(src);
  if (!isZip(head)) {
    const text = head.toString('latin1').trimStart();
    throw fileError(src.name, text.startsWith('<')
      ? '文件内容是网页（HTML）或XML，不是真正的Excel工作簿，请在Excel中打开后“另存为”.xlsx再导入'
      : '文件扩展名是Excel工作簿，但内容不是（文件可能已损坏，或是改了扩展名的其他文件）');
  }
  const entries = readZipDirectory(src);
  const book = await listSheets(src, entries);
  // The shared strings are parsed while the sheets are surveyed: the survey mostly waits for inflation,
  // which runs on the thread pool. A refusal by the survey still comes first (the strings' outcome waits).
  const stop = { now: false };
  const parts = readCellContext(src, book, opts.limits, stop);
  parts.catch(() => {});
  let chosen: SurveyedSheet;
  try {
    chosen = await chooseSheet(src, book.sheets, opts);
  } catch (e) {
    stop.now = true; // the strings of a refused file are not needed
    throw e;
  }
  const { sheet, survey } = chosen;
  const unreadable = (row?: number) => fileError(src.name, `工作表“${sheet.name}”的内容无法解析（文件可能已损坏）`, { sheet: sheet.name, row });
  let ctx: SheetContext;
  try {
    ctx = await parts;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable();
  }
  return {
    format: 'xlsx',
    sheetName: sheet.name,
    encoding: null,
    merges: survey.merges,
    totalRows: survey.rows,
    async *rows(): AsyncGenerator<RawRow> {
      const parser = new SheetRowParser(ctx);
      try {
        for await (const _ of feedChunks(entryChunks(src, sheet.entry, opts.limits.maxUncompressedBytes), parser)) {
          for (const row of parser.take()) yield row;
        }
        if (!parser.complete) throw new XmlSyntaxError('工作表数据不完整');
      } catch (e) {
        if (e instanceof AppError || e instanceof StopReading) throw e;
        throw unreadable(parser.lastRow || undefined);
      }
    },
  };
}
