// A reform plan as the rules and the projection read it: the mapping table (机构整合对照表), the items below
// agency level, and the projected state of each agency after the reform. Pure types and tiny helpers.
import type {
  AgencyRec, DeptRec, DispatchedRec, FunctionRec, NameplateRec, PostRec, RuleProfile, StaffingRec, ZoneRec,
} from '../rules/types';

export const MAPPING_ACTIONS = ['keep', 'merge_into', 'abolish', 'rename', 'retype', 'rerank', 'add_nameplate', 'reparent', 'create'] as const;
export type MappingAction = (typeof MAPPING_ACTIONS)[number];

export const MAPPING_ACTION_ZH: Record<MappingAction, string> = {
  keep: '保留', merge_into: '整合并入', abolish: '撤销', rename: '更名', retype: '调整类型', rerank: '调整规格',
  add_nameplate: '加挂牌子', reparent: '调整隶属', create: '新设',
};

/** Actions after which the source agency no longer exists on its own. */
export const REMOVING_ACTIONS: ReadonlySet<MappingAction> = new Set(['merge_into', 'abolish']);

export interface Mapping {
  id: number;
  seq?: number;
  source_agency_id: number | null;
  action: MappingAction;
  target_agency_id?: number | null;
  target_ref?: string | null;
  ref_key?: string | null;
  new_name?: string | null;
  new_short_name?: string | null;
  new_group?: string | null;
  new_zone_type?: string | null;
  new_rank?: string | null;
  new_superior_id?: number | null;
  new_dispatching_body?: string | null;
  new_region_code?: string | null;
  new_duties_text?: string | null;
  duties_destination?: string | null;
  /** Posts moved to the target, by staffing type (编制划转). Empty for merge_into = everything moves. */
  staffing_transfer?: Record<string, number> | null;
  people_note?: string | null;
  assets_note?: string | null;
  basis_doc_no?: string | null;
  note?: string | null;
}

export const ITEM_KINDS = ['department', 'function', 'staffing', 'leader_post', 'nameplate', 'dispatched_unit', 'public_institution'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_OPS = ['create', 'update', 'end'] as const;
export type ItemOp = (typeof ITEM_OPS)[number];

export const ITEM_KIND_ZH: Record<ItemKind, string> = {
  department: '内设机构', function: '职能', staffing: '编制', leader_post: '领导职数', nameplate: '牌子',
  dispatched_unit: '派驻机构', public_institution: '事业单位',
};

/**
 * A change below agency level. create: a new row owned by agency_id (or agency_ref, an agency the plan
 * creates); update: patch the row target_id (staffing also takes approved_delta / actual_delta);
 * end: the row ends on the effective date (functions record payload.destination; dispatched units are
 * kept on record as revoked; a public institution is abolished).
 */
export interface PlanItem {
  id: number;
  seq?: number;
  kind: ItemKind;
  op: ItemOp;
  target_id?: number | null;
  agency_id?: number | null;
  agency_ref?: string | null;
  payload: Record<string, unknown>;
  note?: string | null;
}

export interface BasisDoc {
  doc_no: string;
  title?: string;
  doc_type?: string;
  date?: string;
  recipients?: string[];
}

export interface Plan {
  id: number;
  name: string;
  effective_date: string;
  region_code: string;
  basis_doc_no?: string | null;
  basis_docs?: BasisDoc[];
  rule_profile?: Partial<RuleProfile>;
  mappings: Mapping[];
  items: PlanItem[];
}

/** The projected state of one agency after the reform. Ids below zero are rows the plan creates. */
export interface AfterAgency {
  /** Existing agency: its id (a new version gets a new id only when written); created: a virtual id. */
  key: number;
  fromId: number | null;
  row: AgencyRec;
  /** The agency row itself changes (rename, retype, rerank, reparent …): apply writes a new version. */
  versioned: boolean;
  /** The plan changes something about this agency or its rows. */
  touched: boolean;
  action: MappingAction | 'item' | null;
  mappingId: number | null;
  /** Existing agencies whose duties end up here (整合并入). */
  mergedFrom: number[];
  zones: readonly ZoneRec[];
  nameplates: readonly NameplateRec[];
  departments: readonly DeptRec[];
  staffing: readonly StaffingRec[];
  posts: readonly PostRec[];
  functions: readonly FunctionRec[];
  dispatched: readonly DispatchedRec[];
  /** Rows that end with extra fields recorded on the ended row (e.g. a function's destination). */
  endPatches: EndPatch[];
}

/** A row that ends on the effective date, with fields to record on the ended row. */
export interface EndPatch {
  table: string;
  id: number;
  patch: Record<string, string | number | null>;
}

/** An existing agency that does not continue: merged into another or abolished. */
export interface RemovedAgency {
  agencyId: number;
  status: 'merged' | 'abolished';
  /** After key of the successor (merge target), or null. */
  targetKey: number | null;
  mapping: Mapping | null;
  endPatches: EndPatch[];
}

type Owner = 'mapping' | 'item' | 'agency';
const OWNER_CODE: Record<Owner, number> = { mapping: 0, item: 1, agency: 2 };

/**
 * Deterministic ids for rows the plan would create, so that rule results point at the same planned row
 * across re-checks. Always negative; distinct per (owner, owner id, slot) within a table.
 */
export function virtualId(owner: Owner, ownerId: number, slot: number): number {
  return -((Math.abs(ownerId) * 3 + OWNER_CODE[owner]) * 64 + slot + 1);
}

/** "天水经济技术开发区管理委员会" → "天水经济技术开发区". */
export function zoneNameOf(agencyName: string): string {
  return agencyName.replace(/(党工委)?(管理委员会|管委会)$/, '');
}

export function parseStaffingTransfer(raw: unknown): Record<string, number> | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const obj = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (typeof obj !== 'object' || obj === null) return null;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) if (typeof v === 'number') out[k] = v;
  return out;
}
