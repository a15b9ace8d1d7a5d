// Fills an Excel template with exceljs 4.4 and a small template-row filler. The template row is the row whose cells
// hold `{列表.字段}` tags; it becomes one row per item. duplicateRow/spliceRows leave SUM ranges, merges,
// conditional formats and data validations behind, so this module moves and stretches them itself.
// User data that starts with = + - @ (or a tab / CR) is written as text, never as a formula.
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { TemplateError, type TemplateIssue } from './issues';
import { applyFilters, lexTags, lookup, normalizeTagChars, parseTag, TagSyntaxError } from './tags';
import { expandRange, expandSqref, numToCol, shiftFormula, type RowExpansion } from './xlsx-refs';

type Data = Record<string, unknown>;
type CellValue = ExcelJS.CellValue;

const INJECTION = /^[=+\-@\t\r]/;

/** Text of a cell that may hold tags: plain strings and rich text (runs joined). */
export function cellText(v: CellValue): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  return null;
}

const normalize = (s: string) => {
  const chars = [...s];
  return normalizeTagChars(chars) ? chars.join('') : s;
};

/** Resolves `{…}` tags in a cell's text. A cell that is exactly one tag keeps the value's type (numbers stay numbers). */
export function renderCellText(text: string, scopes: unknown[], place: string): CellValue {
  const { tags, issues } = lexTags(text);
  if (issues.length) throw new TemplateError(issues.map((i) => ({ severity: 'error', code: 'malformed_tag', place, message: i.message })));
  const value = (raw: string): unknown => {
    try {
      const t = parseTag(raw);
      for (const s of scopes) {
        const v = t.path.length ? lookup(s, t.path) : s;
        if (v !== undefined) return applyFilters(v, t.filters);
      }
      return null;
    } catch (e) {
      if (e instanceof TagSyntaxError) throw new TemplateError([{ severity: 'error', code: 'malformed_tag', place, message: e.message }]);
      throw e;
    }
  };
  for (const t of tags) {
    if (t.kind !== 'value') {
      throw new TemplateError([{ severity: 'error', code: 'malformed_tag', place, message: `Excel 模板不支持区块标记“{${t.raw}}”，请在模板行中使用{列表.字段}` }]);
    }
  }
  if (tags.length === 1 && text.trim() === text.slice(tags[0].start, tags[0].end)) {
    const v = value(tags[0].raw);
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'number' || v instanceof Date) return v;
    if (typeof v === 'boolean') return v ? '是' : '否';
    return String(v);
  }
  let out = '';
  let pos = 0;
  for (const t of tags) {
    const v = value(t.raw);
    out += text.slice(pos, t.start) + (v === null || v === undefined ? '' : String(v));
    pos = t.end;
  }
  return out + text.slice(pos);
}

/** Writes a rendered value; a string that a spreadsheet could read as a formula gets the text format. */
function setValue(cell: ExcelJS.Cell, v: CellValue, baseStyle?: Partial<ExcelJS.Style>) {
  if (typeof v === 'string' && INJECTION.test(v)) {
    cell.style = { ...(baseStyle ?? cell.style), numFmt: '@' };
  } else if (baseStyle) cell.style = baseStyle;
  cell.value = v;
}

/** Which list (if any) a row is the template row of. */
function listOfRow(row: ExcelJS.Row, data: Data, sheet: string): string | null {
  let found: string | null = null;
  row.eachCell({ includeEmpty: false }, (cell) => {
    const text = cellText(cell.value);
    if (!text || !/[{｛]/.test(text)) return;
    for (const t of lexTags(normalize(text)).tags) {
      const head = t.name.split('|')[0].trim().split('.')[0];
      if (t.kind === 'value' && Array.isArray(data[head])) {
        if (found && found !== head) {
          throw new TemplateError([{ severity: 'error', code: 'malformed_tag', place: `${sheet}!${cell.address}`, message: `同一行不能混用两个列表（${found}、${head}）` }]);
        }
        found = head;
      }
    }
  });
  return found;
}

/** Converts shared formulas to ordinary ones so each cell's formula can be shifted on its own. */
function unshareFormulas(ws: ExcelJS.Worksheet) {
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value as unknown as Record<string, unknown> | null;
      if (v && typeof v === 'object' && ('sharedFormula' in v || 'shareType' in v)) {
        cell.value = { formula: cell.formula, result: v.result } as ExcelJS.CellFormulaValue;
      }
    }),
  );
}

function expandTemplateRow(ws: ExcelJS.Worksheet, at: number, list: string, items: unknown[], data: Data) {
  const e: RowExpansion = { at, count: Math.max(1, items.length) };
  const d = e.count - 1;
  const tplRow = ws.getRow(at);
  const tpl: { col: number; value: CellValue; style: Partial<ExcelJS.Style> }[] = [];
  tplRow.eachCell({ includeEmpty: true }, (cell, col) => tpl.push({ col, value: cell.value, style: cell.style }));
  const height = tplRow.height;

  // merges touching the template row or below: unmerge now, re-merge moved / stretched / copied afterwards
  const merges: string[] = (ws.model.merges as string[]).filter((r) => +(/\d+$/.exec(r)![0]) >= at);
  for (const r of merges) ws.unMergeCells(r);

  if (d > 0) ws.spliceRows(at + 1, 0, ...new Array(d).fill([]));

  // formulas outside the block
  ws.eachRow((row, r) => {
    if (r >= at && r <= at + d) return;
    row.eachCell((cell) => {
      const v = cell.value as ExcelJS.CellFormulaValue;
      if (v && typeof v === 'object' && 'formula' in v && v.formula) {
        cell.value = { formula: shiftFormula(v.formula, e, ws.name), result: undefined } as ExcelJS.CellFormulaValue;
      }
    });
  });

  // the rows themselves
  const rowScopes = items.length ? items : [null];
  rowScopes.forEach((item, i) => {
    const row = ws.getRow(at + i);
    if (height) row.height = height;
    for (const t of tpl) {
      const cell = row.getCell(t.col);
      const v = t.value as ExcelJS.CellFormulaValue;
      if (v && typeof v === 'object' && 'formula' in v && v.formula) {
        cell.style = t.style;
        cell.value = { formula: shiftFormula(v.formula, e, ws.name, i) } as ExcelJS.CellFormulaValue;
        continue;
      }
      const text = cellText(t.value);
      if (text !== null && /[{｛]/.test(text)) {
        const scopes = item === null ? [] : [{ [list]: item }, data]; // {列表.字段} reads the item
        const rendered = item === null ? null : renderCellText(normalize(text), scopes, `${ws.name}!${numToCol(t.col)}${at}`);
        setValue(cell, rendered, t.style);
      } else {
        cell.style = t.style;
        cell.value = t.value;
      }
    }
  });

  for (const r of merges) {
    const [a, b = a] = r.split(':');
    const top = +(/\d+$/.exec(a)![0]);
    const bottom = +(/\d+$/.exec(b)![0]);
    if (top === at && bottom === at) {
      const ca = a.replace(/\d+$/, '');
      const cb = b.replace(/\d+$/, '');
      for (let i = 0; i <= d; i++) ws.mergeCells(`${ca}${at + i}:${cb}${at + i}`);
    } else ws.mergeCells(expandRange(r, e));
  }

  // conditional formats: move / stretch the ranges; rule formulas are relative to the range's top-left cell
  const cfs = (ws as unknown as { conditionalFormattings?: { ref: string; rules: unknown[] }[] }).conditionalFormattings ?? [];
  for (const cf of cfs) {
    cf.ref = expandSqref(cf.ref, e);
    for (const rule of cf.rules as { formulae?: unknown[] }[]) {
      if (rule.formulae) rule.formulae = rule.formulae.map((f) => (typeof f === 'string' ? shiftFormula(f, e, ws.name) : f));
    }
  }

  // data validations are kept per cell by exceljs
  const dvModel = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  const next: Record<string, unknown> = {};
  for (const [addr, dv] of Object.entries(dvModel)) {
    if (!dv) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(addr);
    if (!m) {
      next[addr] = dv;
      continue;
    }
    const r = +m[2];
    if (r < at) next[addr] = dv;
    else if (r > at) next[`${m[1]}${r + d}`] = dv;
    else for (let i = 0; i <= d; i++) next[`${m[1]}${at + i}`] = dv;
  }
  (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model = next;

  if (ws.pageSetup.printArea) ws.pageSetup.printArea = ws.pageSetup.printArea.split('&&').map((r) => expandRange(r, e)).join('&&');
  if (typeof ws.autoFilter === 'string') ws.autoFilter = expandRange(ws.autoFilter, e);
}

/** Sheets whose raw XML says fitToPage="1" or "true" (exceljs reads only "1": LibreOffice writes "true"). */
function fitToPageSheets(buf: Buffer | Uint8Array): Set<string> {
  const out = new Set<string>();
  const zip = new PizZip(buf);
  const wbXml = zip.file('xl/workbook.xml')?.asText() ?? '';
  const rels = zip.file('xl/_rels/workbook.xml.rels')?.asText() ?? '';
  for (const m of wbXml.matchAll(/<sheet\b[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels);
    const path = (target?.[1] ?? target?.[2] ?? '').replace(/^\/?(xl\/)?/, 'xl/');
    const xml = zip.file(path)?.asText() ?? '';
    if (/<pageSetUpPr\b[^>]*fitToPage="(1|true)"/.test(xml)) out.add(m[1].replace(/&amp;/g, '&'));
  }
  return out;
}

/** Fills an .xlsx template. Throws TemplateError (Chinese, with sheet!cell) when a tag is malformed. */
export async function fillXlsx(template: Buffer | Uint8Array, data: Data): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  } catch {
    throw new TemplateError([{ severity: 'error', code: 'not_a_template', place: '文件', message: '不是有效的 Excel（.xlsx）文件' }]);
  }
  const fit = fitToPageSheets(template);
  for (const ws of wb.worksheets) {
    unshareFormulas(ws);
    const templateRows: { at: number; list: string }[] = [];
    ws.eachRow((row, r) => {
      const list = listOfRow(row, data, ws.name);
      if (list) templateRows.push({ at: r, list });
    });
    const isTemplateRow = new Set(templateRows.map((t) => t.at));
    // scalar tags everywhere else (before expanding, so user data is never re-read as tags)
    const issues: TemplateIssue[] = [];
    ws.eachRow((row, r) => {
      if (isTemplateRow.has(r)) return;
      row.eachCell((cell) => {
        const text = cellText(cell.value);
        if (text === null || !/[{｛]/.test(text)) return;
        try {
          setValue(cell, renderCellText(normalize(text), [data], `${ws.name}!${cell.address}`));
        } catch (e) {
          if (e instanceof TemplateError) issues.push(...e.issues);
          else throw e;
        }
      });
    });
    if (issues.length) throw new TemplateError(issues);
    for (const t of templateRows.sort((a, b) => b.at - a.at)) expandTemplateRow(ws, t.at, t.list, data[t.list] as unknown[], data);
    if (fit.has(ws.name)) ws.pageSetup.fitToPage = true;
  }
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
