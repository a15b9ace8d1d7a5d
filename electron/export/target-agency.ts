// One agency as a 三定规定 states it (shared/papers.ts TargetAgency), read from the register's rows: either
// the reform engine's projected after-state of an agency (AfterAgency) or an agency as it stands today.
// The prose defaults (职能转变, 职责边界, a department's duties) are written here when the register has none.
import { enumLabel } from '../../shared/enums';
import { joinZh, STAFFING_TYPE_LABELS, type StaffingByType, type TargetAgency } from '../../shared/papers';
import { dispatchersOf } from '../../shared/reform/project-parts';
import { zoneNameOf, type AfterAgency, type EndPatch } from '../../shared/reform/types';
import type { AgencyRec, FunctionRec } from '../../shared/rules/types';

/** The parts of an agency the papers read (an AfterAgency has them all). */
export type AgencyView = Pick<AfterAgency, 'row' | 'zones' | 'nameplates' | 'departments' | 'staffing' | 'posts' | 'functions' | 'dispatched'> & {
  readonly endPatches?: readonly EndPatch[];
  readonly mergedFrom?: readonly number[];
};

export interface TargetLookups {
  /** 620503 → 麦积区 */
  regionName(code: string): string;
  /** Public institutions whose superior is this agency (after the reform). */
  institutionsOf(agencyKey: number): AgencyView[];
  /** A function row by id (the state before), to name the functions that end. */
  functionById(id: number): FunctionRec | undefined;
  /** An agency before the reform by id (names of merged agencies). */
  agencyById(id: number): AgencyRec | undefined;
}

const DEPT_DUTIES: Record<string, string> = {
  comprehensive: '承担机关日常运转、综合协调、文电会务和督查督办等工作',
  economic: '负责经济运行监测、产业培育和发展规划工作',
  investment_promotion: '负责招商引资、项目引进和跟踪服务工作',
  planning_construction: '负责规划管理、项目建设和基础设施建设工作',
  regulation: '负责安全生产、生态环境保护等综合监管协调工作',
  enterprise_service: '负责企业服务、政务服务和人才服务工作',
  innovation: '负责科技创新、成果转化和创新平台建设工作',
  special: '负责特色产业和专项工作',
  social_affairs: '负责社会事务相关工作',
};

/** Staffing rows → { 行政编制: 61, … } in the fixed order of the 编制统计表. */
export function staffingByLabel(rows: readonly { staffing_type: string; approved: number }[]): StaffingByType {
  const raw: StaffingByType = {};
  for (const r of rows) {
    const label = enumLabel('staffing_type', r.staffing_type) || r.staffing_type;
    raw[label] = (raw[label] ?? 0) + (r.approved || 0);
  }
  const out: StaffingByType = {};
  for (const l of STAFFING_TYPE_LABELS) if (raw[l]) out[l] = raw[l];
  for (const [k, n] of Object.entries(raw)) if (!(k in out) && n) out[k] = n;
  return out;
}

/** Sentences of a free duties text: "负责…。承担…；" → ['负责…', '承担…']. */
const sentences = (text: string | null | undefined) => (text ?? '').split(/[。；;\n]/).map((s) => s.trim()).filter(Boolean);

/** "天水经济技术开发区（东十里园区、廿铺园区）": main zones with their parks (一区多园). */
function zoneTexts(a: AgencyView): string[] {
  const ids = new Set(a.zones.map((z) => z.id));
  const out: string[] = [];
  for (const z of a.zones) {
    if (z.parent_zone_id != null && ids.has(z.parent_zone_id)) continue;
    const parks = a.zones.filter((p) => p.parent_zone_id === z.id).map((p) => p.name);
    out.push(parks.length ? `${z.name}（${parks.join('、')}）` : z.name);
  }
  return out;
}

export function shortNameFor(row: AgencyRec, partyName: string): string {
  const base = (row.short_name ?? '').replace(/(党工委)?(管理委员会|管委会)$/, '') || zoneNameOf(row.full_name);
  return partyName ? `${base}党工委（管委会）` : `${base}管委会`;
}

export function toTargetAgency(a: AgencyView, key: number, look: TargetLookups): TargetAgency {
  const row = a.row;
  const party = a.nameplates.find((n) => n.kind === 'party_committee');
  const primary = a.nameplates.find((n) => n.kind === 'primary');
  const partyName = party?.name ?? '';
  const short = shortNameFor(row, partyName);
  const d = dispatchersOf(row.dispatching_body);
  const region = look.regionName(row.host_region_code);
  const hostGovernment = region ? `${region}人民政府` : '';
  const social = (a.endPatches ?? [])
    .filter((e) => e.table === 'functions' && typeof e.patch.destination === 'string' && !String(e.patch.destination).startsWith('并入'))
    .map((e) => ({ name: look.functionById(e.id)?.name ?? '社会事务管理', to: String(e.patch.destination) }));
  const merged = (a.mergedFrom ?? []).map((id) => look.agencyById(id)?.full_name).filter((n): n is string => !!n);

  const duties = [...sentences(row.duties_text)];
  for (const f of a.functions) {
    if (f.is_social_affairs === 1) continue;
    const text = `负责${f.name.replace(/^负责/, '')}${f.delegation_doc ? `（依据${f.delegation_doc}授权）` : ''}`;
    if (!duties.some((x) => x.includes(f.name))) duties.push(text);
  }

  const transformation: string[] = [];
  const socialNames = [...new Set(social.map((s) => s.name))];
  const socialTo = [...new Set(social.map((s) => s.to))];
  if (social.length) transformation.push(`按照属地化管理原则，将${joinZh(socialNames)}职能${socialTo.length > 1 ? '分别' : ''}交由${joinZh(socialTo)}承担`);
  if (merged.length) transformation.push(`整合${joinZh(merged)}的经济管理职能，实行“一区多园”统一管理`);
  if (!transformation.length) transformation.push(`聚焦经济规划、投资服务、项目建设、产业培育等主责主业，开发区范围内的社会事务管理职能由${hostGovernment || '属地政府'}承担`);

  const others = socialTo.filter((to) => !hostGovernment || !to.startsWith(hostGovernment));
  const boundary = [
    `${short}主要负责开发区范围内的经济发展、招商引资、项目建设和企业服务等工作；${hostGovernment || '属地政府'}主要负责开发区范围内的社会管理和公共服务` +
      `${others.length ? `，${joinZh(others)}承接相应园区的社会事务管理职能` : ''}；${short}在人、财、物上予以配合保障。`,
  ];

  const deptLeaders = a.departments.reduce((n, x) => n + (Number(x.leader_posts) || 0), 0);
  const actual = a.staffing.reduce((n, s) => n + (s.actual ?? 0), 0);
  return {
    partyName,
    adminName: row.full_name,
    shortName: short,
    rankLabel: enumLabel('rank', row.rank) || '未定级',
    natureLabel: enumLabel('nature', row.nature) || '行政机关',
    dispatchingParty: d.party ?? party?.dispatcher ?? '',
    dispatchingGov: d.gov ?? primary?.dispatcher ?? hostGovernment,
    hostGovernment,
    zones: zoneTexts(a),
    mainDuties: duties.length ? duties : ['负责开发区经济规划、投资服务、项目建设、产业培育、招商引资等工作'],
    functionTransformation: `${transformation.join('；')}。`,
    departments: a.departments.map((x) => ({
      name: x.name,
      functionClass: enumLabel('dept_function_class', x.function_class) || x.function_class,
      duties: (x.duties_text as string | null | undefined) || DEPT_DUTIES[x.function_class] || `负责${x.name}相关工作`,
      leaderPosts: Number(x.leader_posts) || 0,
    })),
    internalDeptCap: row.internal_dept_cap ?? undefined,
    staffing: staffingByLabel(a.staffing),
    leaderPosts: a.posts.filter((p) => p.approved > 0).map((p) => ({ title: p.title, count: p.approved })),
    deptLeaderPosts: deptLeaders ? `${deptLeaders}名` : undefined,
    actualHeadcount: actual,
    dutyBoundary: boundary,
    dispatchedUnits: a.dispatched
      .filter((u) => u.unit_status !== 'revoked')
      .map((u) => ({ name: u.name, parent: String(u.parent_department ?? '') })),
    publicInstitutions: look.institutionsOf(key).map((p) => ({
      name: p.row.full_name,
      suClass: enumLabel('su_class', p.row.su_class) || '',
      funding: enumLabel('funding_form', p.row.funding_form) || '',
      staffing: p.staffing.reduce((n, s) => n + s.approved, 0) || undefined,
    })),
  };
}

/** Is any row of the agency illustrative (demo) data? Then the papers say so. */
export const isIllustrative = (a: AgencyView) =>
  [a.row, ...a.staffing, ...a.departments, ...a.posts].some((r) => (r as { verification?: unknown }).verification === 'illustrative');
