// Reform plans in the database: list, read, create (with a 'keep' row for every agency of the region, as
// the wizard's first step shows them), edit the mapping table and the items. Every write goes through the
// write path; a draft whose mapping table has input errors is refused with a Chinese message.
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { ReformDetail, ReformListEntry, ReformStatus } from '../../shared/reform/api-types';
import type { BasisDoc, Mapping, Plan, PlanItem } from '../../shared/reform/types';
import { parseStaffingTransfer } from '../../shared/reform/types';
import { validatePlan } from '../../shared/reform/validate';
import { SnapshotIndex } from '../../shared/rules/snapshot-index';
import { previousDay } from '../../shared/text';
import type { Store } from '../store';
import type { Tx } from '../write-path';
import { inRegion, loadSnapshot, regionPrefix } from './snapshot';

export type MappingInput = Omit<Mapping, 'id'> & { id?: number };
export type ItemInput = Omit<PlanItem, 'id'> & { id?: number };

export interface ReformInput {
  name: string;
  basisDocNo?: string | null;
  basisDocs?: BasisDoc[];
  effectiveDate: string;
  regionCode: string;
  ruleProfile?: Record<string, unknown>;
  notes?: string | null;
}

const MAPPING_COLUMNS = [
  'source_agency_id', 'action', 'target_agency_id', 'target_ref', 'ref_key', 'new_name', 'new_short_name', 'new_group', 'new_zone_type',
  'new_rank', 'new_superior_id', 'new_dispatching_body', 'new_region_code', 'new_duties_text', 'duties_destination', 'staffing_transfer',
  'people_note', 'assets_note', 'basis_doc_no', 'note',
] as const;

type DbRow = Record<string, string | number | null>;
const json = <T>(s: unknown, fallback: T): T => {
  if (typeof s !== 'string' || s === '') return fallback;
  try { return JSON.parse(s) as T; } catch { return fallback; }
};

export function mappingFromRow(r: DbRow): Mapping {
  const m: Record<string, unknown> = { id: r.id, seq: r.seq };
  for (const c of MAPPING_COLUMNS) m[c] = r[c];
  m.staffing_transfer = parseStaffingTransfer(r.staffing_transfer);
  return m as unknown as Mapping;
}

export function mappingToRow(m: MappingInput, reformId: number, seq: number): Record<string, unknown> {
  const row: Record<string, unknown> = { reform_id: reformId, seq: m.seq ?? seq };
  for (const c of MAPPING_COLUMNS) row[c] = (m as Record<string, unknown>)[c] ?? null;
  row.staffing_transfer = m.staffing_transfer && Object.keys(m.staffing_transfer).length ? JSON.stringify(m.staffing_transfer) : null;
  return row;
}

const itemFromRow = (r: DbRow): PlanItem => ({
  id: r.id as number, seq: r.seq as number, kind: r.kind as PlanItem['kind'], op: r.op as PlanItem['op'], target_id: r.target_id as number | null,
  agency_id: r.agency_id as number | null, agency_ref: r.agency_ref as string | null, payload: json(r.payload, {}), note: r.note as string | null,
});

export const itemToRow = (it: ItemInput, reformId: number, seq: number) => ({
  reform_id: reformId, seq: it.seq ?? seq, kind: it.kind, op: it.op, target_id: it.target_id ?? null, agency_id: it.agency_id ?? null,
  agency_ref: it.agency_ref ?? null, payload: JSON.stringify(it.payload ?? {}), note: it.note ?? null,
});

export function listReforms(db: Database.Database): ReformListEntry[] {
  const rows = db.prepare(`SELECT r.*, (SELECT count(*) FROM reform_mappings m WHERE m.reform_id = r.id) AS n FROM reforms r ORDER BY r.id`).all() as DbRow[];
  return rows.map((r) => ({
    id: r.id as number, name: r.name as string, status: r.status as ReformStatus, effectiveDate: r.effective_date as string,
    regionCode: r.region_code as string, basisDocNo: r.basis_doc_no as string | null, mappingCount: r.n as number, appliedAt: r.applied_at as string | null,
  }));
}

export function getReform(db: Database.Database, id: number): ReformDetail {
  const r = db.prepare('SELECT * FROM reforms WHERE id = ?').get(id) as DbRow | undefined;
  if (!r) throw new AppError('not_found', `改革方案不存在（#${id}）`);
  const mappings = (db.prepare('SELECT * FROM reform_mappings WHERE reform_id = ? ORDER BY seq, id').all(id) as DbRow[]).map(mappingFromRow);
  const items = (db.prepare('SELECT * FROM reform_items WHERE reform_id = ? ORDER BY seq, id').all(id) as DbRow[]).map(itemFromRow);
  return {
    id, name: r.name as string, status: r.status as ReformStatus, basisDocNo: r.basis_doc_no as string | null, basisDocs: json(r.basis_docs, []),
    effectiveDate: r.effective_date as string, regionCode: r.region_code as string, ruleProfile: json(r.rule_profile, {}),
    appliedGroupId: r.applied_group_id as number | null, revertedGroupId: r.reverted_group_id as number | null,
    appliedAt: r.applied_at as string | null, revertedAt: r.reverted_at as string | null,
    acknowledgedWarnings: json(r.acknowledged_warnings, []), backupFile: r.backup_file as string | null, notes: r.notes as string | null,
    createdAt: r.created_at as string | null, mappings, items,
  };
}

export function planOf(d: ReformDetail): Plan {
  return {
    id: d.id, name: d.name, effective_date: d.effectiveDate, region_code: d.regionCode, basis_doc_no: d.basisDocNo,
    basis_docs: d.basisDocs, rule_profile: d.ruleProfile, mappings: d.mappings, items: d.items,
  };
}

/** The first draft (or reverted) plan: the CLI's default --id. */
export function defaultReformId(db: Database.Database): number {
  const r = db.prepare(`SELECT id FROM reforms WHERE status <> 'applied' ORDER BY id LIMIT 1`).get() as { id: number } | undefined;
  if (!r) throw new AppError('not_found', '没有可操作的改革方案草稿，请用 --id 指定方案');
  return r.id;
}

function editable(db: Database.Database, id: number): ReformDetail {
  const d = getReform(db, id);
  if (d.status === 'applied') throw new AppError('conflict', `改革方案“${d.name}”已实施，不能修改；如需调整请先撤回`);
  return d;
}

/** Refuses a plan with input errors (nothing is written). */
export function assertPlanValid(db: Database.Database, plan: Plan, strict: boolean): void {
  const before = new SnapshotIndex(loadSnapshot(db, previousDay(plan.effective_date), plan.region_code));
  const lookup = db.prepare('SELECT full_name, host_region_code FROM agencies WHERE id = ?');
  const problems = validatePlan(before, plan, {
    strict,
    inRegion: inRegion(regionPrefix(plan.region_code)),
    lookupAgency: (aid) => lookup.get(aid) as { full_name: string; host_region_code: string } | undefined,
    columnsOf: (t) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name),
  });
  if (problems.length) {
    const more = problems.length > 1 ? `（另有${problems.length - 1}处问题）` : '';
    throw new AppError('invalid_input', `改革方案“${plan.name}”有误：${problems[0].message}${more}。未做任何修改。`, problems);
  }
}

function reformFields(input: Partial<ReformInput>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.basisDocNo !== undefined) out.basis_doc_no = input.basisDocNo;
  if (input.basisDocs !== undefined) out.basis_docs = JSON.stringify(input.basisDocs);
  if (input.effectiveDate !== undefined) out.effective_date = input.effectiveDate;
  if (input.regionCode !== undefined) out.region_code = input.regionCode;
  if (input.ruleProfile !== undefined) out.rule_profile = JSON.stringify(input.ruleProfile);
  if (input.notes !== undefined) out.notes = input.notes;
  return out;
}

export function createReform(store: Store, input: ReformInput, opts: { prefill?: boolean } = {}): ReformDetail {
  const region = store.db.prepare('SELECT code FROM regions WHERE code = ?').get(input.regionCode);
  if (!region) throw new AppError('invalid_input', `行政区划代码不存在：${input.regionCode}`);
  const { result } = store.wp.mutate(`新建改革方案“${input.name}”`, (tx) => {
    const r = tx.insert('reforms', { ...reformFields(input), status: 'draft', created_at: new Date().toISOString() });
    if (opts.prefill !== false) {
      const before = loadSnapshot(tx.db, previousDay(input.effectiveDate), input.regionCode);
      before.agencies.filter((a) => a.agency_kind === 'zone_mgmt').forEach((a, i) => {
        tx.insert('reform_mappings', mappingToRow({ source_agency_id: a.id, action: 'keep' }, r.id, i + 1));
      });
    }
    return r.id;
  });
  return getReform(store.db, result);
}

export function updateReform(store: Store, id: number, patch: Partial<ReformInput>): ReformDetail {
  const d = editable(store.db, id);
  const fields = reformFields(patch);
  if (patch.effectiveDate !== undefined || patch.regionCode !== undefined) {
    assertPlanValid(store.db, { ...planOf(d), effective_date: patch.effectiveDate ?? d.effectiveDate, region_code: patch.regionCode ?? d.regionCode }, false);
  }
  store.wp.mutate(`修改改革方案“${d.name}”`, (tx) => tx.update('reforms', id, fields));
  return getReform(store.db, id);
}

function replaceRows(tx: Tx, table: 'reform_mappings' | 'reform_items', reformId: number): void {
  for (const r of tx.db.prepare(`SELECT id FROM ${table} WHERE reform_id = ?`).all(reformId) as { id: number }[]) tx.delete(table, r.id);
}

/** Temporary ids for rows not yet saved, so the plan can be validated before anything is written. */
function withIds<T extends { id?: number }>(rows: T[], db: Database.Database, table: string): Array<T & { id: number }> {
  let next = ((db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${table}`).get() as { m: number }).m) + 1;
  return rows.map((r) => ({ ...r, id: r.id ?? next++ }));
}

export function setMappings(store: Store, id: number, mappings: MappingInput[]): ReformDetail {
  const d = editable(store.db, id);
  assertPlanValid(store.db, { ...planOf(d), mappings: withIds(mappings, store.db, 'reform_mappings') }, false);
  store.wp.mutate(`修改“${d.name}”的机构整合对照表（${mappings.length}行）`, (tx) => {
    replaceRows(tx, 'reform_mappings', id);
    mappings.forEach((m, i) => tx.insert('reform_mappings', mappingToRow(m, id, i + 1)));
  });
  return getReform(store.db, id);
}

export function upsertMapping(store: Store, id: number, mapping: MappingInput): { reform: ReformDetail; mappingId: number } {
  const d = editable(store.db, id);
  if (mapping.id !== undefined && !d.mappings.some((m) => m.id === mapping.id)) throw new AppError('not_found', `对照表中没有这一行（#${mapping.id}）`);
  const [withId] = withIds([mapping], store.db, 'reform_mappings');
  const mappings = mapping.id !== undefined ? d.mappings.map((m) => (m.id === mapping.id ? withId : m)) : [...d.mappings, withId];
  assertPlanValid(store.db, { ...planOf(d), mappings }, false);
  const seq = mapping.seq ?? (d.mappings.find((m) => m.id === mapping.id)?.seq ?? d.mappings.length + 1);
  const { result } = store.wp.mutate(`修改“${d.name}”的对照表`, (tx) => {
    const row = mappingToRow(mapping, id, seq);
    return mapping.id !== undefined ? tx.update('reform_mappings', mapping.id, row).id : tx.insert('reform_mappings', row).id;
  });
  return { reform: getReform(store.db, id), mappingId: result };
}

export function deleteMapping(store: Store, id: number, mappingId: number): ReformDetail {
  const d = editable(store.db, id);
  if (!d.mappings.some((m) => m.id === mappingId)) throw new AppError('not_found', `对照表中没有这一行（#${mappingId}）`);
  store.wp.mutate(`删除“${d.name}”对照表中的一行`, (tx) => tx.delete('reform_mappings', mappingId));
  return getReform(store.db, id);
}

export function setItems(store: Store, id: number, items: ItemInput[]): ReformDetail {
  const d = editable(store.db, id);
  assertPlanValid(store.db, { ...planOf(d), items: withIds(items, store.db, 'reform_items') }, false);
  store.wp.mutate(`修改“${d.name}”的调整事项（${items.length}条）`, (tx) => {
    replaceRows(tx, 'reform_items', id);
    items.forEach((it, i) => tx.insert('reform_items', itemToRow(it, id, i + 1)));
  });
  return getReform(store.db, id);
}

export function deleteReform(store: Store, id: number): void {
  const d = editable(store.db, id);
  if (d.status !== 'draft') throw new AppError('conflict', `改革方案“${d.name}”已实施过，保留为历史记录，不能删除`);
  store.wp.mutate(`删除改革方案“${d.name}”`, (tx) => {
    replaceRows(tx, 'reform_mappings', id);
    replaceRows(tx, 'reform_items', id);
    tx.delete('reforms', id);
  });
}
