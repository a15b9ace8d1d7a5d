// The rule engine: projects the plan agency by agency, runs R1–R20, and keeps every result cached by the
// agency, county or mapping it belongs to. After one mapping edit only the agencies whose state that edit
// changes (the source, its old and new merge targets, public institutions they sponsor) are projected and
// checked again, with their counties; totals (staffing by type, agency count) are kept as running sums.
// Agencies the plan leaves alone are checked straight from the snapshot (see after-state.ts), through the
// index's row facts and one reused view (plain-agency.ts): a national check reads most of their rows only once,
// in the index, and allocates nothing for an agency without findings.
import { PlanIndex, createdAgencyKey, type TargetChange } from '../reform/plan-index';
import type { ProjectionContext } from '../reform/project-rows';
import type { AfterAgency, Mapping, Plan, PlanItem, RemovedAgency } from '../reform/types';
import { AfterState } from './after-state';
import { collectAgencyRules, type AgencyRuleContext } from './agency-rules';
import { countyRules, createRules, globalRules, sourceRules, type MappingRuleContext } from './plan-rules';
import { SnapshotIndex } from './snapshot-index';
import { emptyRowFacts, rowFactsOf } from './row-facts';
import { RULE_ORDER } from './sources';
import { PlainAgencyView } from './plain-agency';
import { makeProfile, type AgencyHead, type RuleId, type RuleProfile, type RuleResult, type Snapshot } from './types';

const NO_RESULTS: readonly RuleResult[] = Object.freeze([]);

export interface EngineOptions {
  readonly profile?: Partial<RuleProfile>;
  /** County code → name, for messages (defaults to the code). */
  readonly countyName?: (code: string) => string;
}

export class RuleEngine {
  readonly before: SnapshotIndex;
  readonly plan: PlanIndex;
  readonly planMode: boolean;
  readonly profile: RuleProfile;
  private readonly ctx: ProjectionContext;
  private readonly countyName: (code: string) => string;
  private readonly state: AfterState;
  private readonly agencyRes = new Map<number, readonly RuleResult[]>();
  private readonly sourceRes = new Map<number, readonly RuleResult[]>();
  private readonly createRes = new Map<number, readonly RuleResult[]>();
  private readonly countyRes = new Map<string, readonly RuleResult[]>();
  private readonly allowed = new Map<string, number>();
  /** Reused by checkPlain: the agency it checks, its row facts, and its findings until they are known to be any. */
  private readonly plainView: PlainAgencyView;
  private readonly scratchFound: RuleResult[] = [];
  private readonly scratchFacts = emptyRowFacts();
  private readonly scratchHead: AgencyHead = { id: 0, full_name: '', agency_kind: '', type_group: null, internal_dept_cap: null };
  private readonly agencyCtx: AgencyRuleContext;
  private readonly mappingCtx: MappingRuleContext;

  constructor(before: Snapshot | SnapshotIndex, plan: Plan | null, opts: EngineOptions = {}) {
    this.before = before instanceof SnapshotIndex ? before : new SnapshotIndex(before);
    this.planMode = plan !== null;
    const p: Plan = plan ?? { id: 0, name: '', effective_date: this.before.snapshot.asOf, region_code: '', mappings: [], items: [] };
    this.plan = new PlanIndex(p, this.before);
    this.profile = makeProfile({ ...(p.rule_profile ?? {}), ...(opts.profile ?? {}) });
    this.ctx = { before: this.before, plan: this.plan, eff: p.effective_date };
    this.countyName = opts.countyName ?? ((c) => c);
    this.agencyCtx = {
      profile: this.profile, planMode: this.planMode, eff: this.planMode ? p.effective_date : null,
      zoneExists: (id) => this.state.zoneOwner.has(id),
      beforeAgency: (id) => this.before.agencyById.get(id),
    };
    this.mappingCtx = {
      plan: p,
      nameOf: (k) => (k == null ? '' : this.state.after.get(k)?.row.full_name ?? this.before.agencyById.get(k)?.full_name ?? `#${k}`),
      mergedRanks: (k) => (this.plan.incoming.get(k) ?? []).map((s) => this.before.agencyById.get(s)?.rank ?? null),
    };
    this.state = new AfterState(this.before, this.ctx);
    this.plainView = new PlainAgencyView(this.before);
    this.rebuild();
  }

  /** Projects and checks everything (used at start, and after edits that change the plan's structure). */
  private rebuild(): void {
    for (const m of [this.agencyRes, this.sourceRes, this.createRes, this.countyRes, this.allowed]) m.clear();
    this.state.reset();
    for (const key of this.state.after.keys()) this.checkAgency(key);
    const ids = this.before.agencyIds;
    const mappings = this.mappingsBySlot();
    for (let slot = 0; slot < ids.length; slot++) if (this.state.isPlainSnapshotId(ids[slot])) this.checkPlain(ids[slot], mappings);
    for (const county of this.state.counties()) this.checkCounty(county);
    if (this.planMode) {
      for (let slot = 0; slot < ids.length; slot++) if (this.before.isZoneMgmtSlot(slot)) this.checkSource(ids[slot], mappings);
      this.plan.mappingById.forEach((m) => { if (m.action === 'create') this.createRes.set(m.id, createRules(m, createdAgencyKey(m), this.mappingCtx)); });
      for (const it of this.plan.plan.items) this.countAddition(it);
    }
  }

  private countAddition(it: PlanItem): void {
    if (it.kind !== 'staffing' || typeof it.payload.source !== 'string' || !it.payload.source.trim()) return;
    const type = typeof it.payload.staffing_type === 'string' ? it.payload.staffing_type : this.before.childRow('staffing', it.target_id ?? 0)?.staffing_type;
    if (!type) return;
    const n = it.op === 'create' ? Number(it.payload.approved ?? 0) : Number(it.payload.approved_delta ?? 0);
    if (n > 0) this.allowed.set(type, (this.allowed.get(type) ?? 0) + n);
  }

  private setCached<K>(map: Map<K, readonly RuleResult[]>, key: K, list: readonly RuleResult[]): void {
    if (list.length) map.set(key, list);
    else map.delete(key);
  }

  private checkAgency(key: number): void {
    const a = this.state.get(key);
    const found = this.scratchFound;
    // The index's AgencyHead stands in for the row when the plan left the row itself alone (fast to read).
    if (a) collectAgencyRules(a, this.agencyCtx, found, rowFactsOf(a, this.scratchFacts), this.before.headOf(key, a.row));
    this.setCached(this.agencyRes, key, found.length ? found.slice() : NO_RESULTS);
    found.length = 0;
  }

  /**
   * An agency the plan leaves alone: checked straight from the snapshot through one reused view (see
   * plain-agency.ts) and the index's row facts and AgencyHead, so a national check allocates nothing per clean
   * agency and reads its rows only when they have something to report.
   */
  private checkPlain(id: number, mappingsBySlot: ReadonlyArray<readonly Mapping[] | undefined>): void {
    const i = this.before;
    const slot = i.slotOf(id);
    const view = this.plainView.show(id, slot, mappingsBySlot[slot]?.[0]);
    const found = this.scratchFound;
    collectAgencyRules(view, this.agencyCtx, found, i.rowFactsAt(slot, this.scratchFacts), i.copyHeadInto(slot, this.scratchHead));
    if (found.length) {
      this.agencyRes.set(id, found.slice());
      found.length = 0;
    }
  }

  /**
   * plan.bySource by snapshot position, for one national pass: probing the plan's 20,000-entry map once per
   * agency cost more than reading its entries in order (measured: 3 ms).
   */
  private mappingsBySlot(): Array<readonly Mapping[] | undefined> {
    const out = new Array<readonly Mapping[] | undefined>(this.before.agencyIds.length);
    this.plan.bySource.forEach((list, id) => {
      const slot = this.before.positionOf(id);
      if (slot >= 0) out[slot] = list;
    });
    return out;
  }

  private checkCounty(county: string): void {
    this.setCached(this.countyRes, county, countyRules(county, this.state.countyMembers(county), this.profile, this.countyName));
  }

  private checkSource(id: number, mappingsBySlot?: ReadonlyArray<readonly Mapping[] | undefined>): void {
    // The kind comes from the index: a snapshot row's own properties are slow to read (see snapshot-index.ts).
    const slot = this.before.positionOf(id);
    const b = slot >= 0 && this.before.isZoneMgmtSlot(slot) ? this.before.snapshot.agencies[slot] : undefined;
    const mappings = mappingsBySlot ? mappingsBySlot[slot] : this.plan.bySource.get(id);
    this.setCached(this.sourceRes, id, b ? sourceRules(b, mappings, this.mappingCtx) : NO_RESULTS);
  }

  /** Replaces or adds one mapping and re-checks only what it affects. */
  upsertMapping(m: Mapping): void {
    const old = this.plan.mappingById.get(m.id);
    this.afterChange([old, m], this.plan.setMapping(m));
  }

  deleteMapping(id: number): void {
    const old = this.plan.mappingById.get(id);
    if (old) this.afterChange([old], this.plan.deleteMapping(id));
  }

  /** Items change the plan's rows in many places: everything is checked again. */
  setItems(items: PlanItem[]): void {
    const plan = { ...this.plan.plan, items };
    Object.assign(this, { plan: new PlanIndex(plan, this.before) });
    (this.ctx as { plan: PlanIndex }).plan = this.plan;
    (this.mappingCtx as { plan: Plan }).plan = plan;
    this.rebuild();
  }

  private afterChange(mappings: Array<Mapping | undefined>, changes: TargetChange[] | null): void {
    if (!this.planMode) throw new Error('RuleEngine: no plan to edit');
    if (changes === null) return this.rebuild();
    const keys = new Set<number>();
    const sources = new Set<number>();
    for (const m of mappings) if (m?.source_agency_id != null) { keys.add(m.source_agency_id); sources.add(m.source_agency_id); }
    for (const c of changes) {
      keys.add(c.source);
      if (typeof c.from === 'number') keys.add(c.from);
      if (typeof c.to === 'number') keys.add(c.to);
    }
    // Public institutions follow their sponsor; sponsors of a changed agency are looked up once per key.
    for (const k of [...keys]) for (const dep of this.before.agenciesBySuperior.get(k) ?? []) keys.add(dep.id);
    this.refresh(keys, sources);
  }

  private refresh(keys: Set<number>, sources: Set<number>): void {
    const counties = new Set<string>();
    const note = (k: number) => {
      const a = this.state.get(k);
      if (a) counties.add(a.row.host_region_code);
      const b = this.before.agencyById.get(k);
      if (b) counties.add(b.host_region_code);
    };
    for (const k of keys) {
      note(k);
      this.state.unplace(k);
    }
    for (const k of keys) {
      this.state.place(k);
      note(k);
    }
    for (const k of keys) this.checkAgency(k);
    for (const c of counties) this.checkCounty(c);
    for (const s of sources) this.checkSource(s);
  }

  /** All results, in rule order (R1 … R20). */
  results(): RuleResult[] {
    const buckets = new Map<RuleId, RuleResult[]>(RULE_ORDER.map((r) => [r, []]));
    const put = (list: readonly RuleResult[]) => { for (const r of list) buckets.get(r.rule)!.push(r); };
    for (const l of this.countyRes.values()) put(l);
    for (const l of this.agencyRes.values()) put(l);
    for (const l of this.sourceRes.values()) put(l);
    for (const l of this.createRes.values()) put(l);
    if (this.planMode) {
      put(globalRules({
        plan: this.plan.plan, profile: this.profile, beforeStaffing: this.state.beforeStaff, afterStaffing: this.state.afterStaff,
        allowedAdditions: this.allowed, beforeCount: this.state.beforeCount, afterCount: this.state.afterCount,
        countyOf: (id) => (id == null ? null : this.before.agencyById.get(id)?.host_region_code ?? null),
      }));
    }
    const out: RuleResult[] = [];
    for (const r of RULE_ORDER) for (const x of buckets.get(r)!) out.push(x);
    return out;
  }

  afterAgencies(): AfterAgency[] {
    return this.state.all();
  }

  /** The after state of one agency (re-projected from the snapshot when the plan leaves it alone). */
  afterAgency(key: number): AfterAgency | undefined {
    return this.state.get(key);
  }

  removedAgencies(): RemovedAgency[] {
    return [...this.state.removed.values()];
  }

  counts(): { before: number; after: number } {
    return { before: this.state.beforeCount, after: this.state.afterCount };
  }
}

/** Checks a plan against the register before it: all results in rule order. */
export function checkPlan(before: Snapshot, plan: Plan, opts: EngineOptions = {}): RuleResult[] {
  return new RuleEngine(before, plan, opts).results();
}

/** Checks the register itself (no plan): per-agency and per-county rules. */
export function checkRegister(snapshot: Snapshot, opts: EngineOptions = {}): RuleResult[] {
  return new RuleEngine(snapshot, null, opts).results();
}
