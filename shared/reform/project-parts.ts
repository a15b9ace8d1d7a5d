// Steps of the projection shared by existing and created agencies: the zones an agency manages after the
// reform, and the functions and dispatched units that move to it from merged agencies.
import { ZONE_TYPE_GROUP, type EnumKey } from '../enums';
import type { AgencyRec, DispatchedRec, FunctionRec, ZoneRec } from '../rules/types';
import { applyRowItems, type ProjectionContext } from './project-rows';
import { zoneNameOf, type EndPatch, type Mapping } from './types';

export const GROUP_DEFAULT_ZONE_TYPE: Record<string, string> = {
  industrial: 'industrial_park', agricultural: 'modern_agri_park', logistics: 'logistics_hub', tourism: 'scenic_area', other: 'other_function_zone',
};

/** Party and government parts of "中共秦安县委员会、秦安县人民政府". */
export function dispatchersOf(body: string | null | undefined): { party: string | null; gov: string | null } {
  const parts = (body ?? '').split(/[、，,]/).map((s) => s.trim()).filter(Boolean);
  return { party: parts.find((p) => p.startsWith('中共')) ?? null, gov: parts.find((p) => !p.startsWith('中共')) ?? null };
}

/** Zones of the agency itself (renamed / retyped with it) and of agencies merged into it (as parks). */
export function projectZones(ctx: ProjectionContext, key: number, b: AgencyRec | null, row: AgencyRec, own: readonly ZoneRec[], sources: readonly number[], m: Mapping | undefined): ZoneRec[] {
  const out = [...own];
  const mainIndex = out.findIndex((z) => z.parent_zone_id == null);
  if (b && mainIndex >= 0) {
    const z = out[mainIndex];
    const patch: Partial<ZoneRec> = {};
    if (row.full_name !== b.full_name && z.name === zoneNameOf(b.full_name)) patch.name = zoneNameOf(row.full_name);
    if (m?.action === 'retype') {
      const type = m.new_zone_type ?? (ZONE_TYPE_GROUP[z.zone_type as EnumKey<'zone_type'>] !== row.type_group ? GROUP_DEFAULT_ZONE_TYPE[row.type_group ?? 'other'] : z.zone_type);
      if (type !== z.zone_type) patch.zone_type = type;
    }
    if (Object.keys(patch).length) out[mainIndex] = { ...z, ...patch, valid_from: ctx.eff };
  }
  const mainId = mainIndex >= 0 ? out[mainIndex].id : (out[0]?.id ?? null);
  for (const s of sources) {
    for (const z of ctx.before.zonesOf(s)) {
      out.push({ ...z, management_agency_id: key, parent_zone_id: z.parent_zone_id ?? mainId, valid_from: ctx.eff });
    }
  }
  return out;
}

/** Functions of merged sources move to the target; one named like a function the target has is integrated. */
export function moveFunctions(ctx: ProjectionContext, key: number, target: AgencyRec, own: readonly FunctionRec[], sources: readonly number[], ends: EndPatch[]): readonly FunctionRec[] {
  if (sources.length === 0) return own;
  const out = [...own];
  const names = new Set(own.map((f) => f.name));
  for (const s of sources) {
    for (const f of applyRowItems(ctx, 'function', ctx.before.childrenOf('functions', s), ends)) {
      if (names.has(f.name)) ends.push({ table: 'functions', id: f.id, patch: { destination: `并入${target.full_name}` } });
      else {
        out.push({ ...f, agency_id: key, valid_from: ctx.eff });
        names.add(f.name);
      }
    }
  }
  return out;
}

export function moveDispatched(ctx: ProjectionContext, key: number, own: readonly DispatchedRec[], sources: readonly number[], ends: EndPatch[]): readonly DispatchedRec[] {
  if (sources.length === 0) return own;
  const out = [...own];
  for (const s of sources) {
    for (const d of applyRowItems(ctx, 'dispatched_unit', ctx.before.childrenOf('dispatched', s), ends)) out.push({ ...d, host_agency_id: key, valid_from: ctx.eff });
  }
  return out;
}

