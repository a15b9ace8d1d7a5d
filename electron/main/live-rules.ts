// Live rule findings for the editors, built on the reform engine's per-agency check (shared/rules
// checkAgency: R3 nameplates, R4 cap, R5 comprehensive share, R6 social affairs, R7, 超编, 超职数, duplicate
// names, R14, credit code). A re-check after an edit loads only the rows of the agencies it touched.
import type Database from 'better-sqlite3';
import type { LiveFinding } from '../../shared/contract/editors';
import { checkAgency } from '../../shared/rules/check-agency';
import { SnapshotIndex } from '../../shared/rules/snapshot-index';
import { CHILD_KINDS, emptySnapshot, type AgencyRec, type RuleProfile, type RuleResult, type Snapshot } from '../../shared/rules/types';
import { todayCst } from '../../shared/text';
import { countyNames, loadSnapshot } from '../../db/reform/snapshot';

/**
 * The editors mark cells, so a finding that names only the agency gets the cells that show the problem:
 * 超编 (R10) the staffing rows whose actual exceeds the approved number.
 */
function withCells(index: SnapshotIndex, agencyId: number, r: RuleResult): RuleResult {
  if (r.rule !== 'R10' || r.items.some((i) => i.table === 'staffing')) return r;
  const over = index.childrenOf('staffing', agencyId).filter((s) => s.actual !== null && s.actual > s.approved);
  return { ...r, items: [...r.items, ...over.map((s) => ({ table: 'staffing', id: s.id, field: 'actual', name: s.staffing_type }))] };
}

function checkAll(db: Database.Database, index: SnapshotIndex, ids: Iterable<number>, profile: Partial<RuleProfile>): LiveFinding[] {
  const names = countyNames(db);
  const out: LiveFinding[] = [];
  for (const id of ids) for (const r of checkAgency(index, id, profile, names)) out.push({ ...withCells(index, id, r), agencyId: id });
  return out;
}

const inForce = (alias: string) =>
  `(${alias}.valid_from IS NULL OR ${alias}.valid_from <= @asOf) AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > @asOf)`;

/**
 * The snapshot a re-check needs: the agencies an edit touched with their own rows and zones, plus the
 * agencies of the same county bearing the same name (for duplicate names). Index lookups only, so a paste
 * over 500 agencies of a national register re-checks in milliseconds, not by loading every county.
 */
function loadForAgencies(db: Database.Database, asOf: string, ids: number[]): Snapshot {
  const p = { asOf, ids: JSON.stringify(ids) };
  const IDS = 'SELECT value FROM json_each(@ids)';
  const all = <T>(sql: string, params: object = p): T[] => db.prepare(sql).all(params) as T[];
  const own = all<AgencyRec>(`SELECT * FROM agencies a WHERE a.id IN (${IDS}) AND ${inForce('a')}`);
  const names = new Set(own.map((a) => `${a.host_region_code}|${a.full_name}`));
  const counties = [...new Set(own.map((a) => a.host_region_code))];
  const peers = all<AgencyRec>(`SELECT * FROM agencies a WHERE a.host_region_code IN (SELECT value FROM json_each(@counties)) AND ${inForce('a')}`,
    { asOf, counties: JSON.stringify(counties) })
    .filter((a) => names.has(`${a.host_region_code}|${a.full_name}`) && !own.some((o) => o.id === a.id));
  const snapshot = emptySnapshot(asOf);
  snapshot.agencies = [...own, ...peers];
  snapshot.zones = all(`SELECT * FROM zones z WHERE z.management_agency_id IN (${IDS}) AND ${inForce('z')}`);
  for (const k of CHILD_KINDS) {
    (snapshot[k.key] as unknown[]) = all(`SELECT * FROM ${k.table} c WHERE c.${k.agencyColumn} IN (${IDS}) AND ${inForce('c')}`);
  }
  return snapshot;
}

/** Findings of the given agencies, or of every agency in force when none are given. */
export function liveFindings(db: Database.Database, profile: Partial<RuleProfile>, agencyIds?: number[], asOf = todayCst()): LiveFinding[] {
  if (!agencyIds) {
    const index = new SnapshotIndex(loadSnapshot(db, asOf, ''));
    return checkAll(db, index, index.agencyById.keys(), profile);
  }
  const ids = [...new Set(agencyIds)];
  return checkAll(db, new SnapshotIndex(loadForAgencies(db, asOf, ids)), ids, profile);
}
