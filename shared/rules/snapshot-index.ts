// Indexes over a snapshot, so that every rule reads an agency's rows by id instead of scanning 200,000
// departments, and a re-check touches only the agencies that changed.
//
// Rows are grouped per agency by a counting sort into one array of positions per table plus offsets (not one
// array per agency): a national snapshot is indexed with a handful of large allocations, which keeps the
// garbage collector out of the way of a 100 ms check. childrenOf returns a fresh short array (or a shared empty
// one); the engine's national pass copies into arrays it reuses instead (copyChildrenInto). While grouping, the
// index also gathers the row facts the per-agency rules start from (row-facts.ts).
//
// Agency and zone rows loaded from SQLite have so many columns that V8 keeps them as dictionary-mode objects:
// every property read is a probe into a 1.5 KB hash table, a cache miss (measured: ~50-100 ns). The
// constructor therefore reads each agency once and keeps what the national pass asks of every agency (id,
// kind, county, and the columns of an AgencyHead) in arrays; maps nobody in the national pass needs
// (agenciesByCounty, zoneById) are built on first use. The index keeps copies of those columns and counts of
// the rows: the snapshot must not change while it is in use (as before, when it kept the rows' grouping).
import { AgencyLookup, EMPTY, Grouped, groupPositions } from './index-parts';
import { RowFactTable, type RowFacts } from './row-facts';
import { CHILD_KINDS, type AgencyHead, type AgencyRec, type ChildKey, type Snapshot, type ZoneRec } from './types';

export class SnapshotIndex {
  readonly agencyById: ReadonlyMap<number, AgencyRec> = new AgencyLookup(this);
  readonly agenciesBySuperior = new Map<number, AgencyRec[]>();
  /** Agency ids in snapshot order (slot → id). */
  readonly agencyIds: readonly number[];
  /** Agencies of kind zone_mgmt in the snapshot. */
  readonly zoneMgmtCount: number;
  /** Are the agencies in ascending id order (so every county's list is too)? */
  readonly idsAscending: boolean;
  /** County codes, in the order of each county's first agency in the snapshot. */
  readonly counties: readonly string[];
  /** Per slot: 1 for a zone management agency. */
  private readonly zoneMgmt: Uint8Array;
  /**
   * Per slot, the columns of an AgencyHead, kept as parallel arrays rather than 20,000 small objects that
   * every garbage collection of a national check would have to copy (measured: ~5 ms a check); heads are made
   * from them where needed (see headAt, copyHeadInto).
   */
  private readonly names: string[] = [];
  private readonly kindNames: string[] = [];
  private readonly groups: Array<string | null> = [];
  private readonly caps: Array<number | null | undefined> = [];
  /** County code → its number (position in `counties`); slots by county: countySlots[countyStart[c] …]. */
  private readonly countyNumbers = new Map<string, number>();
  private readonly countyOfSlot: Int32Array;
  private readonly countyStart: Int32Array;
  private readonly countySlots: Int32Array;
  private countyMap: Map<string, AgencyRec[]> | null = null;
  private zoneMap: Map<number, ZoneRec> | null = null;
  /** Agency id → its position in snapshot.agencies: a typed array when ids are dense enough, else a map. */
  private readonly slotArray: Int32Array | null;
  private readonly slotMap = new Map<number, number>();
  private readonly children: { readonly [K in ChildKey]: Grouped<Snapshot[K][number]> };
  private readonly zones: Grouped<ZoneRec>;
  private readonly facts: RowFactTable;
  /** Child row id → owning agency id, per child kind (built when a plan item names a row). */
  private readonly ownerCache = new Map<ChildKey, Map<number, number>>();

  constructor(readonly snapshot: Snapshot) {
    const agencies = snapshot.agencies;
    const n = agencies.length;
    const ids: number[] = [];
    const zoneMgmt = new Uint8Array(n);
    const countyOfSlot = new Int32Array(n);
    const counties: string[] = [];
    const groups = new Map<string, string>();
    let zoneMgmtCount = 0;
    let maxId = 0;
    let ascending = true;
    for (let i = 0; i < n; i++) {
      const a = agencies[i];
      const id = a.id;
      if (i > 0 && ids[i - 1] > id) ascending = false;
      ids.push(id);
      if (id > maxId) maxId = id;
      // One string object per kind and per group, so that the rules' comparisons of them are pointer
      // comparisons (each row's own copy would be compared character by character).
      let kind = a.agency_kind;
      if (kind === 'zone_mgmt') {
        kind = 'zone_mgmt';
        zoneMgmt[i] = 1;
        zoneMgmtCount++;
      } else if (kind === 'public_institution') kind = 'public_institution';
      let group = a.type_group;
      if (group != null) {
        const shared = groups.get(group);
        if (shared === undefined) groups.set(group, group);
        else group = shared;
      }
      this.names.push(a.full_name);
      this.kindNames.push(kind);
      this.groups.push(group);
      this.caps.push(a.internal_dept_cap);
      const code = a.host_region_code;
      let county = this.countyNumbers.get(code);
      if (county === undefined) {
        county = counties.length;
        counties.push(code);
        this.countyNumbers.set(code, county);
      }
      countyOfSlot[i] = county;
      const superior = a.superior_id;
      if (superior != null) {
        const sub = this.agenciesBySuperior.get(superior);
        if (sub) sub.push(a);
        else this.agenciesBySuperior.set(superior, [a]);
      }
    }
    this.agencyIds = ids;
    this.zoneMgmt = zoneMgmt;
    this.countyOfSlot = countyOfSlot;
    this.counties = counties;
    ({ start: this.countyStart, order: this.countySlots } = groupPositions(countyOfSlot, counties.length));
    this.zoneMgmtCount = zoneMgmtCount;
    this.idsAscending = ascending;
    this.slotArray = maxId < 16 * n + 1_000_000 ? new Int32Array(maxId + 1).fill(-1) : null;
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      if (this.slotArray && id > 0) this.slotArray[id] = i;
      else this.slotMap.set(id, i);
    }
    const facts = new RowFactTable(n, snapshot.nameplates);
    // Each row is read here once, in table order: its owner, and its part of the row facts.
    const grouped = <T>(rows: readonly T[], ownerId: (row: T) => unknown, addFact?: (slot: number, row: T, position: number) => void): Grouped<T> => {
      const slots = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const slot = this.slotOf(ownerId(rows[i]));
        slots[i] = slot;
        if (addFact && slot >= 0) addFact(slot, rows[i], i);
      }
      return new Grouped(rows, slots, n);
    };
    this.children = {
      nameplates: grouped(snapshot.nameplates, (r) => r.agency_id, (slot, r, i) => facts.addNameplate(slot, r, i)),
      departments: this.groupDepartments(facts),
      staffing: grouped(snapshot.staffing, (r) => r.agency_id, (slot, r) => facts.addStaffing(slot, r)),
      posts: grouped(snapshot.posts, (r) => r.agency_id, (slot, r) => facts.addPost(slot, r)),
      functions: grouped(snapshot.functions, (r) => r.agency_id),
      dispatched: grouped(snapshot.dispatched, (r) => r.host_agency_id),
    };
    this.zones = grouped(snapshot.zones, (z) => z.management_agency_id);
    this.facts = facts;
  }

  /**
   * The departments, grouped like the other tables but in a loop of their own: they are most of the rows
   * (200,000 nationally), and the shared loop's calls through closures cost them 9 ms instead of 7 (measured).
   */
  private groupDepartments(facts: RowFactTable): Grouped<Snapshot['departments'][number]> {
    const rows = this.snapshot.departments;
    const slots = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const d = rows[i];
      const slot = this.slotOf(d.agency_id);
      slots[i] = slot;
      if (slot >= 0) facts.addDepartment(slot, d);
    }
    return new Grouped(rows, slots, this.agencyIds.length);
  }

  /** County code → its agencies in snapshot order (built on first use: the engine reads countyHeads). */
  get agenciesByCounty(): Map<string, AgencyRec[]> {
    if (!this.countyMap) {
      const lists = this.counties.map((): AgencyRec[] => []);
      const agencies = this.snapshot.agencies;
      for (let i = 0; i < agencies.length; i++) lists[this.countyOfSlot[i]].push(agencies[i]);
      this.countyMap = new Map(this.counties.map((code, c) => [code, lists[c]]));
    }
    return this.countyMap;
  }

  /** Zone id → zone (built on first use). */
  get zoneById(): Map<number, ZoneRec> {
    if (!this.zoneMap) {
      this.zoneMap = new Map();
      for (const z of this.snapshot.zones) this.zoneMap.set(z.id, z);
    }
    return this.zoneMap;
  }

  /** Position of an agency in snapshot.agencies (−1: not in the snapshot). */
  slotOf(id: unknown): number {
    if (typeof id !== 'number') return -1;
    const arr = this.slotArray;
    if (arr) return id > 0 && id < arr.length ? arr[id] : -1;
    return this.slotMap.get(id) ?? -1;
  }

  /**
   * slotOf, and also for ids ≤ 0: when ids are dense, slotOf gives −1 for those, so such agencies get no
   * grouped rows (as before); positionOf still finds the agency itself.
   */
  positionOf(id: number): number {
    const slot = this.slotOf(id);
    return slot >= 0 ? slot : (this.slotMap.get(id) ?? -1);
  }

  isZoneMgmtSlot(slot: number): boolean {
    return this.zoneMgmt[slot] === 1;
  }

  /** The county's agencies as AgencyHeads (new objects), in snapshot order. */
  countyHeads(county: string): readonly AgencyHead[] {
    const c = this.countyNumbers.get(county);
    if (c === undefined) return EMPTY;
    const out = new Array<AgencyHead>(this.countyStart[c + 1] - this.countyStart[c]);
    for (let k = 0; k < out.length; k++) out[k] = this.headAt(this.countySlots[this.countyStart[c] + k]);
    return out;
  }

  hasCounty(county: string): boolean {
    return this.countyNumbers.has(county);
  }

  /** The AgencyHead of the agency in `slot` (a new object). */
  headAt(slot: number): AgencyHead {
    return this.copyHeadInto(slot, { id: 0, full_name: '', agency_kind: '', type_group: null, internal_dept_cap: null });
  }

  /** The AgencyHead of the agency in `slot`, written into `into` (an object the caller reuses). */
  copyHeadInto(slot: number, into: AgencyHead): AgencyHead {
    into.id = this.agencyIds[slot];
    into.full_name = this.names[slot];
    into.agency_kind = this.kindNames[slot];
    into.type_group = this.groups[slot];
    into.internal_dept_cap = this.caps[slot];
    return into;
  }

  /** `row` as an AgencyHead: the index's copy when it is the snapshot's row for `key`, else the row itself. */
  headOf(key: number, row: AgencyRec): AgencyHead {
    const slot = this.positionOf(key);
    return slot >= 0 && this.snapshot.agencies[slot] === row ? this.headAt(slot) : row;
  }

  childrenOf<K extends ChildKey>(key: K, agencyId: number): readonly Snapshot[K][number][] {
    return this.children[key].of(this.slotOf(agencyId)) as readonly Snapshot[K][number][];
  }

  zonesOf(agencyId: number): readonly ZoneRec[] {
    return this.zones.of(this.slotOf(agencyId));
  }

  /** Like childrenOf, for the agency in `slot`, but copied into `into` (which the caller reuses) instead of a new array. */
  copyChildrenInto<K extends ChildKey>(key: K, slot: number, into: Snapshot[K][number][]): readonly Snapshot[K][number][] {
    return (this.children[key] as Grouped<Snapshot[K][number]>).copyInto(slot, into);
  }

  copyZonesInto(slot: number, into: ZoneRec[]): readonly ZoneRec[] {
    return this.zones.copyInto(slot, into);
  }

  /** The row facts of the agency in `slot` (see row-facts.ts), as gathered while grouping its rows. */
  rowFactsAt(slot: number, into: RowFacts): RowFacts {
    return this.facts.factsAt(slot, into);
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
