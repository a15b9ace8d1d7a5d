// The root MobX store: language, current view, history state, reference lookups (names for ids and
// region codes) and a bus that hands every ChangeResult to the grids that show the rows it touched.
import { action, makeObservable, observable, observableRef, runInAction } from 'mobx';
import type { ChangeResult, HistoryState, Region } from '../../../shared/contract';
import type { Row } from '../../../shared/tables';
import { ApiError, call, onEvent } from '../api';
import type { Lang } from '../i18n';

export type ViewKey = 'zones' | 'agencies' | 'departments' | 'staffing' | 'leader_posts' | 'reforms' | 'export' | 'history' | 'settings'
  | 'nameplates' | 'functions' | 'dispatched_units' | 'indicators' | 'safety' | 'import';

/** A view named in the address (#view=departments) opens first: deep links, and the editors' benchmark. */
function initialView(): ViewKey {
  const m = /(?:^#|&)view=([a-z_]+)/.exec(location.hash);
  return (m?.[1] as ViewKey | undefined) ?? 'agencies';
}

type ChangeListener = (change: ChangeResult) => void;

export class RootStore {
  lang: Lang = (localStorage.getItem('zonedesk.lang') as Lang) || 'zh';
  view: ViewKey = initialView();
  /** The date whose register is shown (null = today, China Standard Time). */
  asOf: string | null = null;
  history: HistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };
  error: string | null = null;
  status: string | null = null;
  /** Bumped when data changed elsewhere (another window, an import): views reload. */
  dataVersion = 0;
  agencyNames = new Map<number, string>();
  zoneNames = new Map<number, string>();
  regionNames = new Map<string, string>();
  regions: Region[] = [];
  private changeListeners = new Set<ChangeListener>();

  constructor() {
    makeObservable(this, {
      lang: observable, view: observable, asOf: observable, setAsOf: action, history: observableRef, error: observable, status: observable, dataVersion: observable,
      agencyNames: observableRef, zoneNames: observableRef, regionNames: observableRef,
      setLang: action, setView: action, showError: action, clearError: action, setStatus: action,
    });
  }

  async init(): Promise<void> {
    const [regions] = await Promise.all([call('regions.list', {}), this.refreshLookups(), this.refreshHistory()]);
    runInAction(() => {
      this.regions = regions;
      this.regionNames = new Map(regions.map((r) => [r.code, r.name]));
    });
    onEvent('data.changed', () => {
      void this.refreshLookups();
      void this.refreshHistory();
    });
  }

  async refreshLookups(): Promise<void> {
    const [agencies, zones] = await Promise.all([call('agencies.list', { includeEnded: true }), call('zones.list', { includeEnded: true })]);
    runInAction(() => {
      this.agencyNames = new Map(agencies.map((a: Row) => [a.id, String(a.full_name)]));
      this.zoneNames = new Map(zones.map((z: Row) => [z.id, String(z.name)]));
    });
  }

  async refreshHistory(): Promise<void> {
    const state = await call('history.state', {});
    runInAction(() => (this.history = state));
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    localStorage.setItem('zonedesk.lang', lang);
  }

  setAsOf(date: string | null): void {
    this.asOf = date;
    this.dataVersion++;
  }

  setView(view: ViewKey): void {
    this.view = view;
  }

  showError(e: unknown): void {
    this.error = e instanceof ApiError ? e.shape.message : e instanceof Error ? e.message : String(e);
  }

  clearError(): void {
    this.error = null;
  }

  setStatus(text: string | null): void {
    this.status = text;
  }

  onChange(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Every successful write passes through here, so grids, lookups and undo state stay in step. */
  publish(change: ChangeResult | null): void {
    if (change) for (const l of this.changeListeners) l(change);
    if (change?.changes.some((c) => c.table === 'agencies' || c.table === 'zones')) void this.refreshLookups();
    void this.refreshHistory();
  }

  async undo(): Promise<void> {
    try {
      const change = await call('history.undo', {});
      this.setStatus(change ? change.label : null);
      this.publish(change);
    } catch (e) {
      this.showError(e);
    }
  }

  async redo(): Promise<void> {
    try {
      const change = await call('history.redo', {});
      this.setStatus(change ? change.label : null);
      this.publish(change);
    } catch (e) {
      this.showError(e);
    }
  }
}

export const store = new RootStore();
