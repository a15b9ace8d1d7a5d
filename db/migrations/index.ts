// The ordered, append-only list of migrations. The database's user_version is the last one applied.
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-regions';
import { migration0003 } from './0003-reforms';
import { migration0004 } from './0004-exchange';
import { migration0005 } from './0005-export';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
