// Writes a projected after-state into the register, inside the apply's one history group.
//
// Children are VERSIONED, not re-pointed: a row that changes, or whose agency gets a new version, ends on
// the effective date (valid_to) and a copy starts on it (valid_from) under the new agency id. Rows the
// plan leaves alone are not touched. So the register answers "as of" any date exactly: the day before the
// effective date shows the 26 agencies with their departments, staffing and nameplates as they were, the
// effective date shows the 23 with theirs; and revert only has to put back the recorded row images.
import type { SnapshotIndex } from '../../shared/rules/snapshot-index';
import { CHILD_KINDS, type Rec, type ZoneRec } from '../../shared/rules/types';
import type { AfterAgency, EndPatch, Plan, RemovedAgency } from '../../shared/reform/types';
import type { Tx } from '../write-path';

const SKIP = new Set(['id', 'valid_from', 'valid_to', 'status']);

/** Columns to insert for a new version: the row's own values (no id), then the overrides. */
function fields(row: Rec, overrides: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'id' && v !== undefined) out[k] = v;
  return Object.assign(out, overrides);
}

/** Does the projected row differ from the stored one (after resolving references to new ids)? */
function differs(before: Rec, after: Rec, resolved: Record<string, unknown>): boolean {
  for (const k of Object.keys(after)) {
    if (SKIP.has(k)) continue;
    const v = k in resolved ? resolved[k] : after[k];
    if ((v ?? null) !== (before[k] ?? null)) return true;
  }
  for (const k of Object.keys(resolved)) if ((resolved[k] ?? null) !== (before[k] ?? null)) return true;
  return false;
}

/** Orders items so that each comes after the one it points to (superior agency, parent zone). */
function parentsFirst<T>(items: readonly T[], keyOf: (t: T) => number, parentOf: (t: T) => number | null): T[] {
  const keys = new Set(items.map(keyOf));
  const done = new Set<number>();
  const out: T[] = [];
  let rest = [...items];
  while (rest.length) {
    const next: T[] = [];
    for (const t of rest) {
      const p = parentOf(t);
      if (p === null || p === keyOf(t) || !keys.has(p) || done.has(p)) {
        out.push(t);
        done.add(keyOf(t));
      } else next.push(t);
    }
    if (next.length === rest.length) { out.push(...next); break; } // a cycle: write in given order
    rest = next;
  }
  return out;
}

export interface WriteSummary {
  /** After key → agency id in the register. */
  readonly agencyIds: Map<number, number>;
  readonly changeCount: number;
}

export function writeAfterState(tx: Tx, before: SnapshotIndex, after: readonly AfterAgency[], removed: readonly RemovedAgency[], plan: Plan): WriteSummary {
  const eff = plan.effective_date;
  let changes = 0;
  const lineage = (from: number | null, to: number | null, action: string, docNo: string | null | undefined, note: string | null | undefined) => {
    tx.insert('lineage', { from_agency_id: from, to_agency_id: to, action, reform_id: plan.id, effective_date: eff, doc_no: docNo || plan.basis_doc_no || null, note: note ?? null });
  };
  const mappingOf = (id: number | null) => plan.mappings.find((m) => m.id === id);

  // 1. Agencies: new ones, and new versions of changed ones, sponsors before the units they sponsor.
  const ids = new Map<number, number>();
  for (const a of parentsFirst(after, (x) => x.key, (x) => x.row.superior_id)) {
    const sup = a.row.superior_id != null ? (ids.get(a.row.superior_id) ?? a.row.superior_id) : null;
    const m = mappingOf(a.mappingId);
    if (a.fromId === null) {
      const row = tx.insert('agencies', fields(a.row, { superior_id: sup, valid_from: eff, valid_to: null, status: 'active' }));
      ids.set(a.key, row.id);
      lineage(null, row.id, 'create', m?.basis_doc_no, m?.note ?? null);
      changes += 2;
      continue;
    }
    const b = before.agencyById.get(a.fromId)!;
    if (a.versioned || sup !== b.superior_id) {
      tx.update('agencies', b.id, { valid_to: eff, status: 'superseded' });
      const row = tx.insert('agencies', fields(a.row, { superior_id: sup, valid_from: eff, valid_to: b.valid_to ?? null, status: 'active' }));
      ids.set(a.key, row.id);
      const action = a.action && a.action !== 'keep' && a.action !== 'item' && a.action !== 'add_nameplate' ? a.action : sup !== b.superior_id ? 'reparent' : 'update';
      lineage(b.id, row.id, action, m?.basis_doc_no, m?.note ?? null);
      changes += 3;
    } else ids.set(a.key, a.key);
  }
  const agencyId = (k: number | null | undefined): number | null => (k == null ? null : (ids.get(k) ?? k));

  // 2. Agencies that do not continue: kept on record as merged / abolished, with their successor.
  for (const r of removed) {
    tx.update('agencies', r.agencyId, { valid_to: eff, status: r.status });
    lineage(r.agencyId, agencyId(r.targetKey), r.mapping?.action ?? 'abolish', r.mapping?.basis_doc_no, r.mapping?.duties_destination ?? null);
    changes += 2;
  }

  const endPatches = new Map<string, EndPatch['patch']>();
  for (const e of [...after.flatMap((a) => a.endPatches), ...removed.flatMap((r) => r.endPatches)]) {
    endPatches.set(`${e.table}:${e.id}`, { ...(endPatches.get(`${e.table}:${e.id}`) ?? {}), ...e.patch });
  }

  // 3. Zones: parents before parks, so a park points at its parent's new version.
  const afterZones = after.flatMap((a) => a.zones);
  const afterZoneIds = new Set(afterZones.map((z) => z.id));
  const zoneIds = new Map<number, number>();
  for (const z of parentsFirst(afterZones, (x) => x.id, (x) => x.parent_zone_id)) {
    const resolved = {
      management_agency_id: agencyId(z.management_agency_id),
      parent_zone_id: z.parent_zone_id != null ? (zoneIds.get(z.parent_zone_id) ?? z.parent_zone_id) : null,
    };
    const b = z.id > 0 ? before.zoneById.get(z.id) : undefined;
    if (b && !differs(b, z, resolved)) {
      zoneIds.set(z.id, z.id);
      continue;
    }
    if (b) tx.update('zones', b.id, { valid_to: eff, status: 'superseded' });
    const row = tx.insert('zones', fields(z as ZoneRec, { ...resolved, valid_from: eff, valid_to: b?.valid_to ?? null, status: 'active' }));
    zoneIds.set(z.id, row.id);
    changes += b ? 2 : 1;
  }
  for (const b of before.snapshot.zones) {
    if (afterZoneIds.has(b.id) || b.management_agency_id == null || !before.agencyById.has(b.management_agency_id)) continue;
    tx.update('zones', b.id, { valid_to: eff, status: 'abolished', ...(endPatches.get(`zones:${b.id}`) ?? {}) });
    changes++;
  }

  // 4. The agencies' own rows.
  for (const k of CHILD_KINDS) {
    const col = k.agencyColumn;
    const afterRows = new Map<number, Rec>();
    for (const a of after) for (const r of a[k.key] as readonly Rec[]) afterRows.set(r.id, r);
    for (const r of afterRows.values()) {
      const resolved = { [col]: agencyId(r[col] as number) };
      const b = r.id > 0 ? before.childRow(k.key, r.id) as Rec | undefined : undefined;
      if (b && !differs(b, r, resolved)) continue;
      if (b) tx.update(k.table, b.id, { valid_to: eff });
      tx.insert(k.table, fields(r, { ...resolved, valid_from: eff, valid_to: b?.valid_to ?? null }));
      changes += b ? 2 : 1;
    }
    for (const b of before.snapshot[k.key] as readonly Rec[]) {
      if (afterRows.has(b.id)) continue;
      tx.update(k.table, b.id, { valid_to: eff, ...(endPatches.get(`${k.table}:${b.id}`) ?? {}) });
      changes++;
    }
  }
  return { agencyIds: ids, changeCount: changes };
}
