// Opening the database file: refuse what we must not touch (a newer schema, a corrupt or foreign file),
// back up before migrating, then run all pending migrations in one transaction.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export interface OpenOptions {
  /** Create the file when missing (first run). */
  readonly create?: boolean;
  /** Folder for the automatic pre-migration backup; defaults to <db folder>/backups. */
  readonly backupDir?: string;
}

export interface OpenResult {
  readonly db: Database.Database;
  readonly created: boolean;
  readonly migratedFrom: number | null;
  readonly backupFile: string | null;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function checkHeader(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n === 0) return; // an empty file is a fresh database to SQLite
    if (n < 16 || !buf.equals(SQLITE_HEADER)) {
      throw new AppError('db_corrupt', `数据库文件已损坏或不是本软件的数据文件：${file}。文件未做任何改动。`, [{ file, message: '文件头不是SQLite格式' }]);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Read-only inspection, so that a file we refuse is left byte-for-byte as it was. */
function inspect(file: string): number {
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError('db_newer_version',
        `该数据库由更新版本的软件创建（数据结构版本 ${version}，本软件支持到 ${LATEST_SCHEMA_VERSION}），请升级软件后再打开。文件未做任何改动。`,
        [{ file, message: `user_version=${version}` }]);
    }
    const check = probe.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new AppError('db_corrupt', `数据库完整性检查未通过：${String(check)}。文件未做任何改动，请从备份恢复。`, [{ file, message: String(check) }]);
    }
    return version;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('db_corrupt', `无法读取数据库文件：${file}（${(e as Error).message}）。文件未做任何改动。`, [{ file, message: (e as Error).message }]);
  } finally {
    probe?.close();
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

export function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL survives a process kill but may lose the last commits on power
  // loss; these PCs see power cuts. FULL costs one fsync of the WAL per commit.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function openDatabase(file: string, opts: OpenOptions = {}): OpenResult {
  const exists = fs.existsSync(file);
  if (!exists && !opts.create) {
    throw new AppError('not_found', `数据库文件不存在：${file}`, [{ file, message: '文件不存在' }]);
  }
  let version = 0;
  if (exists) {
    checkHeader(file);
    if (fs.statSync(file).size > 0) version = inspect(file);
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  const db = new Database(file);
  try {
    applyPragmas(db);
    let backupFile: string | null = null;
    if (version > 0 && version < LATEST_SCHEMA_VERSION) {
      const dir = opts.backupDir ?? path.join(path.dirname(file), 'backups');
      fs.mkdirSync(dir, { recursive: true });
      backupFile = path.join(dir, `pre-migrate-v${version}-${timestamp()}.sqlite`);
      db.prepare('VACUUM INTO ?').run(backupFile);
    }
    migrate(db, version);
    return { db, created: !exists || version === 0, migratedFrom: version < LATEST_SCHEMA_VERSION ? version : null, backupFile };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Runs every migration above `from` in one transaction: all of them land or none does. */
export function migrate(db: Database.Database, from: number, to: number = LATEST_SCHEMA_VERSION): void {
  const pending = MIGRATIONS.filter((m) => m.version > from && m.version <= to);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      if (m.sql) db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}
