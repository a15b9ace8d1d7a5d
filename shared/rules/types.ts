// The plain data the rules read: a snapshot of the register on one date (rows as stored, snake_case), the
// rule profile, and the shape of a rule result. Pure types: usable in the renderer, the main process and tests.

export type Cell = string | number | null;

/** A stored row: id, validity, and whatever other columns the table has (carried over when versioned). */
export interface Rec {
  id: number;
  valid_from?: string | null;
  valid_to?: string | null;
  [column: string]: Cell | undefined;
}

export interface AgencyRec extends Rec {
  full_name: string;
  agency_kind: string;
  type_group: string | null;
  nature: string;
  rank: string | null;
  host_region_code: string;
  superior_id: number | null;
  uscc?: string | null;
  internal_dept_cap?: number | null;
  su_class?: string | null;
  funding_form?: string | null;
  duties_text?: string | null;
  dispatching_body?: string | null;
  short_name?: string | null;
  status?: string;
}

/** The columns the rules read of every agency (R1, R4, R13 and the names in messages). */
export type AgencyHead = Pick<AgencyRec, 'id' | 'full_name' | 'agency_kind' | 'type_group' | 'internal_dept_cap'>;

export interface ZoneRec extends Rec {
  name: string;
  zone_type: string;
  zone_level: string;
  host_region_code: string;
  parent_zone_id: number | null;
  management_agency_id: number | null;
  approval_authority?: string | null;
  approval_doc_no?: string | null;
  approved_on?: string | null;
  catalogue_listed?: number | null;
  status?: string;
}

export interface NameplateRec extends Rec { agency_id: number; name: string; kind: string; dispatcher?: string | null }
export interface DeptRec extends Rec { agency_id: number; name: string; function_class: string }
export interface StaffingRec extends Rec { agency_id: number; staffing_type: string; approved: number; actual: number | null }
export interface PostRec extends Rec { agency_id: number; title: string; grade?: string | null; approved: number; filled: number | null }
export interface FunctionRec extends Rec {
  agency_id: number;
  name: string;
  power_type?: string | null;
  is_social_affairs?: number | null;
  destination?: string | null;
  delegation_doc?: string | null;
}
export interface DispatchedRec extends Rec { host_agency_id: number; name: string; domain: string; unit_status?: string | null }

/** What is in force on one date, within one region (or the whole country). */
export interface Snapshot {
  asOf: string;
  agencies: AgencyRec[];
  zones: ZoneRec[];
  nameplates: NameplateRec[];
  departments: DeptRec[];
  staffing: StaffingRec[];
  posts: PostRec[];
  functions: FunctionRec[];
  dispatched: DispatchedRec[];
}

/** The child collections of an agency, with the database table and the column naming the agency. */
export const CHILD_KINDS = [
  { key: 'nameplates', table: 'nameplates', agencyColumn: 'agency_id' },
  { key: 'departments', table: 'departments', agencyColumn: 'agency_id' },
  { key: 'staffing', table: 'staffing', agencyColumn: 'agency_id' },
  { key: 'posts', table: 'leader_posts', agencyColumn: 'agency_id' },
  { key: 'functions', table: 'functions', agencyColumn: 'agency_id' },
  { key: 'dispatched', table: 'dispatched_units', agencyColumn: 'host_agency_id' },
] as const;
export type ChildKey = (typeof CHILD_KINDS)[number]['key'];
export type ChildRec<K extends ChildKey> = Snapshot[K][number];

export const emptySnapshot = (asOf: string): Snapshot => ({
  asOf, agencies: [], zones: [], nameplates: [], departments: [], staffing: [], posts: [], functions: [], dispatched: [],
});

export type RuleId =
  | 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7' | 'R8' | 'R9' | 'R10'
  | 'R11' | 'R12' | 'R13' | 'R14' | 'R15' | 'R16' | 'R17' | 'R18' | 'R19' | 'R20'
  | 'USCC';
export type Severity = 'error' | 'warning' | 'info';

export interface RuleItem {
  /** Database table; ids below zero are rows the plan would create. */
  readonly table: string;
  readonly id: number;
  readonly field?: string;
  /** The row's name, for messages and lists. */
  readonly name?: string;
}

export interface RuleResult {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Chinese, names the agency or row. */
  readonly message: string;
  readonly items: readonly RuleItem[];
  /** Chinese text of where the rule comes from. */
  readonly source: string;
  /** Stable key, used to acknowledge a warning at apply. */
  readonly key: string;
}

export type R1Mode = 'per_county_per_type' | 'per_county_any' | 'off';

export interface RuleProfile {
  /** One agency per county: per zone-type group (Tianshui), any type (一县一区), or not checked. */
  readonly r1Mode: R1Mode;
  /** Comprehensive departments may be at most this percentage of all departments. */
  readonly r5Percent: number;
  /** Dispatched units: allowed domains only, or all revoked (county zones, Hengyang mode). */
  readonly r7Mode: 'allow_list' | 'revoke_all';
  readonly r7AllowedDomains: readonly string[];
  /** Public-institution staffing may only go down (Anhui statistics practice). */
  readonly r9PiOnlyDecrease: boolean;
}

export const DEFAULT_PROFILE: RuleProfile = {
  r1Mode: 'per_county_per_type',
  r5Percent: 30,
  r7Mode: 'allow_list',
  r7AllowedDomains: ['tax', 'audit', 'market_regulation', 'police', 'environment', 'emergency'],
  r9PiOnlyDecrease: false,
};

export function makeProfile(overrides: Partial<RuleProfile> | null | undefined): RuleProfile {
  const p = { ...DEFAULT_PROFILE, ...(overrides ?? {}) };
  if (!['per_county_per_type', 'per_county_any', 'off'].includes(p.r1Mode)) p.r1Mode = DEFAULT_PROFILE.r1Mode;
  if (!(typeof p.r5Percent === 'number' && p.r5Percent > 0 && p.r5Percent <= 100)) p.r5Percent = DEFAULT_PROFILE.r5Percent;
  return p;
}
