// Find (Ctrl+F) and replace (Ctrl+H) within one grid (AG Grid's Find is Enterprise). Matches are cells
// whose SHOWN text contains the query, in displayed order (after sort and filter), row by row. Replace
// rewrites the shown text and converts it back like a typed value; "replace all" is one undo step.
import { action, makeObservable, observable } from 'mobx';
import type { CellValue } from '../../../shared/values';
import { makeConverter } from './convert-cell';
import type { GridController } from './controller';
import { commit, type Refusal } from './ops';

interface Match { rowId: number; colId: string }

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class FindModel {
  query = '';
  replacement = '';
  count = 0;
  index = -1;
  private matches: Match[] = [];

  constructor(private readonly gc: GridController) {
    makeObservable(this, { query: observable, replacement: observable, count: observable, index: observable, setReplacement: action, search: action, move: action });
  }

  setReplacement(v: string): void {
    this.replacement = v;
  }

  /** Finds every match; `fromCurrent` keeps the position at or after the focused cell. */
  search(query: string, fromCurrent = true): void {
    this.query = query;
    const gc = this.gc;
    const out: Match[] = [];
    const q = query.toLowerCase();
    if (q && gc.api) {
      const cols = gc.cols;
      gc.api.forEachNodeAfterFilterAndSort((node) => {
        if (!node.data) return;
        for (const c of cols) if (gc.textAt(node, c).toLowerCase().includes(q)) out.push({ rowId: node.data.id, colId: c.getColId() });
      });
    }
    this.matches = out;
    this.count = out.length;
    gc.findHits = new Set(out.map((m) => `${m.rowId}:${m.colId}`));
    gc.queueRefresh();
    this.index = -1;
    if (out.length && fromCurrent) {
      const f = gc.api?.getFocusedCell();
      const start = f ? f.rowIndex : 0;
      const at = out.findIndex((m) => (gc.api?.getRowNode(String(m.rowId))?.rowIndex ?? 0) >= start);
      this.move(at < 0 ? 0 : at);
    }
  }

  move(i: number): void {
    if (!this.matches.length) return;
    this.index = ((i % this.matches.length) + this.matches.length) % this.matches.length;
    const m = this.matches[this.index];
    // Showing the match moves the browser focus into the grid; typing goes on in the find box.
    const typing = document.activeElement instanceof HTMLInputElement ? document.activeElement : null;
    this.gc.focusRow(m.rowId, m.colId);
    typing?.focus();
  }

  next(): void {
    this.move(this.index + 1);
  }

  prev(): void {
    this.move(this.index - 1);
  }

  private replaceIn(ms: Match[]): Promise<unknown> {
    const gc = this.gc;
    const conv = makeConverter(gc.table);
    const re = new RegExp(escapeRe(this.query), 'gi');
    const edits: Array<{ id: number; field: string; value: CellValue }> = [];
    const refused: Refusal[] = [];
    for (const m of ms) {
      const node = gc.api?.getRowNode(String(m.rowId));
      const column = gc.cols.find((c) => c.getColId() === m.colId);
      if (!node || !column) continue;
      const text = gc.textAt(node, column).replace(re, this.replacement);
      const res = conv.convert(m.colId, text);
      if (res.ok) edits.push({ id: m.rowId, field: m.colId, value: res.value });
      else refused.push({ row: (node.rowIndex ?? 0) + 1, column: column.getColDef().headerName ?? m.colId, reason: res.reason, id: m.rowId, field: m.colId });
    }
    return commit(gc, 'reportReplace', edits, [], refused);
  }

  async replaceCurrent(): Promise<void> {
    const m = this.matches[this.index];
    if (!m) return this.next();
    await this.replaceIn([m]);
    this.search(this.query);
  }

  async replaceAll(): Promise<void> {
    if (!this.matches.length) return;
    await this.replaceIn(this.matches);
    this.search(this.query, false);
  }

  close(): void {
    this.matches = [];
    this.gc.findHits = new Set();
    this.gc.queueRefresh();
  }
}
