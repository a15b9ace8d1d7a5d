// The three default Excel templates, written with exceljs and re-packed deterministically.
// Convention: the template row is the row whose cells hold `{列表.字段}` tags; the filler copies it once per item and
// stretches SUM ranges, merges, conditional formats and data validations (electron/export/fill-xlsx.ts).
import ExcelJS from 'exceljs';
import { DEFAULT_TEMPLATES, MAPPING_ACTION_LABELS, PAPER_SCHEMA_VERSION, STAFFING_TYPE_LABELS } from '../../shared/papers';
import { repack, TEMPLATE_EPOCH_ISO } from './package';

interface Col {
  header: string;
  tag: string; // field inside the list, '' for a formula column
  width: number;
  numeric?: boolean;
  formula?: (row: number) => string; // per-row formula in the template row
  wrap?: boolean;
}

interface SheetSpec {
  templateId: string;
  sheetName: string;
  list: string; // list field, e.g. 机构对照
  cols: Col[];
  subtitle: string;
  note: string;
  /** columns (1-based) that get a SUM in the totals row */
  sumCols: number[];
  /** how many leading columns the "合计" label spans */
  labelSpan: number;
  decorate?: (ws: ExcelJS.Worksheet, row: number, cols: Col[]) => void;
}

const FONT_BODY = { name: '仿宋_GB2312', size: 11 };
const FONT_HEAD = { name: '黑体', size: 11 };
const FONT_TITLE = { name: '方正小标宋简体', size: 18 };
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const colLetter = (n: number) => {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

async function buildSheet(spec: SheetSpec): Promise<Buffer> {
  const t = DEFAULT_TEMPLATES.find((x) => x.id === spec.templateId)!;
  const wb = new ExcelJS.Workbook();
  const epoch = new Date(TEMPLATE_EPOCH_ISO);
  wb.creator = 'ZoneDesk';
  wb.lastModifiedBy = 'ZoneDesk';
  wb.created = epoch;
  wb.modified = epoch;
  wb.title = t.name;
  wb.keywords = `TemplateId=${t.id};TemplateVersion=${t.version};TemplateSchemaVersion=${PAPER_SCHEMA_VERSION}`;
  wb.calcProperties = { fullCalcOnLoad: true };
  const ws = wb.addWorksheet(spec.sheetName, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.4 },
      printTitlesRow: '1:3',
    },
    headerFooter: { oddFooter: '&C— &P —', evenFooter: '&C— &P —' },
    views: [{ state: 'frozen', ySplit: 3, xSplit: 0 }],
  });
  const n = spec.cols.length;
  const last = colLetter(n);
  ws.columns = spec.cols.map((c) => ({ width: c.width }));

  // 1: title, 2: subtitle, 3: header, 4: template row, 5: totals, 7: note
  ws.mergeCells(`A1:${last}1`);
  Object.assign(ws.getCell('A1'), { value: '{标题}', font: FONT_TITLE, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
  ws.getRow(1).height = 36;
  ws.mergeCells(`A2:${last}2`);
  Object.assign(ws.getCell('A2'), { value: spec.subtitle, font: { name: '楷体_GB2312', size: 12 }, alignment: { horizontal: 'right' } });

  const header = ws.getRow(3);
  spec.cols.forEach((c, i) => {
    Object.assign(header.getCell(i + 1), {
      value: c.header,
      font: FONT_HEAD,
      border: BORDER,
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } },
    });
  });
  header.height = 32;

  const tr = 4;
  const row = ws.getRow(tr);
  spec.cols.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.value = c.formula ? { formula: c.formula(tr) } : `{${spec.list}.${c.tag}}`;
    cell.font = FONT_BODY;
    cell.border = BORDER;
    cell.alignment = { horizontal: c.numeric ? 'center' : 'left', vertical: 'middle', wrapText: c.wrap ?? !c.numeric };
    if (c.numeric) cell.numFmt = '0';
  });

  const totals = ws.getRow(tr + 1);
  ws.mergeCells(`A${tr + 1}:${colLetter(spec.labelSpan)}${tr + 1}`);
  Object.assign(totals.getCell(1), { value: '合计', font: FONT_HEAD, alignment: { horizontal: 'center', vertical: 'middle' } });
  for (let i = 1; i <= n; i++) {
    const cell = totals.getCell(i);
    cell.border = BORDER;
    if (i > spec.labelSpan) cell.font = FONT_HEAD;
    if (spec.sumCols.includes(i)) {
      const L = colLetter(i);
      cell.value = { formula: `SUM(${L}${tr}:${L}${tr})` };
      cell.numFmt = '0';
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    }
  }

  ws.mergeCells(`A${tr + 3}:${last}${tr + 3}`);
  Object.assign(ws.getCell(`A${tr + 3}`), { value: spec.note, font: { name: '仿宋_GB2312', size: 10 }, alignment: { wrapText: true, vertical: 'top' } });
  ws.getRow(tr + 3).height = 30;
  ws.pageSetup.printArea = `A1:${last}${tr + 3}`;
  spec.decorate?.(ws, tr, spec.cols);

  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  // exceljs stamps nothing random, but its zip entries carry the current time: re-pack with fixed dates.
  return repack(buf);
}

const MAPPING_COLS: Col[] = [
  { header: '序号', tag: '序号', width: 6, numeric: true },
  { header: '原机构名称', tag: '原机构名称', width: 24 },
  { header: '原规格', tag: '原规格', width: 9 },
  { header: '原性质', tag: '原性质', width: 10 },
  { header: '原编制（名）', tag: '原编制', width: 9, numeric: true },
  { header: '原领导职数', tag: '原领导职数', width: 8, numeric: true },
  { header: '实有人数', tag: '实有人数', width: 8, numeric: true },
  { header: '处理方式', tag: '处理方式', width: 10 },
  { header: '整合后机构', tag: '整合后机构', width: 24 },
  { header: '职责去向', tag: '职责去向', width: 20 },
  { header: '编制划转（名）', tag: '编制划转', width: 9, numeric: true },
  { header: '人员去向', tag: '人员去向', width: 16 },
  { header: '资产债务处理', tag: '资产债务处理', width: 16 },
  { header: '依据文号', tag: '依据文号', width: 16 },
  { header: '备注', tag: '备注', width: 14 },
];

export const mappingXlsx = () =>
  buildSheet({
    templateId: 'zonedesk.mapping-xlsx',
    sheetName: '机构整合对照表',
    list: '机构对照',
    cols: MAPPING_COLS,
    subtitle: '{改革名称}　{发文字号}　单位：个、名',
    note: '说明：{表注}',
    sumCols: [5, 6, 7, 11],
    labelSpan: 4,
    decorate: (ws, tr) => {
      // 处理方式: drop-down of the allowed actions; red for 撤销, yellow for 整合并入; 超编 (实有 > 原编制) in orange.
      ws.getCell(`H${tr}`).dataValidation = {
        type: 'list',
        allowBlank: false,
        showErrorMessage: true,
        errorTitle: '处理方式',
        error: '请从下拉列表中选择处理方式',
        formulae: [`"${MAPPING_ACTION_LABELS.join(',')}"`],
      };
      ws.addConditionalFormatting({
        ref: `H${tr}:H${tr}`,
        rules: [
          { type: 'expression', priority: 1, formulae: [`H${tr}="撤销"`], style: { font: { color: { argb: 'FFC00000' } }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } },
          { type: 'expression', priority: 2, formulae: [`H${tr}="整合并入"`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } } } },
        ],
      });
      ws.addConditionalFormatting({
        ref: `G${tr}:G${tr}`,
        rules: [{ type: 'expression', priority: 3, formulae: [`G${tr}>E${tr}`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF8CBAD' } } } }],
      });
    },
  });

const STAFFING_COLS: Col[] = [
  { header: '序号', tag: '序号', width: 6, numeric: true },
  { header: '机构名称', tag: '机构名称', width: 30 },
  { header: '规格', tag: '规格', width: 9 },
  { header: '性质', tag: '性质', width: 10 },
  ...STAFFING_TYPE_LABELS.map((l) => ({ header: l, tag: l, width: 10, numeric: true })),
  { header: '编制合计', tag: '', width: 9, numeric: true, formula: (r: number) => `SUM(E${r}:J${r})` },
  { header: '领导职数', tag: '领导职数', width: 8, numeric: true },
  { header: '实有人数', tag: '实有人数', width: 8, numeric: true },
  { header: '空编（+）/超编（-）', tag: '', width: 11, numeric: true, formula: (r: number) => `K${r}-M${r}` },
  { header: '备注', tag: '备注', width: 16 },
];

export const staffingXlsx = () =>
  buildSheet({
    templateId: 'zonedesk.staffing',
    sheetName: '编制统计表',
    list: '编制统计',
    cols: STAFFING_COLS,
    subtitle: '{改革名称}　截至{成文日期}　单位：名',
    note: '说明：编制合计与空编/超编由公式计算。{表注}',
    sumCols: [5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    labelSpan: 4,
    decorate: (ws, tr) => {
      ws.getCell(`M${tr}`).dataValidation = { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, showErrorMessage: true, error: '实有人数应为不小于0的整数', formulae: [0] };
      ws.addConditionalFormatting({
        ref: `N${tr}:N${tr}`,
        rules: [{ type: 'expression', priority: 1, formulae: [`N${tr}<0`], style: { font: { color: { argb: 'FFC00000' }, bold: true } } }],
      });
    },
  });

const LEDGER_COLS: Col[] = [
  { header: '序号', tag: '序号', width: 6, numeric: true },
  { header: '机构名称', tag: '机构名称', width: 28 },
  { header: '党工委（加挂牌子）', tag: '党工委', width: 28 },
  { header: '规格', tag: '规格', width: 9 },
  { header: '性质', tag: '性质', width: 10 },
  { header: '派出主体', tag: '派出主体', width: 18 },
  { header: '属地政府', tag: '属地政府', width: 14 },
  { header: '管理园区', tag: '管理园区', width: 24 },
  { header: '内设机构数', tag: '内设机构数', width: 8, numeric: true },
  { header: '内设机构限额', tag: '内设机构限额', width: 8, numeric: true },
  { header: '编制总数', tag: '编制总数', width: 8, numeric: true },
  { header: '领导职数', tag: '领导职数', width: 8, numeric: true },
  { header: '派驻机构', tag: '派驻机构', width: 24 },
  { header: '所属事业单位', tag: '所属事业单位', width: 24 },
  { header: '施行日期', tag: '施行日期', width: 14 },
  { header: '依据文号', tag: '依据文号', width: 16 },
];

export const ledgerXlsx = () =>
  buildSheet({
    templateId: 'zonedesk.ledger',
    sheetName: '机构台账',
    list: '机构台账',
    cols: LEDGER_COLS,
    subtitle: '{改革名称}　{发文字号}',
    note: '说明：{表注}',
    sumCols: [9, 10, 11, 12],
    labelSpan: 8,
    decorate: (ws, tr) => {
      ws.getCell(`D${tr}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: ['"正厅级,副厅级,正县级,副县级,正科级,副科级,股级,未定级"'],
      };
      ws.addConditionalFormatting({
        ref: `I${tr}:I${tr}`,
        rules: [{ type: 'expression', priority: 1, formulae: [`AND(J${tr}>0,I${tr}>J${tr})`], style: { font: { color: { argb: 'FFC00000' }, bold: true } } }],
      });
    },
  });

export const EXCEL_TEMPLATE_BUILDERS: Record<string, () => Promise<Buffer>> = {
  'mapping.xlsx': mappingXlsx,
  'staffing.xlsx': staffingXlsx,
  'ledger.xlsx': ledgerXlsx,
};
