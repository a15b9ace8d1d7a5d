// Backups (db/backup.ts) on real files: online copy, listing, rotation with fabricated dates, restore with
// its checks and the pre-restore copy, through the functions, the contract and the built CLI.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backupBeforeApply, backupDirOf, createBackup, createBackupSync, ensureDailyBackup, listBackups, planRotation,
  restoreBackup, rotateBackups, stampCst,
} from '../../db/backup';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { migrate } from '../../db/open';
import { updateCells } from '../../db/rows';
import { Store } from '../../db/store';
import { AppError } from '../../shared/errors';
import { createContext } from '../../electron/main/app-context';
import { dispatch } from '../../electron/main/dispatch';
import { demoStore, registerFingerprint, tempDir } from '../helpers/temp';

const CLI = path.resolve(__dirname, '../../dist/node/cli.cjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
const nameOf = (store: Store, id: number) => (store.db.prepare('SELECT full_name FROM agencies WHERE id = ?').get(id) as { full_name: string }).full_name;
const DAY = 86400_000;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('backups', () => {
  it('writes a self-contained, checked copy named <kind>-<CST stamp>.sqlite and lists it', async () => {
    const store = demoStore();
    const now = new Date('2025-03-04T02:03:04Z'); // 10:03:04 in Beijing
    const info = await createBackup(store, { kind: 'daily', now });
    expect(path.basename(info.file)).toBe('daily-20250304-100304.sqlite');
    expect(path.dirname(info.file)).toBe(backupDirOf(store));
    expect(info).toMatchObject({ kind: 'daily', createdAt: now.toISOString(), schemaVersion: LATEST_SCHEMA_VERSION, problem: null });
    expect(info.size).toBe(fs.statSync(info.file).size);
    // Rollback-journal mode (header bytes 18/19 = 1), no -wal/-shm, no leftover temporary file.
    const head = fs.readFileSync(info.file).subarray(18, 20);
    expect([...head]).toEqual([1, 1]);
    expect(fs.readdirSync(backupDirOf(store))).toEqual(['daily-20250304-100304.sqlite']);
    const copy = new Database(info.file, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM agencies').get()).toEqual(store.db.prepare('SELECT count(*) AS n FROM agencies').get());
    copy.close();
    // A second one in the same second gets its own name; the sync variant works the same way.
    const again = createBackupSync(store, { kind: 'daily', now });
    expect(path.basename(again.file)).toBe('daily-20250304-100304-2.sqlite');
    const pre = await backupBeforeApply(store);
    expect(pre.kind).toBe('pre-apply');
    expect(listBackups(backupDirOf(store)).map((b) => b.kind)).toEqual(['pre-apply', 'daily', 'daily']);
    store.close();
  });

  it('includes an edit made while the copy is being written (same connection)', async () => {
    const store = demoStore();
    const pending = createBackup(store, { kind: 'manual' });
    updateCells(store.wp, 'agencies', [{ id: 1, field: 'note', value: '备份期间的修改' }]);
    const info = await pending;
    const copy = new Database(info.file, { readonly: true });
    expect(copy.prepare('SELECT note FROM agencies WHERE id = 1').get()).toEqual({ note: '备份期间的修改' });
    copy.close();
    store.close();
  });

  it('manual backups go to the chosen folder and are never rotated there', async () => {
    const store = demoStore();
    const usb = tempDir('zd-usb-');
    const info = await createBackup(store, { kind: 'manual', outDir: usb });
    expect(path.dirname(info.file)).toBe(usb);
    expect(fs.existsSync(backupDirOf(store))).toBe(false);
    store.close();
  });

  it('rotation keeps 7 daily, the newest daily of 4 older ISO weeks, and pre-apply copies of 90 days', () => {
    const now = new Date('2025-06-30T04:00:00Z'); // Monday 12:00 CST
    const names: string[] = [];
    for (let d = 0; d < 60; d++) names.push(`daily-${stampCst(new Date(now.getTime() - d * DAY))}.sqlite`);
    for (const d of [1, 89, 91, 400]) names.push(`pre-apply-${stampCst(new Date(now.getTime() - d * DAY))}.sqlite`);
    names.push(`manual-${stampCst(new Date(now.getTime() - 900 * DAY))}.sqlite`, 'pre-migrate-v1-20200101-000000.sqlite', 'notes.txt');
    const { keep, remove } = planRotation(names, now);
    const keptDaily = keep.filter((n) => n.startsWith('daily-')).sort().reverse();
    // Days 0..6 (2025-06-30 … 06-24), then the newest of each earlier week: Mon 06-23 is the newest left in
    // 2025-W26, then Sundays 06-22 (W25), 06-15 (W24), 06-08 (W23).
    expect(keptDaily).toEqual([
      'daily-20250630-120000.sqlite', 'daily-20250629-120000.sqlite', 'daily-20250628-120000.sqlite', 'daily-20250627-120000.sqlite',
      'daily-20250626-120000.sqlite', 'daily-20250625-120000.sqlite', 'daily-20250624-120000.sqlite',
      'daily-20250623-120000.sqlite', 'daily-20250622-120000.sqlite', 'daily-20250615-120000.sqlite', 'daily-20250608-120000.sqlite',
    ]);
    expect(keep.filter((n) => n.startsWith('pre-apply-')).sort()).toEqual([
      `pre-apply-${stampCst(new Date(now.getTime() - 89 * DAY))}.sqlite`, `pre-apply-${stampCst(new Date(now.getTime() - DAY))}.sqlite`,
    ]);
    expect(keep).toContain('pre-migrate-v1-20200101-000000.sqlite');
    expect(keep.some((n) => n.startsWith('manual-'))).toBe(true);
    expect(remove).toHaveLength(60 - 11 + 2);
    expect(remove).not.toContain('notes.txt');

    // The same plan applied to real files in a backups folder.
    const dir = tempDir();
    for (const n of names) fs.writeFileSync(path.join(dir, n), 'x');
    expect(rotateBackups(dir, now)).toHaveLength(remove.length);
    expect(fs.readdirSync(dir).sort()).toEqual([...keep, 'notes.txt'].sort());
  });

  it('takes the daily backup once per calendar day (CST) and clears half-written copies', async () => {
    const store = demoStore();
    const dir = backupDirOf(store);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'daily-20250101-000000.sqlite.partial'), 'half');
    const morning = new Date('2025-03-04T00:30:00Z'); // 08:30 CST
    expect((await ensureDailyBackup(store, morning))?.kind).toBe('daily');
    expect(await ensureDailyBackup(store, new Date('2025-03-04T15:00:00Z'))).toBeNull(); // 23:00 CST, same day
    expect(await ensureDailyBackup(store, new Date('2025-03-05T00:10:00Z'))).not.toBeNull(); // next morning, < 24 h later
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(listBackups(dir)).toHaveLength(2);
    store.close();
  });

  it('restores a backup: pre-restore copy first, then the swap; the new store works and the old one is closed', async () => {
    const dir = tempDir();
    const store = demoStore(dir);
    const backup = await createBackup(store, { kind: 'manual' });
    const original = nameOf(store, 1);
    updateCells(store.wp, 'agencies', [{ id: 1, field: 'full_name', value: '恢复前的名称' }]);
    const { store: restored, result } = await restoreBackup(store, backup.file);
    expect(store.db.open).toBe(false);
    expect(nameOf(restored, 1)).toBe(original);
    expect(result.restoredFrom).toBe(backup.file);
    // The pre-restore copy holds the edit the restore replaced.
    const pre = new Database(result.preRestoreBackup, { readonly: true });
    expect(pre.prepare('SELECT full_name FROM agencies WHERE id = 1').get()).toEqual({ full_name: '恢复前的名称' });
    pre.close();
    expect(path.basename(result.preRestoreBackup)).toMatch(/^pre-restore-\d{8}-\d{6}\.sqlite$/);
    expect(restored.db.pragma('integrity_check', { simple: true })).toBe('ok');
    updateCells(restored.wp, 'agencies', [{ id: 1, field: 'note', value: '恢复后可继续编辑' }]);
    restored.close();
    const reopened = Store.open(dir);
    expect(reopened.db.prepare('SELECT note FROM agencies WHERE id = 1').get()).toEqual({ note: '恢复后可继续编辑' });
    reopened.close();
  });

  it('restores a backup of an older schema: migrated after a pre-migrate copy, office identity kept', async () => {
    const store = demoStore();
    const officeId = (db: Database.Database) => (db.prepare('SELECT office_id FROM exchange_office').get() as { office_id: string }).office_id;
    const mine = officeId(store.db);
    const old = path.join(tempDir(), 'manual-20240101-090000.sqlite');
    const db = new Database(old);
    migrate(db, 0, 3);
    db.close();
    const { store: restored, result } = await restoreBackup(store, old);
    expect(result.migratedFrom).toBe(3);
    expect(officeId(restored.db)).toBe(mine);
    expect(listBackups(backupDirOf(restored)).map((b) => b.kind).sort()).toEqual(['pre-migrate', 'pre-restore']);
    restored.close();
  });

  it('refuses a corrupt, foreign or newer backup with a Chinese message and touches nothing', async () => {
    const store = demoStore();
    const good = await createBackup(store, { kind: 'manual', outDir: tempDir() });
    const corrupt = path.join(path.dirname(good.file), 'manual-20250101-000000.sqlite');
    const bytes = fs.readFileSync(good.file);
    bytes.fill(0xab, 4096 * 3, 4096 * 8);
    fs.writeFileSync(corrupt, bytes);
    const foreign = path.join(path.dirname(good.file), 'foreign.sqlite');
    fs.writeFileSync(foreign, 'PK\u0003\u0004 not a database'.repeat(50));
    const newer = path.join(path.dirname(good.file), 'newer.sqlite');
    fs.copyFileSync(good.file, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    n.close();

    const before = registerFingerprint(store);
    const e1 = await refusal(restoreBackup(store, corrupt));
    expect(e1.code).toBe('db_corrupt');
    expect(e1.message).toMatch(/备份文件已损坏.*当前数据未做任何改动/);
    expect((await refusal(restoreBackup(store, foreign))).message).toMatch(/不是有效的数据库备份/);
    const e3 = await refusal(restoreBackup(store, newer));
    expect(e3.code).toBe('db_newer_version');
    expect(e3.message).toMatch(/更新版本的软件创建/);
    expect(listBackups(path.dirname(good.file)).find((b) => b.file === newer)).toBeUndefined(); // not a backup name
    expect(store.db.open).toBe(true);
    expect(registerFingerprint(store)).toBe(before);
    expect(fs.existsSync(backupDirOf(store))).toBe(false); // no pre-restore copy for a refused file
    store.close();
  });

  it('backup.create / backup.list / backup.restore through the contract swap ctx.store', async () => {
    const ctx = createContext(tempDir());
    const created = await dispatch('backup.create', {}, ctx);
    expect(created.ok).toBe(true);
    const file = (created as { data: { file: string } }).data.file;
    await dispatch('agencies.update', { edits: [{ id: 2, field: 'note', value: '将被恢复掉' }] }, ctx);
    const old = ctx.store;
    const res = await dispatch('backup.restore', { file }, ctx);
    expect(res).toMatchObject({ ok: true, data: { restoredFrom: file } });
    expect(ctx.store).not.toBe(old);
    const rows = await dispatch('agencies.list', {}, ctx);
    expect((rows as { data: Array<{ id: number; note: string | null }> }).data.find((r) => r.id === 2)?.note).not.toBe('将被恢复掉');
    const list = await dispatch('backup.list', {}, ctx);
    expect((list as { data: Array<{ kind: string }> }).data.map((b) => b.kind).sort()).toEqual(['manual', 'pre-restore']);
    const bad = await dispatch('backup.restore', { file: path.join(ctx.dataDir, 'missing.sqlite') }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'not_found' } });
    ctx.store.close();
  });

  it('the CLI writes, lists and restores backups', () => {
    const dir = tempDir();
    expect(cli('demo', '--data-dir', dir).status).toBe(0);
    const out = tempDir('zd-usb-');
    const made = cli('backup', '--data-dir', dir, '--out', out);
    expect(made.status).toBe(0);
    const file = made.stdout.trim();
    expect(path.dirname(file)).toBe(out);
    expect(fs.existsSync(file)).toBe(true);
    const listed = cli('backups', '--data-dir', dir, '--json');
    expect(JSON.parse(listed.stdout)).toEqual([]); // the chosen folder is not <data-dir>/backups
    const restored = cli('restore', '--data-dir', dir, '--file', file, '--json');
    expect(restored.status).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ restoredFrom: file });
    const after = JSON.parse(cli('backups', '--data-dir', dir, '--json').stdout) as Array<{ kind: string; schemaVersion: number }>;
    expect(after).toEqual([expect.objectContaining({ kind: 'pre-restore', schemaVersion: LATEST_SCHEMA_VERSION })]);
    const missing = cli('restore', '--data-dir', dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--file');
  });
});
