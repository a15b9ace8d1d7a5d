// 0004: what exchange packages (electron/exchange) need to recognise rows across offices.
// Shipped migrations are never edited.
//
// exchange_office: one random id per database, created here so every data folder has its own. A row this
//   office created is known everywhere as "<office id>.<table>.<local id>".
// exchange_rows: rows received from another office keep that office's identity (uid) here.
// exchange_seen: values of a row this office has seen and decided against (kept its own in a conflict);
//   with the history's row images they tell "changed there" from "changed here" at the next exchange.
// exchange_imports: which packages were applied, by whom signed, in which history group.
import { registerWritableTable } from '../write-path';
import type { Migration } from './types';

export const EXCHANGE_TABLES = ['exchange_rows', 'exchange_seen', 'exchange_imports'] as const;

// Written only through the write path, inside the apply's history group: undoing an import also undoes
// the identities and decisions it recorded.
for (const t of EXCHANGE_TABLES) registerWritableTable(t);

export const migration0004: Migration = {
  version: 4,
  name: '建立交换包的行标识与交换记录',
  sql: `
CREATE TABLE exchange_office (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  office_id TEXT NOT NULL
);
INSERT INTO exchange_office (id, office_id) VALUES (1, lower(hex(randomblob(8))));

CREATE TABLE exchange_rows (
  id INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  uid TEXT NOT NULL UNIQUE,
  UNIQUE (tbl, row_id)
);

CREATE TABLE exchange_seen (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (uid, hash)
);

CREATE TABLE exchange_imports (
  id INTEGER PRIMARY KEY,
  package_id TEXT NOT NULL,
  office TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  county TEXT,
  created_at TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
`,
};
