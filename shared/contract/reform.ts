// Calls of the merge wizard: reform plans (list, read, create, edit the scope, the mapping table and the
// items), check (rule results + before/after figures + Sankey links), apply, revert with conflict
// resolution, lineage, and the per-agency live rule check.
import { z } from 'zod';
import { enumKeys } from '../enums';
import type {
  ApplyOutcome, LineageEntry, ReformCheck, ReformDetail, ReformListEntry, RevertConflict, RevertOutcome,
} from '../reform/api-types';
import { ITEM_KINDS, ITEM_OPS, MAPPING_ACTIONS, type AfterAgency } from '../reform/types';
import type { RuleResult } from '../rules/types';
import { call, isoDate, rowId } from './define';

const text = (max: number) => z.string().trim().max(max).nullable().optional();
const enumOf = (name: Parameters<typeof enumKeys>[0]) => z.enum(enumKeys(name) as [string, ...string[]]);
const regionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字');

const ruleProfile = z.object({
  r1Mode: z.enum(['per_county_per_type', 'per_county_any', 'off']).optional(),
  r5Percent: z.number().min(1).max(100).optional(),
  r7Mode: z.enum(['allow_list', 'revoke_all']).optional(),
  r7AllowedDomains: z.array(enumOf('dispatched_domain')).optional(),
  r9PiOnlyDecrease: z.boolean().optional(),
}).strict();

const basisDoc = z.object({
  doc_no: z.string().trim().min(1).max(100),
  title: z.string().max(300).optional(),
  doc_type: z.string().max(40).optional(),
  date: isoDate.optional(),
  recipients: z.array(z.string().max(200)).max(50).optional(),
}).strict();

/** One row of the mapping table (机构整合对照表). */
export const mappingInput = z.object({
  id: rowId.optional(),
  seq: z.number().int().min(0).optional(),
  source_agency_id: rowId.nullable().optional(),
  action: z.enum(MAPPING_ACTIONS),
  target_agency_id: rowId.nullable().optional(),
  target_ref: text(64),
  ref_key: text(64),
  new_name: text(100),
  new_short_name: text(50),
  new_group: enumOf('type_group').nullable().optional(),
  new_zone_type: enumOf('zone_type').nullable().optional(),
  new_rank: enumOf('rank').nullable().optional(),
  new_superior_id: rowId.nullable().optional(),
  new_dispatching_body: text(200),
  new_region_code: regionCode.nullable().optional(),
  new_duties_text: text(20000),
  duties_destination: text(2000),
  staffing_transfer: z.partialRecord(enumOf('staffing_type'), z.number().int().min(0).max(100000)).nullable().optional(),
  people_note: text(2000),
  assets_note: text(2000),
  basis_doc_no: text(100),
  note: text(2000),
}).strict();

/** A change below agency level (department, function, staffing, post, nameplate, dispatched unit, public institution). */
export const itemInput = z.object({
  id: rowId.optional(),
  seq: z.number().int().min(0).optional(),
  kind: z.enum(ITEM_KINDS),
  op: z.enum(ITEM_OPS),
  target_id: rowId.nullable().optional(),
  agency_id: rowId.nullable().optional(),
  agency_ref: text(64),
  payload: z.record(z.string().max(64), z.unknown()),
  note: text(2000),
}).strict();

const reformFields = {
  name: z.string().trim().min(1).max(200),
  basisDocNo: text(100),
  basisDocs: z.array(basisDoc).max(100).optional(),
  effectiveDate: isoDate,
  regionCode,
  ruleProfile: ruleProfile.optional(),
  notes: text(5000),
};

const byId = z.object({ id: rowId }).strict();

export const REFORM_CALLS = {
  'reform.list': call<ReformListEntry[]>()(z.object({}).strict(), { mutates: false }),
  'reform.get': call<ReformDetail>()(byId, { mutates: false }),
  /** A new draft; prefill (default true) lists every management agency of the region as 'keep'. */
  'reform.create': call<ReformDetail>()(z.object({ ...reformFields, prefill: z.boolean().optional() }).strict(), { mutates: true }),
  /** The scope: name, documents, effective date, region, rule profile, notes. */
  'reform.update': call<ReformDetail>()(
    z.object({
      id: rowId, name: reformFields.name.optional(), basisDocNo: reformFields.basisDocNo, basisDocs: reformFields.basisDocs,
      effectiveDate: isoDate.optional(), regionCode: regionCode.optional(), ruleProfile: reformFields.ruleProfile, notes: reformFields.notes,
    }).strict(),
    { mutates: true },
  ),
  'reform.delete': call<{ id: number }>()(byId, { mutates: true }),
  'reform.setMappings': call<ReformDetail>()(z.object({ id: rowId, mappings: z.array(mappingInput).max(100_000) }).strict(), { mutates: true }),
  'reform.upsertMapping': call<{ reform: ReformDetail; mappingId: number }>()(z.object({ id: rowId, mapping: mappingInput }).strict(), { mutates: true }),
  'reform.deleteMapping': call<ReformDetail>()(z.object({ id: rowId, mappingId: rowId }).strict(), { mutates: true }),
  'reform.setItems': call<ReformDetail>()(z.object({ id: rowId, items: z.array(itemInput).max(100_000) }).strict(), { mutates: true }),
  /** Rule results R1–R20, input problems, before / after / change by group and county, Sankey links. */
  'reform.check': call<ReformCheck>()(byId, { mutates: false }),
  /** The projected state of one agency after the reform (key: agency id, or a planned agency's negative key). */
  'reform.preview': call<AfterAgency | null>()(z.object({ id: rowId, key: z.number().int() }).strict(), { mutates: false }),
  /** Backup, then one history group. Every warning must be acknowledged (its key, or true for all). */
  'reform.apply': call<ApplyOutcome>()(
    z.object({ id: rowId, acknowledgedWarnings: z.union([z.literal(true), z.array(z.string().max(1000)).max(100_000)]).optional() }).strict(),
    { mutates: true },
  ),
  /** Without resolutions, conflicts are returned and nothing is written. */
  'reform.revert': call<RevertOutcome>()(
    z.object({
      id: rowId,
      resolutions: z.array(z.object({
        table: z.string().max(64), id: rowId, field: z.string().max(64).optional(), choice: z.enum(['keep', 'restore']),
      }).strict()).max(100_000).optional(),
    }).strict(),
    { mutates: true },
  ),
  'reform.conflicts': call<RevertConflict[]>()(byId, { mutates: false }),
  /** 历史沿革: of one agency (through renames and merges) or of one reform. */
  'reform.lineage': call<LineageEntry[]>()(
    z.object({ agencyId: rowId.optional(), reformId: rowId.optional() }).strict().refine((v) => (v.agencyId === undefined) !== (v.reformId === undefined), '应指定机构或改革方案之一'),
    { mutates: false },
  ),
  /** Live checks of one agency for the editors (R3–R7, 超编, 超职数, duplicate names, R14, credit code). */
  'rules.checkAgency': call<RuleResult[]>()(z.object({ agencyId: rowId, asOf: isoDate.optional() }).strict(), { mutates: false }),
};
