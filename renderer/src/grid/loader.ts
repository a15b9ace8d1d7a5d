// Getting rows into a grid: a small first page so the first screen paints at once, then the rest in big
// keyset pages (the next one requested while the current one is applied), then every change the app
// publishes applied as a transaction by row id — so sort, filter and selection survive edits and undo.
import type { GridApi } from 'ag-grid-community';
import type { ChangeResult } from '../../../shared/contract';
import type { GridPage } from '../../../shared/contract/editors';
import { TABLES, type Row, type TableName } from '../../../shared/tables';
import { call } from '../api';

const FIRST_PAGE = 200;
const NEXT_PAGE = 50_000;

export interface LoadScope {
  readonly table: TableName;
  readonly agencyId?: number;
  readonly asOf?: string | null;
}

function toRows(page: GridPage): Row[] {
  const cols = page.columns;
  const n = cols.length;
  const out = new Array<Row>(page.rows.length);
  for (let i = 0; i < page.rows.length; i++) {
    const arr = page.rows[i];
    const row = {} as Row;
    for (let j = 0; j < n; j++) row[cols[j]] = arr[j];
    out[i] = row;
  }
  return out;
}

// Only the second request counts the rows (for the progress figure): counting is a full scan.
const fetchPage = (scope: LoadScope, after: number, limit: number) => call('editors.page', {
  table: scope.table, after, limit, count: after > 0, ...(scope.agencyId ? { agencyId: scope.agencyId } : {}), ...(scope.asOf ? { asOf: scope.asOf } : {}),
});

let prefetched: { table: TableName; page: Promise<GridPage> } | null = null;

/**
 * Asks for the first page of the view the app opens on while the app itself is still starting (loading
 * its lookups, creating the grid), so the first rows are there when the grid is. Called once at start.
 */
export function prefetchFirstPage(table: TableName): void {
  prefetched = { table, page: fetchPage({ table }, 0, FIRST_PAGE) };
  prefetched.page.catch(() => undefined);
}

function takePrefetched(scope: LoadScope): Promise<GridPage> | null {
  const p = prefetched;
  prefetched = null;
  return p && p.table === scope.table && !scope.agencyId && !scope.asOf ? p.page : null;
}

export async function loadRows(api: GridApi<Row>, scope: LoadScope, progress: (loaded: number, total: number | null, done: boolean) => void,
  alive: () => boolean): Promise<void> {
  let pending = takePrefetched(scope) ?? fetchPage(scope, 0, FIRST_PAGE);
  let loaded = 0;
  let total: number | null = null;
  let first = true;
  for (;;) {
    const page = await pending;
    if (!alive() || api.isDestroyed()) return;
    if (!page.done) pending = fetchPage(scope, page.lastId, NEXT_PAGE);
    const rows = toRows(page);
    total ??= page.total;
    if (first) {
      performance.mark('zd-first-page');
      api.setGridOption('rowData', rows);
      performance.mark('zd-rows-set');
      first = false;
    } else {
      // A row may already be there: inserted by this window while the rest was still loading.
      api.applyTransaction({ add: rows.filter((r) => !api.getRowNode(String(r.id))) });
    }
    loaded += rows.length;
    progress(loaded, total, page.done);
    if (page.done) return;
  }
}

/** Does a changed row belong in this grid (the detail panel's grids show one agency's rows)? */
function inScope(scope: LoadScope, row: Row): boolean {
  if (!scope.agencyId) return true;
  if (scope.table === 'agencies') return row.id === scope.agencyId;
  if (scope.table === 'zones') return row.management_agency_id === scope.agencyId;
  const col = TABLES[scope.table].agencyColumn;
  return !col || row[col] === scope.agencyId;
}

export function applyChange(api: GridApi<Row>, scope: LoadScope, change: ChangeResult): void {
  const add: Row[] = [], update: Row[] = [], remove: Row[] = [];
  for (const c of change.changes) {
    if (c.table !== scope.table) continue;
    const present = !!api.getRowNode(String(c.id));
    if (c.after && inScope(scope, c.after)) (present ? update : add).push(c.after);
    else if (present) remove.push(c.before ?? ({ id: c.id } as Row));
  }
  if (add.length || update.length || remove.length) api.applyTransaction({ add, update, remove });
}
