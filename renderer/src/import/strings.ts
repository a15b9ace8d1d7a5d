// Strings of the import wizard, Simplified Chinese first, English as the switch. `{name}` marks a value.
import type { ImportRowStatus } from '../../../shared/contract/import';
import { store } from '../stores/root-store';

const S = {
  title: ['从Excel/CSV导入', 'Import from Excel/CSV'],
  step1: ['选择文件', 'Choose a file'],
  step2: ['表头与对应关系', 'Header and columns'],
  step3: ['预览', 'Preview'],
  step4: ['导入', 'Import'],
  back: ['上一步', 'Back'],
  next: ['下一步', 'Next'],
  toPreview: ['下一步：预览', 'Next: preview'],
  toImport: ['下一步：导入', 'Next: import'],
  targetTable: ['导入到', 'Import into'],
  file: ['文件', 'File'],
  fileHint: ['支持 .xlsx 和 .csv（UTF-8或GBK编码）。标题行、合并的表头、合计行会自动识别。', '.xlsx or .csv (UTF-8 or GBK). Title rows, merged headers and total lines are recognised.'],
  fileChosen: ['已选择：{name}（{size}）', 'Chosen: {name} ({size})'],
  fileTooLarge: ['文件太大（{size}），请拆分为不超过40MB的文件后再导入', 'The file is too large ({size}); split it into files under 40 MB'],
  noFile: ['请先选择要导入的文件', 'Choose a file first'],
  reading: ['正在读取文件…', 'Reading the file…'],
  previewing: ['正在检查每一行…', 'Checking every row…'],
  committing: ['正在写入登记簿…', 'Writing to the register…'],
  progressRows: ['已处理 {done} 行', '{done} rows done'],
  progressOf: ['已处理 {done} / {total} 行', '{done} of {total} rows done'],
  cancel: ['取消', 'Cancel'],
  cancelled: ['已取消，登记簿未作任何改动。', 'Cancelled; the register was not changed.'],
  tooLateToCancel: ['导入已经完成，来不及取消；如需撤回，请点击“撤销”。', 'The import had already finished; use Undo to take it back.'],
  headerSection: ['表头行', 'Header row'],
  headerHint: ['识别到第{row}行为表头{rows}。如果不对，请点击正确的表头行。文件中的前几行如下：', 'Row {row} was taken as the header{rows}. If wrong, click the right row. The first rows of the file:'],
  headerChosen: ['以第{row}行为表头{rows}。如果不对，请点击正确的表头行。文件中的前几行如下：', 'Row {row} is the header{rows}. If wrong, click the right row. The first rows of the file:'],
  chooseFile: ['选择文件…', 'Choose a file…'],
  headerSpan: ['（表头跨第{from}—{to}行）', ' (rows {from}–{to})'],
  headerPick: ['设为表头', 'Use as header'],
  rowNo: ['行号', 'Row'],
  sheetInfo: ['工作表“{sheet}”', 'Sheet “{sheet}”'],
  encodingInfo: ['编码 {enc}', 'Encoding {enc}'],
  mappingSection: ['列与字段的对应', 'Columns and fields'],
  guessed: ['已根据列名自动识别，请核对', 'Guessed from the column names; please check'],
  remembered: ['已沿用上次相同格式文件的对应关系', 'Remembered from an earlier file with the same header'],
  edited: ['已手动调整', 'Adjusted by hand'],
  column: ['列', 'Column'],
  headerText: ['文件中的列名', 'Header in the file'],
  sample: ['第一行数据', 'First data row'],
  importAs: ['导入为', 'Import as'],
  ignore: ['（不导入）', '(ignore)'],
  required: ['必填', 'required'],
  missingRequired: ['缺少必填字段：{fields}。没有这些列时，新增的行将被拒绝。', 'Required fields without a column: {fields}. New rows will be rejected.'],
  keySection: ['关键字段（判断文件中的行是否已在登记簿中）', 'Key fields (which rows are already in the register)'],
  keyDefault: ['默认：有统一社会信用代码时按代码，否则按名称＋所在县区', 'Default: by credit code, else by name + region'],
  keyCustom: ['按所选字段全部相同判断为同一条记录', 'A row matches when all chosen fields are equal'],
  keyReset: ['恢复默认', 'Back to default'],
  emptyClear: ['空单元格清除登记簿中的原值（默认保留原值）', 'Empty cells clear the stored value (default: keep it)'],
  all: ['全部', 'All'],
  skipped: ['已跳过{n}行（空行、合计、填表人等）。', '{n} lines skipped (blank, totals, signatures).'],
  truncated: ['仅列出前{n}行（错误行在前）。', 'Only the first {n} rows are listed (errors first).'],
  status: ['状态', 'Status'],
  name: ['名称', 'Name'],
  detail: ['说明', 'Details'],
  changes: ['修改：{fields}', 'Changes: {fields}'],
  errorsTitle: ['错误明细（这些行不会导入）', 'Errors (these rows will not be imported)'],
  stale: ['当前设置下还没有有效的预览，请修正后再继续。', 'No valid preview for these settings yet; fix them first.'],
  cellValue: ['单元格内容', 'Cell'],
  reason: ['原因', 'Reason'],
  colLetter: ['{l}列', 'Col. {l}'],
  wholeRow: ['整行', 'whole row'],
  noRows: ['没有符合条件的行', 'No rows'],
  plan: ['将新增{new}条、更新{updated}条；{unchanged}条无变化。', '{new} new and {updated} updated rows will be written; {unchanged} unchanged.'],
  planRejected: ['{n}行有错误，不会导入，可下载后修改再导入。', '{n} rows have errors and will not be imported; download them to fix.'],
  allOrNothing: ['全部成功才导入（有任何一行错误时，不导入任何数据）', 'All or nothing (import nothing when any row has an error)'],
  oneGroup: ['所有行作为一次操作写入，可用上方“撤销”按钮整体撤销；导入前会自动备份登记簿。', 'All rows are written as one action that the Undo button takes back as a whole; the register is backed up first.'],
  start: ['开始导入', 'Import'],
  done: ['导入完成：新增{new}条，更新{updated}条。如需撤回，请点击上方“撤销”。', 'Imported: {new} new, {updated} updated. Use Undo above to take it back.'],
  nothingWritten: ['没有需要写入的行，登记簿未改动。', 'Nothing to write; the register was not changed.'],
  refused: ['有{n}行错误，按“全部成功才导入”的要求，未导入任何数据。', '{n} rows have errors: nothing was imported (all or nothing).'],
  download: ['下载未导入的行（Excel）', 'Download the rejected rows (Excel)'],
  reportName: ['{base}-未导入的行.xlsx', '{base}-rejected rows.xlsx'],
  showTable: ['查看{table}', 'Show {table}'],
  again: ['导入其他文件', 'Import another file'],
} as const;

export type ImportStringKey = keyof typeof S;

export function tr(key: ImportStringKey, values: Record<string, string | number> = {}): string {
  const text: string = S[key][store.lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

const STATUS: Record<ImportRowStatus, [string, string]> = {
  new: ['新增', 'New'], update: ['更新', 'Update'], unchanged: ['无变化', 'Unchanged'], error: ['错误', 'Error'],
};

export const statusLabel = (s: ImportRowStatus): string => STATUS[s][store.lang === 'zh' ? 0 : 1];

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
