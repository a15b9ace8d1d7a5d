// Rules across agencies: per county (R1, R13 duplicate names), per mapping row (R8, R11 超规格, R18) and
// over the whole plan (R9 staffing totals, R12 agency count, R19 requests, R20 effective date).
import { enumLabel } from '../enums';
import { ISO_DATE } from '../text';
import { MAPPING_ACTION_ZH, REMOVING_ACTIONS, type Mapping, type Plan } from '../reform/types';
import { agencyItem, label, rankHigher } from './agency-rules';
import { result } from './sources';
import type { AgencyRec, RuleProfile, RuleResult } from './types';

export function countyRules(county: string, members: readonly AgencyRec[], profile: RuleProfile, countyName: (code: string) => string): RuleResult[] {
  const out: RuleResult[] = [];
  if (profile.r1Mode !== 'off') {
    // A county has a handful of agencies and five groups: parallel arrays beat a map here.
    const keys: string[] = [];
    const lists: AgencyRec[][] = [];
    for (const a of members) {
      if (a.agency_kind !== 'zone_mgmt') continue;
      const g = profile.r1Mode === 'per_county_any' ? '*' : (a.type_group ?? 'other');
      const i = keys.indexOf(g);
      if (i >= 0) lists[i].push(a);
      else { keys.push(g); lists.push([a]); }
    }
    for (let i = 0; i < keys.length; i++) {
      const g = keys[i];
      const list = lists[i];
      if (list.length < 2) continue;
      const names = list.map((a) => a.full_name).join('、');
      const what = g === '*' ? '开发区管理机构' : `${label('type_group', g)}开发区管理机构`;
      const rule = g === '*' ? '一个县域只设一个开发区管理机构' : '一个县域内只设置一个类型的开发区管理机构';
      out.push(result('R1', 'error', `${countyName(county)}有${list.length}个${what}：${names}（${rule}）`, list.map((a) => agencyItem(a)), g));
    }
  }
  // R13: no two agencies with the same name in a county (a county has a handful: pairwise beats a map).
  const reported = new Set<string>();
  for (let i = 0; i < members.length; i++) {
    const name = members[i].full_name;
    if (reported.has(name)) continue;
    let list: AgencyRec[] | null = null;
    for (let j = i + 1; j < members.length; j++) if (members[j].full_name === name) (list ??= [members[i]]).push(members[j]);
    if (list) {
      reported.add(name);
      out.push(result('R13', 'warning', `${countyName(county)}有${list.length}个机构同名“${name}”`, list.map((a) => agencyItem(a, 'full_name')), 'dup'));
    }
  }
  return out;
}

export interface MappingRuleContext {
  readonly plan: Plan;
  /** Name of an after key or existing agency, for messages. */
  nameOf(key: number | null | undefined): string;
  /** Ranks of the agencies merged into an after key. */
  mergedRanks(key: number): Array<string | null>;
}

const hasText = (s: string | null | undefined): boolean => typeof s === 'string' && s.trim() !== '';

/** R8 (accounted for, with duties / people / assets), R11 (超规格) and R18 (approval document) for one source. */
export function sourceRules(b: AgencyRec, mappings: readonly Mapping[] | undefined, ctx: MappingRuleContext): RuleResult[] {
  const out: RuleResult[] = [];
  const name = b.full_name;
  if (!mappings || mappings.length === 0) {
    out.push(result('R8', 'error', `${name}在方案中没有处理方式（保留、整合并入、撤销……）`, [agencyItem(b)], 'unmapped'));
    return out;
  }
  if (mappings.length > 1) {
    out.push(result('R8', 'error', `${name}在方案中有${mappings.length}种处理方式，每个机构只能有一种`, [agencyItem(b)], 'double'));
  }
  const m = mappings[0];
  if (REMOVING_ACTIONS.has(m.action)) {
    const missing = [!hasText(m.duties_destination) ? '职责去向' : '', !hasText(m.people_note) ? '人员安置' : '', !hasText(m.assets_note) ? '资产债务处理' : ''].filter(Boolean);
    if (missing.length) out.push(result('R8', 'error', `${name}${MAPPING_ACTION_ZH[m.action]}，需写明${missing.join('、')}`, [agencyItem(b)], 'content'));
  }
  if (m.action === 'rerank' && rankHigher(m.new_rank, b.rank) && !hasText(m.basis_doc_no)) {
    out.push(result('R11', 'error', `${name}由${enumLabel('rank', b.rank)}调整为${enumLabel('rank', m.new_rank)}，属升格，需附升格批准文件（超规格）`, [agencyItem(b, 'rank')]));
  }
  if (m.action !== 'keep' && !hasText(m.basis_doc_no) && !hasText(ctx.plan.basis_doc_no)) {
    out.push(result('R18', 'error', `${name}的“${MAPPING_ACTION_ZH[m.action]}”没有批准文件文号`, [agencyItem(b)]));
  }
  return out;
}

/** R11 and R18 for an agency the plan creates. */
export function createRules(m: Mapping, key: number, ctx: MappingRuleContext): RuleResult[] {
  const out: RuleResult[] = [];
  const item = { table: 'agencies', id: key, name: m.new_name ?? '' };
  const ranks = ctx.mergedRanks(key);
  if (m.new_rank && ranks.length && ranks.every((r) => rankHigher(m.new_rank, r)) && !hasText(m.basis_doc_no)) {
    out.push(result('R11', 'error', `新设的${m.new_name ?? ''}规格（${enumLabel('rank', m.new_rank)}）高于所整合机构，需附升格批准文件（超规格）`, [item]));
  }
  if (!hasText(m.basis_doc_no) && !hasText(ctx.plan.basis_doc_no)) {
    out.push(result('R18', 'error', `新设${m.new_name ?? '机构'}没有批准文件文号`, [item]));
  }
  return out;
}

export interface GlobalInputs {
  readonly plan: Plan;
  readonly profile: RuleProfile;
  readonly beforeStaffing: ReadonlyMap<string, number>;
  readonly afterStaffing: ReadonlyMap<string, number>;
  /** Staffing added by items that state 编制来源 and a document. */
  readonly allowedAdditions: ReadonlyMap<string, number>;
  readonly beforeCount: number;
  readonly afterCount: number;
  countyOf(agencyId: number | null): string | null;
}

export function globalRules(g: GlobalInputs): RuleResult[] {
  const out: RuleResult[] = [];
  const planItem = { table: 'reforms', id: g.plan.id, name: g.plan.name };
  // R9: staffing does not grow by type beyond stated additions.
  for (const [type, after] of g.afterStaffing) {
    const before = g.beforeStaffing.get(type) ?? 0;
    const extra = g.profile.r9PiOnlyDecrease && type.startsWith('su_') ? 0 : (g.allowedAdditions.get(type) ?? 0);
    if (after > before + extra) {
      out.push(result('R9', 'error', `${enumLabel('staffing_type', type)}总量由${before}名增加到${after}名${extra ? `（已注明来源的新增${extra}名）` : ''}，新增编制需注明编制来源和批准文件`, [planItem], type));
    }
  }
  // R12: the number of agencies does not grow.
  if (g.afterCount > g.beforeCount) {
    out.push(result('R12', 'warning', `改革后开发区管理机构由${g.beforeCount}个增加到${g.afterCount}个，与精简要求不符`, [planItem]));
  }
  // R19: a request goes to one recipient; one matter per request (one request per county).
  for (const d of g.plan.basis_docs ?? []) {
    if (d.doc_type === 'request' && (d.recipients?.length ?? 0) !== 1) {
      out.push(result('R19', 'warning', `请示“${d.title ?? d.doc_no}”主送${d.recipients?.length ?? 0}个机关，请示应只主送一个机关，不得多头请示`, [planItem], d.doc_no));
    }
  }
  const docCounties = new Map<string, Set<string>>();
  for (const m of g.plan.mappings) {
    if (!m.basis_doc_no || m.basis_doc_no === g.plan.basis_doc_no) continue;
    const c = g.countyOf(m.source_agency_id) ?? m.new_region_code ?? null;
    if (!c) continue;
    const set = docCounties.get(m.basis_doc_no) ?? new Set<string>();
    set.add(c);
    docCounties.set(m.basis_doc_no, set);
  }
  for (const [doc, counties] of docCounties) {
    if (counties.size > 1) out.push(result('R19', 'warning', `文件${doc}涉及${counties.size}个县区的机构调整，请示应一事一报`, [planItem], doc));
  }
  // R20: the effective date must be a date, so before and after can be compared.
  if (!ISO_DATE.test(g.plan.effective_date ?? '')) {
    out.push(result('R20', 'info', `方案未设置有效的生效日期（${g.plan.effective_date || '空'}），改革前后状态无法按日期区分`, [planItem]));
  }
  return out;
}
