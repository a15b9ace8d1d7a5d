// Writes the Tianshui demo register into an empty database, through the write path as one baseline
// history group (recorded for the audit trail, not undoable).
import { withUsccCheckChar } from '../../shared/uscc';
import type { Store } from '../store';
import { seedTianshuiReform } from './seed-reform';
import type { Tx } from '../write-path';
import {
  A01_DISPATCHED, A01_POSTS, A01_STAFFING, DEMO_AGENCIES, DEMO_INDICATORS, DEMO_PARKS, GROUP_DEPARTMENTS,
  NAMED_DEPARTMENTS, SEED_SOURCE, countyName, type DemoAgency,
} from './tianshui-data';

export const DEMO_SETTINGS: Record<string, string> = {
  'office.name': '中共天水市委机构编制委员会',
  'office.mark': '中共天水市委机构编制委员会文件',
  'office.code': '天编委发',
  'office.printer': '中共天水市委机构编制委员会办公室',
  'office.contact': '联系人：张××，电话：0938-8888888',
  'office.recipients': '各县区委、县区人民政府，市委各部委，市直各单位',
  'office.superior': '中共天水市委',
  'rules.profile': 'per_county_per_type',
  'demo.region': '620500',
};

const dispatchers = (a: DemoAgency) => a.cityLevel
  ? { party: '中共天水市委', gov: '天水市人民政府' }
  : { party: `中共${countyName(a.region)}委员会`, gov: `${countyName(a.region)}人民政府` };

/** Deterministic illustrative numbers, so every demo database is identical. */
const pick = (seed: number, lo: number, hi: number) => lo + ((seed * 7919) % (hi - lo + 1));

function seedAgency(tx: Tx, a: DemoAgency, index: number): number {
  const d = dispatchers(a);
  const agency = tx.insert('agencies', {
    code: a.code,
    full_name: `${a.zone}管理委员会`,
    short_name: `${a.zone.replace(/^甘肃/, '')}管委会`,
    agency_kind: 'zone_mgmt',
    type_group: a.group,
    nature: 'admin_organ',
    rank: a.rank,
    host_region_code: a.region,
    dispatching_body: `${d.party}、${d.gov}`,
    uscc: a.code === 'A26' ? '11620500MB0000260X' : withUsccCheckChar(`11${a.region}MB${String(index + 1).padStart(6, '0')}0`),
    internal_dept_cap: a.code === 'A01' ? 10 : 6,
    duties_text: '负责开发区经济规划、投资服务、项目建设、产业培育、招商引资等工作。',
    status: 'active',
    verification: a.verification,
    note: a.verification === 'illustrative' ? '示例数据（规格、编制等为虚构）' : '名称与职能依据公开资料；规格、编制为示例',
  });
  const id = agency.id;
  tx.insert('nameplates', { agency_id: id, name: `${a.zone}管理委员会`, kind: 'primary', dispatcher: d.gov, verification: a.verification });
  if (!a.singleNameplate) {
    tx.insert('nameplates', { agency_id: id, name: `中共${a.zone}工作委员会`, kind: 'party_committee', dispatcher: d.party, verification: a.verification });
  }
  const depts = NAMED_DEPARTMENTS[a.code] ?? GROUP_DEPARTMENTS[a.group];
  for (const [name, cls, v] of depts) {
    tx.insert('departments', { agency_id: id, name, function_class: cls, rank: a.rank.startsWith('county') ? 'section_full' : 'section_deputy', leader_posts: 1, is_special: cls === 'special' ? 1 : 0, verification: v ?? 'illustrative' });
  }
  const staffing = a.code === 'A01' ? A01_STAFFING : ([['administrative', pick(index, 8, 16), 0], ['su_fiscal', pick(index + 3, 4, 12), 0]] as typeof A01_STAFFING);
  for (const [type, approved, actual] of staffing) {
    // A12 is over its administrative establishment (超编), to show the live rule check.
    const act = a.code === 'A01' ? actual : a.code === 'A12' && type === 'administrative' ? approved + 1 : Math.max(0, approved - pick(index + approved, 0, 3));
    tx.insert('staffing', { agency_id: id, staffing_type: type, approved, actual: act, verification: 'illustrative' });
  }
  const posts = a.code === 'A01' ? A01_POSTS : ([['管委会主任', a.rank, 1, 1], ['管委会副主任', a.rank === 'county_full' ? 'county_deputy' : 'section_deputy', 2, a.code === 'A17' ? 3 : 2]] as typeof A01_POSTS);
  for (const [title, grade, approved, filled] of posts) {
    tx.insert('leader_posts', { agency_id: id, title, grade, approved, filled, elevated: 0, verification: 'illustrative' });
  }
  tx.insert('functions', { agency_id: id, name: '招商引资和项目服务', power_type: 'public_service', is_social_affairs: 0, verification: 'illustrative' });
  tx.insert('functions', { agency_id: id, name: '开发区规划建设管理', power_type: 'other_power', is_social_affairs: 0, verification: 'illustrative' });
  if (['A01', 'A11', 'A26'].includes(a.code)) {
    tx.insert('functions', { agency_id: id, name: '区内社会事务管理（教育、卫生、民政）', power_type: 'public_service', is_social_affairs: 1, verification: 'illustrative' });
  }
  return id;
}

export function seedDemo(store: Store): void {
  const count = (store.db.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n;
  if (count > 0) return;
  store.wp.mutate('载入演示数据：天水市开发区管理机构（整合前）', (tx) => {
    const agencyIds = new Map<string, number>();
    DEMO_AGENCIES.forEach((a, i) => agencyIds.set(a.code, seedAgency(tx, a, i)));
    const zoneIds = new Map<string, number>();
    for (const a of DEMO_AGENCIES) {
      const z = tx.insert('zones', {
        code: a.code.replace('A', 'Z'), name: a.zone, zone_type: a.zoneType, zone_level: a.zoneLevel, host_region_code: a.region,
        management_agency_id: agencyIds.get(a.code), status: 'active', verification: a.zoneVerification, catalogue_listed: 0,
        ...a.zoneFacts,
      });
      zoneIds.set(a.code, z.id);
    }
    DEMO_PARKS.forEach((p, i) => {
      const parent = DEMO_AGENCIES.find((a) => a.code === p.parent)!;
      tx.insert('zones', {
        code: `${p.parent.replace('A', 'Z')}-P${i + 1}`, name: p.name, zone_type: 'industrial_park', zone_level: 'unlisted',
        host_region_code: parent.region, parent_zone_id: zoneIds.get(p.parent), management_agency_id: agencyIds.get(p.parent),
        status: 'active', verification: p.verification, catalogue_listed: 0,
      });
    });
    const a01 = agencyIds.get('A01')!;
    for (const [name, parent, domain] of A01_DISPATCHED) {
      tx.insert('dispatched_units', { host_agency_id: a01, name, parent_department: parent, domain, unit_status: 'kept', verification: 'partial' });
    }
    tx.insert('agencies', {
      code: 'P01', full_name: '张家川经济开发区服务中心', agency_kind: 'public_institution', nature: 'public_institution', rank: 'section_deputy',
      host_region_code: '620525', superior_id: agencyIds.get('A05'), su_class: 'public_welfare_1', funding_form: 'full_funded',
      status: 'active', verification: 'illustrative', note: '示例数据',
    });
    for (const ind of DEMO_INDICATORS) {
      tx.insert('indicators', { zone_id: zoneIds.get(ind.agency), year: ind.year, indicator_key: ind.key, value: ind.value, unit: ind.unit, yoy_pct: ind.yoy ?? null, source_ref: SEED_SOURCE, verification: 'verified' });
    }
    for (const [key, value] of Object.entries(DEMO_SETTINGS)) tx.insert('settings', { key, value });
  }, 'baseline');
  store.invalidateCaches();
  seedTianshuiReform(store);
}
