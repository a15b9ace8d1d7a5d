// An agency the plan leaves alone, as the per-agency rules see it in the engine's national pass: one object
// reused for every such agency (the rules keep no reference to it), whose row arrays are copied from the
// snapshot index only when a rule asks for them. The rules start from the row facts and the AgencyHead the
// index already has, so for an agency without findings most arrays are never asked for; any rule that does
// read one gets the agency's own rows, exactly as an unchanged projection would give them.
import type { AfterAgency, EndPatch } from '../reform/types';
import type { SnapshotIndex } from './snapshot-index';
import type { AgencyRec, ChildKey, Snapshot, ZoneRec } from './types';

const NO_SOURCES = Object.freeze([]) as unknown as number[];
const NO_PATCHES = Object.freeze([]) as unknown as EndPatch[];
/** Bits of `copied`, one per child kind, and one for the zones. */
const BIT: Record<ChildKey | 'zones', number> = { nameplates: 1, departments: 2, staffing: 4, posts: 8, functions: 16, dispatched: 32, zones: 64 };

type RowArrays = { [K in ChildKey]: Snapshot[K][number][] };

export class PlainAgencyView implements AfterAgency {
  key = 0;
  fromId: number | null = 0;
  /** Set by show(). */
  row!: AgencyRec;
  readonly versioned = false;
  readonly touched = false;
  action: AfterAgency['action'] = null;
  mappingId: number | null = null;
  readonly mergedFrom = NO_SOURCES;
  readonly endPatches = NO_PATCHES;
  private slot = -1;
  private copied = 0;
  private readonly rows: RowArrays = { nameplates: [], departments: [], staffing: [], posts: [], functions: [], dispatched: [] };
  private readonly zoneRows: ZoneRec[] = [];

  constructor(private readonly index: SnapshotIndex) {}

  /** Shows the snapshot agency `id` (at `slot`), which the plan keeps as it is (`mapping`: its keep row, if any). */
  show(id: number, slot: number, mapping: { id: number } | undefined): this {
    this.key = id;
    this.fromId = id;
    this.row = this.index.snapshot.agencies[slot];
    this.action = mapping ? 'keep' : null;
    this.mappingId = mapping?.id ?? null;
    this.slot = slot;
    this.copied = 0;
    return this;
  }

  private rowsOf<K extends ChildKey>(key: K): readonly Snapshot[K][number][] {
    const into = this.rows[key] as Snapshot[K][number][];
    if ((this.copied & BIT[key]) === 0) {
      this.index.copyChildrenInto(key, this.slot, into);
      this.copied |= BIT[key];
    }
    return into;
  }

  get zones(): readonly ZoneRec[] {
    if ((this.copied & BIT.zones) === 0) {
      this.index.copyZonesInto(this.slot, this.zoneRows);
      this.copied |= BIT.zones;
    }
    return this.zoneRows;
  }

  get nameplates() { return this.rowsOf('nameplates'); }
  get departments() { return this.rowsOf('departments'); }
  get staffing() { return this.rowsOf('staffing'); }
  get posts() { return this.rowsOf('posts'); }
  get functions() { return this.rowsOf('functions'); }
  get dispatched() { return this.rowsOf('dispatched'); }
}
