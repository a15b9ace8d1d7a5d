// Calls for backups: list what is in <dataDir>/backups, take one now (optionally into a chosen folder,
// e.g. a USB stick), and restore one. Restoring replaces the open database, so it "mutates".
import { z } from 'zod';
import { call } from './define';

export const BACKUP_KINDS = ['daily', 'manual', 'pre-apply', 'pre-import', 'pre-migrate', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface BackupInfo {
  readonly file: string;
  readonly kind: BackupKind;
  /** When the backup was taken (ISO, UTC), read from the file name. */
  readonly createdAt: string;
  readonly size: number;
  /** user_version from the file header; null when the file is not a readable SQLite file. */
  readonly schemaVersion: number | null;
  /** Chinese description of a problem seen while listing (not a SQLite file, newer version …). */
  readonly problem: string | null;
}

export interface RestoreResult {
  readonly restoredFrom: string;
  /** The copy of the data as it was just before the restore, to go back if needed. */
  readonly preRestoreBackup: string;
  readonly schemaVersion: number;
  readonly migratedFrom: number | null;
}

const folder = z.string().trim().min(1).max(1000);

export const BACKUP_CALLS = {
  'backup.list': call<BackupInfo[]>()(z.object({}).strict(), { mutates: false }),
  'backup.create': call<BackupInfo>()(z.object({ folder: folder.optional() }).strict(), { mutates: false }),
  'backup.restore': call<RestoreResult>()(z.object({ file: folder }).strict(), { mutates: true }),
};
