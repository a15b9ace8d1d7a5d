// Input errors in a plan, as opposed to rule findings: a plan with these cannot even be projected
// sensibly (a source mapped twice, a merge cycle, a target outside the region, staffing that does not add
// up …). Saving a draft refuses the structural ones; apply also refuses missing duty destinations. Every
// message names the agency in Chinese.
import { ENUMS } from '../enums';
import type { SnapshotIndex } from '../rules/snapshot-index';
import type { AgencyRec } from '../rules/types';
import { ITEM_CHILD_KEY, PlanIndex } from './plan-index';
import { ITEM_TABLE } from './project-rows';
import { MAPPING_ACTION_ZH, REMOVING_ACTIONS, type Mapping, type Plan, type PlanItem } from './types';

export interface PlanProblem {
  readonly path: string;
  readonly message: string;
}

export interface ValidateOptions {
  /** Apply-time checks as well (duty destination of merged and abolished agencies). */
  readonly strict: boolean;
  /** Is this county code inside the plan's region? */
  inRegion(code: string): boolean;
  /** Any agency in the register, also outside the region or not in force (for messages). */
  lookupAgency(id: number): Pick<AgencyRec, 'full_name' | 'host_region_code'> | undefined;
  /** Columns of a register table. */
  columnsOf(table: string): readonly string[];
}

const keysOf = (name: 'type_group' | 'zone_type' | 'rank' | 'staffing_type') => new Set<string>(ENUMS[name].map((o) => o.key));
const GROUPS = keysOf('type_group');
const ZONE_TYPES = keysOf('zone_type');
const RANKS = keysOf('rank');
const STAFFING = keysOf('staffing_type');
const ITEM_EXTRAS = new Set(['approved_delta', 'actual_delta', 'destination', 'staffing', 'superior_ref', 'ref_key', 'source', 'doc']);
const REQUIRED: Record<string, string[]> = {
  department: ['name', 'function_class'], function: ['name'], staffing: ['staffing_type', 'approved'], leader_post: ['title', 'approved'],
  nameplate: ['name', 'kind'], dispatched_unit: ['name', 'domain'], public_institution: ['full_name'],
};

export function validatePlan(before: SnapshotIndex, plan: Plan, opts: ValidateOptions): PlanProblem[] {
  const out: PlanProblem[] = [];
  const index = new PlanIndex(plan, before);
  const nameOf = (id: number | null | undefined): string => {
    if (id == null) return '';
    return before.agencyById.get(id)?.full_name ?? opts.lookupAgency(id)?.full_name ?? `#${id}`;
  };
  const refs = new Set<string>();
  plan.mappings.forEach((m, i) => {
    const path = `mappings[${i}]`;
    const src = m.source_agency_id != null ? before.agencyById.get(m.source_agency_id) : undefined;
    const who = m.action === 'create' ? `新设机构“${m.new_name ?? ''}”` : `“${nameOf(m.source_agency_id)}”`;
    const bad = (message: string): void => { out.push({ path, message }); };
    if (m.action !== 'create') {
      if (m.source_agency_id == null) return bad(`对照表第${i + 1}行未选择原机构`);
      if (!src) return bad(`${who}在生效日期前一日不是本方案行政区域内的在用机构，不能列入对照表`);
      const n = index.bySource.get(src.id)?.length ?? 0;
      if (n > 1 && index.bySource.get(src.id)![0].id === m.id) bad(`${who}在对照表中出现了${n}次，每个机构只能有一种处理方式`);
    }
    if (m.action === 'merge_into' && m.target_agency_id == null && !m.target_ref) bad(`${who}整合并入的目标机构未填写`);
    if (m.target_agency_id != null) {
      const t = before.agencyById.get(m.target_agency_id);
      const other = t ?? opts.lookupAgency(m.target_agency_id);
      if (!other) bad(`${who}的目标机构（#${m.target_agency_id}）不存在`);
      else if (!opts.inRegion(other.host_region_code)) bad(`${who}的目标机构“${other.full_name}”不在本方案的行政区域内`);
      else if (!t) bad(`${who}的目标机构“${other.full_name}”在生效日期前一日不是在用机构`);
      if (m.target_agency_id === m.source_agency_id) bad(`${who}不能并入自身`);
    }
    if (m.target_ref && index.refKey(m.target_ref) === undefined) bad(`${who}的目标“${m.target_ref}”不是本方案新设的机构`);
    if (m.source_agency_id != null && REMOVING_ACTIONS.has(m.action) && m.target_agency_id !== m.source_agency_id) {
      const final = index.finalTarget.get(m.source_agency_id);
      if (final === 'cycle') {
        bad(`${who}的整合并入形成循环：${chainNames(index, m, nameOf)}`);
      } else if (final === null && m.action === 'merge_into' && (m.target_agency_id != null || m.target_ref)) {
        bad(`${who}并入的机构“${nameOf(m.target_agency_id) || m.target_ref}”在本方案中被撤销，无法承接`);
      }
    }
    if (src) checkStaffing(m, src, before, who, bad);
    if (opts.strict && REMOVING_ACTIONS.has(m.action) && !(m.duties_destination ?? '').trim()) bad(`${who}${MAPPING_ACTION_ZH[m.action]}，未填写职责去向`);
    if (m.action === 'rename' && !m.new_name) bad(`${who}更名，未填写新名称`);
    if (m.action === 'add_nameplate' && !m.new_name) bad(`${who}加挂牌子，未填写牌子名称`);
    if (m.action === 'rerank' && !m.new_rank) bad(`${who}调整规格，未填写新规格`);
    if (m.action === 'reparent' && m.new_superior_id === undefined && !m.new_dispatching_body) bad(`${who}调整隶属，未填写新的隶属单位或派出主体`);
    if (m.action === 'retype') {
      const g = m.new_group ?? null;
      if (!g && !m.new_zone_type) bad(`${who}调整类型，未填写新的开发区类型`);
      else if (g && src && g === src.type_group) bad(`${who}调整类型后仍为原类型`);
    }
    if (m.new_group && !GROUPS.has(m.new_group)) bad(`${who}的开发区类型分组无效：${m.new_group}`);
    if (m.new_zone_type && !ZONE_TYPES.has(m.new_zone_type)) bad(`${who}的开发区类型无效：${m.new_zone_type}`);
    if (m.new_rank && !RANKS.has(m.new_rank)) bad(`${who}的规格无效：${m.new_rank}`);
    if (m.action === 'create') {
      if (!m.new_name) bad(`对照表第${i + 1}行新设机构未填写名称`);
      if (!m.ref_key) bad(`${who}未填写引用标识（供其他机构并入时引用）`);
      else if (refs.has(m.ref_key)) bad(`${who}的引用标识“${m.ref_key}”重复`);
      else refs.add(m.ref_key);
      if (m.new_region_code && !opts.inRegion(m.new_region_code)) bad(`${who}所在县区不在本方案的行政区域内`);
    }
  });
  plan.items.forEach((it, i) => checkItem(it, i, before, index, opts, nameOf, out));
  return out;
}

function chainNames(index: PlanIndex, m: Mapping, nameOf: (id: number | null | undefined) => string): string {
  const names = [nameOf(m.source_agency_id)];
  let cur: Mapping | undefined = m;
  const seen = new Set<number>();
  while (cur && cur.target_agency_id != null && !seen.has(cur.target_agency_id)) {
    seen.add(cur.target_agency_id);
    names.push(nameOf(cur.target_agency_id));
    cur = index.mappingOf(cur.target_agency_id);
    if (!cur || !REMOVING_ACTIONS.has(cur.action)) break;
  }
  return names.join(' → ');
}

function checkStaffing(m: Mapping, src: AgencyRec, before: SnapshotIndex, who: string, bad: (s: string) => void): void {
  const t = m.staffing_transfer;
  if (!t || Object.keys(t).length === 0) return;
  const have = new Map<string, number>();
  for (const r of before.childrenOf('staffing', src.id)) have.set(r.staffing_type, (have.get(r.staffing_type) ?? 0) + r.approved);
  for (const [type, n] of Object.entries(t)) {
    if (!STAFFING.has(type)) bad(`${who}的编制划转含无效的编制类型：${type}`);
    else if (!Number.isInteger(n) || n < 0) bad(`${who}的${ENUMS.staffing_type.find((o) => o.key === type)!.zh}划转数应为非负整数`);
  }
  if (!REMOVING_ACTIONS.has(m.action)) return bad(`${who}为“${MAPPING_ACTION_ZH[m.action]}”，不应填写编制划转`);
  const types = new Set([...have.keys(), ...Object.keys(t)]);
  for (const type of types) {
    if (!STAFFING.has(type)) continue;
    const had = have.get(type) ?? 0;
    const moved = t[type] ?? 0;
    const zh = ENUMS.staffing_type.find((o) => o.key === type)!.zh;
    if (m.action === 'merge_into' ? moved !== had : moved > had) {
      bad(`${who}的编制划转与原核定编制不符：${zh}原核定${had}名，划转${moved}名${m.action === 'merge_into' ? '（整合并入时编制应全部划转）' : ''}`);
    }
  }
}

function checkItem(it: PlanItem, i: number, before: SnapshotIndex, index: PlanIndex, opts: ValidateOptions,
  nameOf: (id: number | null | undefined) => string, out: PlanProblem[]): void {
  const path = `items[${i}]`;
  const label = `事项第${i + 1}条`;
  const bad = (message: string): void => { out.push({ path, message }); };
  const table = ITEM_TABLE[it.kind];
  const cols = new Set(opts.columnsOf(table));
  for (const k of Object.keys(it.payload)) if (!cols.has(k) && !ITEM_EXTRAS.has(k)) bad(`${label}的字段“${k}”不存在`);
  if (it.op === 'create') {
    for (const k of REQUIRED[it.kind] ?? []) if (it.payload[k] === undefined || it.payload[k] === null || it.payload[k] === '') bad(`${label}未填写“${k}”`);
    if (it.kind === 'public_institution') return;
    const owner = index.itemOwner(it);
    if (owner === undefined) return bad(`${label}的所属机构${it.agency_ref ? `“${it.agency_ref}”` : ''}未填写或不存在`);
    if (owner > 0) {
      if (!before.agencyById.has(owner)) return bad(`${label}的所属机构“${nameOf(owner)}”不在本方案的行政区域内`);
      const m = index.mappingOf(owner);
      if (m && REMOVING_ACTIONS.has(m.action)) bad(`${label}的所属机构“${nameOf(owner)}”在本方案中${MAPPING_ACTION_ZH[m.action]}，不能再新设下属事项`);
    }
    return;
  }
  if (it.target_id == null) return bad(`${label}未选择要${it.op === 'end' ? '撤销' : '调整'}的记录`);
  const key = ITEM_CHILD_KEY[it.kind];
  const exists = it.kind === 'public_institution' ? before.agencyById.has(it.target_id) : key ? before.ownerOf(key, it.target_id) !== undefined : false;
  if (!exists) bad(`${label}要${it.op === 'end' ? '撤销' : '调整'}的记录（#${it.target_id}）不在本方案的行政区域内或已失效`);
}
