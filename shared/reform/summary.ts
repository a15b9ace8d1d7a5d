// Before / after figures of a plan for the wizard's overview: management agencies by zone-type group and by
// county, the change, the row of the mapping table for every source agency, and Sankey links from the
// groups before to the groups after (the article's "15 industrial → 6").
import { enumLabel } from '../enums';
import type { SnapshotIndex } from '../rules/snapshot-index';
import type { AfterAgency, MappingAction, RemovedAgency } from './types';

export interface Counts {
  readonly total: number;
  readonly byGroup: Record<string, number>;
  readonly byCounty: Record<string, number>;
}

export interface SankeyNode { readonly id: string; readonly label: string; readonly side: 'before' | 'after' }
export interface SankeyLink { readonly source: string; readonly target: string; readonly value: number; readonly agencyIds: number[] }

export interface AgencyFlow {
  readonly fromId: number;
  readonly fromName: string;
  readonly fromGroup: string | null;
  readonly county: string;
  readonly action: MappingAction | 'keep';
  /** After key (id of the agency, or below zero for one the plan creates); null when abolished. */
  readonly toKey: number | null;
  readonly toName: string | null;
  readonly toGroup: string | null;
}

export interface ReformSummary {
  readonly before: Counts;
  readonly after: Counts;
  readonly change: Counts;
  readonly flows: AgencyFlow[];
  readonly sankey: { readonly nodes: SankeyNode[]; readonly links: SankeyLink[] };
}

function count(rows: Array<{ group: string | null; county: string }>): Counts {
  const byGroup: Record<string, number> = {};
  const byCounty: Record<string, number> = {};
  for (const r of rows) {
    const g = r.group ?? 'other';
    byGroup[g] = (byGroup[g] ?? 0) + 1;
    byCounty[r.county] = (byCounty[r.county] ?? 0) + 1;
  }
  return { total: rows.length, byGroup, byCounty };
}

function diff(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) out[k] = (b[k] ?? 0) - (a[k] ?? 0);
  return out;
}

export function summarize(before: SnapshotIndex, after: readonly AfterAgency[], removed: readonly RemovedAgency[]): ReformSummary {
  const mgmtBefore = before.snapshot.agencies.filter((a) => a.agency_kind === 'zone_mgmt');
  const mgmtAfter = after.filter((a) => a.row.agency_kind === 'zone_mgmt');
  const b = count(mgmtBefore.map((a) => ({ group: a.type_group, county: a.host_region_code })));
  const a = count(mgmtAfter.map((x) => ({ group: x.row.type_group, county: x.row.host_region_code })));
  const afterByKey = new Map(after.map((x) => [x.key, x]));
  const removedById = new Map(removed.map((r) => [r.agencyId, r]));
  const flows: AgencyFlow[] = mgmtBefore.map((src) => {
    const gone = removedById.get(src.id);
    const to = gone ? (gone.targetKey !== null ? afterByKey.get(gone.targetKey) : undefined) : afterByKey.get(src.id);
    const action = gone?.mapping?.action ?? (afterByKey.get(src.id)?.action as MappingAction | undefined) ?? 'keep';
    return {
      fromId: src.id, fromName: src.full_name, fromGroup: src.type_group, county: src.host_region_code,
      action: action === ('item' as string) ? 'keep' : action, toKey: to?.key ?? null, toName: to?.row.full_name ?? null, toGroup: to?.row.type_group ?? null,
    };
  });
  const nodes = new Map<string, SankeyNode>();
  const links = new Map<string, SankeyLink>();
  const node = (side: 'before' | 'after', group: string | null) => {
    const id = `${side}:${group ?? 'abolished'}`;
    if (!nodes.has(id)) {
      const label = group ? enumLabel('type_group', group) : '撤销';
      nodes.set(id, { id, label: `${label}（${side === 'before' ? '改革前' : '改革后'}）`, side });
    }
    return id;
  };
  for (const f of flows) {
    const s = node('before', f.fromGroup ?? 'other');
    const t = node('after', f.toKey === null ? null : (f.toGroup ?? 'other'));
    const k = `${s}>${t}`;
    const l = links.get(k) ?? { source: s, target: t, value: 0, agencyIds: [] };
    links.set(k, { ...l, value: l.value + 1, agencyIds: [...l.agencyIds, f.fromId] });
  }
  return {
    before: b, after: a,
    change: { total: a.total - b.total, byGroup: diff(b.byGroup, a.byGroup), byCounty: diff(b.byCounty, a.byCounty) },
    flows, sankey: { nodes: [...nodes.values()], links: [...links.values()] },
  };
}
