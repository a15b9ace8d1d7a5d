// Unsaved wizard input survives a reload or a crashed window: while the draft differs from what was
// saved, it is copied (debounced) to the window's localStorage; the reform list then offers to restore it.
// localStorage and not the register: typing must not create history entries, and nothing here is the
// record — a restored draft is still saved through the wizard's own 保存草稿 / 下一步. In the Electron app
// the origin (app://) is stable, so the copy also survives a restart; in browser mode the loopback port
// changes per launch, so it survives reloads only.
import { reaction, runInAction } from 'mobx';
import { newKey, STEP_PREVIEW, type Draft, type Shown } from './draft';
import type { WizardStore } from './wizard-store';

const KEY = 'zonedesk.reform.unsaved.v1';

export interface UnsavedDraft {
  readonly draft: Draft;
  readonly step: number;
  /** ISO time of the last copy. */
  readonly savedAt: string;
  /** The wizard session that wrote it: only that session's save clears it. */
  readonly session: string;
}

/** One session per opened draft object (new, opened or restored). */
const sessions = new WeakMap<object, string>();
function sessionOf(draft: Draft): string {
  let s = sessions.get(draft);
  if (!s) sessions.set(draft, (s = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`));
  return s;
}

export function readUnsaved(): UnsavedDraft | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as UnsavedDraft;
    return v && typeof v === 'object' && v.draft && Array.isArray(v.draft.mappings) ? v : null;
  } catch {
    return null; // storage unavailable or a copy from an incompatible version: nothing to offer
  }
}

export function discardUnsaved(): void {
  try { localStorage.removeItem(KEY); } catch { /* storage unavailable */ }
}

type CopyState = { dirty: boolean; json: string; step: number; session: string } | null;

function copyState(w: WizardStore): CopyState {
  return w.mode === 'wizard' && !w.readOnly ? { dirty: w.dirty, json: w.dirty ? JSON.stringify(w.draft) : '', step: w.step, session: sessionOf(w.draft) } : null;
}

function writeCopy(state: CopyState): void {
  if (!state) return; // back on the list: an unsaved copy stays to be offered there
  try {
    if (state.dirty) {
      const copy = { draft: JSON.parse(state.json) as Draft, step: state.step, savedAt: new Date().toISOString(), session: state.session };
      localStorage.setItem(KEY, JSON.stringify(copy));
    } else if (readUnsaved()?.session === state.session) {
      localStorage.removeItem(KEY); // this session's input is saved now
    }
  } catch { /* storage full or unavailable: the wizard works on without the copy */ }
}

/** Keeps the copy in step with the wizard; call once. */
export function watchUnsaved(w: WizardStore): void {
  reaction(() => copyState(w), writeCopy, { delay: 400 });
  // The debounce must not cost the last keystrokes (or the step just reached) when the window is reloaded
  // or closed: write the copy at once on the way out. Only a crash can still lose up to 400 ms of input.
  addEventListener('pagehide', () => writeCopy(copyState(w)));
}

/**
 * Opens the wizard on the unsaved copy: on its reform when it had been saved once (so the unsaved
 * difference shows as unsaved), else on a new one. The step is kept up to the last step before the
 * preview, which always works on the saved plan and is reached through 下一步.
 */
export async function restoreUnsaved(w: WizardStore): Promise<boolean> {
  const copy = readUnsaved();
  if (!copy) return false;
  // The restored input stays with the session that wrote it, so that saving it clears that copy.
  const adopt = (held: Draft) => sessions.set(held, copy.session);
  const restored = (saved: Draft): Shown | null => {
    if (saved.status === 'applied') return null; // applied since: its input can no longer change it
    const draft: Draft = {
      ...copy.draft,
      status: saved.status,
      mappings: copy.draft.mappings.map((m) => ({ ...m, k: newKey() })), // keys are per page load
      items: copy.draft.items.map((it) => ({ ...it, k: newKey() })),
    };
    return { draft, step: Math.min(copy.step, STEP_PREVIEW - 1), adopt };
  };
  if (copy.draft.id !== null) {
    await w.openReform(copy.draft.id, restored);
  } else {
    w.newReform();
    const shown = restored(w.draft);
    if (shown) runInAction(() => { w.draft = shown.draft; w.setStep(shown.step); adopt(w.draft); });
  }
  if (w.mode !== 'wizard') return false; // the reform could not be opened (deleted since): keep the copy
  if (w.readOnly) { discardUnsaved(); return false; }
  return true;
}
