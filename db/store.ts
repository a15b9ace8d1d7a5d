// The store: one open database with its write path, history and settings. The main-process handlers,
// the CLI and the tests all work through this object.
import type Database from 'better-sqlite3';
import path from 'node:path';
import { openDatabase, type OpenResult } from './open';
import { WritePath } from './write-path';
import { History } from './history';

export const DB_FILE_NAME = 'zonedesk.sqlite';

export class Store {
  readonly wp: WritePath;
  readonly history: History;
  private settingsCache: Record<string, string> | null = null;

  constructor(readonly db: Database.Database, readonly file: string, readonly opened: Omit<OpenResult, 'db'>) {
    this.wp = new WritePath(db, () => this.settings()['operator.name'] ?? '', () => this.scheduleCheckpoint());
    // Checkpoints copy WAL pages into the database file with fsyncs: done in idle time (below) rather
    // than inside whichever edit happens to cross SQLite's default 1000-page threshold. The larger
    // automatic threshold stays as a safety net for long bursts of writes.
    db.pragma('wal_autocheckpoint = 10000');
    this.history = new History(this.wp);
  }

  static open(dataDir: string, opts: { create?: boolean } = {}): Store {
    const file = path.join(dataDir, DB_FILE_NAME);
    const { db, ...rest } = openDatabase(file, { create: opts.create, backupDir: path.join(dataDir, 'backups') });
    return new Store(db, file, rest);
  }

  settings(): Record<string, string> {
    if (!this.settingsCache) {
      const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
      this.settingsCache = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    }
    return this.settingsCache;
  }

  setSettings(values: Record<string, string>): Record<string, string> {
    this.wp.mutate('修改设置', (tx) => {
      for (const [key, value] of Object.entries(values)) {
        const row = tx.db.prepare('SELECT id FROM settings WHERE key = ?').get(key) as { id: number } | undefined;
        if (row) tx.update('settings', row.id, { value });
        else tx.insert('settings', { key, value });
      }
    });
    this.settingsCache = null;
    return this.settings();
  }

  /** Called after undo/redo, which may touch the settings table behind the cache's back. */
  invalidateCaches(): void {
    this.settingsCache = null;
  }

  private checkpointTimer: NodeJS.Timeout | null = null;

  private scheduleCheckpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      if (this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
    }, 2000);
    this.checkpointTimer.unref();
  }

  close(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.db.close();
  }
}
