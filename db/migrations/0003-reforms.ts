// 0003: reform plans (改革方案), their mapping table (机构整合对照表), the other planned changes (items), and
// the lineage of agencies (历史沿革) that applying a plan writes. Shipped migrations are never edited.
//
// Agency ids inside a plan carry no foreign key on purpose: a draft may outlive an agency that a user
// deletes, and the plan check reports such a stale reference in Chinese instead of the database refusing
// the delete. Lineage rows do reference agencies: they describe rows that applying a plan keeps forever.
import { registerWritableTable } from '../write-path';
import type { Migration } from './types';

export const REFORM_TABLES = ['reforms', 'reform_mappings', 'reform_items', 'lineage'] as const;

// Every change to these tables goes through the one write path. Registering here (the migration list is
// loaded by every store) guarantees that undo, redo and revert can restore their rows whichever module
// opened the database.
for (const t of REFORM_TABLES) registerWritableTable(t);

export const migration0003: Migration = {
  version: 3,
  name: '建立改革方案、机构整合对照表与历史沿革',
  sql: `
CREATE TABLE reforms (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  basis_doc_no TEXT,                 -- e.g. 天编委发〔2022〕3号
  basis_docs TEXT NOT NULL DEFAULT '[]',   -- JSON [{doc_no, title, doc_type, date, recipients[]}]
  effective_date TEXT NOT NULL,      -- China Standard Time calendar date; the after state is valid from it
  region_code TEXT NOT NULL REFERENCES regions(code),
  rule_profile TEXT NOT NULL DEFAULT '{}', -- JSON overrides of the rule profile (R1 mode, R5 percentage …)
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','applied','reverted')),
  -- Deferred: the apply/revert group is recorded by the write path after the change that names it.
  applied_group_id INTEGER REFERENCES history_group(id) DEFERRABLE INITIALLY DEFERRED,
  reverted_group_id INTEGER REFERENCES history_group(id) DEFERRABLE INITIALLY DEFERRED,
  applied_at TEXT,
  reverted_at TEXT,
  acknowledged_warnings TEXT,        -- JSON [{key, rule, message}] recorded at apply
  backup_file TEXT,                  -- VACUUM INTO copy taken just before apply
  notes TEXT,
  created_at TEXT
);

CREATE TABLE reform_mappings (
  id INTEGER PRIMARY KEY,
  reform_id INTEGER NOT NULL REFERENCES reforms(id),
  seq INTEGER NOT NULL DEFAULT 0,
  source_agency_id INTEGER,          -- NULL only for action 'create'
  action TEXT NOT NULL CHECK (action IN ('keep','merge_into','abolish','rename','retype','rerank','add_nameplate','reparent','create')),
  target_agency_id INTEGER,          -- an existing agency …
  target_ref TEXT,                   -- … or the ref_key of an agency created by the same plan
  ref_key TEXT,                      -- for 'create': how other rows of the plan refer to the new agency
  new_name TEXT,
  new_short_name TEXT,
  new_group TEXT,
  new_zone_type TEXT,
  new_rank TEXT,
  new_superior_id INTEGER,
  new_dispatching_body TEXT,
  new_region_code TEXT,
  new_duties_text TEXT,
  duties_destination TEXT,           -- 职责去向
  staffing_transfer TEXT,            -- JSON {staffing_type: number} 编制划转
  people_note TEXT,                  -- 人员安置
  assets_note TEXT,                  -- 资产债务处理
  basis_doc_no TEXT,
  note TEXT,
  CHECK (action = 'create' OR source_agency_id IS NOT NULL)
);
CREATE INDEX reform_mappings_reform ON reform_mappings(reform_id, seq);
CREATE INDEX reform_mappings_source ON reform_mappings(source_agency_id);

-- Planned changes below the agency level: departments, functions, staffing, leadership posts, nameplates,
-- dispatched units and public institutions. One row per change; the payload holds the columns.
CREATE TABLE reform_items (
  id INTEGER PRIMARY KEY,
  reform_id INTEGER NOT NULL REFERENCES reforms(id),
  seq INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL CHECK (kind IN ('department','function','staffing','leader_post','nameplate','dispatched_unit','public_institution')),
  op TEXT NOT NULL CHECK (op IN ('create','update','end')),
  target_id INTEGER,                 -- the existing row for 'update' / 'end'
  agency_id INTEGER,                 -- owner of a created row: an existing agency …
  agency_ref TEXT,                   -- … or the ref_key of an agency the plan creates
  payload TEXT NOT NULL DEFAULT '{}',
  note TEXT
);
CREATE INDEX reform_items_reform ON reform_items(reform_id, seq);

CREATE TABLE lineage (
  id INTEGER PRIMARY KEY,
  from_agency_id INTEGER REFERENCES agencies(id),  -- NULL when the plan created the agency
  to_agency_id INTEGER REFERENCES agencies(id),    -- NULL when abolished without successor
  action TEXT NOT NULL,
  reform_id INTEGER REFERENCES reforms(id),
  effective_date TEXT NOT NULL,
  doc_no TEXT,
  note TEXT
);
CREATE INDEX lineage_from ON lineage(from_agency_id);
CREATE INDEX lineage_to ON lineage(to_agency_id);
CREATE INDEX lineage_reform ON lineage(reform_id);
`,
};
