// Backups in a running app: the daily backup shortly after start (and again when the calendar day turns,
// for an app left open for days), and one queue for every backup operation, so a restore never closes the
// database under a backup that is still copying pages.
import fs from 'node:fs';
import { createBackup, ensureDailyBackup, listBackups, backupDirOf, restoreBackup, RestoreFailed } from '../../db/backup';
import type { BackupInfo, RestoreResult } from '../../shared/contract/backup';
import type { HandlerContext } from './context';

/** Start-up work first: the daily copy waits a few seconds so the window opens without delay. */
const FIRST_CHECK_MS = 5_000;
const RECHECK_MS = 3600_000;

const queues = new WeakMap<object, Promise<unknown>>();

/** Runs backup operations of one context one after another. */
export function queued<T>(ctx: HandlerContext, op: () => Promise<T>): Promise<T> {
  const prev = queues.get(ctx) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(op);
  queues.set(ctx, next);
  return next;
}

async function dailyTick(ctx: HandlerContext): Promise<void> {
  // The folder may be gone (tests remove theirs) and the store closed (app quitting): nothing to back up.
  if (!ctx.store.db.open || !fs.existsSync(ctx.dataDir)) return;
  try {
    await queued(ctx, () => ensureDailyBackup(ctx.store));
  } catch (e) {
    const msg = `每日自动备份失败：${(e as Error).message}`;
    if (!ctx.startupWarnings.includes(msg)) ctx.startupWarnings.push(msg);
    console.error(`[zonedesk] ${msg}`);
  }
}

/** Timers are unref'd: they never keep a CLI process alive. */
export function startBackupService(ctx: HandlerContext): void {
  setTimeout(() => void dailyTick(ctx), FIRST_CHECK_MS).unref();
  setInterval(() => void dailyTick(ctx), RECHECK_MS).unref();
}

export function listContextBackups(ctx: HandlerContext): BackupInfo[] {
  return listBackups(backupDirOf(ctx.store));
}

export function createContextBackup(ctx: HandlerContext, folder?: string): Promise<BackupInfo> {
  return queued(ctx, () => createBackup(ctx.store, { kind: 'manual', outDir: folder }));
}

/**
 * Restores and swaps ctx.store. Handlers read ctx.store on every call, so the next call after the swap
 * uses the restored database; a call already running on the old store fails with a plain error.
 */
export function restoreIntoContext(ctx: HandlerContext, file: string): Promise<RestoreResult> {
  return queued(ctx, async () => {
    try {
      const { store, result } = await restoreBackup(ctx.store, file);
      ctx.store = store;
      return result;
    } catch (e) {
      if (e instanceof RestoreFailed) ctx.store = e.store;
      throw e;
    }
  });
}
