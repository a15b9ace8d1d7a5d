// Real files for real tests: every test gets its own temporary data folder, removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Store } from '../../db/store';
import { seedDemo } from '../../db/demo/seed';

const made: string[] = [];
afterEach(() => {
  while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true });
});

export function tempDir(prefix = 'zd-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function demoStore(dir = tempDir()): Store {
  const store = Store.open(dir, { create: true });
  seedDemo(store);
  return store;
}

/** A content fingerprint of every register row, to prove that a refused call changed nothing. */
export function registerFingerprint(store: Store): string {
  const tables = ['zones', 'agencies', 'nameplates', 'departments', 'staffing', 'leader_posts', 'functions', 'dispatched_units', 'indicators', 'settings', 'history_group', 'history_change'];
  return tables.map((t) => JSON.stringify(store.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).join('\n');
}
