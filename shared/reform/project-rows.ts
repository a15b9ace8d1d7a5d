// Row-level steps of the projection: applying update/end items to an agency's rows, creating rows from
// items, and moving staffing into a merge target. Rows the plan leaves alone are returned as the same
// objects, so projecting a national register copies only what changes.
import type { SnapshotIndex } from '../rules/snapshot-index';
import type { Rec, StaffingRec } from '../rules/types';
import { ENUMS } from '../enums';
import type { PlanIndex } from './plan-index';
import { virtualId, type EndPatch, type ItemKind, type Mapping, type PlanItem } from './types';

export interface ProjectionContext {
  readonly before: SnapshotIndex;
  readonly plan: PlanIndex;
  readonly eff: string;
}

export const ITEM_TABLE: Record<ItemKind, string> = {
  department: 'departments', function: 'functions', staffing: 'staffing', leader_post: 'leader_posts',
  nameplate: 'nameplates', dispatched_unit: 'dispatched_units', public_institution: 'agencies',
};
export const AGENCY_COLUMN: Record<string, string> = {
  nameplates: 'agency_id', departments: 'agency_id', staffing: 'agency_id', leader_posts: 'agency_id',
  functions: 'agency_id', dispatched_units: 'host_agency_id',
};
const FIXED = new Set(['id', 'valid_from', 'valid_to', 'agency_id', 'host_agency_id']);
export const STAFFING_TYPES: string[] = ENUMS.staffing_type.map((o) => o.key);

/** Copy of `row` with the payload's columns (only columns the row has), or the row itself if nothing differs. */
export function patchRow<T extends Rec>(row: T, payload: Record<string, unknown>, eff: string): T {
  let out: T | null = null;
  for (const [k, v] of Object.entries(payload)) {
    if (FIXED.has(k)) continue;
    let value = v;
    if (k === 'approved_delta' || k === 'actual_delta') {
      const col = k === 'approved_delta' ? 'approved' : 'actual';
      value = Math.max(0, Number((out ?? row)[col] ?? 0) + Number(v));
      if (value === (out ?? row)[col]) continue;
      out ??= { ...row };
      (out as Rec)[col] = value as number;
      continue;
    }
    if (!(k in row) || typeof value === 'object' && value !== null) continue;
    if (typeof value === 'boolean') value = value ? 1 : 0;
    if (row[k] === value) continue;
    out ??= { ...row };
    (out as Rec)[k] = value as string | number | null;
  }
  if (out) out.valid_from = eff;
  return out ?? row;
}

/**
 * Applies update/end items to rows. Ended rows disappear from the result (and are listed in `ends`), except
 * dispatched units, which stay on record as revoked from the effective date.
 */
export function applyRowItems<T extends Rec>(ctx: ProjectionContext, kind: ItemKind, rows: readonly T[], ends: EndPatch[]): readonly T[] {
  let out: T[] | null = null;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const items = ctx.plan.itemsOfRow(kind, r.id);
    if (items.length === 0) {
      out?.push(r);
      continue;
    }
    out ??= rows.slice(0, i);
    let cur: T | null = r;
    for (const it of items) {
      if (it.op === 'update') cur = patchRow(cur, it.payload, ctx.eff);
      else if (it.op === 'end') {
        if (kind === 'dispatched_unit') cur = { ...cur, unit_status: 'revoked', valid_from: ctx.eff };
        else {
          const patch: Record<string, string | number | null> = {};
          if (kind === 'function' && typeof it.payload.destination === 'string') patch.destination = it.payload.destination;
          ends.push({ table: ITEM_TABLE[kind], id: r.id, patch });
          cur = null;
          break;
        }
      }
    }
    if (cur) out.push(cur);
  }
  return out ?? rows;
}

const CREATE_DEFAULTS: Partial<Record<ItemKind, Record<string, string | number>>> = {
  dispatched_unit: { unit_status: 'created' },
  department: { is_special: 0 },
  function: { is_social_affairs: 0 },
  leader_post: { elevated: 0 },
};

/** A row created by an item, owned by the after agency `owner`. */
export function createdRow<T extends Rec>(ctx: ProjectionContext, it: PlanItem, owner: number): T {
  const table = ITEM_TABLE[it.kind];
  const row: Rec = { id: virtualId('item', it.id, 0), ...CREATE_DEFAULTS[it.kind] };
  for (const [k, v] of Object.entries(it.payload)) {
    if (FIXED.has(k) || k.endsWith('_delta') || (typeof v === 'object' && v !== null)) continue;
    row[k] = typeof v === 'boolean' ? (v ? 1 : 0) : (v as string | number | null);
  }
  row[AGENCY_COLUMN[table]] = owner;
  row.valid_from = ctx.eff;
  row.valid_to = null;
  return row as T;
}

export function createdRowsOf<T extends Rec>(ctx: ProjectionContext, owner: number, kind: ItemKind): T[] {
  const items = ctx.plan.createItems.get(owner);
  if (!items) return [];
  return items.filter((it) => it.kind === kind).map((it) => createdRow<T>(ctx, it, owner));
}

/** What a merge or abolition moves to the target, by staffing type. merge_into moves everything by default. */
export function transferOf(m: Mapping, sourceRows: readonly StaffingRec[]): Record<string, number> {
  if (m.staffing_transfer && Object.keys(m.staffing_transfer).length > 0) return m.staffing_transfer;
  if (m.action !== 'merge_into') return {};
  const out: Record<string, number> = {};
  for (const r of sourceRows) out[r.staffing_type] = (out[r.staffing_type] ?? 0) + r.approved;
  return out;
}

/**
 * Adds the staffing of merged sources to the target's rows (人随事走: the people follow the posts). When a
 * type moves whole, all its people move; otherwise at most as many people as posts.
 */
export function addTransfers(
  ctx: ProjectionContext, key: number, rows: readonly StaffingRec[], sources: readonly number[],
  newRowId: (typeIndex: number) => number,
): readonly StaffingRec[] {
  let out: StaffingRec[] | null = null;
  for (const s of sources) {
    const m = ctx.plan.mappingOf(s);
    if (!m) continue;
    const srcRows = applyRowItems(ctx, 'staffing', ctx.before.childrenOf('staffing', s), []);
    const transfer = transferOf(m, srcRows);
    for (const [type, amount] of Object.entries(transfer)) {
      if (!(amount > 0)) continue;
      const src = srcRows.filter((r) => r.staffing_type === type);
      const srcApproved = src.reduce((n, r) => n + r.approved, 0);
      const srcActual = src.reduce((n, r) => n + (r.actual ?? 0), 0);
      const moved = amount >= srcApproved ? srcActual : Math.min(srcActual, amount);
      out ??= [...rows];
      const i = out.findIndex((r) => r.staffing_type === type);
      if (i >= 0) {
        out[i] = { ...out[i], approved: out[i].approved + amount, actual: (out[i].actual ?? 0) + moved, valid_from: ctx.eff };
      } else {
        out.push({ id: newRowId(Math.max(0, STAFFING_TYPES.indexOf(type))), agency_id: key, staffing_type: type, approved: amount, actual: moved, valid_from: ctx.eff, valid_to: null });
      }
    }
  }
  return out ?? rows;
}
