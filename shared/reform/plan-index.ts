// Lookups over a plan: the mapping of each source agency, where merged agencies finally land (following
// chains A→B→C and detecting cycles), which items touch which rows, and which agencies the plan touches.
// Mappings can be replaced one at a time, for the wizard's live re-check.
import type { SnapshotIndex } from '../rules/snapshot-index';
import type { ChildKey } from '../rules/types';
import { REMOVING_ACTIONS, virtualId, type ItemKind, type Mapping, type Plan, type PlanItem } from './types';

export const ITEM_CHILD_KEY: Partial<Record<ItemKind, ChildKey>> = {
  department: 'departments', function: 'functions', staffing: 'staffing', leader_post: 'posts',
  nameplate: 'nameplates', dispatched_unit: 'dispatched',
};

const NO_ITEMS: readonly PlanItem[] = Object.freeze([]) as readonly PlanItem[];

export interface TargetChange {
  readonly source: number;
  readonly from: number | null | 'cycle' | undefined;
  readonly to: number | null | 'cycle' | undefined;
}

export const createdAgencyKey = (m: Mapping): number => virtualId('mapping', m.id, 0);
export const createdPiKey = (item: PlanItem): number => virtualId('item', item.id, 0);

export class PlanIndex {
  readonly mappingById = new Map<number, Mapping>();
  /** Source agency id → its mappings (more than one is an input error reported by validation). */
  readonly bySource = new Map<number, Mapping[]>();
  readonly createByRef = new Map<string, Mapping>();
  /** Merged / abolished source → the after key its rows go to (null: nowhere), or 'cycle'. */
  finalTarget = new Map<number, number | null | 'cycle'>();
  /** After key → source agencies whose rows end up there. */
  incoming = new Map<number, number[]>();
  readonly rowItems = new Map<string, PlanItem[]>();
  readonly createItems = new Map<number, PlanItem[]>();
  readonly piCreates: PlanItem[] = [];
  readonly piRefs = new Map<string, PlanItem>();
  /** Existing agency → sources whose mapping names it directly as merge / abolish target. */
  private readonly directIn = new Map<number, Set<number>>();
  /** Before-agency ids that own a row some item updates or ends. */
  readonly agenciesWithRowItems = new Set<number>();

  constructor(readonly plan: Plan, private readonly before: SnapshotIndex) {
    for (const m of plan.mappings) this.addMapping(m);
    for (const it of plan.items) {
      if (it.kind === 'public_institution' && it.op === 'create') {
        this.piCreates.push(it);
        const ref = it.payload.ref_key;
        if (typeof ref === 'string' && ref) this.piRefs.set(ref, it);
      }
    }
    for (const it of plan.items) this.indexItem(it);
    this.rebuildTargets();
  }

  private addMapping(m: Mapping): void {
    this.mappingById.set(m.id, m);
    if (m.source_agency_id != null) {
      const list = this.bySource.get(m.source_agency_id);
      if (list) list.push(m);
      else this.bySource.set(m.source_agency_id, [m]);
      const t = m.target_agency_id;
      if (REMOVING_ACTIONS.has(m.action) && t != null) {
        const set = this.directIn.get(t);
        if (set) set.add(m.source_agency_id);
        else this.directIn.set(t, new Set([m.source_agency_id]));
      }
    }
    if (m.action === 'create' && m.ref_key) this.createByRef.set(m.ref_key, m);
  }

  private removeMapping(id: number): Mapping | undefined {
    const m = this.mappingById.get(id);
    if (!m) return undefined;
    this.mappingById.delete(id);
    if (m.source_agency_id != null) {
      const list = (this.bySource.get(m.source_agency_id) ?? []).filter((x) => x.id !== id);
      if (list.length) this.bySource.set(m.source_agency_id, list);
      else this.bySource.delete(m.source_agency_id);
      if (m.target_agency_id != null && !list.some((x) => x.target_agency_id === m.target_agency_id && REMOVING_ACTIONS.has(x.action))) {
        this.directIn.get(m.target_agency_id)?.delete(m.source_agency_id);
      }
    }
    if (m.action === 'create' && m.ref_key && this.createByRef.get(m.ref_key)?.id === id) this.createByRef.delete(m.ref_key);
    return m;
  }

  /**
   * Replaces (or adds) one mapping. Returns the sources whose final merge target changed, or null when the
   * plan's structure changed (a created agency or a reference to one) and everything was recomputed.
   */
  setMapping(m: Mapping): TargetChange[] | null {
    return this.change(this.mappingById.get(m.id), () => { this.removeMapping(m.id); this.addMapping(m); }, m);
  }

  deleteMapping(id: number): TargetChange[] | null {
    return this.change(this.mappingById.get(id), () => this.removeMapping(id), undefined);
  }

  private change(old: Mapping | undefined, apply: () => void, next: Mapping | undefined): TargetChange[] | null {
    if ([old, next].some((x) => x && (x.action === 'create' || !!x.target_ref))) {
      apply();
      this.rebuildTargets();
      return null;
    }
    const roots = [old?.source_agency_id, next?.source_agency_id].filter((x): x is number => x != null);
    const affected = this.closure(roots);
    apply();
    for (const s of this.closure(roots)) affected.add(s);
    const changes: TargetChange[] = [];
    for (const s of affected) {
      const from = this.finalTarget.get(s);
      const to = this.computeFinal(s);
      if (from !== to) {
        this.setFinal(s, to);
        changes.push({ source: s, from, to });
      }
    }
    return changes;
  }

  /** The sources and every source whose merge chain passes through them. */
  private closure(roots: number[]): Set<number> {
    const out = new Set<number>(roots);
    const queue = [...roots];
    while (queue.length) {
      for (const s of this.directIn.get(queue.pop()!) ?? []) {
        if (!out.has(s)) { out.add(s); queue.push(s); }
      }
    }
    return out;
  }

  mappingOf(agencyId: number): Mapping | undefined {
    return this.bySource.get(agencyId)?.[0];
  }

  /** The after key an existing agency id or a plan reference stands for (undefined: unknown). */
  refKey(ref: string): number | undefined {
    const m = this.createByRef.get(ref);
    if (m) return createdAgencyKey(m);
    const pi = this.piRefs.get(ref);
    return pi ? createdPiKey(pi) : undefined;
  }

  directTarget(m: Mapping): number | null | undefined {
    if (m.target_ref) return this.refKey(m.target_ref);
    return m.target_agency_id ?? null;
  }

  /** Where an existing agency's rows are after the reform: itself, a merge target, or null (abolished). */
  resolveAgency(id: number): number | null {
    const t = this.finalTarget.get(id);
    if (t === undefined) return id;
    return t === 'cycle' ? null : t;
  }

  /** Follows A→B→C to where a merged or abolished source's rows end up (undefined: not removed). */
  private computeFinal(source: number): number | null | 'cycle' | undefined {
    const m = this.bySource.get(source)?.[0];
    if (!m || !REMOVING_ACTIONS.has(m.action)) return undefined;
    let target: number | null | 'cycle' | undefined = this.directTarget(m) ?? null;
    const seen = new Set<number>([source]);
    while (typeof target === 'number' && target > 0) {
      const next: Mapping | undefined = this.bySource.get(target)?.[0];
      if (!next || !REMOVING_ACTIONS.has(next.action)) break;
      if (seen.has(target)) return 'cycle';
      seen.add(target);
      target = this.directTarget(next) ?? null;
    }
    return target ?? null;
  }

  /** Records a source's final target, keeping `incoming` lists sorted by source id (deterministic order). */
  private setFinal(source: number, to: number | null | 'cycle' | undefined): void {
    const from = this.finalTarget.get(source);
    if (typeof from === 'number') {
      const l = this.incoming.get(from);
      const i = l ? l.indexOf(source) : -1;
      if (i >= 0) l!.splice(i, 1);
      if (l && l.length === 0) this.incoming.delete(from);
    }
    if (to === undefined) this.finalTarget.delete(source);
    else this.finalTarget.set(source, to);
    if (typeof to === 'number') {
      const l = this.incoming.get(to);
      if (!l) this.incoming.set(to, [source]);
      else {
        let i = l.length;
        while (i > 0 && l[i - 1] > source) i--;
        l.splice(i, 0, source);
      }
    }
  }

  private rebuildTargets(): void {
    this.finalTarget = new Map();
    this.incoming = new Map();
    const sources = [...this.bySource.keys()].sort((a, b) => a - b);
    for (const s of sources) {
      const t = this.computeFinal(s);
      if (t !== undefined) this.setFinal(s, t);
    }
  }

  private indexItem(it: PlanItem): void {
    const childKey = ITEM_CHILD_KEY[it.kind];
    if (it.op !== 'create' && it.target_id != null) {
      const k = `${it.kind}:${it.target_id}`;
      const l = this.rowItems.get(k);
      if (l) l.push(it);
      else this.rowItems.set(k, [it]);
      const owner = it.kind === 'public_institution' ? it.target_id : childKey ? this.before.ownerOf(childKey, it.target_id) : undefined;
      if (owner !== undefined) this.agenciesWithRowItems.add(owner);
      return;
    }
    if (it.op === 'create' && it.kind !== 'public_institution') {
      const owner = this.itemOwner(it);
      if (owner === undefined) return;
      const l = this.createItems.get(owner);
      if (l) l.push(it);
      else this.createItems.set(owner, [it]);
    }
  }

  /** The after key that owns a created row (undefined when the reference is unknown). */
  itemOwner(it: PlanItem): number | undefined {
    if (it.agency_ref) return this.refKey(it.agency_ref);
    return it.agency_id ?? undefined;
  }

  itemsOfRow(kind: ItemKind, rowId: number): readonly PlanItem[] {
    if (this.rowItems.size === 0) return NO_ITEMS; // the common case: no string key to build
    return this.rowItems.get(`${kind}:${rowId}`) ?? NO_ITEMS;
  }
}
