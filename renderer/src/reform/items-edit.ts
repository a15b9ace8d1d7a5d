// Changes below agency level (plan items) as the steps 3–5 make them: patch a row (an update item whose
// payload holds only what differs from the register), end a row, create a row for an agency — existing
// (agency_id) or one the plan creates (agency_ref). Also: which agencies each step shows ("targets").
import type { AfterAgency, ItemKind } from '../../../shared/reform/types';
import { virtualId } from '../../../shared/reform/types';
import { newKey, type Draft, type ItemDraft } from './draft';
import type { RegisterIndex } from './register-index';

export type Owner = { agency_id: number; agency_ref?: undefined } | { agency_id?: undefined; agency_ref: string };

/** The owner to give a create item for an after agency (a planned agency is named by its reference). */
export function ownerOf(a: AfterAgency, d: Draft): Owner | null {
  if (a.key > 0) return { agency_id: a.key };
  const m = a.mappingId != null ? d.mappings[a.mappingId - 1] : undefined;
  if (m?.ref_key) return { agency_ref: m.ref_key };
  const it = d.items.find((_, i) => virtualId('item', i + 1, 0) === a.key);
  const ref = it?.payload.ref_key;
  return typeof ref === 'string' && ref ? { agency_ref: ref } : null;
}

export const ownedBy = (it: ItemDraft, o: Owner): boolean =>
  it.op === 'create' && (o.agency_id != null ? it.agency_id === o.agency_id : it.agency_ref === o.agency_ref);

/** Sets fields of a register row through its update item; values equal to the register drop out. */
export function patchRow(d: Draft, kind: ItemKind, targetId: number, patch: Record<string, unknown>, original: Record<string, unknown>): void {
  let it = d.items.find((x) => x.kind === kind && x.op === 'update' && x.target_id === targetId);
  if (!it) {
    it = { k: newKey(), kind, op: 'update', target_id: targetId, payload: {} };
    d.items.push(it);
  }
  const payload = { ...it.payload };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || v === '' || (k in original && original[k] === v)) delete payload[k];
    else payload[k] = v;
  }
  it.payload = payload;
  if (!Object.keys(payload).length && !it.note) d.items = d.items.filter((x) => x !== it);
}

export function isEnded(d: Draft, kind: ItemKind, targetId: number): ItemDraft | undefined {
  return d.items.find((x) => x.kind === kind && x.op === 'end' && x.target_id === targetId);
}

export function setEnded(d: Draft, kind: ItemKind, targetId: number, on: boolean, payload: Record<string, unknown> = {}, note?: string): void {
  const cur = isEnded(d, kind, targetId);
  if (on && !cur) d.items.push({ k: newKey(), kind, op: 'end', target_id: targetId, payload, ...(note ? { note } : {}) });
  if (!on && cur) d.items = d.items.filter((x) => x !== cur);
}

export function addCreate(d: Draft, kind: ItemKind, owner: Owner | null, payload: Record<string, unknown>, note?: string): void {
  d.items.push({ k: newKey(), kind, op: 'create', ...(owner ?? {}), payload, ...(note ? { note } : {}) });
}

/** The register agency whose row an update / end item touches. */
export function agencyOfItem(it: ItemDraft, reg: RegisterIndex): number | null {
  if (it.op === 'create') return it.agency_id ?? null;
  const id = it.target_id;
  const s = reg.snapshot;
  switch (it.kind) {
    case 'department': return s.departments.find((r) => r.id === id)?.agency_id ?? null;
    case 'staffing': return s.staffing.find((r) => r.id === id)?.agency_id ?? null;
    case 'leader_post': return s.posts.find((r) => r.id === id)?.agency_id ?? null;
    case 'function': return s.functions.find((r) => r.id === id)?.agency_id ?? null;
    case 'dispatched_unit': return s.dispatched.find((r) => r.id === id)?.host_agency_id ?? null;
    case 'nameplate': return s.nameplates.find((r) => r.id === id)?.agency_id ?? null;
    default: return id ?? null;
  }
}

/**
 * The agencies a step shows: those that receive merged agencies, agencies the plan creates, and agencies
 * with items of the step's kinds (e.g. a department set up, a unit revoked), plus any the user added.
 */
export function stepTargets(after: readonly AfterAgency[], d: Draft, reg: RegisterIndex, kinds: readonly ItemKind[], extra: readonly number[]): AfterAgency[] {
  const withItems = new Set<number>();
  for (const it of d.items) {
    if (!kinds.includes(it.kind)) continue;
    const a = agencyOfItem(it, reg);
    if (a != null) withItems.add(a);
  }
  const refs = new Set(d.items.filter((it) => kinds.includes(it.kind) && it.agency_ref).map((it) => it.agency_ref!));
  const out = after.filter((a) => a.row.agency_kind === 'zone_mgmt' && (a.mergedFrom.length > 0 || (a.key < 0 && a.action === 'create')
    || withItems.has(a.key) || extra.includes(a.key) || (a.key < 0 && refs.size > 0 && refs.has(ownerOf(a, d)?.agency_ref ?? ''))));
  for (const id of extra) if (!out.some((a) => a.key === id)) { const u = untouched(reg, id); if (u) out.push(u); }
  return out;
}

/** An agency the plan leaves alone, in the shape of a projection (its rows as they are). */
export function untouched(reg: RegisterIndex, id: number): AfterAgency | null {
  const row = reg.agencyById.get(id);
  if (!row) return null;
  return {
    key: id, fromId: id, row, versioned: false, touched: false, action: null, mappingId: null, mergedFrom: [], zones: [],
    nameplates: [], departments: reg.departments.get(id) ?? [], staffing: reg.staffing.get(id) ?? [], posts: reg.posts.get(id) ?? [],
    functions: reg.functions.get(id) ?? [], dispatched: reg.dispatched.get(id) ?? [], endPatches: [],
  };
}
