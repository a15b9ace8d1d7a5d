// State shared by every grid of the editors: live rule findings (re-checked for the agencies a change
// touched), cells refused by the last paste/fill/clear with the reason, the agency shown in the detail
// panel, jump requests (search, rule list) and the nameplates shown in the agencies grid.
import { action, makeObservable, observable, observableRef, reaction, runInAction } from 'mobx';
import type { ChangeResult } from '../../../shared/contract';
import type { LiveFinding } from '../../../shared/contract/editors';
import { TABLES, type Row, type TableName } from '../../../shared/tables';
import { call } from '../api';
import { store, type ViewKey } from '../stores/root-store';

export interface FocusRequest {
  readonly table: TableName;
  readonly id: number;
  readonly field: string;
  readonly seq: number;
}

const cellKey = (table: string, id: number, field: string) => `${table}:${id}:${field}`;

/** Tables that have a view of their own in the navigation. */
const VIEW_OF: Partial<Record<TableName, ViewKey>> = {
  zones: 'zones', agencies: 'agencies', departments: 'departments', staffing: 'staffing', leader_posts: 'leader_posts',
  nameplates: 'nameplates', functions: 'functions', dispatched_units: 'dispatched_units', indicators: 'indicators',
};

export class EditorStore {
  findings: LiveFinding[] = [];
  /** Bumped whenever marks change (findings or refused cells): grids refresh their cell classes. */
  marksVersion = 0;
  selectedAgencyId: number | null = null;
  /** Opened by the user (toolbar, search); it then follows the focused agency. Not on first focus: the
   * panel narrows the grid, which would move the cell under a double-click. */
  detailOpen = false;
  rulesOpen = false;
  searchOpen = false;
  focusRequest: FocusRequest | null = null;
  nameplates = new Map<number, string>();
  private byCell = new Map<string, LiveFinding[]>();
  private byAgency = new Map<number, LiveFinding[]>();
  private refused = new Map<string, string>();
  private seq = 0;
  private pending: Set<number> | 'all' | null = null;
  private started = false;
  private checked = false;

  constructor() {
    makeObservable(this, {
      findings: observableRef, marksVersion: observable, selectedAgencyId: observable, detailOpen: observable, setDetailOpen: action, rulesOpen: observable, searchOpen: observable,
      focusRequest: observableRef, nameplates: observableRef,
      selectAgency: action, clearFocusRequest: action, setRulesOpen: action, setSearchOpen: action, jumpTo: action, markRefused: action, clearRefused: action,
    });
  }

  /**
   * Keeps findings and nameplates in step with every change the app publishes. The first full check waits
   * for the grid's rows (initialCheck) or a second and a half: on a national register it takes the main
   * process about two seconds, which must not delay the first screen of data.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    setTimeout(() => this.initialCheck(), 1500);
    store.onChange((change) => this.onChange(change));
    // Another date, or data changed outside this window (import, another window): check everything again.
    reaction(() => [store.asOf, store.dataVersion], () => {
      this.schedule('all');
      void this.loadNameplates();
    });
  }

  initialCheck(): void {
    if (this.checked) return;
    this.checked = true;
    this.schedule('all');
    void this.loadNameplates();
  }

  private onChange(change: ChangeResult): void {
    const ids = new Set<number>();
    let all = false;
    for (const c of change.changes) {
      // A renamed agency can create or end a duplicate name elsewhere: re-check everything.
      if (c.table === 'agencies') all = true;
      const col = c.table === 'zones' ? 'management_agency_id' : TABLES[c.table]?.agencyColumn;
      for (const row of [c.before, c.after]) if (row && col && typeof row[col] === 'number') ids.add(row[col] as number);
      // A written cell is no longer "refused".
      if (c.after) for (const k of Object.keys(c.after)) this.refused.delete(cellKey(c.table, c.id, k));
    }
    if (change.changes.some((c) => c.table === 'nameplates' || c.table === 'agencies')) void this.loadNameplates();
    this.schedule(all ? 'all' : ids);
  }

  /** Coalesces the checks of changes arriving together into one call. */
  private schedule(what: Set<number> | 'all'): void {
    if (what !== 'all' && what.size === 0) return;
    const first = this.pending === null;
    if (what === 'all' || this.pending === 'all') this.pending = 'all';
    else {
      this.pending ??= new Set();
      for (const id of what) (this.pending as Set<number>).add(id);
    }
    if (first) setTimeout(() => void this.flush(), 0);
  }

  private async flush(): Promise<void> {
    const what = this.pending;
    this.pending = null;
    if (what === null) return;
    try {
      const ids = what === 'all' ? undefined : [...what];
      const asOf = store.asOf ? { asOf: store.asOf } : {};
      const fresh = await call('rules.live', ids ? { agencyIds: ids, ...asOf } : asOf);
      runInAction(() => {
        const keep = what === 'all' ? [] : this.findings.filter((f) => !what.has(f.agencyId));
        this.setFindings([...keep, ...fresh]);
      });
    } catch (e) {
      store.showError(e);
    }
  }

  private setFindings(list: LiveFinding[]): void {
    this.findings = list;
    this.byCell = new Map();
    this.byAgency = new Map();
    for (const f of list) {
      push(this.byAgency, f.agencyId, f);
      for (const item of f.items) {
        const table = item.table as TableName;
        const field = item.field ?? TABLES[table]?.nameColumn;
        if (field) push(this.byCell, cellKey(table, item.id, field), f);
      }
    }
    this.marksVersion++;
  }

  async loadNameplates(): Promise<void> {
    const rows = await call('nameplates.list', {});
    const by = new Map<number, string[]>();
    for (const r of rows as Row[]) push(by, r.agency_id as number, String(r.name));
    runInAction(() => (this.nameplates = new Map([...by].map(([k, v]) => [k, v.join('；')]))));
  }

  // Called for every rendered cell on every refresh: skip building the key when there is nothing to find.
  cellFindings(table: TableName, id: number, field: string): LiveFinding[] | undefined {
    return this.byCell.size ? this.byCell.get(cellKey(table, id, field)) : undefined;
  }

  agencyFindings(agencyId: number): LiveFinding[] {
    return this.byAgency.get(agencyId) ?? [];
  }

  refusedReason(table: TableName, id: number, field: string): string | undefined {
    return this.refused.size ? this.refused.get(cellKey(table, id, field)) : undefined;
  }

  markRefused(table: TableName, cells: Array<{ id: number; field: string; reason: string }>): void {
    for (const c of cells) this.refused.set(cellKey(table, c.id, c.field), c.reason);
    this.marksVersion++;
  }

  clearRefused(table: TableName): void {
    const prefix = `${table}:`;
    let any = false;
    for (const k of this.refused.keys()) if (k.startsWith(prefix)) { this.refused.delete(k); any = true; }
    if (any) this.marksVersion++;
  }

  selectAgency(id: number | null): void {
    this.selectedAgencyId = id;
  }

  setDetailOpen(open: boolean): void {
    this.detailOpen = open;
  }

  setRulesOpen(open: boolean): void {
    this.rulesOpen = open;
  }

  setSearchOpen(open: boolean): void {
    this.searchOpen = open;
  }

  clearFocusRequest(seq: number): void {
    if (this.focusRequest?.seq === seq) this.focusRequest = null;
  }

  /** Opens the table's view and asks its grid to show, select and focus one cell. */
  jumpTo(table: TableName, id: number, field?: string): void {
    const view = VIEW_OF[table];
    if (view) store.setView(view);
    this.focusRequest = { table, id, field: field ?? TABLES[table].nameColumn, seq: ++this.seq };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const editorStore = new EditorStore();
