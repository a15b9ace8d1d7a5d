// Indexes over a snapshot, built once in one pass per table, so that every rule reads an agency's rows
// by id instead of scanning 200,000 departments, and a re-check touches only the agencies that changed.
import { CHILD_KINDS, type AgencyRec, type ChildKey, type Snapshot, type ZoneRec } from './types';

const EMPTY: readonly never[] = Object.freeze([]) as readonly never[];

function groupBy<T>(rows: readonly T[], key: (r: T) => number | string | null | undefined): Map<number | string, T[]> {
  const out = new Map<number | string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null || k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export class SnapshotIndex {
  readonly agencyById = new Map<number, AgencyRec>();
  readonly zoneById = new Map<number, ZoneRec>();
  private readonly children: Record<ChildKey, Map<number | string, Snapshot[ChildKey][number][]>>;
  private readonly zonesByAgency: Map<number | string, ZoneRec[]>;
  readonly agenciesByCounty: Map<number | string, AgencyRec[]>;
  readonly agenciesBySuperior: Map<number | string, AgencyRec[]>;
  /** Child row id → owning agency id, per child kind (for plan items that name a row). */
  private readonly ownerCache = new Map<ChildKey, Map<number, number>>();

  constructor(readonly snapshot: Snapshot) {
    for (const a of snapshot.agencies) this.agencyById.set(a.id, a);
    for (const z of snapshot.zones) this.zoneById.set(z.id, z);
    const children = {} as Record<ChildKey, Map<number | string, Snapshot[ChildKey][number][]>>;
    for (const k of CHILD_KINDS) {
      const rows = snapshot[k.key] as Snapshot[ChildKey][number][];
      children[k.key] = groupBy(rows, (r) => r[k.agencyColumn] as number);
    }
    this.children = children;
    this.zonesByAgency = groupBy(snapshot.zones, (z) => z.management_agency_id);
    this.agenciesByCounty = groupBy(snapshot.agencies, (a) => a.host_region_code);
    this.agenciesBySuperior = groupBy(snapshot.agencies, (a) => a.superior_id);
  }

  childrenOf<K extends ChildKey>(key: K, agencyId: number): readonly Snapshot[K][number][] {
    return (this.children[key].get(agencyId) as Snapshot[K][number][] | undefined) ?? EMPTY;
  }

  zonesOf(agencyId: number): readonly ZoneRec[] {
    return this.zonesByAgency.get(agencyId) ?? EMPTY;
  }

  /** Which agency a child row belongs to (undefined when the row is not in the snapshot). */
  ownerOf(key: ChildKey, rowId: number): number | undefined {
    let m = this.ownerCache.get(key);
    if (!m) {
      m = new Map();
      const col = CHILD_KINDS.find((k) => k.key === key)!.agencyColumn;
      for (const r of this.snapshot[key] as Snapshot[ChildKey][number][]) m.set(r.id, r[col] as number);
      this.ownerCache.set(key, m);
    }
    return m.get(rowId);
  }

  childRow<K extends ChildKey>(key: K, rowId: number): Snapshot[K][number] | undefined {
    const owner = this.ownerOf(key, rowId);
    if (owner === undefined) return undefined;
    return this.childrenOf(key, owner).find((r) => r.id === rowId);
  }
}
