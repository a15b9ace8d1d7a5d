// R1–R20, each with a passing and a failing case, over small hand-built snapshots; plus the live per-agency
// check and the engine's incremental re-check (which must agree with a full check).
import { describe, expect, it } from 'vitest';
import { RuleEngine, checkPlan, checkRegister } from '../../shared/rules/engine';
import { checkAgency } from '../../shared/rules/check-agency';
import { emptySnapshot, type RuleId, type RuleProfile, type RuleResult, type Snapshot } from '../../shared/rules/types';
import type { Mapping, Plan, PlanItem } from '../../shared/reform/types';
import { withUsccCheckChar } from '../../shared/uscc';
import { SnapshotIndex } from '../../shared/rules/snapshot-index';
import { PlanIndex } from '../../shared/reform/plan-index';
import { projectSnapshot } from '../../shared/reform/project';

const C1 = '620522';
const C2 = '620523';
const EFF = '2022-03-16';

interface AgencyOpts {
  county?: string; group?: string; name?: string; cap?: number; depts?: Array<[string, string]>; party?: boolean;
  staffing?: Array<[string, number, number]>; posts?: Array<[string, number, number]>; duties?: string; kind?: string;
  zoneLevel?: string; zoneFacts?: Record<string, string | number>; functions?: Array<[string, string, string?]>; rank?: string;
}

let nextId = 1000;
function addAgency(s: Snapshot, id: number, o: AgencyOpts = {}): void {
  const zone = o.name ?? `测试${id}开发区`;
  const full = `${zone}管理委员会`;
  const kind = o.kind ?? 'zone_mgmt';
  s.agencies.push({
    id, full_name: kind === 'zone_mgmt' ? full : zone, agency_kind: kind, type_group: kind === 'zone_mgmt' ? (o.group ?? 'industrial') : null,
    nature: 'admin_organ', rank: o.rank ?? 'section_full', host_region_code: o.county ?? C1, superior_id: null, internal_dept_cap: o.cap ?? 6,
    duties_text: o.duties ?? '负责招商引资、项目建设。社会管理由属地县政府负责，职责边界按“三定”执行。', dispatching_body: '中共秦安县委员会、秦安县人民政府',
    uscc: withUsccCheckChar(`11${o.county ?? C1}MB${String(id).padStart(6, '0')}0`), status: 'active', valid_from: null, valid_to: null,
  });
  if (kind !== 'zone_mgmt') return;
  s.zones.push({ id, name: zone, zone_type: 'industrial_park', zone_level: o.zoneLevel ?? 'county', host_region_code: o.county ?? C1, parent_zone_id: null, management_agency_id: id, ...o.zoneFacts });
  s.nameplates.push({ id: nextId++, agency_id: id, name: full, kind: 'primary', dispatcher: '秦安县人民政府' });
  if (o.party !== false) s.nameplates.push({ id: nextId++, agency_id: id, name: `中共${zone}工作委员会`, kind: 'party_committee', dispatcher: '中共秦安县委员会' });
  for (const [name, cls] of o.depts ?? [['综合办公室', 'comprehensive'], ['经济发展科', 'economic'], ['招商服务科', 'investment_promotion'], ['规划建设科', 'planning_construction']]) {
    s.departments.push({ id: nextId++, agency_id: id, name, function_class: cls });
  }
  for (const [type, approved, actual] of o.staffing ?? [['administrative', 10, 8]]) s.staffing.push({ id: nextId++, agency_id: id, staffing_type: type, approved, actual });
  for (const [title, approved, filled] of o.posts ?? [['管委会主任', 1, 1]]) s.posts.push({ id: nextId++, agency_id: id, title, approved, filled });
  for (const [name, power, doc] of o.functions ?? [['招商引资', 'public_service']]) {
    s.functions.push({ id: nextId++, agency_id: id, name, power_type: power, is_social_affairs: 0, delegation_doc: doc ?? null });
  }
}

function snap(...agencies: Array<[number, AgencyOpts?]>): Snapshot {
  const s = emptySnapshot('2022-03-15');
  for (const [id, o] of agencies) addAgency(s, id, o);
  return s;
}

const keep = (id: number, mid = id): Mapping => ({ id: mid, source_agency_id: id, action: 'keep' });
const merge = (id: number, target: number, extra: Partial<Mapping> = {}): Mapping => ({
  id, source_agency_id: id, action: 'merge_into', target_agency_id: target, duties_destination: '并入目标', people_note: '随职责划转', assets_note: '目标承接', ...extra,
});
function plan(mappings: Mapping[], extra: Partial<Plan> = {}, items: PlanItem[] = []): Plan {
  return { id: 1, name: '测试方案', effective_date: EFF, region_code: '620500', basis_doc_no: '天编委发〔2022〕3号', mappings, items, ...extra };
}

const rulesOf = (results: RuleResult[], rule: RuleId) => results.filter((r) => r.rule === rule);
const register = (s: Snapshot, profile?: Partial<RuleProfile>) => checkRegister(s, { profile });

describe('rules R1–R20', () => {
  it('R1 one agency per type group per county (Tianshui), per county (一县一区), or off', () => {
    const ok = snap([1, { group: 'industrial' }], [2, { group: 'agricultural' }]);
    expect(rulesOf(register(ok), 'R1')).toEqual([]);
    const bad = snap([1, { group: 'industrial' }], [2, { group: 'industrial' }]);
    const r = rulesOf(register(bad), 'R1');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ severity: 'error', items: [{ table: 'agencies', id: 1 }, { table: 'agencies', id: 2 }] });
    expect(r[0].message).toContain('工业类');
    expect(r[0].source).toContain('天水市机构编制网 2022-03-16');
    expect(rulesOf(register(ok, { r1Mode: 'per_county_any' }), 'R1')).toHaveLength(1);
    expect(rulesOf(register(bad, { r1Mode: 'off' }), 'R1')).toEqual([]);
  });

  it('R2 every park has an existing parent zone', () => {
    const ok = snap([1]);
    ok.zones.push({ id: 50, name: '一号园', zone_type: 'industrial_park', zone_level: 'unlisted', host_region_code: C1, parent_zone_id: 1, management_agency_id: 1 });
    expect(rulesOf(register(ok), 'R2')).toEqual([]);
    const bad = snap([1]);
    bad.zones.push({ id: 50, name: '孤立园', zone_type: 'industrial_park', zone_level: 'unlisted', host_region_code: C1, parent_zone_id: 999, management_agency_id: 1 });
    expect(rulesOf(register(bad), 'R2')).toMatchObject([{ severity: 'error', items: [{ table: 'zones', id: 50 }] }]);
  });

  it('R3 党工委 + 管委会 nameplates', () => {
    expect(rulesOf(register(snap([1])), 'R3')).toEqual([]);
    expect(rulesOf(register(snap([1, { party: false }])), 'R3')).toMatchObject([{ severity: 'error', message: expect.stringContaining('缺少党工委') }]);
  });

  it('R4 departments within the cap', () => {
    expect(rulesOf(register(snap([1, { cap: 4 }])), 'R4')).toEqual([]);
    expect(rulesOf(register(snap([1, { cap: 3 }])), 'R4')).toMatchObject([{ severity: 'error', message: expect.stringContaining('超过限额3个') }]);
  });

  it('R5 comprehensive departments at most 30% (profile setting)', () => {
    const seven = [['办公室', 'comprehensive'], ['党群部', 'comprehensive'], ['经发局', 'economic'], ['招商局', 'investment_promotion'], ['规建局', 'planning_construction'], ['监管局', 'regulation'], ['服务局', 'enterprise_service']] as Array<[string, string]>;
    expect(rulesOf(register(snap([1, { cap: 10, depts: seven }])), 'R5')).toEqual([]); // 2 of 7
    const bad = snap([1, { cap: 10, depts: [['办公室', 'comprehensive'], ['党群部', 'comprehensive'], ['经发局', 'economic'], ['招商局', 'investment_promotion']] }]);
    expect(rulesOf(register(bad), 'R5')).toMatchObject([{ severity: 'error', message: expect.stringContaining('超过30%') }]);
    expect(rulesOf(register(bad, { r5Percent: 50 }), 'R5')).toEqual([]);
  });

  it('R6 no social-affairs departments or functions', () => {
    expect(rulesOf(register(snap([1])), 'R6')).toEqual([]);
    const bad = snap([1, { depts: [['综合办公室', 'comprehensive'], ['经发科', 'economic'], ['招商科', 'investment_promotion'], ['社会事务科', 'social_affairs']] }]);
    expect(rulesOf(register(bad), 'R6')).toMatchObject([{ severity: 'error', message: expect.stringContaining('社会事务机构“社会事务科”') }]);
  });

  it('R7 dispatched units: allowed domains; natural resources warned; all revoked in county mode', () => {
    const ok = snap([1]);
    ok.dispatched.push({ id: 70, host_agency_id: 1, name: '税务分局', domain: 'tax', unit_status: 'kept' });
    expect(rulesOf(register(ok), 'R7')).toEqual([]);
    const bad = snap([1]);
    bad.dispatched.push({ id: 70, host_agency_id: 1, name: '自然资源分局', domain: 'natural_resources', unit_status: 'kept' });
    expect(rulesOf(register(bad), 'R7')).toMatchObject([{ severity: 'warning', message: expect.stringContaining('能放尽放') }]);
    expect(rulesOf(register(ok, { r7Mode: 'revoke_all' }), 'R7')).toMatchObject([{ severity: 'error' }]);
  });

  it('R8 every source agency has one action, and merges state duties, people and assets', () => {
    const s = snap([1], [2, { county: C2 }]);
    expect(rulesOf(checkPlan(s, plan([keep(1), merge(2, 1)])), 'R8')).toEqual([]);
    const unmapped = rulesOf(checkPlan(s, plan([keep(1)])), 'R8');
    expect(unmapped).toMatchObject([{ severity: 'error', message: expect.stringContaining('没有处理方式') }]);
    const bare = rulesOf(checkPlan(s, plan([keep(1), merge(2, 1, { people_note: null, assets_note: '' })])), 'R8');
    expect(bare[0].message).toContain('人员安置、资产债务处理');
  });

  it('R9 staffing totals by type do not grow without a stated source', () => {
    const s = snap([1], [2, { county: C2, group: 'agricultural' }]);
    const staffRow = s.staffing.find((r) => r.agency_id === 1)!;
    expect(rulesOf(checkPlan(s, plan([keep(1), merge(2, 1)])), 'R9')).toEqual([]);
    const grow: PlanItem = { id: 1, kind: 'staffing', op: 'update', target_id: staffRow.id, payload: { approved_delta: 5 } };
    expect(rulesOf(checkPlan(s, plan([keep(1), keep(2)], {}, [grow])), 'R9')).toMatchObject([{ severity: 'error', message: expect.stringContaining('行政编制总量由20名增加到25名') }]);
    const sourced: PlanItem = { ...grow, payload: { approved_delta: 5, source: '市级编制周转池', doc: '天编委发〔2022〕9号' } };
    expect(rulesOf(checkPlan(s, plan([keep(1), keep(2)], {}, [sourced])), 'R9')).toEqual([]);
  });

  it('R10 超编 is a warning per staffing type', () => {
    expect(rulesOf(register(snap([1])), 'R10')).toEqual([]);
    expect(rulesOf(register(snap([1, { staffing: [['administrative', 10, 12]] }])), 'R10')).toMatchObject([{ severity: 'warning', message: expect.stringContaining('超编2名') }]);
  });

  it('R11 超职数 and 超规格 (an upgrade needs its own approval)', () => {
    expect(rulesOf(register(snap([1])), 'R11')).toEqual([]);
    expect(rulesOf(register(snap([1, { posts: [['管委会副主任', 2, 3]] }])), 'R11')).toMatchObject([{ severity: 'error', message: expect.stringContaining('超职数1名') }]);
    const s = snap([1]);
    const up: Mapping = { id: 1, source_agency_id: 1, action: 'rerank', new_rank: 'county_deputy' };
    expect(rulesOf(checkPlan(s, plan([up])), 'R11')).toMatchObject([{ message: expect.stringContaining('升格') }]);
    expect(rulesOf(checkPlan(s, plan([{ ...up, basis_doc_no: '甘编办发〔2022〕1号' }])), 'R11')).toEqual([]);
  });

  it('R12 the number of agencies does not grow', () => {
    const s = snap([1], [2, { county: C2 }]);
    expect(rulesOf(checkPlan(s, plan([keep(1), merge(2, 1)])), 'R12')).toEqual([]);
    const create: Mapping = { id: 9, source_agency_id: null, action: 'create', ref_key: 'NEW', new_name: '新设开发区管理委员会', new_group: 'logistics', new_region_code: C2 };
    expect(rulesOf(checkPlan(s, plan([keep(1), keep(2), create])), 'R12')).toMatchObject([{ severity: 'warning', message: expect.stringContaining('由2个增加到3个') }]);
  });

  it('R13 names follow the zone; no duplicate names in a county', () => {
    expect(rulesOf(register(snap([1], [2, { group: 'tourism' }])), 'R13')).toEqual([]);
    const mismatch = snap([1]);
    mismatch.agencies[0].full_name = '某某管委会办公室';
    expect(rulesOf(register(mismatch), 'R13')[0].message).toContain('名称与所管理的开发区');
    const dup = snap([1, { name: '同名' }], [2, { name: '同名', group: 'tourism' }]);
    expect(rulesOf(register(dup), 'R13').map((r) => r.message).join()).toContain('同名“同名管理委员会”');
  });

  it('R14 new public institutions are public-welfare with funding form and sponsor', () => {
    const s = snap([1]);
    const pi = (p: Record<string, unknown>): PlanItem => ({ id: 3, kind: 'public_institution', op: 'create', payload: { full_name: '政务服务中心', superior_id: 1, funding_form: 'full_funded', su_class: 'public_welfare_1', ...p } });
    expect(rulesOf(checkPlan(s, plan([keep(1)], {}, [pi({})])), 'R14')).toEqual([]);
    expect(rulesOf(checkPlan(s, plan([keep(1)], {}, [pi({ su_class: 'commercial', funding_form: null })])), 'R14'))
      .toMatchObject([{ severity: 'error', message: expect.stringContaining('不得新设承担行政职能或生产经营类') }]);
  });

  it('R15 administrative powers in the zone need a delegation document', () => {
    expect(rulesOf(register(snap([1, { functions: [['建设工程许可', 'licensing', '秦政发〔2021〕5号']] }])), 'R15')).toEqual([]);
    expect(rulesOf(register(snap([1, { functions: [['行政处罚', 'penalty']] }])), 'R15')).toMatchObject([{ severity: 'warning', message: expect.stringContaining('需有赋权或委托文件') }]);
  });

  it('R16 三定 complete, with the duty boundary towards the host county, for agencies the plan changes', () => {
    const s = snap([1, { duties: '负责招商引资。' }]);
    const retype = (duties?: string): Mapping => ({ id: 1, source_agency_id: 1, action: 'retype', new_group: 'agricultural', new_duties_text: duties });
    expect(rulesOf(checkPlan(s, plan([retype('负责园区建设。社会事务由属地县政府负责，职责边界按“三定”执行。')])), 'R16')).toEqual([]);
    expect(rulesOf(checkPlan(s, plan([retype()])), 'R16')).toMatchObject([{ severity: 'warning', message: expect.stringContaining('与属地政府的职责边界') }]);
    expect(rulesOf(checkPlan(s, plan([keep(1)])), 'R16')).toEqual([]); // untouched agencies are not the plan's concern
  });

  it('R17 national / provincial zones carry their approval; parks and ports are not catalogue zones', () => {
    const facts = { approval_authority: '国务院', approval_doc_no: '国办函〔2010〕50号', approved_on: '2010-04-01' };
    expect(rulesOf(register(snap([1, { zoneLevel: 'national', zoneFacts: facts }])), 'R17')).toEqual([]);
    expect(rulesOf(register(snap([1, { zoneLevel: 'national', zoneFacts: { approval_authority: '国务院' } }])), 'R17'))
      .toMatchObject([{ severity: 'warning', message: expect.stringContaining('缺少批准文号、批准日期') }]);
  });

  it('R18 every change has an approval document', () => {
    const s = snap([1], [2, { county: C2 }]);
    expect(rulesOf(checkPlan(s, plan([keep(1), merge(2, 1)])), 'R18')).toEqual([]);
    expect(rulesOf(checkPlan(s, plan([keep(1), merge(2, 1)], { basis_doc_no: null })), 'R18')).toMatchObject([{ severity: 'error', items: [{ id: 2 }] }]);
  });

  it('R19 a request goes to one recipient, one matter per request', () => {
    const s = snap([1]);
    const doc = (recipients: string[]) => ({ doc_no: '秦委〔2021〕8号', title: '关于整合园区管理机构的请示', doc_type: 'request', recipients });
    expect(rulesOf(checkPlan(s, plan([keep(1)], { basis_docs: [doc(['市编委'])] })), 'R19')).toEqual([]);
    expect(rulesOf(checkPlan(s, plan([keep(1)], { basis_docs: [doc(['市编委', '市政府'])] })), 'R19')).toMatchObject([{ severity: 'warning', message: expect.stringContaining('不得多头请示') }]);
  });

  it('R20 the plan has an effective date separating before and after', () => {
    const s = snap([1]);
    expect(rulesOf(checkPlan(s, plan([keep(1)])), 'R20')).toEqual([]);
    expect(rulesOf(checkPlan(s, plan([keep(1)], { effective_date: '' })), 'R20')).toMatchObject([{ severity: 'info' }]);
  });
});

describe('live per-agency check', () => {
  it('reports nameplates, 超编, 超职数, the credit code and duplicate names of one agency only', () => {
    const s = snap([1, { party: false, staffing: [['administrative', 10, 11]], posts: [['副主任', 2, 3]] }], [2, { name: '同名', group: 'tourism' }], [3, { name: '同名', group: 'other' }]);
    s.agencies[0].uscc = '11620522MB0000010X';
    const rules = checkAgency(s, 1).map((r) => r.rule).sort();
    expect(rules).toEqual(['R10', 'R11', 'R3', 'USCC']);
    expect(checkAgency(s, 2).map((r) => r.rule)).toEqual(['R13']);
    expect(checkAgency(s, 99)).toEqual([]);
  });
});

describe('incremental re-check', () => {
  it('after each mapping edit agrees with a full check', () => {
    const s = snap([1], [2, { county: C2 }], [3, { county: C2, group: 'agricultural' }], [4, { group: 'tourism' }]);
    const p = plan([keep(1), keep(2), keep(3), keep(4)]);
    const engine = new RuleEngine(s, p);
    const keys = (r: RuleResult[]) => r.map((x) => `${x.key}|${x.message}`).sort();
    const edits: Mapping[] = [merge(2, 1), merge(3, 2), { ...merge(3, 1) }, { id: 4, source_agency_id: 4, action: 'retype', new_group: 'industrial' }, keep(2)];
    let current = p.mappings;
    for (const m of edits) {
      engine.upsertMapping(m);
      current = current.map((x) => (x.id === m.id ? m : x));
      expect(keys(engine.results())).toEqual(keys(checkPlan(s, { ...p, mappings: current })));
    }
    engine.deleteMapping(4);
    current = current.filter((x) => x.id !== 4);
    expect(keys(engine.results())).toEqual(keys(checkPlan(s, { ...p, mappings: current })));
  });
});

describe('projection', () => {
  it('a merge moves staffing, functions and zones (as parks) to the target; the source rows end', () => {
    const s = snap([1], [2, { county: C2, staffing: [['administrative', 6, 6], ['su_fiscal', 4, 3]] }]);
    const p = plan([keep(1), merge(2, 1)]);
    const before = new SnapshotIndex(s);
    const after = projectSnapshot(before, new PlanIndex(p, before));
    expect(after.agencies.map((a) => a.id)).toEqual([1]);
    const total = (snapshot: Snapshot, type: string) => snapshot.staffing.filter((r) => r.staffing_type === type).reduce((n, r) => n + r.approved, 0);
    expect(total(after, 'administrative')).toBe(total(s, 'administrative'));
    expect(total(after, 'su_fiscal')).toBe(4);
    expect(after.zones.find((z) => z.id === 2)).toMatchObject({ management_agency_id: 1, parent_zone_id: 1, valid_from: EFF });
    expect(after.departments.every((d) => d.agency_id === 1)).toBe(true);
    expect(after.functions.filter((f) => f.name === '招商引资')).toHaveLength(1); // same-named function integrated
  });

  it('a public institution follows its merged sponsor; an abolished sponsor leaves it to be accounted for (R8)', () => {
    const s = snap([1], [2, { county: C2 }]);
    s.agencies.push({ id: 3, full_name: '服务中心', agency_kind: 'public_institution', type_group: null, nature: 'public_institution', rank: null, host_region_code: C2, superior_id: 2, su_class: 'public_welfare_1', funding_form: 'full_funded' });
    const merged = new RuleEngine(s, plan([keep(1), merge(2, 1)]));
    expect(merged.afterAgency(3)?.row.superior_id).toBe(1);
    expect(rulesOf(merged.results(), 'R8')).toEqual([]);
    const abolished = checkPlan(s, plan([keep(1), { ...merge(2, 1), action: 'abolish', target_agency_id: null }]));
    expect(rulesOf(abolished, 'R8')).toMatchObject([{ severity: 'error', message: expect.stringContaining('服务中心的举办单位“测试2开发区管理委员会”被撤销') }]);
  });
});
