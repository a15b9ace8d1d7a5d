// What the per-agency rules need to know of an agency's nameplates (R3, R13), departments (R4, R5, R6),
// staffing (R10) and leader posts (R11) before looking at any row in detail: the party-committee nameplate,
// and how many rows could make a finding. The rules then read those rows one by one only when there is
// something to report. The snapshot index gathers these facts while it groups the rows, in table order
// (sequential memory reads; agency by agency, the rows lie scattered); agencies a plan changes get them from
// their projected rows. Both count with the constants and tests below, reading each row's string column once
// (it is a separate string per row, a cache miss away, on 200,000 departments nationally).
import type { DeptRec, NameplateRec, PostRec, StaffingRec } from './types';

const PARTY = 'party_committee';
const PRIMARY = 'primary';
const COMPREHENSIVE = 'comprehensive';
const SOCIAL_AFFAIRS = 'social_affairs';
export const isComprehensiveDept = (d: DeptRec): boolean => d.function_class === COMPREHENSIVE;
export const isSocialAffairsDept = (d: DeptRec): boolean => d.function_class === SOCIAL_AFFAIRS;
/** A party-committee nameplate dispatched by a body that is not a party committee (R3). */
const hasNonPartyDispatcher = (n: NameplateRec): boolean => !!n.dispatcher && !/委/.test(n.dispatcher);
/** More people than the row's establishment (超编). */
const isOverStaffed = (s: StaffingRec): boolean => (s.actual ?? 0) > s.approved;
/** More leaders than the post's approved number (超职数). */
export const isOverFilled = (p: PostRec): boolean => (p.filled ?? 0) > p.approved;

export interface RowFacts {
  /** The agency's first party-committee nameplate, and whether its dispatcher is not a party committee. */
  party: NameplateRec | undefined;
  partyDispatcherWrong: boolean;
  primaryNameplates: number;
  departments: number;
  comprehensiveDepts: number;
  socialAffairsDepts: number;
  overStaffed: number;
  overFilledPosts: number;
}

export const emptyRowFacts = (): RowFacts => ({
  party: undefined, partyDispatcherWrong: false, primaryNameplates: 0,
  departments: 0, comprehensiveDepts: 0, socialAffairsDepts: 0, overStaffed: 0, overFilledPosts: 0,
});

export interface AgencyRows {
  readonly nameplates: readonly NameplateRec[];
  readonly departments: readonly DeptRec[];
  readonly staffing: readonly StaffingRec[];
  readonly posts: readonly PostRec[];
}

/** The facts of one agency's rows, into `into`. */
export function rowFactsOf(rows: AgencyRows, into: RowFacts): RowFacts {
  into.party = undefined;
  into.primaryNameplates = 0;
  into.departments = rows.departments.length;
  into.comprehensiveDepts = 0;
  into.socialAffairsDepts = 0;
  into.overStaffed = 0;
  into.overFilledPosts = 0;
  const { nameplates, departments, staffing, posts } = rows;
  for (let i = 0; i < nameplates.length; i++) {
    const kind = nameplates[i].kind;
    if (kind === PARTY) into.party ??= nameplates[i];
    else if (kind === PRIMARY) into.primaryNameplates++;
  }
  into.partyDispatcherWrong = !!into.party && hasNonPartyDispatcher(into.party);
  for (let i = 0; i < departments.length; i++) {
    const cls = departments[i].function_class;
    if (cls === COMPREHENSIVE) into.comprehensiveDepts++;
    else if (cls === SOCIAL_AFFAIRS) into.socialAffairsDepts++;
  }
  for (let i = 0; i < staffing.length; i++) if (isOverStaffed(staffing[i])) into.overStaffed++;
  for (let i = 0; i < posts.length; i++) if (isOverFilled(posts[i])) into.overFilledPosts++;
  return into;
}

/** The RowFacts of every agency of a snapshot, by slot, gathered row by row (see SnapshotIndex). */
export class RowFactTable {
  /** Position in `nameplates` of the slot's first party-committee nameplate, or −1. */
  private readonly party: Int32Array;
  private readonly partyDispatcherWrong: Uint8Array;
  private readonly primary: Int32Array;
  private readonly departments: Int32Array;
  private readonly comprehensive: Int32Array;
  private readonly social: Int32Array;
  private readonly overStaffed: Int32Array;
  private readonly overFilled: Int32Array;

  constructor(slots: number, private readonly nameplates: readonly NameplateRec[]) {
    this.party = new Int32Array(slots).fill(-1);
    this.partyDispatcherWrong = new Uint8Array(slots);
    this.primary = new Int32Array(slots);
    this.departments = new Int32Array(slots);
    this.comprehensive = new Int32Array(slots);
    this.social = new Int32Array(slots);
    this.overStaffed = new Int32Array(slots);
    this.overFilled = new Int32Array(slots);
  }

  /** Nameplates must come in table order, so that the first party-committee one is kept. */
  addNameplate(slot: number, n: NameplateRec, position: number): void {
    const kind = n.kind;
    if (kind === PARTY) {
      if (this.party[slot] < 0) {
        this.party[slot] = position;
        this.partyDispatcherWrong[slot] = hasNonPartyDispatcher(n) ? 1 : 0;
      }
    } else if (kind === PRIMARY) this.primary[slot]++;
  }

  addDepartment(slot: number, d: DeptRec): void {
    const cls = d.function_class;
    this.departments[slot]++;
    if (cls === COMPREHENSIVE) this.comprehensive[slot]++;
    else if (cls === SOCIAL_AFFAIRS) this.social[slot]++;
  }

  addStaffing(slot: number, s: StaffingRec): void {
    if (isOverStaffed(s)) this.overStaffed[slot]++;
  }

  addPost(slot: number, p: PostRec): void {
    if (isOverFilled(p)) this.overFilled[slot]++;
  }

  factsAt(slot: number, into: RowFacts): RowFacts {
    const party = this.party[slot];
    into.party = party >= 0 ? this.nameplates[party] : undefined;
    into.partyDispatcherWrong = this.partyDispatcherWrong[slot] === 1;
    into.primaryNameplates = this.primary[slot];
    into.departments = this.departments[slot];
    into.comprehensiveDepts = this.comprehensive[slot];
    into.socialAffairsDepts = this.social[slot];
    into.overStaffed = this.overStaffed[slot];
    into.overFilledPosts = this.overFilled[slot];
    return into;
  }
}
