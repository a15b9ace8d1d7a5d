// Rules that look at one agency and its own rows: R2 (its zones), R3, R4, R5, R6, R7, R8 (a public
// institution left without sponsor), R10, R11 (超职数), R13 (name), R14, R15, R16, R17, R20. Each reads only
// the agency, its row facts (row-facts.ts) and its arrays, so the whole register is checked in one linear pass
// and a re-check after one edit touches only the agencies that edit changed.
import { ENUMS, enumLabel } from '../enums';
import { zoneNameOf, type AfterAgency } from '../reform/types';
import { emptyRowFacts, isComprehensiveDept, isOverFilled, isSocialAffairsDept, rowFactsOf, type RowFacts } from './row-facts';
import { result } from './sources';
import type { AgencyHead, AgencyRec, RuleItem, RuleProfile, RuleResult, ZoneRec } from './types';

export interface AgencyRuleContext {
  readonly profile: RuleProfile;
  /** Checking a plan (R14/R16/R17 then look only at what the plan creates or touches). */
  readonly planMode: boolean;
  readonly eff: string | null;
  /** Does a zone exist after the reform (for parks' parent zones)? */
  zoneExists(id: number): boolean;
  /** The agency as it was before the reform. */
  beforeAgency(id: number): AgencyRec | undefined;
}

const ADMIN_POWERS = new Set(['licensing', 'penalty', 'coercion', 'levy', 'inspection', 'confirmation', 'adjudication']);
const PUBLIC_WELFARE = new Set(['public_welfare_1', 'public_welfare_2']);
const LEVELS_NEEDING_APPROVAL = new Set(['national', 'provincial']);
const NOT_CATALOGUE_TYPES = new Set(['agri_sci_park', 'logistics_hub', 'scenic_area']);

export const agencyItem = (a: Pick<AgencyRec, 'id' | 'full_name'>, field?: string): RuleItem =>
  (field ? { table: 'agencies', id: a.id, field, name: a.full_name } : { table: 'agencies', id: a.id, name: a.full_name });
const rowItem = (table: string, r: { id: number; name?: unknown; title?: unknown }, field?: string): RuleItem => {
  const name = String(r.name ?? r.title ?? '');
  return field ? { table, id: r.id, field, name } : { table, id: r.id, name };
};

/**
 * Chinese labels of enum keys, looked up once (a national check formats tens of thousands of messages); keyed
 * by enum, then key, so that a lookup builds no string.
 */
const labelCache = new Map<string, Map<string, string>>();
export function label(name: Parameters<typeof enumLabel>[0], key: string): string {
  let labels = labelCache.get(name);
  if (!labels) labelCache.set(name, (labels = new Map()));
  let v = labels.get(key);
  if (v === undefined) labels.set(key, (v = enumLabel(name, key)));
  return v;
}

/** Most comprehensive departments allowed: with 30% and 7 departments, 2. */
export const comprehensiveAllowed = (total: number, percent: number): number => Math.floor((total * percent) / 100 + 1e-9);

// The loops over an agency's rows below are indexed: the rows arrive as packed, holey or frozen (shared empty)
// arrays, and for…of over that mix is not optimised into a plain loop (measured: an iterator object per loop).
//
// Besides the AfterAgency, each rule function takes the agency's row facts (row-facts.ts) and its AgencyHead
// (the columns read of every agency). The engine's national pass has both from the snapshot index, so that an
// agency without findings is checked without reading its row or its rows (see plain-agency.ts); by default
// they come from the AfterAgency itself.

export function zoneMgmtRules(
  a: AfterAgency, ctx: AgencyRuleContext, out: RuleResult[], facts: RowFacts = rowFactsOf(a, emptyRowFacts()), head: AgencyHead = a.row,
): void {
  const name = head.full_name;
  const zones = a.zones;
  // R2: a park's parent zone must still exist after the reform.
  for (let i = 0; i < zones.length; i++) {
    const z = zones[i];
    if (z.parent_zone_id != null && !ctx.zoneExists(z.parent_zone_id)) {
      out.push(result('R2', 'error', `园区“${z.name}”的所属开发区已不存在，需明确其归属（一区多园统一管理）`, [rowItem('zones', z, 'parent_zone_id')]));
    }
  }
  // R3: 党工委 + 管委会, one office and two nameplates.
  const party = facts.party;
  const hasPrimary = facts.primaryNameplates > 0;
  if (!party || !hasPrimary) {
    const missing = [!party ? '党工委' : '', !hasPrimary ? '管委会' : ''].filter(Boolean).join('、');
    out.push(result('R3', 'error', `${name}缺少${missing}牌子，开发区管理机构应实行党工委、管委会“一个机构、两块牌子”`, [agencyItem(head)]));
  } else if (facts.partyDispatcherWrong) {
    out.push(result('R3', 'warning', `${name}的党工委牌子派出机关为“${party.dispatcher}”，党工委应为同级党委的派出机构`, [rowItem('nameplates', party, 'dispatcher')]));
  }
  // R4: departments within the cap.
  const depts = facts.departments;
  const cap = head.internal_dept_cap;
  if (cap != null && depts > cap) {
    out.push(result('R4', 'error', `${name}内设机构${depts}个，超过限额${cap}个`, [agencyItem(head, 'internal_dept_cap')]));
  }
  // R5: comprehensive departments at most the profile's percentage.
  const allowed = comprehensiveAllowed(depts, ctx.profile.r5Percent);
  if (depts > 0 && facts.comprehensiveDepts > allowed) {
    const comp = a.departments.filter(isComprehensiveDept);
    out.push(result('R5', 'error', `${name}综合性内设机构${comp.length}个，占内设机构总数${depts}个的${Math.round((comp.length / depts) * 100)}%，超过${ctx.profile.r5Percent}%（最多${allowed}个）`,
      [agencyItem(head), ...comp.map((d) => rowItem('departments', d, 'function_class'))]));
  }
  // R6: no social-affairs departments or duties in the zone.
  if (facts.socialAffairsDepts > 0) for (const d of a.departments) {
    if (isSocialAffairsDept(d)) out.push(result('R6', 'error', `${name}设有社会事务机构“${d.name}”，社会事务应由所在县区承担，开发区不再设立相应机构`, [rowItem('departments', d, 'function_class')]));
  }
  const functions = a.functions;
  for (let i = 0; i < functions.length; i++) {
    const f = functions[i];
    if (f.is_social_affairs === 1) out.push(result('R6', 'error', `${name}仍承担社会事务职能“${f.name}”，应划转所在县区政府及相关部门并填写职责去向`, [rowItem('functions', f, 'destination')]));
  }
  // R7: dispatched units.
  const dispatched = a.dispatched;
  for (let i = 0; i < dispatched.length; i++) {
    const u = dispatched[i];
    if (u.unit_status === 'revoked') continue;
    if (ctx.profile.r7Mode === 'revoke_all') {
      out.push(result('R7', 'error', `${name}的派驻机构“${u.name}”应撤销（县区开发区派驻机构全部撤销）`, [rowItem('dispatched_units', u, 'unit_status')]));
    } else if (u.domain === 'natural_resources') {
      out.push(result('R7', 'warning', `${name}的派驻机构“${u.name}”建议撤销，相关职能按“能放尽放、能授尽授”授权开发区内设机构办理`, [rowItem('dispatched_units', u, 'unit_status')]));
    } else if (!ctx.profile.r7AllowedDomains.includes(u.domain)) {
      const allowedZh = ctx.profile.r7AllowedDomains.map((k) => enumLabel('dispatched_domain', k)).join('、');
      out.push(result('R7', 'warning', `${name}的派驻机构“${u.name}”（${enumLabel('dispatched_domain', u.domain)}）不在允许派驻的领域（${allowedZh}）`, [rowItem('dispatched_units', u, 'domain')]));
    }
  }
  // R13: names follow the zone.
  let zone: ZoneRec | undefined;
  for (let i = 0; i < zones.length && !zone; i++) if (zones[i].parent_zone_id == null) zone = zones[i];
  if (zone) {
    const zn = zone.name;
    const matches = name.startsWith(zn) && (name.length === zn.length + 5 ? name.endsWith('管理委员会') : name.length === zn.length + 3 && name.endsWith('管委会'));
    if (!matches) {
      out.push(result('R13', 'warning', `${name}的名称与所管理的开发区“${zone.name}”不一致，应为“${zone.name}管理委员会”`, [agencyItem(head, 'full_name')]));
    }
    if (party && !(party.name.length === zn.length + 7 && party.name.startsWith('中共') && party.name.endsWith('工作委员会') && party.name.startsWith(zn, 2))) {
      out.push(result('R13', 'warning', `党工委牌子“${party.name}”应为“中共${zone.name}工作委员会”`, [rowItem('nameplates', party, 'name')]));
    }
  }
  // R15: administrative powers exercised by the zone need a delegation document.
  for (let i = 0; i < functions.length; i++) {
    const f = functions[i];
    if (f.power_type && ADMIN_POWERS.has(f.power_type) && !f.delegation_doc) {
      out.push(result('R15', 'warning', `${name}的职能“${f.name}”属${enumLabel('power_type', f.power_type)}，需有赋权或委托文件；未经赋权的行政处罚由市直部门执法机构承担`, [rowItem('functions', f, 'delegation_doc')]));
    }
  }
  if (ctx.planMode && a.touched) {
    // R16: the 三定 elements of every agency the plan creates or changes, including the duty boundary with
    // the host county government.
    const ag = a.row;
    const missing: string[] = [];
    if (!ag.duties_text) missing.push('主要职责');
    else if (!/边界|属地/.test(ag.duties_text)) missing.push('与属地政府的职责边界');
    if (!ag.rank) missing.push('机构规格');
    if (depts === 0) missing.push('内设机构');
    if (a.staffing.length === 0) missing.push('人员编制');
    if (a.posts.length === 0) missing.push('领导职数');
    if (missing.length) out.push(result('R16', 'warning', `${name}的“三定”要素不全：缺少${missing.join('、')}`, [agencyItem(head, 'duties_text')]));
  }
  if (!ctx.planMode || a.touched) {
    // R17: catalogue consistency of the zones it manages (in a plan: of the agencies it touches).
    for (const z of zones) {
      if (LEVELS_NEEDING_APPROVAL.has(z.zone_level)) {
        const lack = [!z.approval_authority ? '批准机关' : '', !z.approval_doc_no ? '批准文号' : '', !z.approved_on ? '批准日期' : ''].filter(Boolean);
        if (lack.length) out.push(result('R17', 'warning', `${enumLabel('zone_level', z.zone_level)}开发区“${z.name}”缺少${lack.join('、')}`, [rowItem('zones', z, 'approval_doc_no')]));
      }
      if (NOT_CATALOGUE_TYPES.has(z.zone_type) && z.catalogue_listed === 1) {
        out.push(result('R17', 'warning', `“${z.name}”为${enumLabel('zone_type', z.zone_type)}，不属于开发区目录中的开发区`, [rowItem('zones', z, 'catalogue_listed')]));
      }
    }
  }
}

export function anyAgencyRules(
  a: AfterAgency, ctx: AgencyRuleContext, out: RuleResult[], facts: RowFacts = rowFactsOf(a, emptyRowFacts()), head: AgencyHead = a.row,
): void {
  const ag = a.row;
  // R8: a public institution whose sponsor the plan removes must be accounted for too.
  if (a.touched && a.fromId !== null && ag.superior_id == null) {
    const b = ctx.beforeAgency(a.fromId);
    if (b?.superior_id != null) {
      const sup = ctx.beforeAgency(b.superior_id);
      out.push(result('R8', 'error', `${head.full_name}的举办单位${sup ? `“${sup.full_name}”` : ''}被撤销，需明确其隶属或一并处理`, [agencyItem(head, 'superior_id')]));
    }
  }
  // R10: 超编, by staffing type (only when some row is over: rows within their posts never add up to more).
  if (facts.overStaffed > 0) {
    const byType = new Map<string, { approved: number; actual: number }>();
    for (const s of a.staffing) {
      const t = byType.get(s.staffing_type) ?? { approved: 0, actual: 0 };
      t.approved += s.approved;
      t.actual += s.actual ?? 0;
      byType.set(s.staffing_type, t);
    }
    for (const [type, t] of byType) {
      if (t.actual > t.approved) {
        out.push(result('R10', 'warning', `${head.full_name}${label('staffing_type', type)}超编${t.actual - t.approved}名（核定${t.approved}名，实有${t.actual}名），需制定消化方案`, [agencyItem(head)], type));
      }
    }
  }
  // R11: 超职数.
  if (facts.overFilledPosts > 0) for (const p of a.posts) {
    if (isOverFilled(p)) {
      out.push(result('R11', 'error', `${head.full_name}“${p.title}”超职数${(p.filled ?? 0) - p.approved}名（核定${p.approved}名，实配${p.filled}名）`, [rowItem('leader_posts', p, 'filled')]));
    }
  }
  // R14: new public institutions are public-welfare class 1 or 2, with funding form and sponsor.
  if (head.agency_kind === 'public_institution' && (!ctx.planMode || a.fromId === null)) {
    const problems: string[] = [];
    if (!ag.su_class) problems.push('未明确事业单位类别');
    else if (!PUBLIC_WELFARE.has(ag.su_class)) problems.push(`类别为“${enumLabel('su_class', ag.su_class)}”，不得新设承担行政职能或生产经营类事业单位`);
    if (!ag.funding_form) problems.push('未明确经费形式');
    if (ag.superior_id == null) problems.push('未明确举办单位');
    if (problems.length) out.push(result('R14', 'error', `事业单位${head.full_name}${problems.join('；')}`, [agencyItem(head, 'su_class')]));
  }
  // R20: the after state starts on the effective date.
  if (ctx.eff && (a.fromId === null || a.versioned) && ag.valid_from !== ctx.eff) {
    out.push(result('R20', 'info', `${head.full_name}改革后的记录生效日期为${ag.valid_from ?? '（空）'}，与方案生效日期${ctx.eff}不一致`, [agencyItem(head, 'valid_from')]));
  }
}

export function agencyRules(a: AfterAgency, ctx: AgencyRuleContext): RuleResult[] {
  const out: RuleResult[] = [];
  collectAgencyRules(a, ctx, out);
  return out;
}

/** agencyRules, appending to `out` (the engine's national pass reuses one array for agencies without findings). */
export function collectAgencyRules(
  a: AfterAgency, ctx: AgencyRuleContext, out: RuleResult[], facts: RowFacts = rowFactsOf(a, emptyRowFacts()), head: AgencyHead = a.row,
): void {
  if (head.agency_kind === 'zone_mgmt') zoneMgmtRules(a, ctx, out, facts, head);
  anyAgencyRules(a, ctx, out, facts, head);
}

/** Rank order, highest first (正厅 … 未定级), for 超规格. */
export const RANK_ORDER: string[] = ENUMS.rank.map((o) => o.key);
export const rankHigher = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && RANK_ORDER.indexOf(a) >= 0 && RANK_ORDER.indexOf(b) >= 0 && RANK_ORDER.indexOf(a) < RANK_ORDER.indexOf(b);

export { zoneNameOf };
