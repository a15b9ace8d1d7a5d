// The grid's write operations: paste a block, fill down, clear a range, add and delete rows. Each one is
// ONE contract call, so one history group and one Ctrl+Z. A cell that cannot be converted is not written:
// it is marked with the reason and listed in the report, and the valid cells of the same paste still land.
import type { Column } from 'ag-grid-community';
import type { ChangeResult } from '../../../shared/contract';
import { ENUMS } from '../../../shared/enums';
import { TABLES, type Row } from '../../../shared/tables';
import type { CellValue } from '../../../shared/values';
import { call } from '../api';
import { store } from '../stores/root-store';
import { dialogs } from '../editors/dialogs';
import { editorStore } from '../editors/editor-store';
import { es, type EditorStringKey } from '../editors/strings';
import { readClipboard } from './clipboard';
import { makeConverter } from './convert-cell';
import type { GridController } from './controller';
import { rectSize } from './selection';

type Edit = { id: number; field: string; value: CellValue };
export type Refusal = { row: number; column: string; reason: string; id?: number; field?: string };

const header = (c: Column) => c.getColDef().headerName ?? c.getColId();
const REPORT_LIST = 10;

/** Sends the edits (and appended rows) as one call, publishes the change, marks and reports refusals. */
export async function commit(gc: GridController, op: EditorStringKey, edits: Edit[], inserts: Array<Record<string, CellValue>>, refused: Refusal[],
  insertedCells = 0): Promise<ChangeResult | null> {
  const lang = store.lang;
  const zh = TABLES[gc.table].zh;
  editorStore.clearRefused(gc.table);
  let change: ChangeResult | null = null;
  if (edits.length || inserts.length) {
    const label = `${es('zh', op)}${zh}：${edits.length}个单元格${inserts.length ? `，新增${inserts.length}行` : ''}`;
    try {
      change = inserts.length
        ? await call('editors.apply', { table: gc.table, edits, inserts, label })
        : await call(`${gc.table}.update`, { edits, label });
    } catch (e) {
      store.showError(e);
      return null;
    }
    store.setStatus(change.label);
    store.publish(change);
  }
  editorStore.markRefused(gc.table, refused.filter((r) => r.id !== undefined).map((r) => ({ id: r.id!, field: r.field!, reason: r.reason })));
  let text = es(lang, 'reportWritten', { op: es(lang, op), n: edits.length + insertedCells });
  if (inserts.length) text += es(lang, 'reportAppended', { n: inserts.length });
  if (refused.length) {
    text += es(lang, 'reportRefused', { n: refused.length });
    text += refused.slice(0, REPORT_LIST).map((r) => es(lang, 'reportCell', { r: r.row, c: r.column, reason: r.reason })).join('；');
    if (refused.length > REPORT_LIST) text += ` ${es(lang, 'reportMore')}`;
  }
  gc.setReport({ text, refused, ok: refused.length === 0 });
  return change;
}

async function paste(gc: GridController, data: DataTransfer): Promise<void> {
  const block = readClipboard(data);
  const r = gc.rect();
  if (!block.length) return;
  if (!r) return store.setStatus(es(store.lang, 'nothingSelected'));
  const bh = block.length;
  const bw = Math.max(...block.map((row) => row.length));
  const s = rectSize(r);
  let rows: number, cols: number, at: (i: number, j: number) => string;
  if (bh === 1 && bw === 1) {
    // One value into a larger selection fills it.
    rows = s.rows; cols = s.cols; at = () => block[0][0];
  } else if (s.rows % bh === 0 && s.cols % bw === 0 && (s.rows > bh || s.cols > bw)) {
    rows = s.rows; cols = s.cols; at = (i, j) => block[i % bh][j % bw] ?? '';
  } else {
    rows = bh; cols = Math.min(bw, gc.cols.length - r.c0); at = (i, j) => block[i][j] ?? '';
  }
  const available = gc.rowCount() - r.r0;
  let append = 0;
  if (rows > available) {
    const lang = store.lang;
    const answer = await dialogs.open(es(lang, 'appendAsk', { n: rows, m: available, k: rows - available }), [
      { id: 'append', label: es(lang, 'appendYes'), primary: true },
      { id: 'existing', label: es(lang, 'appendNo') },
      { id: 'cancel', label: es(lang, 'cancel') },
    ]);
    if (answer === 'cancel') return;
    if (answer === 'append') append = rows - available;
    rows = available;
  }
  const conv = makeConverter(gc.table);
  const edits: Edit[] = [];
  const refused: Refusal[] = [];
  const targetCols = gc.cols.slice(r.c0, r.c0 + cols);
  for (let i = 0; i < rows; i++) {
    const node = gc.nodeAt(r.r0 + i);
    if (!node?.data) continue;
    targetCols.forEach((column, j) => {
      const field = column.getColId();
      const res = conv.convert(field, at(i, j));
      if (res.ok) edits.push({ id: node.data!.id, field, value: res.value });
      else refused.push({ row: r.r0 + i + 1, column: header(column), reason: res.reason, id: node.data!.id, field });
    });
  }
  const added = newRows(gc, append, rows, targetCols, at, conv, refused);
  await commit(gc, 'reportPaste', edits, added.rows, refused, added.cells);
}

/** Rows a paste appends: pasted cells converted; the owning agency taken from the grid or the row above. */
function newRows(gc: GridController, count: number, offset: number, cols: Column[], at: (i: number, j: number) => string,
  conv: ReturnType<typeof makeConverter>, refused: Refusal[]): { rows: Array<Record<string, CellValue>>; cells: number } {
  const def = TABLES[gc.table];
  const out: Array<Record<string, CellValue>> = [];
  let cells = 0;
  const last = gc.nodeAt(gc.rowCount() - 1)?.data;
  for (let k = 0; k < count; k++) {
    const rowNo = gc.rowCount() + k + 1;
    const row: Record<string, CellValue> = {};
    const cellRefusals: Refusal[] = [];
    let pasted = 0;
    cols.forEach((column, j) => {
      const text = at(offset + k, j);
      // A blank cell of a new row is left to the defaults below (e.g. the owning agency).
      if (text.trim() === '') return;
      const res = conv.convert(column.getColId(), text);
      if (res.ok) { pasted++; if (res.value !== null) row[column.getColId()] = res.value; }
      else cellRefusals.push({ row: rowNo, column: header(column), reason: res.reason });
    });
    const owner = def.agencyColumn;
    if (owner && row[owner] === undefined) row[owner] = gc.agencyId ?? (last?.[owner] as number | undefined) ?? null;
    const missing = def.columns.find((c) => c.required && (row[c.key] === undefined || row[c.key] === null));
    if (missing) {
      refused.push({ row: rowNo, column: store.lang === 'zh' ? missing.zh : missing.en, reason: es(store.lang, 'parentMissing', { c: missing.zh }) });
      continue;
    }
    refused.push(...cellRefusals);
    cells += pasted;
    out.push(row);
  }
  return { rows: out, cells };
}

async function fillDown(gc: GridController): Promise<void> {
  const r = gc.rect();
  if (!r) return;
  const src = r.r0 === r.r1 ? r.r0 - 1 : r.r0;
  const from = gc.nodeAt(src)?.data;
  if (!from) return;
  const conv = makeConverter(gc.table);
  const edits: Edit[] = [];
  const refused: Refusal[] = [];
  for (let i = src + 1; i <= r.r1; i++) {
    const node = gc.nodeAt(i);
    if (!node?.data) continue;
    for (const column of gc.cols.slice(r.c0, r.c1 + 1)) {
      const field = column.getColId();
      const res = conv.check(field, (from[field] ?? null) as CellValue);
      if (res.ok) edits.push({ id: node.data.id, field, value: res.value });
      else refused.push({ row: i + 1, column: header(column), reason: res.reason, id: node.data.id, field });
    }
  }
  await commit(gc, 'reportFill', edits, [], refused);
}

async function clear(gc: GridController): Promise<void> {
  const r = gc.rect();
  if (!r) return;
  const conv = makeConverter(gc.table);
  const edits: Edit[] = [];
  const refused: Refusal[] = [];
  for (let i = r.r0; i <= r.r1; i++) {
    const node = gc.nodeAt(i);
    if (!node?.data) continue;
    for (const column of gc.cols.slice(r.c0, r.c1 + 1)) {
      const field = column.getColId();
      if (node.data[field] === null || node.data[field] === undefined) continue;
      const res = conv.check(field, null);
      if (res.ok) edits.push({ id: node.data.id, field, value: null });
      else refused.push({ row: i + 1, column: header(column), reason: res.reason, id: node.data.id, field });
    }
  }
  await commit(gc, 'reportClear', edits, [], refused);
}

async function deleteRows(gc: GridController): Promise<void> {
  const r = gc.rect();
  const lang = store.lang;
  const ids: number[] = [];
  if (r) for (let i = r.r0; i <= r.r1; i++) { const d = gc.nodeAt(i)?.data; if (d) ids.push(d.id); }
  if (!ids.length) return store.setStatus(es(lang, 'noRowsSelected'));
  const table = lang === 'zh' ? TABLES[gc.table].zh : TABLES[gc.table].en;
  const answer = await dialogs.open(es(lang, 'confirmDelete', { n: ids.length, table }), [
    { id: 'delete', label: es(lang, 'confirmDeleteOk'), danger: true },
    { id: 'cancel', label: es(lang, 'cancel'), primary: true },
  ]);
  if (answer !== 'delete') return;
  try {
    const change = await call(`${gc.table}.delete`, { ids });
    store.setStatus(change.label);
    store.publish(change);
    gc.sel.clear();
  } catch (e) {
    store.showError(e);
  }
}

/**
 * A new row with the required values of the focused row (so it is valid at once, as officials expect when
 * they "insert a row like this one"), named （新建）. For zones, `asPark` makes it a park of the focused zone.
 */
async function addRow(gc: GridController, asPark = false): Promise<void> {
  const def = TABLES[gc.table];
  const r = gc.rect();
  const like: Row | undefined = (r ? gc.nodeAt(r.r0)?.data : undefined) ?? gc.nodeAt(0)?.data;
  const row: Record<string, CellValue> = {};
  for (const col of def.columns) {
    if (!col.required || col.readOnly) continue;
    if (col.key === def.nameColumn && col.type === 'text') row[col.key] = es(store.lang, 'newRowName');
    else if (like && like[col.key] != null) row[col.key] = like[col.key] as CellValue;
    else if (col.type === 'enum') row[col.key] = ENUMS[col.enum!][0].key;
    else if (col.type === 'int' || col.type === 'real') row[col.key] = col.min ?? 0;
    else if (col.type === 'region') row[col.key] = store.regions.find((x) => x.level === 'county')?.code ?? null;
  }
  if (def.agencyColumn && gc.agencyId) row[def.agencyColumn] = gc.agencyId;
  if (gc.table === 'zones' && gc.agencyId) row.management_agency_id = gc.agencyId;
  if (asPark && like) {
    const parent = (like.parent_zone_id as number | null) ?? like.id;
    Object.assign(row, { parent_zone_id: parent, zone_type: 'industrial_park', zone_level: 'unlisted', management_agency_id: like.management_agency_id ?? null });
  }
  try {
    const change = await call(`${gc.table}.insert`, { rows: [row] });
    store.setStatus(change.label);
    store.publish(change);
    const id = change.changes[0]?.id;
    if (id && gc.focusRow(id, def.nameColumn)) {
      const node = gc.api?.getRowNode(String(id));
      if (node?.rowIndex != null) gc.api?.startEditingCell({ rowIndex: node.rowIndex, colKey: def.nameColumn });
    }
  } catch (e) {
    store.showError(e);
  }
}

export function attachCommands(gc: GridController): void {
  gc.commands = {
    paste: (d) => void paste(gc, d),
    fillDown: () => void fillDown(gc),
    clear: () => void clear(gc),
    deleteRows: () => void deleteRows(gc),
    addRow: () => void addRow(gc),
  };
}

export const addPark = (gc: GridController) => addRow(gc, true);
