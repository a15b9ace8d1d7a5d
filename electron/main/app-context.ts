// Opens (or creates, with the demo data) the store for a data folder and builds the handler context.
import fs from 'node:fs';
import path from 'node:path';
import { Store } from '../../db/store';
import { seedDemo } from '../../db/demo/seed';
import type { HandlerContext } from './context';
import { APP_VERSION } from './version';

/** Checks that need the file system: warnings the user must see, not errors that stop the app. */
export function storageWarnings(dataDir: string): string[] {
  const warnings: string[] = [];
  try {
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch {
    warnings.push(`数据文件夹不可写入：${dataDir}。修改将无法保存，请将数据放到本机可写的文件夹。`);
  }
  const p = path.resolve(dataDir);
  // SQLite's locking is unreliable on network file systems: WAL needs shared memory on one machine.
  if (/^\\\\/.test(dataDir) || /^\/\/|^\/(mnt|net|smb|nfs|media)\//.test(p) || isNetworkMount(p)) {
    warnings.push(`数据文件夹可能位于网络共享或外接位置：${dataDir}。多人同时使用网络共享上的数据库可能损坏数据，建议放在本机磁盘，通过“交换包”共享。`);
  }
  return warnings;
}

function isNetworkMount(p: string): boolean {
  try {
    const mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' '));
    let best: string[] | undefined;
    for (const m of mounts) if (m[1] && (p === m[1] || p.startsWith(m[1].endsWith('/') ? m[1] : `${m[1]}/`)) && (!best || m[1].length > best[1].length)) best = m;
    return !!best && /^(nfs|nfs4|cifs|smb3|smbfs|sshfs|fuse\.sshfs|9p)$/.test(best[2]);
  } catch {
    return false;
  }
}

export function createContext(dataDir: string, emit: HandlerContext['emit'] = () => {}): HandlerContext {
  fs.mkdirSync(dataDir, { recursive: true });
  const store = Store.open(dataDir, { create: true });
  if (store.opened.created) seedDemo(store);
  return { store, dataDir, appVersion: APP_VERSION, startupWarnings: storageWarnings(dataDir), emit };
}
