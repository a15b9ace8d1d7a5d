// Live rule findings for the editors, built on the reform engine's per-agency check (shared/rules
// checkAgency: R3 nameplates, R4 cap, R5 comprehensive share, R6 social affairs, R7, 超编, 超职数, duplicate
// names, R14, credit code). A re-check after an edit loads only the counties of the agencies it touched.
import type Database from 'better-sqlite3';
import type { LiveFinding } from '../../shared/contract/editors';
import { checkAgency } from '../../shared/rules/check-agency';
import { SnapshotIndex } from '../../shared/rules/snapshot-index';
import type { RuleProfile, RuleResult } from '../../shared/rules/types';
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

export function liveFindings(db: Database.Database, profile: Partial<RuleProfile>, agencyIds?: number[], asOf = todayCst()): LiveFinding[] {
  if (!agencyIds) {
    const index = new SnapshotIndex(loadSnapshot(db, asOf, ''));
    return checkAll(db, index, index.agencyById.keys(), profile);
  }
  // Group the agencies by county: duplicate names are checked within a county, so its snapshot suffices.
  const byCounty = new Map<string, number[]>();
  const regionOf = db.prepare('SELECT host_region_code AS code FROM agencies WHERE id = ?');
  for (const id of new Set(agencyIds)) {
    const code = (regionOf.get(id) as { code: string } | undefined)?.code;
    if (!code) continue;
    const list = byCounty.get(code);
    if (list) list.push(id);
    else byCounty.set(code, [id]);
  }
  const out: LiveFinding[] = [];
  for (const [code, ids] of byCounty) out.push(...checkAll(db, new SnapshotIndex(loadSnapshot(db, asOf, code)), ids, profile));
  return out;
}
