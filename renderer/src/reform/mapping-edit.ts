// Editing the mapping table (机构整合对照表) cell by cell, the same way whether the value was chosen in a
// cell editor, pasted from Excel/WPS (labels and names, converted here) or set by dragging a source onto a
// target. Target values are "id:12" (an existing agency) or "ref:N1" (an agency the plan creates).
import { ENUMS, ZONE_TYPE_GROUP, type EnumKey } from '../../../shared/enums';
import { findEnumKey } from '../../../shared/convert';
import { MAPPING_ACTIONS, MAPPING_ACTION_ZH, REMOVING_ACTIONS, type MappingAction } from '../../../shared/reform/types';
import { normalizeInput } from '../../../shared/text';
import type { Draft, MappingDraft } from './draft';
import type { RegisterIndex } from './register-index';
import { ACTION_EN } from './strings';

export const EDITABLE_COLS = ['source', 'action', 'target', 'new_name', 'new_zone_type', 'new_rank', 'new_region_code', 'basis_doc_no', 'note'] as const;
export type MappingCol = (typeof EDITABLE_COLS)[number];

export const targetValue = (m: MappingDraft): string =>
  m.target_agency_id != null ? `id:${m.target_agency_id}` : m.target_ref ? `ref:${m.target_ref}` : '';

/** Where a source can go: every agency of the region, and every agency the plan creates. */
export function targetOptions(d: Draft, reg: RegisterIndex): Array<[string, string]> {
  const out: Array<[string, string]> = reg.mgmt.map((a) => [`id:${a.id}`, a.full_name]);
  for (const m of d.mappings) if (m.action === 'create' && m.ref_key) out.push([`ref:${m.ref_key}`, m.new_name || m.ref_key]);
  return out;
}

/** Sets one field of a row; a target chosen for a kept agency means it is merged (the common case). */
export function setMappingField(m: MappingDraft, col: MappingCol, value: string | null): void {
  const v = value === '' ? null : value;
  switch (col) {
    case 'source': m.source_agency_id = v == null ? null : Number(v); break;
    case 'action': m.action = (v ?? 'keep') as MappingAction; break;
    case 'target':
      m.target_agency_id = v?.startsWith('id:') ? Number(v.slice(3)) : null;
      m.target_ref = v?.startsWith('ref:') ? v.slice(4) : null;
      if (v && m.action === 'keep') m.action = 'merge_into';
      break;
    case 'new_zone_type':
      m.new_zone_type = v;
      m.new_group = v ? ZONE_TYPE_GROUP[v as EnumKey<'zone_type'>] ?? null : null;
      break;
    default: (m as Record<string, unknown>)[col] = v;
  }
}

export function mergeInto(m: MappingDraft, target: string | null): void {
  if (target === null) {
    m.action = 'keep';
    m.target_agency_id = null;
    m.target_ref = null;
    return;
  }
  if (target === 'abolish') {
    m.action = 'abolish';
    m.target_agency_id = null;
    m.target_ref = null;
    return;
  }
  setMappingField(m, 'target', target);
  m.action = 'merge_into';
}

export const survives = (m: MappingDraft): boolean => !REMOVING_ACTIONS.has(m.action);

export type Pasted = { ok: true; value: string | null } | { ok: false; reason: string };

/** A pasted text as the value of a column: labels for enums, names for agencies and counties. */
export function convertPaste(col: MappingCol, raw: string, d: Draft, reg: RegisterIndex): Pasted {
  const text = normalizeInput(raw);
  if (text === '') return col === 'source' || col === 'action' ? { ok: false, reason: `“${text}”不能为空` } : { ok: true, value: null };
  switch (col) {
    case 'source': {
      const id = reg.idByName(text);
      return id != null && reg.mgmt.some((a) => a.id === id) ? { ok: true, value: String(id) } : { ok: false, reason: `找不到机构“${text}”` };
    }
    case 'action': {
      const a = MAPPING_ACTIONS.find((k) => k !== 'create' && (k === text || MAPPING_ACTION_ZH[k] === text || ACTION_EN[k].toLowerCase() === text.toLowerCase()));
      return a ? { ok: true, value: a } : { ok: false, reason: `“${text}”不是有效的处理方式` };
    }
    case 'target': {
      const id = reg.idByName(text);
      if (id != null) return { ok: true, value: `id:${id}` };
      const created = d.mappings.find((m) => m.action === 'create' && (m.new_name === text || m.ref_key === text));
      return created?.ref_key ? { ok: true, value: `ref:${created.ref_key}` } : { ok: false, reason: `找不到目标机构“${text}”` };
    }
    case 'new_zone_type':
    case 'new_rank': {
      const key = findEnumKey(ENUMS[col === 'new_rank' ? 'rank' : 'zone_type'], text);
      return key ? { ok: true, value: key } : { ok: false, reason: `“${text}”不是有效的${col === 'new_rank' ? '规格' : '开发区类型'}` };
    }
    case 'new_region_code': {
      const hit = Object.entries(reg.countyNames).find(([c, n]) => c === text || n === text || n.replace(/(县|区)$/, '') === text);
      return hit ? { ok: true, value: hit[0] } : { ok: false, reason: `找不到县区“${text}”` };
    }
    default: return { ok: true, value: text };
  }
}

/** The next free reference of a created agency: N1, N2 … */
export function nextRef(d: Draft): string {
  let n = 1;
  while (d.mappings.some((m) => m.ref_key === `N${n}`)) n++;
  return `N${n}`;
}
