import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  /** Chinese description, shown in the migration log and backups list. */
  readonly name: string;
  readonly sql?: string;
  /** For steps that need data, not only DDL (e.g. loading the region table). */
  readonly run?: (db: Database.Database) => void;
}
