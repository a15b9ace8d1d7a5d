// 0001: the first model of the register. Shipped migrations are never edited: add a new file instead.
import type { Migration } from './types';

const VALIDITY = `
  valid_from TEXT,            -- inclusive, calendar date in China Standard Time; NULL = since ever
  valid_to TEXT,              -- exclusive; NULL = still in force
  verification TEXT NOT NULL DEFAULT 'verified'`;

export const migration0001: Migration = {
  version: 1,
  name: '建立登记簿基础表',
  sql: `
CREATE TABLE regions (
  code TEXT PRIMARY KEY CHECK (length(code) = 6),
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('province','prefecture','county')),
  parent_code TEXT REFERENCES regions(code)
);
CREATE INDEX regions_parent ON regions(parent_code);
CREATE INDEX regions_name ON regions(name);

CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  code TEXT,
  full_name TEXT NOT NULL,
  short_name TEXT,
  agency_kind TEXT NOT NULL,
  type_group TEXT,
  nature TEXT NOT NULL,
  rank TEXT,
  host_region_code TEXT NOT NULL REFERENCES regions(code),
  dispatching_body TEXT,
  superior_id INTEGER REFERENCES agencies(id),
  uscc TEXT,
  internal_dept_cap INTEGER,
  su_class TEXT,
  funding_form TEXT,
  duties_text TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  note TEXT,${VALIDITY}
);
CREATE INDEX agencies_region ON agencies(host_region_code);
CREATE INDEX agencies_superior ON agencies(superior_id);

CREATE TABLE zones (
  id INTEGER PRIMARY KEY,
  code TEXT,
  name TEXT NOT NULL,
  short_name TEXT,
  zone_type TEXT NOT NULL,
  zone_level TEXT NOT NULL,
  host_region_code TEXT NOT NULL REFERENCES regions(code),
  parent_zone_id INTEGER REFERENCES zones(id),
  management_agency_id INTEGER REFERENCES agencies(id),
  approval_authority TEXT,
  approval_doc_no TEXT,
  approved_on TEXT,
  catalogue_listed INTEGER,
  planned_area_km2 REAL,
  leading_industries TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  note TEXT,${VALIDITY}
);
CREATE INDEX zones_agency ON zones(management_agency_id);
CREATE INDEX zones_parent ON zones(parent_zone_id);

CREATE TABLE nameplates (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  dispatcher TEXT,${VALIDITY}
);
CREATE INDEX nameplates_agency ON nameplates(agency_id);

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  name TEXT NOT NULL,
  function_class TEXT NOT NULL,
  rank TEXT,
  leader_posts INTEGER,
  is_special INTEGER,
  duties_text TEXT,${VALIDITY}
);
CREATE INDEX departments_agency ON departments(agency_id);

CREATE TABLE staffing (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  staffing_type TEXT NOT NULL,
  approved INTEGER NOT NULL CHECK (approved >= 0),
  actual INTEGER CHECK (actual >= 0),${VALIDITY}
);
CREATE INDEX staffing_agency ON staffing(agency_id);

CREATE TABLE leader_posts (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  title TEXT NOT NULL,
  grade TEXT,
  approved INTEGER NOT NULL CHECK (approved >= 0),
  filled INTEGER CHECK (filled >= 0),
  elevated INTEGER,${VALIDITY}
);
CREATE INDEX leader_posts_agency ON leader_posts(agency_id);

CREATE TABLE functions (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  name TEXT NOT NULL,
  power_type TEXT,
  is_social_affairs INTEGER,
  destination TEXT,
  delegation_doc TEXT,${VALIDITY}
);
CREATE INDEX functions_agency ON functions(agency_id);

CREATE TABLE dispatched_units (
  id INTEGER PRIMARY KEY,
  host_agency_id INTEGER NOT NULL REFERENCES agencies(id),
  name TEXT NOT NULL,
  parent_department TEXT,
  domain TEXT NOT NULL,
  unit_status TEXT,${VALIDITY}
);
CREATE INDEX dispatched_units_host ON dispatched_units(host_agency_id);

CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER NOT NULL REFERENCES zones(id),
  year INTEGER NOT NULL,
  indicator_key TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT,
  yoy_pct REAL,
  source_ref TEXT,${VALIDITY}
);
CREATE INDEX indicators_zone ON indicators(zone_id);

CREATE TABLE settings (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  value TEXT NOT NULL
);

-- The one write path records every change here: a group per user action, a row image per changed row.
CREATE TABLE history_group (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  at TEXT NOT NULL,
  os_user TEXT NOT NULL,
  operator TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('edit','undo','redo','baseline')),
  state TEXT NOT NULL CHECK (state IN ('applied','undone','discarded')),
  target_group_id INTEGER REFERENCES history_group(id)
);
CREATE INDEX history_group_state ON history_group(state, kind);

CREATE TABLE history_change (
  group_id INTEGER NOT NULL REFERENCES history_group(id),
  seq INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  before_json TEXT,
  after_json TEXT,
  PRIMARY KEY (group_id, seq)
) WITHOUT ROWID;
CREATE INDEX history_change_row ON history_change(tbl, row_id);
`,
};
