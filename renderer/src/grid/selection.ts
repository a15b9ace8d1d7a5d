// The cell-range selection AG Grid Community lacks (its range selection is Enterprise): an anchor and a
// moving end, both as positions in the DISPLAYED order (row index after sort and filter, column index in
// the displayed column order, pinned name column first), exactly as a spreadsheet user sees them.

export interface CellPos {
  readonly row: number;
  readonly col: number;
}

export interface Rect {
  readonly r0: number;
  readonly r1: number;
  readonly c0: number;
  readonly c1: number;
}

export class RangeSelection {
  anchor: CellPos | null = null;
  end: CellPos | null = null;
  private readonly listeners = new Set<() => void>();

  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(): void {
    for (const cb of this.listeners) cb();
  }

  set(anchor: CellPos, end: CellPos = anchor): void {
    if (same(this.anchor, anchor) && same(this.end, end)) return;
    this.anchor = anchor;
    this.end = end;
    this.emit();
  }

  /** Moves the far corner, keeping the anchor (Shift+click, Shift+arrow, mouse drag). */
  extendTo(end: CellPos): void {
    if (!this.anchor) this.anchor = end;
    if (same(this.end, end)) return;
    this.end = end;
    this.emit();
  }

  clear(): void {
    if (!this.anchor) return;
    this.anchor = null;
    this.end = null;
    this.emit();
  }

  rect(): Rect | null {
    if (!this.anchor || !this.end) return null;
    return {
      r0: Math.min(this.anchor.row, this.end.row),
      r1: Math.max(this.anchor.row, this.end.row),
      c0: Math.min(this.anchor.col, this.end.col),
      c1: Math.max(this.anchor.col, this.end.col),
    };
  }

  contains(row: number, col: number): boolean {
    const r = this.rect();
    return !!r && row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1;
  }

  /** Keeps the selection inside the grid after rows were filtered away or columns hidden. */
  clamp(rows: number, cols: number): void {
    if (!this.anchor || !this.end) return;
    if (rows === 0 || cols === 0) return this.clear();
    const fit = (p: CellPos): CellPos => ({ row: Math.min(p.row, rows - 1), col: Math.min(p.col, cols - 1) });
    const a = fit(this.anchor), e = fit(this.end);
    if (!same(a, this.anchor) || !same(e, this.end)) this.set(a, e);
  }
}

function same(a: CellPos | null, b: CellPos | null): boolean {
  return a === b || (!!a && !!b && a.row === b.row && a.col === b.col);
}

export const rectSize = (r: Rect) => ({ rows: r.r1 - r.r0 + 1, cols: r.c1 - r.c0 + 1 });
