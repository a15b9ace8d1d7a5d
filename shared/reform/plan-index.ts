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
    }
    if (m.action === 'create' && m.ref_key && this.createByRef.get(m.ref_key)?.id === id) this.createByRef.delete(m.ref_key);
    return m;
  }

  /** Replaces (or adds) one mapping; returns the previous version. */
  setMapping(m: Mapping): Mapping | undefined {
    const old = this.removeMapping(m.id);
    this.addMapping(m);
    this.rebuildTargets();
    return old;
  }

  deleteMapping(id: number): Mapping | undefined {
    const old = this.removeMapping(id);
    this.rebuildTargets();
    return old;
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

  private rebuildTargets(): void {
    const final = new Map<number, number | null | 'cycle'>();
    const incoming = new Map<number, number[]>();
    for (const [source, list] of this.bySource) {
      const m = list[0];
      if (!REMOVING_ACTIONS.has(m.action)) continue;
      let target: number | null | 'cycle' | undefined = this.directTarget(m) ?? null;
      const seen = new Set<number>([source]);
      while (typeof target === 'number' && target > 0) {
        const next: Mapping | undefined = this.bySource.get(target)?.[0];
        if (!next || !REMOVING_ACTIONS.has(next.action)) break;
        if (seen.has(target)) { target = 'cycle'; break; }
        seen.add(target);
        target = this.directTarget(next) ?? null;
      }
      final.set(source, target ?? null);
      if (typeof target === 'number') {
        const l = incoming.get(target);
        if (l) l.push(source);
        else incoming.set(target, [source]);
      }
    }
    this.finalTarget = final;
    this.incoming = incoming;
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
    return this.rowItems.get(`${kind}:${rowId}`) ?? [];
  }
}
