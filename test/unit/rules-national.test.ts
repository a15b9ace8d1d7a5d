// The engine's national pass takes shortcuts that the rules must not notice: the snapshot index reads every
// row once and keeps row facts and AgencyHeads, agencies the plan leaves alone are checked through one reused
// view, and the agencies a plan changes are found from the plan's own indexes. Each shortcut is checked here
// against the plain way (rows read one by one, every agency projected) on a register varied enough to give
// every per-agency rule something to find.
import { describe, expect, it } from 'vitest';
import { agencyRules, type AgencyRuleContext } from '../../shared/rules/agency-rules';
import { RuleEngine } from '../../shared/rules/engine';
import { emptyRowFacts, rowFactsOf } from '../../shared/rules/row-facts';
import { SnapshotIndex } from '../../shared/rules/snapshot-index';
import { makeProfile, emptySnapshot, type RuleResult, type Snapshot } from '../../shared/rules/types';
import { PlanIndex } from '../../shared/reform/plan-index';
import { projectExisting } from '../../shared/reform/project';
import type { Mapping, Plan } from '../../shared/reform/types';

const COUNTIES = ['620502', '620503', '620521'];
const GROUPS = ['industrial', 'agricultural', 'logistics'];
const CLASSES = ['comprehensive', 'economic', 'social_affairs', 'regulation'];

/** A deterministic, deliberately untidy register: 60 management agencies, public institutions, stray rows. */
function variedRegister(): Snapshot {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 16807) % 2147483647) % n); // Park–Miller: exact in doubles
  const s = emptySnapshot('2022-03-15');
  let row = 1;
  for (let id = 1; id <= 60; id++) {
    const county = COUNTIES[rnd(3)];
    const name = rnd(10) === 0 ? '重名开发区管理委员会' : `测试${id}开发区管理委员会`;
    s.agencies.push({
      id, full_name: name, agency_kind: 'zone_mgmt', type_group: GROUPS[rnd(3)], nature: 'admin_organ', rank: 'section_full',
      host_region_code: county, superior_id: null, internal_dept_cap: rnd(4) === 0 ? null : 2 + rnd(4), duties_text: rnd(2) ? '负责招商引资，与属地政府职责边界清晰。' : null,
      status: 'active', valid_from: null, valid_to: null,
    });
    if (rnd(5)) s.zones.push({ id, name: `测试${id}开发区`, zone_type: 'industrial_park', zone_level: rnd(3) ? 'county' : 'provincial', host_region_code: county, parent_zone_id: rnd(6) === 0 ? 999 : null, management_agency_id: id });
    const plates = rnd(6);
    if (plates !== 0) s.nameplates.push({ id: row++, agency_id: id, name, kind: 'primary', dispatcher: null });
    if (plates !== 1) s.nameplates.push({ id: row++, agency_id: id, name: `中共测试${id}开发区工作委员会`, kind: 'party_committee', dispatcher: rnd(4) ? '中共某县委员会' : '某县人民政府' });
    if (plates === 2) s.nameplates.push({ id: row++, agency_id: id, name: '第二块党工委牌子', kind: 'party_committee', dispatcher: '某县人民政府' });
    for (let d = rnd(7); d > 0; d--) s.departments.push({ id: row++, agency_id: id, name: `科室${d}`, function_class: CLASSES[rnd(4)] });
    for (const type of ['administrative', 'su_fiscal']) s.staffing.push({ id: row++, agency_id: id, staffing_type: type, approved: 5, actual: 3 + rnd(4) });
    s.posts.push({ id: row++, agency_id: id, title: '主任', approved: 1, filled: rnd(3) });
    if (rnd(3) === 0) s.functions.push({ id: row++, agency_id: id, name: '行政处罚', power_type: 'penalty', is_social_affairs: rnd(2), delegation_doc: null });
    if (rnd(4) === 0) s.dispatched.push({ id: row++, host_agency_id: id, name: '派驻所', domain: rnd(2) ? 'natural_resources' : 'culture', unit_status: null });
  }
  for (let id = 61; id <= 70; id++) {
    s.agencies.push({
      id, full_name: `服务中心${id}`, agency_kind: 'public_institution', type_group: null, nature: 'public_institution', rank: null,
      host_region_code: COUNTIES[id % 3], superior_id: id - 60, su_class: id % 2 ? 'public_welfare_1' : null, funding_form: null,
    });
  }
  // Rows whose agency is not in the snapshot are left out of every agency.
  s.departments.push({ id: row++, agency_id: 999, name: '无主科室', function_class: 'social_affairs' });
  s.staffing.push({ id: row++, agency_id: 999, staffing_type: 'administrative', approved: 1, actual: 9 });
  return s;
}

function variedPlan(s: Snapshot): Plan {
  const mappings: Mapping[] = s.agencies.filter((a) => a.agency_kind === 'zone_mgmt').map((a): Mapping => {
    const base = { id: a.id, source_agency_id: a.id };
    if (a.id % 7 === 0) return { ...base, action: 'merge_into', target_agency_id: a.id - 1, duties_destination: '并入', people_note: '随转', assets_note: '承接' };
    if (a.id % 11 === 0) return { ...base, action: 'abolish', target_agency_id: null, duties_destination: '交县区' };
    if (a.id % 13 === 0) return { ...base, action: 'retype', new_group: 'tourism' };
    if (a.id % 17 === 0) return { ...base, action: 'rename', new_name: `更名${a.id}开发区管理委员会` };
    return { ...base, action: 'keep' };
  });
  return { id: 1, name: '测试方案', effective_date: '2022-03-16', region_code: '620500', basis_doc_no: '测〔2022〕1号', mappings, items: [] };
}

const lines = (results: RuleResult[]) => results.map((r) => JSON.stringify(r));

describe('the national pass of the rule engine', () => {
  it('gathers the same row facts and AgencyHeads as reading each agency and its rows', () => {
    const s = variedRegister();
    const index = new SnapshotIndex(s);
    s.agencies.forEach((a, slot) => {
      const rows = { nameplates: index.childrenOf('nameplates', a.id), departments: index.childrenOf('departments', a.id), staffing: index.childrenOf('staffing', a.id), posts: index.childrenOf('posts', a.id) };
      expect(index.rowFactsAt(slot, emptyRowFacts())).toEqual(rowFactsOf(rows, emptyRowFacts()));
      const { id, full_name, agency_kind, type_group, internal_dept_cap } = a;
      expect(index.headAt(slot)).toEqual({ id, full_name, agency_kind, type_group, internal_dept_cap });
      expect(index.agencyById.get(a.id)).toBe(a);
    });
    expect(index.agencyById.get(999)).toBeUndefined();
    expect([...index.agencyById.keys()]).toEqual(s.agencies.map((a) => a.id));
    expect([...index.agenciesByCounty.entries()]).toEqual(COUNTIES.filter((c) => s.agencies.some((a) => a.host_region_code === c))
      .sort((x, y) => s.agencies.findIndex((a) => a.host_region_code === x) - s.agencies.findIndex((a) => a.host_region_code === y))
      .map((c) => [c, s.agencies.filter((a) => a.host_region_code === c)]));
  });

  it('checks the agencies a register leaves alone as their own rows would be checked', () => {
    const s = variedRegister();
    const index = new SnapshotIndex(s);
    const plan = new PlanIndex({ id: 0, name: '', effective_date: s.asOf, region_code: '', mappings: [], items: [] }, index);
    const ctx: AgencyRuleContext = {
      profile: makeProfile(null), planMode: false, eff: null,
      zoneExists: (id) => s.zones.some((z) => z.id === id && z.management_agency_id != null),
      beforeAgency: (id) => index.agencyById.get(id),
    };
    const expected = s.agencies.flatMap((b) => agencyRules(projectExisting({ before: index, plan, eff: s.asOf }, b)!, ctx));
    const perAgency = new RuleEngine(s, null).results().filter((r) => r.rule !== 'R1' && !(r.rule === 'R13' && r.key.endsWith('|dup')));
    expect(lines(perAgency).sort()).toEqual(lines(expected).sort());
    expect(perAgency.length).toBeGreaterThan(60);
  });

  it('gives the same results and after state as re-checking every agency one by one', () => {
    const s = variedRegister();
    const p = variedPlan(s);
    const engine = new RuleEngine(s, p);
    const national = lines(engine.results());
    const index = new SnapshotIndex(s);
    const ctx = { before: index, plan: new PlanIndex(p, index), eff: p.effective_date };
    for (const b of s.agencies) {
      const projected = projectExisting(ctx, b);
      expect(engine.afterAgency(b.id) ?? null).toEqual(projected);
    }
    // An unchanged mapping re-checks its agency, its targets and their public institutions the slow way.
    for (const m of p.mappings) engine.upsertMapping({ ...m });
    expect(lines(engine.results())).toEqual(national);
  });
});
