// Apply, revert and the register-by-date figures of the wizard (kept apart from the draft handling in
// wizard-store.ts). Apply sends exactly the warnings the user acknowledged; revert sends no choices first,
// so conflicts with later edits come back and nothing is overwritten until each one is decided.
import { runInAction } from 'mobx';
import { call } from '../api';
import { store } from '../stores/root-store';
import { rs } from './strings';
import type { WizardStore } from './wizard-store';

export interface DateFigure { readonly date: string; readonly label: 'today' | 'dayBefore'; readonly total: number; readonly industrial: number }

async function busy(w: WizardStore, label: string, fn: () => Promise<void>): Promise<void> {
  runInAction(() => (w.busy = label));
  try {
    await fn();
  } catch (e) {
    store.showError(e);
  } finally {
    runInAction(() => (w.busy = null));
  }
}

/** Lookups, undo state, figures and the check follow a write to the register. */
async function afterWrite(w: WizardStore): Promise<void> {
  await Promise.all([store.refreshLookups(), store.refreshHistory(), loadFigures(w), w.loadServerCheck()]);
}

export async function applyReform(w: WizardStore): Promise<void> {
  if (!w.canApply || w.busy) return;
  const id = w.draft.id!;
  await busy(w, rs(store.lang, 'applying'), async () => {
    const outcome = await call('reform.apply', { id, acknowledgedWarnings: [...w.acks] });
    const d = await call('reform.get', { id });
    runInAction(() => { w.outcome = outcome; w.detail = d; w.draft.status = d.status; });
    await afterWrite(w);
  });
}

export async function revertReform(w: WizardStore): Promise<void> {
  const id = w.draft.id;
  if (id === null || w.busy) return;
  const conflicts = w.conflicts;
  if (conflicts && conflicts.some((c) => !w.choices[c.key])) return;
  const resolutions = conflicts?.map((c) => ({ table: c.table, id: c.id, ...(c.field !== '*' ? { field: c.field } : {}), choice: w.choices[c.key] }));
  await busy(w, rs(store.lang, 'checking'), async () => {
    const out = await call('reform.revert', { id, ...(resolutions ? { resolutions } : {}) });
    if (!out.reverted) return runInAction(() => { w.conflicts = out.conflicts; });
    const d = await call('reform.get', { id });
    runInAction(() => {
      w.detail = d;
      w.draft.status = d.status;
      w.outcome = null;
      w.conflicts = null;
      w.kept = out.kept;
      w.choices = {};
    });
    await afterWrite(w);
  });
}

/** 任意日期查看: the register today and the day before the reform takes effect. */
export async function loadFigures(w: WizardStore): Promise<void> {
  const before = w.reg?.beforeDate ?? w.serverCheck?.beforeDate;
  try {
    const [today, prev] = await Promise.all([call('stats.get', {}), before ? call('stats.get', { asOf: before }) : Promise.resolve(null)]);
    const fig = (s: typeof today, label: DateFigure['label']): DateFigure => ({ date: s.asOf, label, total: s.agencies.total, industrial: s.agencies.byGroup.industrial ?? 0 });
    runInAction(() => (w.figures = [fig(today, 'today'), ...(prev ? [fig(prev, 'dayBefore')] : [])]));
  } catch (e) {
    store.showError(e);
  }
}
