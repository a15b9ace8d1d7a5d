// The live checks an editor shows next to one agency while it is being edited: nameplates (R3), department
// cap (R4), comprehensive share (R5), social affairs (R6), dispatched units (R7), 超编 (R10), 超职数 (R11),
// duplicate names in the county (R13), public-institution class (R14) and the credit code (USCC).
import { usccProblem } from '../uscc';
import { PlanIndex } from '../reform/plan-index';
import { projectExisting } from '../reform/project';
import { agencyItem, agencyRules } from './agency-rules';
import { countyRules } from './plan-rules';
import { SnapshotIndex } from './snapshot-index';
import { result } from './sources';
import { makeProfile, type RuleId, type RuleProfile, type RuleResult, type Snapshot } from './types';

export const LIVE_RULES: ReadonlySet<RuleId> = new Set(['R3', 'R4', 'R5', 'R6', 'R7', 'R10', 'R11', 'R13', 'R14', 'USCC']);

/**
 * Checks one agency as it stands in `snapshot` (pass an index when checking many agencies of one
 * snapshot). Unknown agency: no results.
 */
export function checkAgency(
  snapshot: Snapshot | SnapshotIndex, agencyId: number, profile?: Partial<RuleProfile>, countyName: (code: string) => string = (c) => c,
): RuleResult[] {
  const index = snapshot instanceof SnapshotIndex ? snapshot : new SnapshotIndex(snapshot);
  const b = index.agencyById.get(agencyId);
  if (!b) return [];
  const p = makeProfile(profile);
  const plan = new PlanIndex({ id: 0, name: '', effective_date: index.snapshot.asOf, region_code: '', mappings: [], items: [] }, index);
  const a = projectExisting({ before: index, plan, eff: index.snapshot.asOf }, b)!;
  const out = agencyRules(a, {
    profile: p, planMode: false, eff: null,
    zoneExists: (id) => index.zoneById.has(id),
    beforeAgency: (id) => index.agencyById.get(id),
  });
  // Duplicate names: only those that involve this agency.
  const county = (index.agenciesByCounty.get(b.host_region_code) ?? []).filter((x) => x.full_name === b.full_name);
  if (county.length > 1) {
    out.push(...countyRules(b.host_region_code, county, { ...p, r1Mode: 'off' }, countyName).filter((r) => r.rule === 'R13'));
  }
  if (b.uscc) {
    const problem = usccProblem(String(b.uscc));
    if (problem) out.push(result('USCC', 'error', `${b.full_name}：${problem}`, [agencyItem(b, 'uscc')]));
  }
  return out.filter((r) => LIVE_RULES.has(r.rule));
}
