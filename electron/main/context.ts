// What every handler gets: the open store and where the data lives. Built once per process by the
// Electron entry, the loopback host or the CLI.
import type { Store } from '../../db/store';

export interface HandlerContext {
  /** Not readonly: restoring a backup swaps in the reopened store (see backup-service.ts). Read it per call. */
  store: Store;
  readonly dataDir: string;
  readonly appVersion: string;
  /** Warnings found at start (network share, read-only folder …), shown in the UI. */
  readonly startupWarnings: string[];
  /** Push an event to the renderer(s). */
  emit(event: string, payload: unknown): void;
}
