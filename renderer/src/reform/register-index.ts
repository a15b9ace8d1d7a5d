// Lookups over the register the reform starts from (the day before the effective date, within the region):
// agencies by id and by name, their rows by agency, and each agency's zone level (from its main zone).
import type { WizardRegister } from '../../../shared/contract/reform-ui';
import type { AgencyRec, DeptRec, DispatchedRec, FunctionRec, PostRec, Snapshot, StaffingRec } from '../../../shared/rules/types';

function byAgency<T>(rows: readonly T[], col: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = col(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export class RegisterIndex {
  readonly snapshot: Snapshot;
  readonly beforeDate: string;
  readonly countyNames: Record<string, string>;
  readonly agencyById: Map<number, AgencyRec>;
  /** Management agencies (the reform's possible sources), in register order. */
  readonly mgmt: AgencyRec[];
  readonly departments: Map<number, DeptRec[]>;
  readonly staffing: Map<number, StaffingRec[]>;
  readonly posts: Map<number, PostRec[]>;
  readonly functions: Map<number, FunctionRec[]>;
  readonly dispatched: Map<number, DispatchedRec[]>;
  readonly zoneLevel = new Map<number, string>();
  private readonly byName = new Map<string, number>();

  constructor(reg: WizardRegister) {
    const s = reg.snapshot;
    this.snapshot = s;
    this.beforeDate = reg.beforeDate;
    this.countyNames = reg.countyNames;
    this.agencyById = new Map(s.agencies.map((a) => [a.id, a]));
    this.mgmt = s.agencies.filter((a) => a.agency_kind === 'zone_mgmt');
    this.departments = byAgency(s.departments, (r) => r.agency_id);
    this.staffing = byAgency(s.staffing, (r) => r.agency_id);
    this.posts = byAgency(s.posts, (r) => r.agency_id);
    this.functions = byAgency(s.functions, (r) => r.agency_id);
    this.dispatched = byAgency(s.dispatched, (r) => r.host_agency_id);
    // The level of an agency is that of the zone it manages (a park's level does not count).
    for (const z of s.zones) {
      if (z.management_agency_id != null && z.parent_zone_id == null && !this.zoneLevel.has(z.management_agency_id)) {
        this.zoneLevel.set(z.management_agency_id, z.zone_level);
      }
    }
    for (const a of s.agencies) {
      this.byName.set(a.full_name, a.id);
      if (a.short_name && !this.byName.has(a.short_name)) this.byName.set(a.short_name, a.id);
    }
  }

  name(id: number | null | undefined): string {
    if (id == null) return '';
    return this.agencyById.get(id)?.full_name ?? `#${id}`;
  }

  county(code: string | null | undefined): string {
    return code ? this.countyNames[code] ?? code : '';
  }

  /** An agency of the region by its full or short name (what people paste). */
  idByName(text: string): number | null {
    return this.byName.get(text.trim()) ?? null;
  }
}
