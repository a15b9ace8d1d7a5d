// Indexes over a snapshot, so that every rule reads an agency's rows by id instead of scanning 200,000
// departments, and a re-check touches only the agencies that changed.
//
// Rows are grouped per agency by a counting sort into one array per table plus offsets (not one array per
// agency): a national snapshot is indexed with a handful of large allocations, which keeps the garbage
// collector out of the way of a 100 ms check. childrenOf returns a fresh short slice (or a shared empty one).
import { CHILD_KINDS, type AgencyRec, type ChildKey, type Snapshot, type ZoneRec } from './types';

const EMPTY: readonly never[] = Object.freeze([]) as readonly never[];

/** Rows grouped by owner slot: rows[start[s] .. start[s+1]) belong to slot s. */
class Grouped<T> {
  private readonly rows: T[];
  private readonly start: Int32Array;

  constructor(source: readonly T[], slotOf: (row: T) => number, slots: number) {
    const count = new Int32Array(slots + 1);
    const slotsOfRows = new Int32Array(source.length);
    for (let i = 0; i < source.length; i++) {
      const s = slotOf(source[i]);
      slotsOfRows[i] = s;
      if (s >= 0) count[s + 1]++;
    }
    for (let s = 0; s < slots; s++) count[s + 1] += count[s];
    this.start = count.slice();
    const fill = count;
    this.rows = new Array<T>(this.start[slots]);
    for (let i = 0; i < source.length; i++) {
      const s = slotsOfRows[i];
      if (s >= 0) this.rows[fill[s]++] = source[i];
    }
  }

  of(slot: number): readonly T[] {
    if (slot < 0) return EMPTY;
    const a = this.start[slot];
    const b = this.start[slot + 1];
    return a === b ? EMPTY : this.rows.slice(a, b);
  }
}

export class SnapshotIndex {
  readonly agencyById = new Map<number, AgencyRec>();
  readonly zoneById = new Map<number, ZoneRec>();
  readonly agenciesByCounty = new Map<string, AgencyRec[]>();
  readonly agenciesBySuperior = new Map<number, AgencyRec[]>();
  /** Agency id → its position in snapshot.agencies: a typed array when ids are dense enough, else a map. */
  private readonly slotArray: Int32Array | null;
  private readonly slotMap = new Map<number, number>();
  private readonly children: Record<ChildKey, Grouped<Snapshot[ChildKey][number]>>;
  private readonly zones: Grouped<ZoneRec>;
  /** Child row id → owning agency id, per child kind (built when a plan item names a row). */
  private readonly ownerCache = new Map<ChildKey, Map<number, number>>();

  constructor(readonly snapshot: Snapshot) {
    const agencies = snapshot.agencies;
    let maxId = 0;
    for (const a of agencies) if (a.id > maxId) maxId = a.id;
    this.slotArray = maxId < 16 * agencies.length + 1_000_000 ? new Int32Array(maxId + 1).fill(-1) : null;
    for (let i = 0; i < agencies.length; i++) {
      const a = agencies[i];
      this.agencyById.set(a.id, a);
      if (this.slotArray && a.id > 0) this.slotArray[a.id] = i;
      else this.slotMap.set(a.id, i);
      const county = this.agenciesByCounty.get(a.host_region_code);
      if (county) county.push(a);
      else this.agenciesByCounty.set(a.host_region_code, [a]);
      if (a.superior_id != null) {
        const sub = this.agenciesBySuperior.get(a.superior_id);
        if (sub) sub.push(a);
        else this.agenciesBySuperior.set(a.superior_id, [a]);
      }
    }
    for (const z of snapshot.zones) this.zoneById.set(z.id, z);
    const slotOf = (id: unknown) => this.slotOf(id);
    const children = {} as Record<ChildKey, Grouped<Snapshot[ChildKey][number]>>;
    for (const k of CHILD_KINDS) {
      const col = k.agencyColumn;
      children[k.key] = new Grouped(snapshot[k.key] as Snapshot[ChildKey][number][], (r) => slotOf(r[col]), agencies.length);
    }
    this.children = children;
    this.zones = new Grouped(snapshot.zones, (z) => slotOf(z.management_agency_id), agencies.length);
  }

  private slotOf(id: unknown): number {
    if (typeof id !== 'number') return -1;
    const arr = this.slotArray;
    if (arr) return id > 0 && id < arr.length ? arr[id] : -1;
    return this.slotMap.get(id) ?? -1;
  }

  childrenOf<K extends ChildKey>(key: K, agencyId: number): readonly Snapshot[K][number][] {
    return this.children[key].of(this.slotOf(agencyId)) as readonly Snapshot[K][number][];
  }

  zonesOf(agencyId: number): readonly ZoneRec[] {
    return this.zones.of(this.slotOf(agencyId));
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
