// Agencies the plan creates: a zone management agency from a 'create' mapping (with its zone and the two
// nameplates of "一个机构、两块牌子"), or a public institution from a 'public_institution' item.
import { ZONE_TYPE_GROUP, type EnumKey } from '../enums';
import type { AgencyRec, DispatchedRec, FunctionRec, NameplateRec, StaffingRec, ZoneRec } from '../rules/types';
import { createdAgencyKey, createdPiKey } from './plan-index';
import { GROUP_DEFAULT_ZONE_TYPE, dispatchersOf, moveDispatched, moveFunctions, projectZones } from './project-parts';
import { STAFFING_TYPES, addTransfers, createdRowsOf, type ProjectionContext } from './project-rows';
import { virtualId, zoneNameOf, type AfterAgency, type EndPatch, type Mapping, type PlanItem } from './types';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function projectCreatedAgency(ctx: ProjectionContext, m: Mapping): AfterAgency {
  const key = createdAgencyKey(m);
  const name = m.new_name ?? '（未命名机构）';
  const group = m.new_group ?? (m.new_zone_type ? ZONE_TYPE_GROUP[m.new_zone_type as EnumKey<'zone_type'>] : null) ?? 'other';
  const zoneName = zoneNameOf(name);
  const region = m.new_region_code ?? ctx.plan.plan.region_code;
  const row: AgencyRec = {
    id: key, code: null, full_name: name, short_name: m.new_short_name ?? `${zoneName}管委会`, agency_kind: 'zone_mgmt', type_group: group,
    nature: 'admin_organ', rank: m.new_rank ?? null, host_region_code: region, dispatching_body: m.new_dispatching_body ?? null,
    superior_id: m.new_superior_id != null ? ctx.plan.resolveAgency(m.new_superior_id) : null, uscc: null, internal_dept_cap: null,
    su_class: null, funding_form: null, duties_text: m.new_duties_text ?? null, status: 'active', note: m.note ?? null,
    valid_from: ctx.eff, valid_to: null,
  };
  const zone: ZoneRec = {
    id: virtualId('mapping', m.id, 1), name: zoneName, zone_type: m.new_zone_type ?? GROUP_DEFAULT_ZONE_TYPE[group], zone_level: 'county',
    host_region_code: region, parent_zone_id: null, management_agency_id: key, status: 'active', catalogue_listed: 0, valid_from: ctx.eff, valid_to: null,
  };
  const d = dispatchersOf(m.new_dispatching_body);
  const nameplates: NameplateRec[] = [
    { id: virtualId('mapping', m.id, 2), agency_id: key, name, kind: 'primary', dispatcher: d.gov, valid_from: ctx.eff, valid_to: null },
    { id: virtualId('mapping', m.id, 3), agency_id: key, name: `中共${zoneName}工作委员会`, kind: 'party_committee', dispatcher: d.party, valid_from: ctx.eff, valid_to: null },
    ...createdRowsOf<NameplateRec>(ctx, key, 'nameplate'),
  ];
  const sources = ctx.plan.incoming.get(key) ?? [];
  const ends: EndPatch[] = [];
  const staffing = addTransfers(ctx, key, [], sources, (ti) => virtualId('mapping', m.id, 8 + ti));
  return {
    key, fromId: null, row, versioned: false, touched: true, action: 'create', mappingId: m.id, mergedFrom: sources,
    zones: projectZones(ctx, key, null, row, [zone], sources, undefined),
    nameplates,
    departments: createdRowsOf(ctx, key, 'department'),
    staffing: [...staffing, ...createdRowsOf<StaffingRec>(ctx, key, 'staffing')],
    posts: createdRowsOf(ctx, key, 'leader_post'),
    functions: [...moveFunctions(ctx, key, row, [], sources, ends), ...createdRowsOf<FunctionRec>(ctx, key, 'function')],
    dispatched: [...moveDispatched(ctx, key, [], sources, ends), ...createdRowsOf<DispatchedRec>(ctx, key, 'dispatched_unit')],
    endPatches: ends,
  };
}

/** payload.staffing: {type: approved} or {type: {approved, actual}}. */
function piStaffing(ctx: ProjectionContext, it: PlanItem, key: number): StaffingRec[] {
  const raw = it.payload.staffing;
  if (typeof raw !== 'object' || raw === null) return [];
  const out: StaffingRec[] = [];
  for (const [type, v] of Object.entries(raw as Record<string, unknown>)) {
    const approved = typeof v === 'number' ? v : Number((v as { approved?: number })?.approved ?? 0);
    const actual = typeof v === 'number' ? v : Number((v as { actual?: number })?.actual ?? 0);
    out.push({ id: virtualId('item', it.id, 8 + Math.max(0, STAFFING_TYPES.indexOf(type))), agency_id: key, staffing_type: type, approved, actual, valid_from: ctx.eff, valid_to: null });
  }
  return out;
}

export function projectCreatedPi(ctx: ProjectionContext, it: PlanItem): AfterAgency {
  const key = createdPiKey(it);
  const p = it.payload;
  const superior = typeof p.superior_id === 'number' ? ctx.plan.resolveAgency(p.superior_id)
    : str(p.superior_ref) ? (ctx.plan.refKey(str(p.superior_ref)!) ?? null) : null;
  const superiorRow = superior != null && superior > 0 ? ctx.before.agencyById.get(superior) : undefined;
  const row: AgencyRec = {
    id: key, code: str(p.code), full_name: str(p.full_name) ?? '（未命名事业单位）', short_name: str(p.short_name),
    agency_kind: str(p.agency_kind) ?? 'public_institution', type_group: null, nature: str(p.nature) ?? 'public_institution',
    rank: str(p.rank), host_region_code: str(p.host_region_code) ?? superiorRow?.host_region_code ?? ctx.plan.plan.region_code,
    dispatching_body: null, superior_id: superior, uscc: str(p.uscc), internal_dept_cap: null, su_class: str(p.su_class),
    funding_form: str(p.funding_form), duties_text: str(p.duties_text), status: 'active', note: it.note ?? null,
    valid_from: ctx.eff, valid_to: null,
  };
  return {
    key, fromId: null, row, versioned: false, touched: true, action: 'create', mappingId: null, mergedFrom: [],
    zones: [],
    nameplates: createdRowsOf(ctx, key, 'nameplate'),
    departments: createdRowsOf(ctx, key, 'department'),
    staffing: [...piStaffing(ctx, it, key), ...createdRowsOf<StaffingRec>(ctx, key, 'staffing')],
    posts: createdRowsOf(ctx, key, 'leader_post'),
    functions: createdRowsOf(ctx, key, 'function'),
    dispatched: createdRowsOf(ctx, key, 'dispatched_unit'),
    endPatches: [],
  };
}
