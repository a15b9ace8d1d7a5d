// Reading one worksheet of an .xlsx with bounded memory: the ZIP is checked first (zip.ts), the sheet is
// surveyed once for its row count and merged cells (exceljs's streaming reader ignores merges, and a
// sheet over the row cap must be refused before we parse it), then exceljs streams the rows.
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';
import {
  type ByteSource, type ImportLimits, type MergeRange, type OpenedSheet, type RawCell, type RawRow,
  columnIndex, fileError,
} from './source';
import { StopReading, entryText, inflateEntry, isCfb, isZip, cfbError, readZipDirectory, syntheticZip, type ZipEntry } from './zip';

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

async function listSheets(src: ByteSource, entries: Map<string, ZipEntry>): Promise<{ sheets: SheetInfo[]; workbook: ZipEntry; rels: ZipEntry }> {
  const workbook = findEntry(entries, 'xl/workbook.xml');
  const rels = findEntry(entries, 'xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw notAWorkbook(src, entries);
  const targets = new Map<string, string>();
  for (const m of (await entryText(src, rels, 16 * 1024 * 1024)).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    const type = attr(m[0], 'Type') ?? '';
    if (id && target && /\/worksheet$/.test(type)) {
      const full = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      targets.set(id, full);
    }
  }
  const sheets: SheetInfo[] = [];
  for (const m of (await entryText(src, workbook, 16 * 1024 * 1024)).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const rid = attr(m[0], 'r:id') ?? attr(m[0], 'id');
    const path = rid ? targets.get(rid) : undefined;
    const entry = path ? findEntry(entries, path) : undefined;
    if (entry) sheets.push({ name: attr(m[0], 'name') ?? path!, hidden: /hidden/i.test(attr(m[0], 'state') ?? ''), entry });
  }
  if (sheets.length === 0) throw fileError(src.name, '工作簿中没有工作表（可能只有图表页），没有可导入的数据');
  return { sheets, workbook, rels };
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

/** Counts rows (closing </row> tags: empty self-closed rows do not count) and collects merged ranges. */
async function surveySheet(src: ByteSource, sheet: SheetInfo, limits: ImportLimits): Promise<{ rows: number; merges: MergeRange[] }> {
  const ROW_END = Buffer.from('</row>');
  const DATA_END = Buffer.from('</sheetData>');
  let rows = 0;
  let tail = Buffer.alloc(0);
  let after: string[] | null = null;
  let afterLen = 0;
  const count = (buf: Buffer, pat: Buffer): number[] => {
    const at: number[] = [];
    for (let i = buf.indexOf(pat); i >= 0; i = buf.indexOf(pat, i + 1)) at.push(i);
    return at;
  };
  await inflateEntry(src, sheet.entry, limits.maxUncompressedBytes, (chunk) => {
    if (after) {
      // Everything after the cell data: merges, validations, page setup. Small in real files.
      if (afterLen < 8 * 1024 * 1024) { after.push(chunk.toString('latin1')); afterLen += chunk.length; }
      return;
    }
    // Matches that straddle the previous chunk and this one (start in the tail, end in this chunk).
    const K = DATA_END.length - 1;
    const joint = Buffer.concat([tail, chunk.subarray(0, K)]);
    for (const i of count(joint, ROW_END)) if (i < tail.length && i + ROW_END.length > tail.length) rows++;
    rows += count(chunk, ROW_END).length;
    if (rows > limits.maxRows) {
      throw fileError(src.name, `工作表“${sheet.name}”超过${limits.maxRows}行，超出一次导入的上限，请拆分成多个文件后分批导入`, { sheet: sheet.name });
    }
    const end = joint.indexOf(DATA_END) >= 0 ? 0 : chunk.indexOf(DATA_END);
    if (end >= 0) { after = [chunk.subarray(end).toString('latin1')]; afterLen = chunk.length - end; return; }
    tail = chunk.length >= K ? Buffer.from(chunk.subarray(chunk.length - K)) : Buffer.from(Buffer.concat([tail, chunk]).subarray(-K));
  });
  const merges: MergeRange[] = [];
  for (const m of (after ?? []).join('').matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*"([A-Z]+\d+(?::[A-Z]+\d+)?)"/g)) {
    const r = parseRange(m[1]);
    if (r && merges.length < 100_000) merges.push(r);
  }
  return { rows, merges };
}

type ExcelValue = ExcelJS.CellValue | undefined;

/** exceljs's value shapes → our raw cell; problems are kept as values so that the row, not the file, fails. */
export function toRawCell(v: ExcelValue, maxChars: number): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.length > maxChars ? { problem: `单元格内容超过${maxChars}个字符（Excel单元格上限），请缩短后再导入` } : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { problem: '单元格数值无效' };
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { problem: '单元格日期无效' } : v;
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) return toRawCell((o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join(''), maxChars);
  if ('formula' in o || 'sharedFormula' in o) {
    const result = o.result as ExcelValue;
    if (result === undefined || result === null) return { problem: '单元格是公式但没有保存计算结果，请在Excel中打开并保存后再导入' };
    if (typeof result === 'number' && Number.isNaN(result)) return { problem: '公式的计算结果是错误值' };
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in (result as object)) return { problem: `公式的计算结果是错误值${String((result as { error: unknown }).error)}` };
    return toRawCell(result, maxChars);
  }
  if ('error' in o) return { problem: `单元格是错误值${String(o.error)}` };
  if (typeof o.text === 'string') return toRawCell(o.text, maxChars);
  return { problem: '无法识别的单元格内容' };
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
  const { sheets, workbook, rels } = await listSheets(src, entries);
  let chosen: SheetInfo | undefined;
  let survey: { rows: number; merges: MergeRange[] } | undefined;
  if (opts.sheet !== undefined) {
    chosen = sheets.find((s) => s.name === opts.sheet);
    if (!chosen) throw fileError(src.name, `工作簿中没有名为“${opts.sheet}”的工作表（现有：${sheets.map((s) => s.name).join('、')}）`);
    survey = await surveySheet(src, chosen, opts.limits);
    if (survey.rows === 0) throw fileError(src.name, `工作表“${chosen.name}”是空的，没有可导入的数据`, { sheet: chosen.name });
  } else {
    // The first visible sheet with data: a workbook often opens with an empty or explanatory sheet.
    for (const s of [...sheets.filter((x) => !x.hidden), ...sheets.filter((x) => x.hidden)]) {
      const r = await surveySheet(src, s, opts.limits);
      if (r.rows > 0) { chosen = s; survey = r; break; }
    }
    if (!chosen || !survey) throw fileError(src.name, '工作簿中所有工作表都是空的，没有可导入的数据');
  }
  const shared = findEntry(entries, 'xl/sharedStrings.xml');
  const styles = findEntry(entries, 'xl/styles.xml');
  // CRC-check the other parts exceljs will read, so that damage surfaces here with a clear message.
  for (const e of [shared, styles]) if (e) await inflateEntry(src, e, opts.limits.maxUncompressedBytes, () => {});
  const sheet = chosen;
  const maxChars = opts.limits.maxCellChars;
  return {
    format: 'xlsx',
    sheetName: sheet.name,
    encoding: null,
    merges: survey.merges,
    totalRows: survey.rows,
    async *rows(): AsyncGenerator<RawRow> {
      const stream = syntheticZip(src, [
        { name: 'xl/_rels/workbook.xml.rels', entry: rels },
        { name: 'xl/workbook.xml', entry: workbook },
        // Shared strings before the sheet, so exceljs streams the sheet instead of spooling it to a temp file.
        shared ? { name: 'xl/sharedStrings.xml', entry: shared } : { name: 'xl/sharedStrings.xml', content: Buffer.from('<sst/>') },
        ...(styles ? [{ name: 'xl/styles.xml', entry: styles }] : []),
        { name: 'xl/worksheets/sheet1.xml', entry: sheet.entry },
      ]);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
        worksheets: 'emit', sharedStrings: 'cache', styles: styles ? 'cache' : 'ignore', hyperlinks: 'ignore', entries: 'ignore',
      });
      let lastRow = 0;
      try {
        for await (const ws of reader) {
          for await (const row of ws) {
            lastRow = row.number;
            const values = row.values as ExcelValue[];
            const cells: RawCell[] = [];
            for (let i = 1; i < values.length; i++) cells.push(toRawCell(values[i], maxChars));
            yield { row: row.number, cells };
          }
        }
      } catch (e) {
        if (e instanceof AppError || e instanceof StopReading) throw e;
        throw fileError(src.name, `工作表“${sheet.name}”的内容无法解析（文件可能已损坏）`, { sheet: sheet.name, row: lastRow ? lastRow + 1 : undefined });
      } finally {
        stream.destroy();
      }
    },
  };
}
