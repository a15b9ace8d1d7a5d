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
import type { AgencyRec, StaffingRec, ZoneRec } from './types';

const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

export class AfterState {
  /** Touched existing agencies and created ones. */
  readonly after = new Map<number, AfterAgency>();
  readonly removed = new Map<number, RemovedAgency>();
  /** Counties whose membership differs from the snapshot's. */
  private readonly dirtyCounties = new Map<string, Map<number, AgencyRec>>();
  readonly zoneOwner = new Map<number, number>();
  readonly beforeStaff = new Map<string, number>();
  afterStaff = new Map<string, number>();
  readonly beforeCount: number;
  afterCount = 0;

  constructor(private readonly before: SnapshotIndex, private readonly ctx: ProjectionContext) {
    for (const s of before.snapshot.staffing) add(this.beforeStaff, s.staffing_type, s.approved);
    let n = 0;
    for (const a of before.snapshot.agencies) if (a.agency_kind === 'zone_mgmt') n++;
    this.beforeCount = n;
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
    for (const z of this.before.snapshot.zones) if (z.management_agency_id != null) this.zoneOwner.set(z.id, z.management_agency_id);
    this.afterStaff = new Map(this.beforeStaff);
    this.afterCount = this.beforeCount;
    for (const b of this.before.snapshot.agencies) if (!isUnchanged(this.ctx, b)) this.place(b.id);
    for (const m of this.plan.mappingById.values()) if (m.action === 'create') this.place(createdAgencyKey(m));
    for (const it of this.plan.piCreates) this.place(createdPiKey(it));
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

  private members(county: string): Map<number, AgencyRec> {
    let m = this.dirtyCounties.get(county);
    if (!m) {
      m = new Map((this.before.agenciesByCounty.get(county) ?? []).map((a) => [a.id, a]));
      this.dirtyCounties.set(county, m);
    }
    return m;
  }

  /** Agencies of a county after the reform, by id. */
  countyMembers(county: string): AgencyRec[] {
    const m = this.dirtyCounties.get(county);
    const list = m ? [...m.values()] : (this.before.agenciesByCounty.get(county) ?? []);
    for (let i = 1; i < list.length; i++) if (list[i - 1].id > list[i].id) return [...list].sort((a, b) => a.id - b.id);
    return list;
  }

  counties(): Iterable<string> {
    return new Set([...this.before.agenciesByCounty.keys(), ...this.dirtyCounties.keys()]);
  }

  private apply(key: number, row: AgencyRec, zones: readonly ZoneRec[], staffing: readonly StaffingRec[], sign: 1 | -1): void {
    const members = this.members(row.host_region_code);
    if (sign > 0) members.set(key, row);
    else members.delete(key);
    for (const z of zones) {
      if (sign > 0) this.zoneOwner.set(z.id, key);
      else if (this.zoneOwner.get(z.id) === key) this.zoneOwner.delete(z.id);
    }
    for (const s of staffing) add(this.afterStaff, s.staffing_type, sign * s.approved);
    if (row.agency_kind === 'zone_mgmt') this.afterCount += sign;
  }

  private baseline(b: AgencyRec, sign: 1 | -1): void {
    this.apply(b.id, b, this.before.zonesOf(b.id), this.before.childrenOf('staffing', b.id), sign);
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
