// One controller per grid: the spreadsheet behaviour AG Grid Community does not have, kept out of React
// so events are handled without re-rendering. It owns the range selection (mouse drag, Shift+click,
// Shift+arrows, Ctrl+A), copy as TSV + HTML, the keyboard commands, and the small observable UI state
// (operation report, find bar, loading progress, selection figures) the toolbar and status bar show.
import { action, makeObservable, observable, observableRef } from 'mobx';
import type { CellFocusedEvent, Column, GridApi, IRowNode } from 'ag-grid-community';
import { TABLES, columnOf, type Row, type TableName } from '../../../shared/tables';
import { store } from '../stores/root-store';
import { es } from '../editors/strings';
import { toHtml, toTsv } from './clipboard';
import { ROWNUM_COL, type CellMarks } from './columns';
import { RangeSelection, rectSize, type Rect } from './selection';

export interface OpReport {
  readonly text: string;
  readonly refused: ReadonlyArray<{ row: number; column: string; reason: string }>;
  readonly ok: boolean;
}

export interface SelectionFigures {
  readonly rows: number;
  readonly cols: number;
  readonly count: number;
  readonly sum: number | null;
}

const NAV_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Tab', 'Enter', 'Home', 'End', 'PageUp', 'PageDown']);

export class GridController implements CellMarks {
  api: GridApi<Row> | null = null;
  readonly sel = new RangeSelection();
  /** Displayed columns in visual order, without the row-number column. */
  cols: Column[] = [];
  private colIdx = new Map<string, number>();
  findHits = new Set<string>();
  private dragging = false;
  private collapseOnFocus = false;
  private refreshQueued = false;

  report: OpReport | null = null;
  findOpen: 'find' | 'replace' | null = null;
  loading: { loaded: number; total: number | null } | null = null;
  figures: SelectionFigures | null = null;

  /** Write operations (paste, fill, clear, replace …), attached by ops.ts to keep this file about selection. */
  commands: {
    paste(data: DataTransfer): void; fillDown(): void; clear(): void; deleteRows(): void; addRow(): void;
  } | null = null;

  constructor(readonly table: TableName, readonly agencyId?: number, readonly compact = false) {
    makeObservable(this, {
      report: observableRef, findOpen: observable, loading: observableRef, figures: observableRef,
      setReport: action, setFindOpen: action, setLoading: action, updateFigures: action,
    });
    this.sel.onChange(() => {
      this.queueRefresh();
      this.updateFigures();
    });
  }

  attach(api: GridApi<Row>): void {
    this.api = api;
    this.refreshColumns();
  }

  detach(): void {
    this.api = null;
  }

  setReport(r: OpReport | null): void {
    this.report = r;
  }

  setFindOpen(mode: 'find' | 'replace' | null): void {
    this.findOpen = mode;
  }

  setLoading(l: { loaded: number; total: number | null } | null): void {
    this.loading = l;
  }

  refreshColumns(): void {
    if (!this.api) return;
    this.cols = this.api.getAllDisplayedColumns().filter((c) => c.getColId() !== ROWNUM_COL);
    this.colIdx = new Map(this.cols.map((c, i) => [c.getColId(), i]));
    this.sel.clamp(this.rowCount(), this.cols.length);
  }

  rowCount(): number {
    return this.api?.getDisplayedRowCount() ?? 0;
  }

  nodeAt(i: number): IRowNode<Row> | undefined {
    return this.api?.getDisplayedRowAtIndex(i);
  }

  /** CellMarks: '*' asks whether the row lies in the selection (for the row-number column). */
  isSelected(rowIndex: number, colId: string): boolean {
    if (colId === '*') {
      const r = this.sel.rect();
      return !!r && rowIndex >= r.r0 && rowIndex <= r.r1;
    }
    const c = this.colIdx.get(colId);
    return c !== undefined && this.sel.contains(rowIndex, c);
  }

  isFindHit(rowId: number, colId: string): boolean {
    return this.findHits.size > 0 && this.findHits.has(`${rowId}:${colId}`);
  }

  /** Re-applies cell classes of the rendered cells once per frame, however many changes came in. */
  queueRefresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    requestAnimationFrame(() => {
      this.refreshQueued = false;
      this.api?.refreshCells({ suppressFlash: true });
    });
  }

  private posOf(rowIndex: number | null, column: Column | string | null | undefined): { row: number; col: number } | null {
    if (rowIndex === null || rowIndex < 0 || !column) return null;
    const id = typeof column === 'string' ? column : column.getColId();
    if (id === ROWNUM_COL) return { row: rowIndex, col: -1 };
    const col = this.colIdx.get(id);
    return col === undefined ? null : { row: rowIndex, col };
  }

  // ---- mouse ----
  // Native listeners on the grid's element (not AG Grid's cell events) so a click is in the selection
  // before any key pressed after it is handled, whatever AG Grid defers.
  private cellFromEvent(e: MouseEvent): { row: number; col: number } | null {
    const cellEl = (e.target as HTMLElement).closest?.('.ag-cell');
    const rowEl = cellEl?.closest('.ag-row');
    if (!cellEl || !rowEl || rowEl.classList.contains('ag-row-pinned')) return null;
    const row = Number(rowEl.getAttribute('row-index'));
    if (!Number.isInteger(row)) return null;
    return this.posOf(row, cellEl.getAttribute('col-id'));
  }

  onMouseDown = (e: MouseEvent): void => {
    if (e.button !== 0) return;
    const p = this.cellFromEvent(e);
    if (!p) return;
    const last = this.cols.length - 1;
    if (p.col === -1) {
      // The row number selects the whole row, as in Excel.
      if (e.shiftKey && this.sel.anchor) this.sel.set({ row: this.sel.anchor.row, col: 0 }, { row: p.row, col: last });
      else this.sel.set({ row: p.row, col: 0 }, { row: p.row, col: last });
    } else if (e.shiftKey && this.sel.anchor) {
      this.sel.extendTo(p);
    } else {
      this.sel.set(p);
    }
    this.dragging = true;
    window.addEventListener('mouseup', this.onMouseUp, { once: true });
  };

  onMouseOver = (e: MouseEvent): void => {
    if (!this.dragging) return;
    if ((e.buttons & 1) === 0) {
      this.dragging = false;
      return;
    }
    const p = this.cellFromEvent(e);
    if (p) this.sel.extendTo(p.col === -1 ? { row: p.row, col: this.cols.length - 1 } : p);
  };

  private onMouseUp = (): void => {
    this.dragging = false;
  };

  onCellFocused = (e: CellFocusedEvent<Row>): void => {
    if (e.rowPinned) return;
    const p = this.posOf(e.rowIndex, e.column as Column | string | null);
    if (!p || p.col === -1) return;
    if (this.collapseOnFocus || !this.sel.anchor) {
      this.collapseOnFocus = false;
      this.sel.set(p);
    }
  };

  // ---- keyboard ----
  onKeyDown = (e: KeyboardEvent): void => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, .ag-popup, .ag-cell-inline-editing') || this.api?.getEditingCells().length) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const stop = () => { e.preventDefault(); e.stopPropagation(); };
    if (ctrl && !e.shiftKey && !e.altKey) {
      if (key === 'a') { stop(); this.selectAll(); return; }
      if (key === 'd') { stop(); this.commands?.fillDown(); return; }
      if (key === 'f') { stop(); this.setFindOpen('find'); return; }
      if (key === 'h') { stop(); this.setFindOpen('replace'); return; }
    }
    if (!ctrl && key === 'Delete') { stop(); this.commands?.clear(); return; }
    if (e.shiftKey && key.startsWith('Arrow')) { stop(); this.extendBy(key, ctrl); return; }
    if (NAV_KEYS.has(key) && !e.shiftKey) this.collapseOnFocus = true;
  };

  selectAll(): void {
    const rows = this.rowCount();
    if (rows && this.cols.length) this.sel.set({ row: 0, col: 0 }, { row: rows - 1, col: this.cols.length - 1 });
  }

  private extendBy(key: string, toEdge: boolean): void {
    const focused = this.api?.getFocusedCell();
    const start = this.sel.end ?? this.posOf(focused?.rowIndex ?? null, focused?.column ?? null);
    if (!start || start.col < 0) return;
    if (!this.sel.anchor) this.sel.set(start);
    const rows = this.rowCount(), cols = this.cols.length;
    let { row, col } = start;
    if (key === 'ArrowUp') row = toEdge ? 0 : row - 1;
    if (key === 'ArrowDown') row = toEdge ? rows - 1 : row + 1;
    if (key === 'ArrowLeft') col = toEdge ? 0 : col - 1;
    if (key === 'ArrowRight') col = toEdge ? cols - 1 : col + 1;
    row = Math.max(0, Math.min(rows - 1, row));
    col = Math.max(0, Math.min(cols - 1, col));
    this.sel.extendTo({ row, col });
    this.showCell(row, col, false);
  }

  /** Scrolls a cell into view and gives it keyboard focus; `select` also makes it the selection. */
  showCell(row: number, col: number, select = true): void {
    const api = this.api;
    const column = this.cols[col];
    if (!api || !column) return;
    if (select) this.sel.set({ row, col });
    api.ensureIndexVisible(row);
    api.ensureColumnVisible(column);
    api.setFocusedCell(row, column);
  }

  /** Shows a row by id (search, rule list): clears filters that hide it, then selects and focuses the cell. */
  focusRow(id: number, field: string): boolean {
    const api = this.api;
    const node = api?.getRowNode(String(id));
    if (!api || !node) return false;
    if (node.rowIndex === null || !node.displayed) api.setFilterModel(null);
    const rowIndex = node.rowIndex;
    const col = this.colIdx.get(field) ?? this.colIdx.get(TABLES[this.table].nameColumn) ?? 0;
    if (rowIndex === null) return false;
    this.showCell(rowIndex, col);
    api.flashCells({ rowNodes: [node] });
    return true;
  }

  // ---- reading the selection ----
  rect(): Rect | null {
    const r = this.sel.rect();
    if (r) return r;
    const f = this.api?.getFocusedCell();
    const p = f && !f.rowPinned ? this.posOf(f.rowIndex, f.column) : null;
    return p && p.col >= 0 ? { r0: p.row, r1: p.row, c0: p.col, c1: p.col } : null;
  }

  textAt(node: IRowNode<Row>, column: Column): string {
    const v = this.api?.getCellValue({ rowNode: node, colKey: column, useFormatter: true });
    return v == null ? '' : String(v);
  }

  matrix(r: Rect): string[][] {
    const out: string[][] = [];
    for (let i = r.r0; i <= r.r1; i++) {
      const node = this.nodeAt(i);
      if (!node) continue;
      const row: string[] = [];
      for (let c = r.c0; c <= r.c1; c++) row.push(this.textAt(node, this.cols[c]));
      out.push(row);
    }
    return out;
  }

  onCopy = (e: ClipboardEvent): void => {
    if ((e.target as HTMLElement).closest('input, textarea, .ag-cell-inline-editing, .ag-popup')) return;
    const r = this.rect();
    if (!r || !e.clipboardData) return;
    const m = this.matrix(r);
    e.clipboardData.setData('text/plain', toTsv(m));
    e.clipboardData.setData('text/html', toHtml(m));
    e.preventDefault();
    const { rows, cols } = rectSize(r);
    store.setStatus(es(store.lang, 'copied', { r: rows, c: cols }));
  };

  onPaste = (e: ClipboardEvent): void => {
    if ((e.target as HTMLElement).closest('input, textarea, .ag-cell-inline-editing, .ag-popup')) return;
    if (!e.clipboardData || this.api?.getEditingCells().length) return;
    e.preventDefault();
    this.commands?.paste(e.clipboardData);
  };

  /** Count and sum of the selection, for the status bar (numbers only in number columns, as in Excel). */
  updateFigures(): void {
    const r = this.sel.rect();
    if (!r || !this.api) {
      this.figures = null;
      return;
    }
    let count = 0, sum = 0, numeric = 0;
    const fields = this.cols.slice(r.c0, r.c1 + 1).map((c) => {
      const def = columnOf(this.table, c.getColId());
      return { id: c.getColId(), real: !!def, num: def?.type === 'int' || def?.type === 'real' };
    });
    for (let i = r.r0; i <= r.r1; i++) {
      const node = this.nodeAt(i);
      if (!node?.data) continue;
      for (const f of fields) {
        // Stored values are empty exactly when shown empty; only the computed columns need the grid.
        const v = f.real ? node.data[f.id] : this.api.getCellValue({ rowNode: node, colKey: f.id });
        if (v === null || v === undefined || v === '') continue;
        count++;
        if (f.num && typeof v === 'number') { sum += v; numeric++; }
      }
    }
    const { rows, cols } = rectSize(r);
    this.figures = { rows, cols, count, sum: numeric ? sum : null };
  }
}
