// Rules across agencies: per county (R1, R13 duplicate names), per mapping row (R8, R11 超规格, R18) and
// over the whole plan (R9 staffing totals, R12 agency count, R19 requests, R20 effective date).
import { enumLabel } from '../enums';
import { ISO_DATE } from '../text';
import { MAPPING_ACTION_ZH, REMOVING_ACTIONS, type Mapping, type Plan } from '../reform/types';
import { agencyItem, label, rankHigher } from './agency-rules';
import { result } from './sources';
import type { AgencyHead, AgencyRec, RuleProfile, RuleResult } from './types';

const NO_RESULTS: readonly RuleResult[] = Object.freeze([]);

/**
 * The fixed parts of an R1 message for one group, built once: a national check writes thousands of these
 * messages, and every part joined per message is another string the GC must keep and copy.
 */
const r1Texts = new Map<string, { readonly what: string; readonly rule: string }>();
function r1Text(g: string): { readonly what: string; readonly rule: string } {
  let t = r1Texts.get(g);
  if (!t) {
    const what = g === '*' ? '开发区管理机构' : `${label('type_group', g)}开发区管理机构`;
    const rule = g === '*' ? '一个县域只设一个开发区管理机构' : '一个县域内只设置一个类型的开发区管理机构';
    r1Texts.set(g, (t = { what: `${what}：`, rule: `（${rule}）` }));
  }
  return t;
}

/** The group R1 counts an agency in (null: not a zone management agency). */
const r1Group = (a: AgencyHead, anyType: boolean): string | null => (a.agency_kind !== 'zone_mgmt' ? null : anyType ? '*' : (a.type_group ?? 'other'));

/**
 * R1 and R13 for one county. A county has a handful of agencies, so both compare pairs (no maps), and nothing
 * is allocated but the findings: this runs for every county of the country.
 */
export function countyRules(county: string, members: readonly AgencyHead[], profile: RuleProfile, countyName: (code: string) => string): readonly RuleResult[] {
  let out: RuleResult[] | null = null;
  const n = members.length;
  if (profile.r1Mode !== 'off') {
    const anyType = profile.r1Mode === 'per_county_any';
    // Groups in the order they first appear; each group's agencies in member order.
    for (let i = 0; i < n; i++) {
      const g = r1Group(members[i], anyType);
      if (g === null) continue;
      let seen = false;
      for (let j = 0; j < i && !seen; j++) seen = r1Group(members[j], anyType) === g;
      if (seen) continue;
      let list: AgencyHead[] | null = null;
      for (let j = i + 1; j < n; j++) if (r1Group(members[j], anyType) === g) (list ??= [members[i]]).push(members[j]);
      if (!list) continue;
      // Concatenated rather than joined: join copies every character into a new string (measured: a quarter
      // of the county pass), concatenation only links the parts.
      let names = list[0].full_name;
      for (let k = 1; k < list.length; k++) names += `、${list[k].full_name}`;
      const text = r1Text(g);
      (out ??= []).push(result('R1', 'error', `${countyName(county)}有${list.length}个${text.what}${names}${text.rule}`, list.map((a) => agencyItem(a)), g));
    }
  }
  // R13: no two agencies with the same name in a county.
  let reported: Set<string> | null = null;
  for (let i = 0; i < n; i++) {
    const name = members[i].full_name;
    if (reported?.has(name)) continue;
    let list: AgencyHead[] | null = null;
    for (let j = i + 1; j < n; j++) if (members[j].full_name === name) (list ??= [members[i]]).push(members[j]);
    if (list) {
      (reported ??= new Set()).add(name);
      (out ??= []).push(result('R13', 'warning', `${countyName(county)}有${list.length}个机构同名“${name}”`, list.map((a) => agencyItem(a, 'full_name')), 'dup'));
    }
  }
  return out ?? NO_RESULTS;
}

export interface MappingRuleContext {
  readonly plan: Plan;
  /** Name of an after key or existing agency, for messages. */
  nameOf(key: number | null | undefined): string;
  /** Ranks of the agencies merged into an after key. */
  mergedRanks(key: number): Array<string | null>;
}

const hasText = (s: string | null | undefined): boolean => typeof s === 'string' && s.trim() !== '';

/**
 * R8 (accounted for, with duties / people / assets), R11 (超规格) and R18 (approval document) for one source.
 * Allocates nothing and reads no agency column when there is no finding (the usual case in a national check).
 */
export function sourceRules(b: AgencyRec, mappings: readonly Mapping[] | undefined, ctx: MappingRuleContext): readonly RuleResult[] {
  if (!mappings || mappings.length === 0) {
    return [result('R8', 'error', `${b.full_name}在方案中没有处理方式（保留、整合并入、撤销……）`, [agencyItem(b)], 'unmapped')];
  }
  let out: RuleResult[] | null = null;
  if (mappings.length > 1) {
    (out ??= []).push(result('R8', 'error', `${b.full_name}在方案中有${mappings.length}种处理方式，每个机构只能有一种`, [agencyItem(b)], 'double'));
  }
  const m = mappings[0];
  if (REMOVING_ACTIONS.has(m.action) && !(hasText(m.duties_destination) && hasText(m.people_note) && hasText(m.assets_note))) {
    const missing = [!hasText(m.duties_destination) ? '职责去向' : '', !hasText(m.people_note) ? '人员安置' : '', !hasText(m.assets_note) ? '资产债务处理' : ''].filter(Boolean);
    (out ??= []).push(result('R8', 'error', `${b.full_name}${MAPPING_ACTION_ZH[m.action]}，需写明${missing.join('、')}`, [agencyItem(b)], 'content'));
  }
  if (m.action === 'rerank' && !hasText(m.basis_doc_no) && rankHigher(m.new_rank, b.rank)) {
    (out ??= []).push(result('R11', 'error', `${b.full_name}由${enumLabel('rank', b.rank)}调整为${enumLabel('rank', m.new_rank)}，属升格，需附升格批准文件（超规格）`, [agencyItem(b, 'rank')]));
  }
  if (m.action !== 'keep' && !hasText(m.basis_doc_no) && !hasText(ctx.plan.basis_doc_no)) {
    (out ??= []).push(result('R18', 'error', `${b.full_name}的“${MAPPING_ACTION_ZH[m.action]}”没有批准文件文号`, [agencyItem(b)]));
  }
  return out ?? NO_RESULTS;
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
