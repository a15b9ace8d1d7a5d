// Opens (or creates, with the demo data) the store for a data folder and builds the handler context.
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE_NAME, Store } from '../../db/store';
import { AppError } from '../../shared/errors';
import { seedDemo } from '../../db/demo/seed';
import type { HandlerContext } from './context';
import { APP_VERSION } from './version';
import { startBackupService } from './backup-service';

/** What the storage checks ask the system; tests substitute it to fabricate mounts or a nearly full disk. */
export interface StorageProbe {
  /** Creates and removes a small file: the only test that is right for ACLs, read-only media and root alike. */
  canWrite(dir: string): boolean;
  /** Linux mount table (/proc/mounts), null elsewhere. */
  mountsText(): string | null;
  freeBytes(dir: string): number | null;
}

/** Below this, warn: a daily backup of a national register and its WAL need room to be written. */
export const LOW_DISK_BYTES = 500 * 1024 * 1024;

export const systemProbe: StorageProbe = {
  canWrite(dir) {
    const probe = path.join(dir, `.zonedesk-write-test-${process.pid}`);
    try {
      fs.writeFileSync(probe, 'x', { flag: 'w' });
      fs.rmSync(probe);
      return true;
    } catch {
      return false;
    }
  },
  mountsText() {
    try {
      return fs.readFileSync('/proc/mounts', 'utf8');
    } catch {
      return null;
    }
  },
  freeBytes(dir) {
    try {
      const s = fs.statfsSync(dir);
      return s.bavail * s.bsize;
    } catch {
      return null;
    }
  },
};

const NETWORK_FS = /^(nfs4?|cifs|smb3?|smbfs|sshfs|fuse\.sshfs|9p|davfs|fuse\.davfs2?|afs|ceph|fuse\.ceph|glusterfs|fuse\.glusterfs|lustre|gpfs|beegfs|fuse\.rclone|fuse\.s3fs|ncpfs|coda)$/;

/** The file-system type of the mount holding `p` when it is a network one, else null. */
export function networkFsType(p: string, mountsText: string | null): string | null {
  if (!mountsText) return null;
  let best: { at: string; type: string } | undefined;
  for (const line of mountsText.split('\n')) {
    const f = line.split(' ');
    if (f.length < 3) continue;
    const at = f[1].replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8))); // \040 = space
    const inside = p === at || p.startsWith(at.endsWith('/') ? at : `${at}/`);
    if (inside && (!best || at.length > best.at.length)) best = { at, type: f[2] };
  }
  return best && NETWORK_FS.test(best.type) ? best.type : null;
}

/** UNC paths (\\server\share) and the usual mount points of shares and removable media. */
export function looksRemote(dataDir: string): boolean {
  return /^(\\\\|\/\/)/.test(dataDir) || /^\/(net|smb|nfs|media|Volumes)\//.test(path.resolve(dataDir));
}

/**
 * Warnings the user must see (not errors that stop the app): a folder that cannot be written, a network
 * share, a nearly full disk. Windows mapped network drives (Z:) look local to Node: not detected here.
 */
export function storageWarnings(dataDir: string, probe: StorageProbe = systemProbe): string[] {
  const warnings: string[] = [];
  const p = path.resolve(dataDir);
  const file = path.join(p, DB_FILE_NAME);
  let writable = probe.canWrite(p);
  if (writable && fs.existsSync(file)) {
    try {
      fs.accessSync(file, fs.constants.W_OK); // a read-only attribute on the file itself
    } catch {
      writable = false;
    }
  }
  if (!writable) warnings.push(`数据文件夹不可写入：${dataDir}。修改将无法保存，请将数据放到本机可写的文件夹。`);
  // SQLite's locking is unreliable on network file systems: WAL needs shared memory on one machine.
  const fsType = networkFsType(p, probe.mountsText());
  if (looksRemote(dataDir) || fsType) {
    warnings.push(`数据文件夹可能位于网络共享或外接位置${fsType ? `（${fsType}）` : ''}：${dataDir}。多人同时使用网络共享上的数据库可能损坏数据，建议放在本机磁盘，通过“交换包”共享。`);
  }
  const free = probe.freeBytes(p);
  if (free !== null && free < LOW_DISK_BYTES) {
    warnings.push(`数据所在磁盘剩余空间不足（${Math.round(free / 1048576)} MB）：修改和自动备份可能无法保存，请清理磁盘。`);
  }
  return warnings;
}

/** Refuses a data folder that cannot be written, before SQLite fails with an English error. */
export function assertWritableDataDir(dataDir: string, probe: StorageProbe = systemProbe): void {
  if (!probe.canWrite(path.resolve(dataDir))) {
    throw new AppError('db_readonly', `数据文件夹不可写入：${dataDir}。请检查文件夹权限，或在启动时用 --data-dir 指定本机可写的文件夹。数据未做任何改动。`);
  }
}

export function createContext(dataDir: string, emit: HandlerContext['emit'] = () => {}): HandlerContext {
  fs.mkdirSync(dataDir, { recursive: true });
  assertWritableDataDir(dataDir);
  const store = Store.open(dataDir, { create: true });
  if (store.opened.created) seedDemo(store);
  const ctx: HandlerContext = { store, dataDir, appVersion: APP_VERSION, startupWarnings: storageWarnings(dataDir), emit };
  startBackupService(ctx);
  return ctx;
}
