// The after-reform state the engine checks, kept as a difference from the snapshot: agencies the plan
// leaves alone are not projected or stored at all (their state is the snapshot's), only touched, created
// and removed ones are. Running figures (members per county, zone owners, staffing by type, agency count)
// start as the snapshot's and are adjusted by each placed agency, so a national check and a one-edit
// re-check cost what the plan changes, not what the register holds.
import { createdAgencyKey, createdPiKey, type PlanIndex } from '../reform/plan-index';
import { isUnchanged, projectExisting, removedAgency, unchanged } from '../reform/project';
import { projectCreatedAgency, projectCreatedPi } from '../reform/project-created';
import type { ProjectionContext } from '../reform/project-rows';
import type { AfterAgency, RemovedAgency } from '../reform/types';
import type { SnapshotIndex } from './snapshot-index';
import type { AgencyHead, AgencyRec, StaffingRec, ZoneRec } from './types';

const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

export class AfterState {
  /** Touched existing agencies and created ones. */
  readonly after = new Map<number, AfterAgency>();
  readonly removed = new Map<number, RemovedAgency>();
  /** Counties whose membership differs from the snapshot's (as AgencyHeads: see SnapshotIndex.headOf). */
  private readonly dirtyCounties = new Map<string, Map<number, AgencyHead>>();
  readonly zoneOwner = new Map<number, number>();
  readonly beforeStaff = new Map<string, number>();
  afterStaff = new Map<string, number>();
  readonly beforeCount: number;
  afterCount = 0;
  private readonly scratchZones: ZoneRec[] = [];
  private readonly scratchStaffing: StaffingRec[] = [];

  constructor(private readonly before: SnapshotIndex, private readonly ctx: ProjectionContext) {
    // Loops that run once per check are indexed or forEach: for…of in code not yet optimised allocates a
    // result object per element (measured: 1.6 MB for the staffing rows alone).
    const staffing = before.snapshot.staffing;
    for (let i = 0; i < staffing.length; i++) add(this.beforeStaff, staffing[i].staffing_type, staffing[i].approved);
    this.beforeCount = before.zoneMgmtCount;
  }

  private get plan(): PlanIndex {
    return this.ctx.plan;
  }

  /** Back to the snapshot's state, then every agency the plan touches, removes or creates is placed. */
  reset(): void {
    this.after.clear();
    this.removed.clear();
    this.dirtyCounties.clear();
    this.zoneOwner.clear();
    const zones = this.before.snapshot.zones;
    for (let i = 0; i < zones.length; i++) if (zones[i].management_agency_id != null) this.zoneOwner.set(zones[i].id, zones[i].management_agency_id!);
    this.afterStaff = new Map(this.beforeStaff);
    this.afterCount = this.beforeCount;
    const agencies = this.before.snapshot.agencies;
    for (const slot of this.changeCandidates()) if (!isUnchanged(this.ctx, agencies[slot])) this.place(agencies[slot].id);
    this.plan.mappingById.forEach((m) => { if (m.action === 'create') this.place(createdAgencyKey(m)); });
    for (const it of this.plan.piCreates) this.place(createdPiKey(it));
  }

  /**
   * Snapshot positions, ascending, of every existing agency isUnchanged() might reject: gathered from the
   * plan's own indexes (its few thousand entries) instead of asking isUnchanged of every agency in the
   * country (measured: 4 ms of a national check). One line per condition of isUnchanged (reform/project.ts):
   * keep the two in step (rules-national.test.ts compares the result with projecting every agency).
   */
  private changeCandidates(): number[] {
    const plan = this.plan;
    const before = this.before;
    const marked = new Uint8Array(before.agencyIds.length);
    const slots: number[] = [];
    const add = (id: number | null | undefined) => {
      const slot = id == null ? -1 : before.positionOf(id);
      if (slot >= 0 && marked[slot] === 0) {
        marked[slot] = 1;
        slots.push(slot);
      }
    };
    plan.bySource.forEach((list, id) => { if (list[0].action !== 'keep') add(id); });
    for (const list of plan.rowItems.values()) if (list[0].kind === 'public_institution') add(list[0].target_id);
    for (const id of plan.incoming.keys()) add(id);
    for (const id of plan.createItems.keys()) add(id);
    for (const id of plan.agenciesWithRowItems) add(id);
    for (const id of plan.finalTarget.keys()) for (const sub of before.agenciesBySuperior.get(id) ?? []) add(sub.id);
    return slots.sort((a, b) => a - b);
  }

  /** isPlain for an id known to be in the snapshot (the national pass asks it of every agency). */
  isPlainSnapshotId(id: number): boolean {
    return id > 0 && !this.after.has(id) && !this.removed.has(id);
  }

  isPlain(key: number): boolean {
    return key > 0 && !this.after.has(key) && !this.removed.has(key) && this.before.agencyById.has(key);
  }

  /** The after state of one agency (projected from the snapshot when the plan leaves it alone). */
  get(key: number): AfterAgency | undefined {
    const a = this.after.get(key);
    if (a) return a;
    if (!this.isPlain(key)) return undefined;
    return unchanged(this.ctx, this.before.agencyById.get(key)!, this.plan.mappingOf(key));
  }

  private project(key: number): AfterAgency | null {
    if (key > 0) {
      const b = this.before.agencyById.get(key);
      return b ? projectExisting(this.ctx, b) : null;
    }
    for (const m of this.plan.mappingById.values()) if (m.action === 'create' && createdAgencyKey(m) === key) return projectCreatedAgency(this.ctx, m);
    for (const it of this.plan.piCreates) if (createdPiKey(it) === key) return projectCreatedPi(this.ctx, it);
    return null;
  }

  private members(county: string): Map<number, AgencyHead> {
    let m = this.dirtyCounties.get(county);
    if (!m) {
      m = new Map();
      for (const a of this.before.countyHeads(county)) m.set(a.id, a);
      this.dirtyCounties.set(county, m);
    }
    return m;
  }

  /** Agencies of a county after the reform, by id. */
  countyMembers(county: string): readonly AgencyHead[] {
    const m = this.dirtyCounties.get(county);
    if (!m) {
      const list = this.before.countyHeads(county);
      if (this.before.idsAscending) return list;
      for (let i = 1; i < list.length; i++) if (list[i - 1].id > list[i].id) return [...list].sort((a, b) => a.id - b.id);
      return list;
    }
    // A stable insertion sort of the fresh copy: a county has a handful of agencies, nearly in order (a
    // re-placed agency moves to the end), and Array.prototype.sort allocates its work space every time.
    const list = [...m.values()];
    for (let i = 1; i < list.length; i++) {
      const a = list[i];
      let j = i;
      for (; j > 0 && list[j - 1].id > a.id; j--) list[j] = list[j - 1];
      list[j] = a;
    }
    return list;
  }

  counties(): string[] {
    const out = [...this.before.counties];
    for (const c of this.dirtyCounties.keys()) if (!this.before.hasCounty(c)) out.push(c);
    return out;
  }

  private apply(key: number, row: AgencyRec, zones: readonly ZoneRec[], staffing: readonly StaffingRec[], sign: 1 | -1): void {
    const members = this.members(row.host_region_code);
    const head = this.before.headOf(key, row);
    if (sign > 0) members.set(key, head);
    else members.delete(key);
    for (let i = 0; i < zones.length; i++) {
      if (sign > 0) this.zoneOwner.set(zones[i].id, key);
      else if (this.zoneOwner.get(zones[i].id) === key) this.zoneOwner.delete(zones[i].id);
    }
    for (let i = 0; i < staffing.length; i++) add(this.afterStaff, staffing[i].staffing_type, sign * staffing[i].approved);
    if (head.agency_kind === 'zone_mgmt') this.afterCount += sign;
  }

  /** Adds (or takes away) an agency as the snapshot has it: its rows copied into reused arrays, not sliced. */
  private baseline(b: AgencyRec, sign: 1 | -1): void {
    const slot = this.before.slotOf(b.id);
    const zones = this.before.copyZonesInto(slot, this.scratchZones);
    this.apply(b.id, b, zones, this.before.copyChildrenInto('staffing', slot, this.scratchStaffing), sign);
  }

  /** Projects one agency (currently at its snapshot state, or absent if created) and records the difference. */
  place(key: number): void {
    const a = this.project(key);
    const b = key > 0 ? this.before.agencyById.get(key) : undefined;
    if (b) {
      if (!a) {
        const r = removedAgency(this.ctx, b);
        if (!r) return;
        this.removed.set(key, r);
        this.baseline(b, -1);
      } else if (a.touched) {
        this.after.set(key, a);
        this.baseline(b, -1);
        this.apply(key, a.row, a.zones, a.staffing, 1);
      }
    } else if (a) {
      this.after.set(key, a);
      this.apply(key, a.row, a.zones, a.staffing, 1);
    }
  }

  /** Undoes `place`: the agency is back at its snapshot state (or absent if the plan created it). */
  unplace(key: number): void {
    const b = key > 0 ? this.before.agencyById.get(key) : undefined;
    const a = this.after.get(key);
    if (a) {
      this.after.delete(key);
      this.apply(key, a.row, a.zones, a.staffing, -1);
      if (b) this.baseline(b, 1);
    } else if (b && this.removed.has(key)) {
      this.removed.delete(key);
      this.baseline(b, 1);
    }
  }

  /** Every agency after the reform, existing ones in snapshot order, then created ones. */
  all(): AfterAgency[] {
    const out: AfterAgency[] = [];
    for (const b of this.before.snapshot.agencies) {
      const a = this.get(b.id);
      if (a) out.push(a);
    }
    for (const [key, a] of this.after) if (key < 0) out.push(a);
    return out;
  }
}
