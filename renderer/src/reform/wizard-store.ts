// The merge wizard's MobX store: the list of reforms, the draft being edited (kept exactly as typed, see
// draft.ts), a live check of that draft by the engine (debounced, nothing saved), saving each step's part
// when the user moves on, and apply / revert. Problems are filed under the step where they arise; moving
// forward from a step with problems is refused, moving back never is.
import { action, computed, makeObservable, observable, observableRef, reaction, runInAction } from 'mobx';
import type { DraftCheck } from '../../../shared/contract/reform-ui';
import type { ApplyOutcome, ReformCheck, ReformDetail, ReformListEntry, RevertConflict } from '../../../shared/reform/api-types';
import { ApiError, call } from '../api';
import { store } from '../stores/root-store';
import {
  STEP_APPLY, STEP_MAPPING, STEP_PREVIEW, STEP_SCOPE, STEPS, blankDraft, draftFromDetail, itemsInput, mainDocNo, mappingsInput,
  scopeInput, scopeProblemKeys, scopeReady, stepOfProblem, type Draft, type Shown,
} from './draft';
import { RegisterIndex } from './register-index';
import { applyReform, loadFigures, revertReform, type DateFigure } from './wizard-apply';
import { watchUnsaved } from './draft-autosave';
import { rs } from './strings';

export class WizardStore {
  mode: 'list' | 'wizard' = 'list';
  list: ReformListEntry[] = [];
  step = STEP_SCOPE;
  draft: Draft = blankDraft();
  detail: ReformDetail | null = null;
  reg: RegisterIndex | null = null;
  live: DraftCheck | null = null;
  liveError: string | null = null;
  checking = false;
  /** The server's refusals when saving, by step (cleared as soon as the draft changes). */
  saveErrors: Record<number, string[]> = {};
  /** The saved plan's check: what apply will see (warning keys to acknowledge). */
  serverCheck: ReformCheck | null = null;
  acks = new Set<string>();
  outcome: ApplyOutcome | null = null;
  conflicts: RevertConflict[] | null = null;
  kept: RevertConflict[] | null = null;
  choices: Record<string, 'keep' | 'restore'> = {};
  figures: DateFigure[] | null = null;
  busy: string | null = null;
  filters = { group: '', county: '', level: '' };
  private saved = { scope: '', mappings: '', items: '' };
  private liveSeq = 0;
  private registerSeq = 0;
  /** The plan input the current `live` answer is for. */
  private liveJson = '';
  private livePending: Promise<void> | null = null;

  constructor() {
    makeObservable<WizardStore, 'saved'>(this, {
      mode: observable, list: observableRef, step: observable, draft: observable, detail: observableRef, reg: observableRef, live: observableRef,
      liveError: observable, checking: observable, saveErrors: observableRef, serverCheck: observableRef, acks: observable, outcome: observableRef,
      conflicts: observableRef, kept: observableRef, choices: observable, figures: observableRef, busy: observable, filters: observable, saved: observableRef,
      planInput: computed, readOnly: computed, dirty: computed,
      edit: action, setStep: action, showList: action, newReform: action, setFilter: action, ack: action, ackAll: action, choose: action,
    });
    // The register the reform starts from follows the effective date and region as they are typed.
    reaction(() => (this.mode === 'wizard' ? `${this.draft.scope.effectiveDate}|${this.draft.scope.regionCode}` : ''), () => void this.loadRegister(), { fireImmediately: false });
    // Live check of the draft as typed; a stale answer (the user typed on) is dropped.
    reaction(() => (this.mode === 'wizard' ? JSON.stringify(this.planInput) : ''), (json) => {
      runInAction(() => { if (Object.keys(this.saveErrors).length) this.saveErrors = {}; });
      if (json) this.livePending = this.runLive();
    }, { delay: 250 });
  }

  get readOnly(): boolean {
    return this.draft.status === 'applied';
  }

  get planInput() {
    const s = this.draft.scope;
    if (!scopeReady(s)) return null;
    return {
      ...(this.draft.id ? { id: this.draft.id } : {}), name: s.name, effectiveDate: s.effectiveDate, regionCode: s.regionCode,
      basisDocNo: mainDocNo(s), ruleProfile: s.r1Mode ? { r1Mode: s.r1Mode } : {}, mappings: mappingsInput(this.draft), items: itemsInput(this.draft),
    };
  }

  get dirty(): boolean {
    return this.partsJson().some((j, i) => j !== [this.saved.scope, this.saved.mappings, this.saved.items][i]);
  }

  private partsJson(): [string, string, string] {
    return [JSON.stringify(scopeInput(this.draft.scope)), JSON.stringify(mappingsInput(this.draft)), JSON.stringify(itemsInput(this.draft))];
  }

  private markSaved(): void {
    const [scope, mappings, items] = this.partsJson();
    this.saved = { scope, mappings, items };
  }

  /** Every change of the draft goes through here (one MobX action, so reactions run once). */
  edit(fn: (d: Draft) => void): void {
    if (this.readOnly) return;
    fn(this.draft);
  }

  setFilter(key: 'group' | 'county' | 'level', value: string): void {
    this.filters[key] = value;
  }

  // ---- list ----

  async showList(): Promise<void> {
    this.mode = 'list';
    try {
      const list = await call('reform.list', {});
      runInAction(() => (this.list = list));
    } catch (e) {
      store.showError(e);
    }
  }

  newReform(): void {
    this.draft = blankDraft();
    this.detail = null;
    this.reset();
    this.markSaved();
    this.mode = 'wizard';
  }

  /**
   * `over`: input to show instead of the saved draft (an unsaved copy being restored), applied in the
   * same action that opens the wizard so the saved version never flashes up first.
   */
  async openReform(id: number, over?: (saved: Draft) => Shown | null): Promise<void> {
    try {
      const d = await call('reform.get', { id });
      runInAction(() => {
        this.draft = draftFromDetail(d);
        this.detail = d;
        this.reset();
        this.markSaved();
        if (d.status === 'applied') this.acks = new Set(d.acknowledgedWarnings.map((w) => w.key));
        const shown = over?.(this.draft);
        if (shown) { this.draft = shown.draft; this.step = shown.step; shown.adopt?.(this.draft); }
        this.mode = 'wizard';
      });
      await this.loadRegister();
      this.livePending = this.runLive();
    } catch (e) {
      store.showError(e);
    }
  }

  private reset(): void {
    this.step = STEP_SCOPE;
    this.reg = null;
    this.live = null;
    this.liveError = null;
    this.saveErrors = {};
    this.serverCheck = null;
    this.acks = new Set();
    this.outcome = null;
    this.conflicts = null;
    this.kept = null;
    this.choices = {};
    this.figures = null;
  }

  async deleteReform(id: number): Promise<void> {
    try {
      await call('reform.delete', { id });
      await this.showList();
    } catch (e) {
      store.showError(e);
    }
  }

  // ---- register and live check ----

  private async loadRegister(): Promise<void> {
    const s = this.draft.scope;
    // Province then prefecture picked in a row puts two requests in flight: only the latest may land.
    const n = ++this.registerSeq;
    if (!scopeReady(s)) {
      runInAction(() => (this.reg = null));
      return;
    }
    try {
      const reg = await call('reformUi.register', { effectiveDate: s.effectiveDate, regionCode: s.regionCode });
      if (n === this.registerSeq) runInAction(() => (this.reg = new RegisterIndex(reg)));
    } catch (e) {
      store.showError(e);
    }
  }

  private async runLive(): Promise<void> {
    const plan = this.planInput;
    if (!plan) return;
    const n = ++this.liveSeq;
    runInAction(() => (this.checking = true));
    try {
      const live = await call('reformUi.checkDraft', { plan, strict: true });
      if (n === this.liveSeq) runInAction(() => { this.live = live; this.liveError = null; this.liveJson = JSON.stringify(plan); });
    } catch (e) {
      if (n === this.liveSeq) runInAction(() => (this.liveError = e instanceof Error ? e.message : String(e)));
    } finally {
      if (n === this.liveSeq) runInAction(() => (this.checking = false));
    }
  }

  /** Waits for the check of what is typed now (the debounce may not have fired yet). */
  async flushLive(): Promise<void> {
    if (this.livePending) await this.livePending;
    if (this.planInput && JSON.stringify(this.planInput) !== this.liveJson) await this.runLive();
  }

  // ---- problems by step ----

  scopeProblems(): string[] {
    return scopeProblemKeys(this.draft).map((k) => rs(store.lang, k));
  }

  /** Input problems of the draft as typed, with the draft row each points at, for one step. */
  liveProblems(step: number): Array<{ path: string; message: string }> {
    return (this.live?.check.problems ?? []).filter((p) => stepOfProblem(this.draft, p) === step);
  }

  problemsAt(step: number): string[] {
    const out = [...(this.saveErrors[step] ?? [])];
    if (step === STEP_SCOPE) out.push(...this.scopeProblems());
    for (const p of this.liveProblems(step)) if (!out.includes(p.message)) out.push(p.message);
    if (this.liveError && step !== STEP_SCOPE) out.push(this.liveError);
    return out;
  }

  // ---- navigation and saving ----

  setStep(step: number): void {
    this.step = Math.max(0, Math.min(STEPS.length - 1, step));
  }

  async back(): Promise<void> {
    this.setStep(this.step - 1);
  }

  /** Back is always allowed; a step ahead only through next() (each step's problems block). */
  async goto(step: number): Promise<void> {
    if (step < this.step) return this.setStep(step);
    while (this.step < step) if (!(await this.next())) return;
  }

  async next(): Promise<boolean> {
    if (this.busy) return false;
    const from = this.step;
    if (from >= STEP_APPLY) return false;
    if (this.readOnly) {
      if (from + 1 === STEP_PREVIEW) await this.loadServerCheck();
      this.setStep(from + 1);
      return true;
    }
    await this.flushLive();
    if (this.problemsAt(from).length) return false;
    runInAction(() => (this.busy = rs(store.lang, 'checking')));
    try {
      const ok = from === STEP_SCOPE ? await this.saveScope() && await this.saveMappings(true)
        : from === STEP_MAPPING ? await this.saveMappings(false)
        : from < STEP_PREVIEW ? await this.saveItems()
        : true;
      if (!ok) return false;
      if (from + 1 === STEP_PREVIEW && !(await this.saveAll())) return false;
      if (from + 1 === STEP_PREVIEW) await this.loadServerCheck();
      this.setStep(from + 1);
      return true;
    } finally {
      runInAction(() => (this.busy = null));
    }
  }

  async saveAll(): Promise<boolean> {
    return (await this.saveScope()) && (await this.saveMappings(false)) && (await this.saveItems());
  }

  /** Files a refusal under the steps its details name (or the current step). */
  private refused(e: unknown): false {
    const shape = e instanceof ApiError ? e.shape : null;
    const errors: Record<number, string[]> = {};
    const add = (step: number, msg: string) => (errors[step] ??= []).push(msg);
    const details = shape?.details?.filter((d) => d.path && /^(mappings|items)\[/.test(d.path)) ?? [];
    if (details.length) for (const d of details) add(stepOfProblem(this.draft, { path: d.path, message: d.message }), d.message);
    else add(this.step, shape?.message ?? (e instanceof Error ? e.message : String(e)));
    runInAction(() => (this.saveErrors = errors));
    return false;
  }

  private async saveScope(): Promise<boolean> {
    const [scope] = this.partsJson();
    if (this.draft.id !== null && scope === this.saved.scope) return true;
    try {
      const input = scopeInput(this.draft.scope);
      const d = this.draft.id === null
        ? await call('reform.create', { ...input, prefill: false })
        : await call('reform.update', { id: this.draft.id, ...input });
      runInAction(() => {
        this.draft.id = d.id;
        this.detail = d;
        this.saved = { ...this.saved, scope };
      });
      return true;
    } catch (e) {
      return this.refused(e);
    }
  }

  /** `quiet`: leaving the scope step, a mapping the engine refuses is reported at the mapping step later. */
  private async saveMappings(quiet: boolean): Promise<boolean> {
    const mappings = JSON.stringify(mappingsInput(this.draft));
    if (this.draft.id === null || mappings === this.saved.mappings) return true;
    try {
      const d = await call('reform.setMappings', { id: this.draft.id, mappings: mappingsInput(this.draft) });
      runInAction(() => { this.detail = d; this.saved = { ...this.saved, mappings }; });
      return true;
    } catch (e) {
      return quiet ? true : this.refused(e);
    }
  }

  private async saveItems(): Promise<boolean> {
    const items = JSON.stringify(itemsInput(this.draft));
    if (this.draft.id === null || items === this.saved.items) return true;
    try {
      const d = await call('reform.setItems', { id: this.draft.id, items: itemsInput(this.draft) });
      runInAction(() => { this.detail = d; this.saved = { ...this.saved, items }; });
      return true;
    } catch (e) {
      return this.refused(e);
    }
  }

  async saveDraft(): Promise<void> {
    if (this.readOnly) return;
    if (this.scopeProblems().length) return void runInAction(() => (this.saveErrors = { [STEP_SCOPE]: this.scopeProblems() }));
    if (await this.saveAll()) store.setStatus(rs(store.lang, 'saved'));
  }

  // ---- preview, apply, revert ----

  async loadServerCheck(): Promise<void> {
    if (this.draft.id === null) return;
    try {
      const check = await call('reform.check', { id: this.draft.id });
      runInAction(() => {
        this.serverCheck = check;
        const keys = new Set(check.results.map((r) => r.key));
        this.acks = new Set([...this.acks].filter((k) => keys.has(k)));
      });
    } catch (e) {
      store.showError(e);
    }
  }

  /** The rule profile is part of the saved scope: save it, then check again. */
  async setProfile(mode: Draft['scope']['r1Mode']): Promise<void> {
    this.edit((d) => (d.scope.r1Mode = mode));
    if (this.readOnly) return;
    if (await this.saveScope()) await this.loadServerCheck();
  }

  ack(key: string, on: boolean): void {
    if (on) this.acks.add(key);
    else this.acks.delete(key);
  }

  ackAll(): void {
    for (const r of this.serverCheck?.results ?? []) if (r.severity === 'warning') this.acks.add(r.key);
  }

  get unacknowledged(): number {
    return (this.serverCheck?.results ?? []).filter((r) => r.severity === 'warning' && !this.acks.has(r.key)).length;
  }

  get canApply(): boolean {
    const c = this.serverCheck;
    return !!c && !this.readOnly && this.draft.id !== null && c.problems.length === 0 && c.counts.error === 0 && this.unacknowledged === 0;
  }

  async apply(): Promise<void> {
    await applyReform(this);
  }

  choose(key: string, choice: 'keep' | 'restore'): void {
    this.choices[key] = choice;
  }

  async revert(): Promise<void> {
    await revertReform(this);
  }

  async loadFigures(): Promise<void> {
    await loadFigures(this);
  }
}

export const wizard = new WizardStore();
watchUnsaved(wizard);
