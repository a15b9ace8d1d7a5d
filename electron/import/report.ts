// The error report: the rejected rows as they were in the file (same columns, same header), plus the
// original row number and the reasons. An official fixes the rows in it and imports the report itself.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from './plan';
import { isProblem, type RawCell } from './source';

const reportCell = (c: RawCell | undefined): ExcelJS.CellValue => (c === undefined || c === null || isProblem(c) ? null : c);

export async function writeErrorReport(plan: Plan, file: string): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('未导入的行');
  const width = plan.headers.length;
  const header = ws.addRow([...plan.headers.map((h) => h.text || h.letter), '原文件行号', '错误原因']);
  header.font = { bold: true };
  header.commit();
  ws.getColumn(width + 2).width = 60;
  for (const r of plan.rows) {
    if (r.status !== 'error') continue;
    const cells: ExcelJS.CellValue[] = [];
    for (let i = 0; i < width; i++) cells.push(reportCell(r.raw?.[i]));
    const reasons = (r.errors ?? []).map((e) => (e.columnLetter ? `${e.columnLetter}列“${e.column}”：${e.reason}` : e.reason));
    const row = ws.addRow([...cells, r.row, reasons.join('；')]);
    row.getCell(width + 2).font = { color: { argb: 'FFC00000' } };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return file;
}

/** A default place for the report: the data folder's import-reports, named after the source file. */
export function defaultReportPath(dir: string, fileName: string): string {
  const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const base = path.basename(fileName, path.extname(fileName)).replace(/[\\/:*?"<>|]/g, '_').slice(0, 80) || '导入';
  return path.join(dir, 'import-reports', `${base}-未导入行-${stamp}.xlsx`);
}

/** The report as base64 (browser mode), written through a temporary file. */
export async function errorReportBase64(plan: Plan): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonedesk-report-'));
  try {
    const file = await writeErrorReport(plan, path.join(dir, 'report.xlsx'));
    return fs.readFileSync(file).toString('base64');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
