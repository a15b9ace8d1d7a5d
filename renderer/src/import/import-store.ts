// State of the import wizard: the file (as base64), the target table, the user's overrides of header row,
// mapping and key fields, the latest preview, a running job (progress, cancel) and the commit's result.
// Every change of an override asks the backend for a new preview; answers to older requests are dropped.
import { action, makeObservable, observable, observableRef, runInAction } from 'mobx';
import type {
  ImportCommitResult, ImportFieldInfo, ImportPreview, ImportProgress, ImportRowStatus, ImportTable,
} from '../../../shared/contract/import';
import { ApiError, call, onEvent } from '../api';
import { store } from '../stores/root-store';
import { MAX_FILE_BYTES, baseName, downloadBase64, readAsBase64 } from './files';
import { sizeText, tr } from './strings';

export type Step = 1 | 2 | 3 | 4;
export type Busy = 'read' | 'preview' | 'commit';
export type RowFilter = ImportRowStatus | 'all';

interface ChosenFile {
  readonly name: string;
  readonly size: number;
  readonly content: string;
}

let jobSeq = 0;

export class ImportStore {
  step: Step = 1;
  table: ImportTable = 'agencies';
  file: ChosenFile | null = null;
  fields: ImportFieldInfo[] = [];
  preview: ImportPreview | null = null;
  /** Overrides sent with the next preview/commit; undefined = let the backend find / guess / remember. */
  headerRow: number | undefined = undefined;
  mapping: Record<string, string> | undefined = undefined;
  keyFields: string[] | undefined = undefined;
  emptyCellsClear = false;
  allOrNothing = false;
  filter: RowFilter = 'all';
  busy: Busy | null = null;
  progress: { done: number; total: number | null } | null = null;
  error: string | null = null;
  notice: string | null = null;
  result: ImportCommitResult | null = null;
  /** The preview does not answer the current overrides (its request failed or was cancelled). */
  stale = false;
  private jobId: string | null = null;
  private seq = 0;
  private listening = false;

  constructor() {
    makeObservable(this, {
      step: observable, table: observable, file: observableRef, fields: observableRef, preview: observableRef,
      headerRow: observable, mapping: observableRef, keyFields: observableRef, emptyCellsClear: observable, allOrNothing: observable,
      filter: observable, busy: observable, progress: observableRef, error: observable, notice: observable, result: observableRef, stale: observable,
      setStep: action, setTable: action, setFilter: action, setAllOrNothing: action, reset: action, onProgress: action,
    });
  }

  /** Progress events of our jobs move the progress bar. */
  start(): void {
    if (this.listening) return;
    this.listening = true;
    onEvent('job.progress', (p) => this.onProgress(p as ImportProgress));
    void this.loadFields();
  }

  onProgress(p: ImportProgress): void {
    if (p.job !== 'import' || !this.jobId || p.jobId !== this.jobId) return;
    this.progress = { done: p.done, total: p.total };
  }

  setStep(step: Step): void {
    this.step = step;
  }

  setFilter(filter: RowFilter): void {
    this.filter = filter;
  }

  setAllOrNothing(on: boolean): void {
    this.allOrNothing = on;
  }

  setTable(table: ImportTable): void {
    if (table === this.table) return;
    this.table = table;
    this.clearOverrides();
    void this.loadFields();
  }

  /** Back to an empty first step (keeps the table). */
  reset(): void {
    this.step = 1;
    this.stale = false;
    this.file = null;
    this.clearOverrides();
    this.error = null;
    this.notice = null;
  }

  private clearOverrides(): void {
    this.preview = null;
    this.result = null;
    this.headerRow = undefined;
    this.mapping = undefined;
    this.keyFields = undefined;
    this.filter = 'all';
  }

  async loadFields(): Promise<void> {
    const table = this.table;
    try {
      const fields = await call('import.fields', { table });
      runInAction(() => { if (this.table === table) this.fields = fields; });
    } catch (e) {
      store.showError(e);
    }
  }

  async chooseFile(file: File | undefined): Promise<void> {
    runInAction(() => {
      this.reset();
      if (file && file.size > MAX_FILE_BYTES) this.error = tr('fileTooLarge', { size: sizeText(file.size) });
    });
    if (!file || file.size > MAX_FILE_BYTES) return;
    runInAction(() => { this.busy = 'read'; this.progress = null; });
    try {
      const content = await readAsBase64(file);
      runInAction(() => (this.file = { name: file.name, size: file.size, content }));
    } catch (e) {
      runInAction(() => (this.error = (e as Error).message));
    } finally {
      runInAction(() => (this.busy = null));
    }
  }

  private source() {
    const f = this.file!;
    return {
      content: f.content, fileName: f.name, table: this.table,
      ...(this.headerRow !== undefined ? { headerRow: this.headerRow } : {}),
      ...(this.mapping ? { mapping: this.mapping } : {}),
      ...(this.keyFields ? { keyFields: this.keyFields } : {}),
      ...(this.emptyCellsClear ? { emptyCellsClear: true } : {}),
    };
  }

  /** Runs one named job; a cancel shows a notice, an error shows the backend's Chinese message. */
  private async job<T>(busy: Busy, run: (jobId: string) => Promise<T>): Promise<T | null> {
    const jobId = `import-${Date.now().toString(36)}-${++jobSeq}`;
    runInAction(() => { this.busy = busy; this.progress = null; this.error = null; this.notice = null; this.jobId = jobId; });
    try {
      return await run(jobId);
    } catch (e) {
      runInAction(() => {
        if (e instanceof ApiError && e.shape.code === 'cancelled') this.notice = tr('cancelled');
        else this.error = e instanceof ApiError ? e.shape.message : (e as Error).message;
      });
      return null;
    } finally {
      runInAction(() => { if (this.jobId === jobId) { this.busy = null; this.jobId = null; this.progress = null; } });
    }
  }

  /** Asks for a new preview with the current overrides; true when one arrived. */
  async loadPreview(): Promise<boolean> {
    if (!this.file) {
      runInAction(() => (this.error = tr('noFile')));
      return false;
    }
    const seq = ++this.seq;
    const input = this.source();
    runInAction(() => (this.stale = true));
    const preview = await this.job('preview', (jobId) => call('import.preview', { ...input, jobId }));
    if (!preview || seq !== this.seq) return false;
    runInAction(() => {
      this.preview = preview;
      this.result = null;
      this.stale = false;
    });
    return true;
  }

  async next(): Promise<void> {
    if (this.step === 1 || this.stale) {
      if (await this.loadPreview() && this.step === 1) this.setStep(2);
    } else if (this.step < 4) this.setStep((this.step + 1) as Step);
  }

  setHeaderRow(row: number): void {
    runInAction(() => {
      this.headerRow = row;
      this.mapping = undefined; // a new header: guess again
      this.keyFields = undefined;
    });
    void this.loadPreview();
  }

  /** Maps a column to a field; a field can have one column only, so another column holding it is cleared. */
  setMapping(letter: string, field: string): void {
    const base = { ...(this.mapping ?? this.preview?.mapping ?? {}) };
    if (field) for (const [l, f] of Object.entries(base)) if (f === field && l !== letter) base[l] = '';
    base[letter] = field;
    runInAction(() => {
      this.mapping = base;
      if (this.keyFields && !this.keyFields.every((k) => Object.values(base).includes(k))) this.keyFields = undefined;
    });
    void this.loadPreview();
  }

  toggleKey(field: string): void {
    const current = this.keyFields ?? [...(this.preview?.keyFields ?? [])];
    const next = current.includes(field) ? current.filter((k) => k !== field) : [...current, field];
    runInAction(() => (this.keyFields = next.length ? next : undefined));
    void this.loadPreview();
  }

  resetKeys(): void {
    runInAction(() => (this.keyFields = undefined));
    void this.loadPreview();
  }

  setEmptyCellsClear(on: boolean): void {
    runInAction(() => (this.emptyCellsClear = on));
    void this.loadPreview();
  }

  async commit(): Promise<void> {
    if (!this.file) return;
    const input = { ...this.source(), allOrNothing: this.allOrNothing, errorReport: 'base64' as const };
    const result = await this.job('commit', (jobId) => call('import.commit', { ...input, jobId }));
    if (!result) return;
    runInAction(() => (this.result = result));
    if (result.groupId !== null) {
      // The grids reload, the header's 撤销 now takes back this import.
      runInAction(() => store.dataVersion++);
      store.setStatus(result.label);
      void store.refreshLookups();
      void store.refreshHistory();
    }
  }

  /**
   * Stops the running job (the backend also stops a job whose upload is still on its way). When the job
   * had already ended, its outcome stands and the notice says how to take an import back.
   */
  async cancel(): Promise<void> {
    const { jobId, busy } = this;
    if (!jobId) return;
    const { cancelled } = await call('import.cancel', { jobId });
    // A preview that ended first simply shows; a commit that ended first has written its rows.
    if (!cancelled && busy === 'commit') runInAction(() => (this.notice = tr('tooLateToCancel')));
  }

  downloadReport(): void {
    const b64 = this.result?.errorReportBase64;
    if (b64 && this.file) downloadBase64(b64, tr('reportName', { base: baseName(this.file.name) }));
  }

  /** The mapping in force: the user's, else the preview's. */
  get currentMapping(): Record<string, string> {
    return this.mapping ?? { ...(this.preview?.mapping ?? {}) };
  }
}

export const importStore = new ImportStore();
