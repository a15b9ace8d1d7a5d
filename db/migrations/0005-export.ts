// 0005: the register of 发文字号 (document numbers) and the export log. Shipped migrations are never edited.
//
// doc_numbers: one row per number handed out, per 机关代字 (prefix) and year. A number is never given twice
//   (UNIQUE), a cancelled number stays on record as cancelled and is not reused, and a row can be neither
//   deleted nor renumbered (triggers). reform_id carries no foreign key on purpose: a number issued for a
//   draft stays issued when the draft is deleted.
// export_log: which template version (id, version, sha256) produced which file, for which reform and number,
//   so every exported paper can be traced and regenerated.
import { registerWritableTable } from '../write-path';
import type { Migration } from './types';

export const EXPORT_TABLES = ['doc_numbers', 'export_log'] as const;

// Written only through the write path (history groups of kind 'baseline': on the audit trail, never undone,
// so an undo cannot free a number that is already printed on a paper).
for (const t of EXPORT_TABLES) registerWritableTable(t);

export const migration0005: Migration = {
  version: 5,
  name: '建立发文字号登记与导出记录',
  sql: `
CREATE TABLE doc_numbers (
  id INTEGER PRIMARY KEY,
  prefix TEXT NOT NULL CHECK (length(trim(prefix)) > 0),   -- 机关代字, e.g. 天编委发
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  doc_type TEXT NOT NULL,                                  -- request / reply / notice / plan / sanding …
  number INTEGER NOT NULL CHECK (number >= 1),
  status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued','cancelled')),
  reform_id INTEGER,
  title TEXT,
  issued_at TEXT NOT NULL,
  cancelled_at TEXT,
  UNIQUE (prefix, year, number)
);
CREATE INDEX doc_numbers_reform ON doc_numbers(reform_id, doc_type);

CREATE TRIGGER doc_numbers_no_delete BEFORE DELETE ON doc_numbers
BEGIN SELECT RAISE(ABORT, '发文字号已登记，不能删除（可作废）'); END;
CREATE TRIGGER doc_numbers_no_renumber BEFORE UPDATE OF prefix, year, number ON doc_numbers
WHEN NEW.prefix IS NOT OLD.prefix OR NEW.year IS NOT OLD.year OR NEW.number IS NOT OLD.number
BEGIN SELECT RAISE(ABORT, '已登记的发文字号不能修改'); END;
CREATE TRIGGER doc_numbers_no_reissue BEFORE UPDATE OF status ON doc_numbers
WHEN OLD.status = 'cancelled' AND NEW.status <> 'cancelled'
BEGIN SELECT RAISE(ABORT, '已作废的发文字号不能恢复使用'); END;

CREATE TABLE export_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  template_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file TEXT NOT NULL,
  reform_id INTEGER,
  doc_no TEXT
);
CREATE INDEX export_log_at ON export_log(at);
CREATE INDEX export_log_reform ON export_log(reform_id);
`,
};
