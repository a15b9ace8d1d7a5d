// Storage trouble the offices will meet: a full disk during an edit, a folder that cannot be written, a
// network share. The full disk is simulated with PRAGMA max_page_count (SQLite then fails with SQLITE_FULL
// exactly as on a full disk). The read-only folder is real: a 0555 folder, checked by an unprivileged user
// (as root, which these tests often run as, permissions do not apply, so the check runs as "nobody").
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../db/store';
import { createContext, networkFsType, storageWarnings, systemProbe, type StorageProbe } from '../../electron/main/app-context';
import { dispatch } from '../../electron/main/dispatch';
import { historyProblems } from '../helpers/crash-harness';
import { tempDir } from '../helpers/temp';

const CLI = path.resolve(__dirname, '../../dist/node/cli.cjs');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const noteOf = (db: Database.Database, id: number) => (db.prepare('SELECT note FROM agencies WHERE id = ?').get(id) as { note: string | null }).note;

describe('a full disk', () => {
  it('fails the edit with a Chinese message, keeps every earlier commit, and the file stays intact', async () => {
    const dir = tempDir();
    const ctx = createContext(dir);
    for (let i = 1; i <= 3; i++) {
      expect((await dispatch('agencies.update', { edits: [{ id: i, field: 'note', value: `满盘前的修改${i}` }] }, ctx)).ok).toBe(true);
    }
    const groupsBefore = ctx.store.history.list(1000).length;
    // The "disk" holds only what the file already uses (plus a page): the next big write cannot fit.
    const pages = ctx.store.db.pragma('page_count', { simple: true }) as number;
    ctx.store.db.pragma(`max_page_count = ${pages + 1}`);
    const agencyId = 1;
    const rows = Array.from({ length: 50 }, (_, i) => ({ agency_id: agencyId, name: `装不下的科室${i}`, function_class: 'comprehensive', duties_text: '职'.repeat(19_000) }));
    const res = await dispatch('departments.insert', { rows }, ctx);
    expect(res).toEqual({ ok: false, error: { code: 'disk_full', message: '磁盘空间已满，本次修改未保存，已保存的数据不受影响。请清理磁盘后重试。' } });
    // Nothing of the failed edit, no half history group; the connection still works for reading.
    expect(ctx.store.db.prepare(`SELECT count(*) AS n FROM departments WHERE name LIKE '装不下的科室%'`).get()).toEqual({ n: 0 });
    expect(ctx.store.history.list(1000)).toHaveLength(groupsBefore);
    // A small edit that fits still succeeds.
    expect((await dispatch('agencies.update', { edits: [{ id: 4, field: 'note', value: '小修改' }] }, ctx)).ok).toBe(true);
    ctx.store.close();

    const store = Store.open(dir);
    for (let i = 1; i <= 3; i++) expect(noteOf(store.db, i)).toBe(`满盘前的修改${i}`);
    expect(noteOf(store.db, 4)).toBe('小修改');
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(historyProblems(store.db)).toEqual([]);
    store.close();
  });

  it('a read-only connection maps SQLITE_READONLY to a Chinese message and changes nothing', async () => {
    const dir = tempDir();
    const ctx = createContext(dir);
    const file = ctx.store.file;
    ctx.store.close();
    const ro = new Database(file, { readonly: true });
    const store = new Store(ro, file, { created: false, migratedFrom: null, backupFile: null });
    const res = await dispatch('agencies.update', { edits: [{ id: 1, field: 'note', value: '写不进去' }] }, { ...ctx, store });
    expect(res).toMatchObject({ ok: false, error: { code: 'db_readonly', message: expect.stringContaining('数据库为只读') } });
    expect(noteOf(ro, 1)).not.toBe('写不进去');
    ro.close();
  });
});

describe('the data folder checks', () => {
  it.runIf(isRoot)('a 0555 folder refuses the unprivileged user, before SQLite fails in English', () => {
    const parent = tempDir();
    fs.chmodSync(parent, 0o755);
    const locked = path.join(parent, 'locked');
    fs.mkdirSync(locked, { mode: 0o555 });
    fs.chmodSync(locked, 0o555);
    expect(storageWarnings(locked)).toEqual([]); // root may write anywhere: correctly no warning for root
    const res = spawnSync(process.execPath, [CLI, 'serve', '--data-dir', locked], { encoding: 'utf8', timeout: 20_000, uid: NOBODY, gid: NOBODY, env: { PATH: process.env.PATH, HOME: parent } });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`数据文件夹不可写入：${locked}`);
    expect(fs.readdirSync(locked)).toEqual([]);
  });

  it.runIf(!isRoot)('a 0555 folder is reported as not writable', () => {
    const locked = path.join(tempDir(), 'locked');
    fs.mkdirSync(locked, { mode: 0o555 });
    expect(storageWarnings(locked)[0]).toContain('数据文件夹不可写入');
    expect(() => createContext(locked)).toThrow(/数据文件夹不可写入/);
  });

  it('a folder that is really a file cannot be written by anyone, root included', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    expect(systemProbe.canWrite(file)).toBe(false);
    expect(storageWarnings(file)[0]).toBe(`数据文件夹不可写入：${file}。修改将无法保存，请将数据放到本机可写的文件夹。`);
  });

  it('recognises network shares from the mount table, UNC paths and low disk space', () => {
    const mounts = [
      '/dev/sda1 / ext4 rw,relatime 0 0',
      '//fileserver/bianban /srv/share cifs rw,vers=3.0 0 0',
      'nas:/export /home/user/My\\040Share nfs4 rw 0 0',
      'tmpfs /srv/share/tmp tmpfs rw 0 0',
    ].join('\n');
    expect(networkFsType('/srv/share/zonedesk', mounts)).toBe('cifs');
    expect(networkFsType('/home/user/My Share/数据', mounts)).toBe('nfs4');
    expect(networkFsType('/srv/share/tmp/x', mounts)).toBeNull(); // a local mount inside the share wins
    expect(networkFsType('/srv/shared', mounts)).toBeNull();
    expect(networkFsType('/home/user', mounts)).toBeNull();
    const fake = (over: Partial<StorageProbe>): StorageProbe => ({ canWrite: () => true, mountsText: () => mounts, freeBytes: () => 50e9, ...over });
    expect(storageWarnings('/srv/share/zonedesk', fake({}))).toEqual([
      '数据文件夹可能位于网络共享或外接位置（cifs）：/srv/share/zonedesk。多人同时使用网络共享上的数据库可能损坏数据，建议放在本机磁盘，通过“交换包”共享。',
    ]);
    expect(storageWarnings('//fileserver/bianban/zonedesk', fake({ mountsText: () => null }))[0]).toContain('网络共享');
    expect(storageWarnings('/home/user/zonedesk', fake({}))).toEqual([]);
    expect(storageWarnings('/home/user/zonedesk', fake({ freeBytes: () => 100 * 1048576 }))).toEqual([
      '数据所在磁盘剩余空间不足（100 MB）：修改和自动备份可能无法保存，请清理磁盘。',
    ]);
  });
});
