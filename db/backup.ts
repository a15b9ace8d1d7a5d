// Backups of the register: taken with SQLite's online backup API (the app keeps answering while pages are
// copied, and edits made meanwhile on the same connection land in the copy), listed, rotated and restored.
// These PCs have no administrator nearby: a backup must never be half-written, rotation must never delete
// what the user may still need, and a restore must never replace good data with a bad file.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors';
import type { BackupInfo, BackupKind, RestoreResult } from '../shared/contract/backup';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { Store } from './store';

export const BACKUP_DIR_NAME = 'backups';
const CST_MS = 8 * 3600_000;
const DAY_MS = 86400_000;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export const ROTATION = { daily: 7, weekly: 4, preApplyDays: 90 } as const;

export interface BackupOptions {
  readonly kind: BackupKind;
  /** A folder the user chose (manual backups to a USB stick); defaults to <dataDir>/backups. */
  readonly outDir?: string;
  /** For tests: the moment the name is stamped with and rotation counts from. */
  readonly now?: Date;
}

export function backupDirOf(store: Store): string {
  return path.join(path.dirname(store.file), BACKUP_DIR_NAME);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** File-name stamp in China Standard Time: the time the office's clock showed, whatever the PC's zone. */
export function stampCst(d: Date): string {
  const t = new Date(d.getTime() + CST_MS);
  return `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}-${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}`;
}

const NAME = /^(daily|manual|pre-apply|pre-import|pre-migrate|pre-restore)(?:-v\d+)?-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d+)?\.sqlite$/;

export function parseBackupName(name: string): { kind: BackupKind; at: Date } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, kind, y, mo, d, h, mi, s] = m;
  // db/open.ts stamps its pre-migrate copies in UTC; every other kind is stamped here in CST.
  const at = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - (kind === 'pre-migrate' ? 0 : CST_MS);
  return Number.isFinite(at) ? { kind: kind as BackupKind, at: new Date(at) } : null;
}

function rmQuiet(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // best effort: a leftover temporary file is harmless
  }
}

/** Makes a rename durable on power loss. Windows cannot fsync a folder; NTFS journals the rename itself. */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported on this platform
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Turns a fresh copy into a self-contained file: rollback journal instead of WAL (the backup API copies the
 * WAL flag, and a WAL file cannot be opened read-only without creating -shm next to it), checked, on disk.
 */
function finishCopy(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AppError('db_corrupt', `备份副本检查未通过：${String(check)}`);
  } finally {
    db.close();
  }
  fsyncFile(file);
}

function uniqueFile(dir: string, base: string): string {
  let file = path.join(dir, `${base}.sqlite`);
  for (let i = 2; fs.existsSync(file); i++) file = path.join(dir, `${base}-${i}.sqlite`);
  return file;
}

function backupError(e: unknown, dir: string): AppError {
  if (e instanceof AppError) return e;
  const err = e as { code?: string; message?: string };
  if (err.code === 'SQLITE_FULL' || err.code === 'ENOSPC') {
    return new AppError('disk_full', `磁盘空间不足，备份未完成：${dir}。已保存的数据不受影响，请清理磁盘后重试。`);
  }
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' || err.code === 'SQLITE_CANTOPEN' || err.code === 'SQLITE_READONLY') {
    return new AppError('db_readonly', `备份文件夹不可写入：${dir}。请换一个文件夹。`, [{ file: dir, message: err.message ?? '' }]);
  }
  return new AppError('internal', `备份失败：${err.message ?? String(e)}。已保存的数据不受影响。`);
}

/** Where the copy goes; the name is written last (rename), so a half-written backup never looks like one. */
function prepare(store: Store, opts: BackupOptions): { dir: string; file: string; partial: string; now: Date } {
  const dir = opts.outDir ? path.resolve(opts.outDir) : backupDirOf(store);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw backupError(e, dir);
  }
  const now = opts.now ?? new Date();
  const file = uniqueFile(dir, `${opts.kind}-${stampCst(now)}`);
  return { dir, file, partial: `${file}.partial`, now };
}

function complete(store: Store, p: ReturnType<typeof prepare>): BackupInfo {
  finishCopy(p.partial);
  fs.renameSync(p.partial, p.file);
  fsyncDir(p.dir);
  if (path.resolve(p.dir) === path.resolve(backupDirOf(store))) rotateBackups(p.dir, p.now);
  return describeBackup(p.file);
}

/** Online backup: yields to the event loop between steps, so the app stays responsive on a large register. */
export async function createBackup(store: Store, opts: BackupOptions): Promise<BackupInfo> {
  const p = prepare(store, opts);
  try {
    await store.db.backup(p.partial);
    return complete(store, p);
  } catch (e) {
    rmQuiet(p.partial);
    throw backupError(e, p.dir);
  }
}

/** Synchronous variant (VACUUM INTO) for callers that must not let anything run between backup and change. */
export function createBackupSync(store: Store, opts: BackupOptions): BackupInfo {
  const p = prepare(store, opts);
  try {
    store.db.prepare('VACUUM INTO ?').run(p.partial);
    return complete(store, p);
  } catch (e) {
    rmQuiet(p.partial);
    throw backupError(e, p.dir);
  }
}

/** For the reform code: call just before applying a plan; the file name goes into reforms.backup_file. */
export const backupBeforeApply = (store: Store): Promise<BackupInfo> => createBackup(store, { kind: 'pre-apply' });
/** For the importer: call just before writing imported rows. */
export const backupBeforeImport = (store: Store): Promise<BackupInfo> => createBackup(store, { kind: 'pre-import' });

/** Size, date, kind and schema version, read from the name and the 100-byte header (never modifies the file). */
export function describeBackup(file: string): BackupInfo {
  const parsed = parseBackupName(path.basename(file));
  const st = fs.statSync(file);
  let schemaVersion: number | null = null;
  let problem: string | null = null;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(100);
      const n = fs.readSync(fd, head, 0, 100, 0);
      if (n < 100 || !head.subarray(0, 16).equals(SQLITE_HEADER)) problem = '不是有效的数据库文件';
      else schemaVersion = head.readUInt32BE(60);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    problem = `无法读取：${(e as Error).message}`;
  }
  if (schemaVersion !== null && schemaVersion > LATEST_SCHEMA_VERSION) problem = `由更新版本的软件创建（数据结构版本 ${schemaVersion}）`;
  return {
    file,
    kind: parsed?.kind ?? 'manual',
    createdAt: (parsed?.at ?? st.mtime).toISOString(),
    size: st.size,
    schemaVersion,
    problem,
  };
}

/** Every backup in a folder, newest first. Files of other programs are left out. */
export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!parseBackupName(name)) continue;
    try {
      out.push(describeBackup(path.join(dir, name)));
    } catch {
      // removed while we were listing
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.file.localeCompare(a.file)));
}

/** ISO 8601 week of a moment, on the CST calendar: "2025-W09". */
export function isoWeekCst(at: Date): string {
  const t = new Date(at.getTime() + CST_MS);
  const day = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
  const dow = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(day + (3 - dow) * DAY_MS);
  // The Thursday of a week decides its ISO year; its day of the year decides the week number.
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/**
 * What rotation keeps: the 7 newest daily backups; beyond them, the newest daily of each ISO week for the
 * 4 most recent such weeks; every pre-apply and pre-import backup of the last 90 days. Manual, pre-migrate and
 * pre-restore copies are rare and deliberate: never removed automatically.
 */
export function planRotation(names: string[], now: Date): { keep: string[]; remove: string[] } {
  const parsed = names.map((name) => ({ name, p: parseBackupName(name) })).filter((x) => x.p !== null) as Array<{ name: string; p: { kind: BackupKind; at: Date } }>;
  const remove = new Set<string>();
  const dailies = parsed.filter((x) => x.p.kind === 'daily').sort((a, b) => b.p.at.getTime() - a.p.at.getTime() || b.name.localeCompare(a.name));
  const weeksKept = new Set<string>();
  for (const [i, d] of dailies.entries()) {
    if (i < ROTATION.daily) continue;
    const week = isoWeekCst(d.p.at);
    if (!weeksKept.has(week) && weeksKept.size < ROTATION.weekly) weeksKept.add(week);
    else remove.add(d.name);
  }
  const cutoff = now.getTime() - ROTATION.preApplyDays * DAY_MS;
  for (const x of parsed) {
    if ((x.p.kind === 'pre-apply' || x.p.kind === 'pre-import') && x.p.at.getTime() < cutoff) remove.add(x.name);
  }
  return { keep: parsed.map((x) => x.name).filter((n) => !remove.has(n)), remove: [...remove] };
}

/** Applies the plan in the store's own backups folder; returns the removed files. */
export function rotateBackups(dir: string, now: Date = new Date()): string[] {
  const { remove } = planRotation(fs.readdirSync(dir), now);
  const removed: string[] = [];
  for (const name of remove) {
    try {
      fs.rmSync(path.join(dir, name));
      removed.push(path.join(dir, name));
    } catch {
      // in use or already gone: try again at the next rotation
    }
  }
  return removed;
}

const cstDate = (at: Date) => new Date(at.getTime() + CST_MS).toISOString().slice(0, 10);

/**
 * The start-of-day backup: taken when the newest daily one is from an earlier calendar day (CST). A calendar
 * day rather than 24 hours, so an office that opens the app at 8:30 every morning gets one every day.
 * Also removes copies a power cut left half-written.
 */
export async function ensureDailyBackup(store: Store, now: Date = new Date()): Promise<BackupInfo | null> {
  const dir = backupDirOf(store);
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir)) if (name.endsWith('.partial')) rmQuiet(path.join(dir, name));
  }
  const newest = listBackups(dir).find((b) => b.kind === 'daily');
  if (newest && cstDate(new Date(newest.createdAt)) >= cstDate(now)) return null;
  return createBackup(store, { kind: 'daily', now });
}

/** Full read-only check of a file before it may replace the register. Leaves the file untouched. */
export function verifyRestorable(file: string): number {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError('not_found', `备份文件不存在：${file}`);
  const head = describeBackup(file);
  if (head.schemaVersion === null) throw new AppError('db_corrupt', `该文件不是有效的数据库备份：${file}。当前数据未做任何改动。`, [{ file, message: head.problem ?? '' }]);
  if (head.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new AppError('db_newer_version',
      `该备份由更新版本的软件创建（数据结构版本 ${head.schemaVersion}，本软件支持到 ${LATEST_SCHEMA_VERSION}），不能恢复，请先升级软件。当前数据未做任何改动。`,
      [{ file, message: `user_version=${head.schemaVersion}` }]);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = String(db.pragma('integrity_check', { simple: true }));
    if (check !== 'ok') {
      const lines = check.split('\n');
      const first = `${lines[0].slice(0, 120)}${lines.length > 1 ? ` 等${lines.length}处` : ''}`;
      throw new AppError('db_corrupt', `备份文件已损坏（完整性检查未通过：${first}），不能恢复。当前数据未做任何改动。`, [{ file, message: check.slice(0, 2000) }]);
    }
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('agencies') || !tables.has('history_group')) {
      throw new AppError('db_corrupt', `该文件不是本软件的数据备份：${file}。当前数据未做任何改动。`, [{ file, message: '缺少登记簿数据表' }]);
    }
    return db.pragma('user_version', { simple: true }) as number;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('db_corrupt', `备份文件已损坏或无法读取：${file}（${(e as Error).message}）。当前数据未做任何改动。`, [{ file, message: (e as Error).message }]);
  } finally {
    db?.close();
  }
}

/** The schema version that introduced exchange_office (db/migrations/0004-exchange.ts). */
const EXCHANGE_SCHEMA_VERSION = 4;

function readOfficeId(db: Database.Database): string | null {
  try {
    return (db.prepare('SELECT office_id FROM exchange_office WHERE id = 1').get() as { office_id: string } | undefined)?.office_id ?? null;
  } catch {
    return null; // an older schema: no identity yet
  }
}

/** A restore that failed after the swap began: the previous data is back in place and open as `store`. */
export class RestoreFailed extends AppError {
  constructor(message: string, readonly store: Store) {
    super('internal', message);
  }
}

/**
 * Replaces the register with a backup: check it, copy it next to the database (slow part, app still
 * usable), take a pre-restore backup, then swap synchronously: close, remove -wal/-shm, rename, reopen.
 * Returns the newly opened store; the old one is closed.
 */
export async function restoreBackup(store: Store, file: string, opts: { now?: Date } = {}): Promise<{ store: Store; result: RestoreResult }> {
  const src = path.resolve(file);
  if (src === path.resolve(store.file)) throw new AppError('invalid_input', '不能用正在使用的数据库文件恢复自身，请选择一个备份文件。');
  verifyRestorable(src);
  const dataDir = path.dirname(store.file);
  const staging = `${store.file}.restoring`;
  rmQuiet(staging);
  const srcDb = new Database(src, { readonly: true, fileMustExist: true });
  try {
    await srcDb.backup(staging);
    finishCopy(staging);
  } catch (e) {
    rmQuiet(staging);
    throw backupError(e, dataDir);
  } finally {
    srcDb.close();
  }
  const pre = await createBackup(store, { kind: 'pre-restore', now: opts.now });
  const officeId = readOfficeId(store.db);
  // From here to the reopen everything is synchronous: no other call can write between the pre-restore copy
  // and the swap. The checkpoint empties the WAL first; a stale WAL next to a different file would corrupt it.
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const sidecars = () => { for (const s of ['-wal', '-shm']) rmQuiet(`${store.file}${s}`); };
  sidecars();
  fs.renameSync(staging, store.file);
  fsyncDir(dataDir);
  try {
    const next = Store.open(dataDir);
    // A backup from before exchange packages existed gets a fresh office id when migrated; keep this
    // office's own, or rows it already sent to other offices would come back to it as strangers.
    if (officeId && next.opened.migratedFrom !== null && next.opened.migratedFrom < EXCHANGE_SCHEMA_VERSION) {
      next.db.prepare('UPDATE exchange_office SET office_id = ? WHERE id = 1').run(officeId);
    }
    return {
      store: next,
      result: { restoredFrom: src, preRestoreBackup: pre.file, schemaVersion: LATEST_SCHEMA_VERSION, migratedFrom: next.opened.migratedFrom },
    };
  } catch (e) {
    // Could not open what we just checked (disk trouble): put the user's previous data back and keep going.
    fs.copyFileSync(pre.file, store.file);
    sidecars();
    const back = Store.open(dataDir);
    throw new RestoreFailed(`恢复失败（${(e as Error).message}），已还原为恢复前的数据。`, back);
  }
}
