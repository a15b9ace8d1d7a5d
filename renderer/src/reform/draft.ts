// The wizard's draft: what the user typed, kept in the renderer as the source of truth while the wizard is
// open. The engine refuses to SAVE a plan with input errors (a source mapped twice, a merge cycle …); the
// draft keeps it anyway, so the user can go back and forth and correct it instead of retyping.
import type { CallInput } from '../../../shared/contract';
import type { ReformDetail } from '../../../shared/reform/api-types';
import { MAPPING_ACTION_ZH, type ItemKind, type ItemOp, type Mapping, type PlanItem } from '../../../shared/reform/types';
import type { R1Mode } from '../../../shared/rules/types';

let seq = 0;
/** Client key of a draft row: stable across saves (the server replaces rows and renumbers them). */
export const newKey = (): string => `k${++seq}`;

export type MappingDraft = Omit<Mapping, 'id' | 'seq'> & { k: string };
export type ItemDraft = Omit<PlanItem, 'id' | 'seq'> & { k: string };

export interface DocDraft { doc_no: string; title: string }

export interface ScopeDraft {
  name: string;
  docs: DocDraft[];
  effectiveDate: string;
  regionCode: string;
  notes: string;
  r1Mode: R1Mode | null;
}

export interface Draft {
  /** null until the scope is first saved. */
  id: number | null;
  status: 'draft' | 'applied' | 'reverted';
  scope: ScopeDraft;
  mappings: MappingDraft[];
  items: ItemDraft[];
}

/** Input shown in place of a saved draft (a restored unsaved copy); `adopt` gets the observable draft then held. */
export interface Shown { draft: Draft; step: number; adopt?: (held: Draft) => void }

export function blankDraft(): Draft {
  return {
    id: null, status: 'draft',
    scope: { name: '', docs: [{ doc_no: '', title: '' }], effectiveDate: '', regionCode: '', notes: '', r1Mode: null },
    mappings: [], items: [],
  };
}

export function draftFromDetail(d: ReformDetail): Draft {
  const docs = d.basisDocs.map((b) => ({ doc_no: b.doc_no, title: b.title ?? '' }));
  if (!docs.length) docs.push({ doc_no: d.basisDocNo ?? '', title: '' });
  return {
    id: d.id, status: d.status,
    scope: {
      name: d.name, docs, effectiveDate: d.effectiveDate, regionCode: d.regionCode, notes: d.notes ?? '',
      r1Mode: (d.ruleProfile.r1Mode as R1Mode | undefined) ?? null,
    },
    mappings: d.mappings.map(({ id: _id, seq: _seq, ...m }) => ({ ...m, k: newKey() })),
    items: d.items.map(({ id: _id, seq: _seq, ...it }) => ({ ...it, k: newKey() })),
  };
}

const clean = (v: unknown): unknown => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v);

/** Rows as the contract takes them: no client keys, empty text as null, nothing undefined. */
export function mappingsInput(d: Draft): CallInput<'reform.setMappings'>['mappings'] {
  return d.mappings.map(({ k: _k, ...m }) => {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(m)) if (v !== undefined) out[key] = clean(v);
    if (m.staffing_transfer && Object.keys(m.staffing_transfer).length === 0) out.staffing_transfer = null;
    return out as CallInput<'reform.setMappings'>['mappings'][number];
  });
}

export function itemsInput(d: Draft): CallInput<'reform.setItems'>['items'] {
  return d.items.map(({ k: _k, ...it }) => {
    const out: Record<string, unknown> = { kind: it.kind, op: it.op, payload: it.payload };
    if (it.target_id != null) out.target_id = it.target_id;
    if (it.agency_id != null) out.agency_id = it.agency_id;
    if (it.agency_ref) out.agency_ref = it.agency_ref;
    if (it.note) out.note = it.note;
    return out as CallInput<'reform.setItems'>['items'][number];
  });
}

export function mainDocNo(s: ScopeDraft): string | null {
  return s.docs.map((d) => d.doc_no.trim()).find(Boolean) ?? null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION_CODE = /^\d{6}$/;

/** The scope names what the engine needs to read the register: an ISO date and a six-digit region code. */
export function scopeReady(s: ScopeDraft): boolean {
  return ISO_DATE.test(s.effectiveDate) && REGION_CODE.test(s.regionCode);
}

/** What the scope step still lacks, as keys of the wizard's strings, in display order. */
export function scopeProblemKeys(d: Draft): Array<'nameRequired' | 'docRequired' | 'dateRequired' | 'regionRequired' | 'noSources'> {
  const s = d.scope;
  const out: ReturnType<typeof scopeProblemKeys> = [];
  if (!s.name.trim()) out.push('nameRequired');
  if (!mainDocNo(s)) out.push('docRequired');
  if (!ISO_DATE.test(s.effectiveDate)) out.push('dateRequired');
  if (!REGION_CODE.test(s.regionCode)) out.push('regionRequired');
  if (!d.mappings.some((m) => m.source_agency_id != null || m.action === 'create')) out.push('noSources');
  return out;
}

export function scopeInput(s: ScopeDraft) {
  return {
    name: s.name.trim(), basisDocNo: mainDocNo(s),
    basisDocs: s.docs.filter((d) => d.doc_no.trim()).map((d) => ({ doc_no: d.doc_no.trim(), ...(d.title.trim() ? { title: d.title.trim() } : {}) })),
    effectiveDate: s.effectiveDate, regionCode: s.regionCode, notes: s.notes.trim() || null,
    ruleProfile: s.r1Mode ? { r1Mode: s.r1Mode } : {},
  };
}

/** The wizard's steps; problems are shown at the step where they arise. */
export const STEPS = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6', 'step7'] as const;
export const STEP_SCOPE = 0, STEP_MAPPING = 1, STEP_DEPTS = 2, STEP_STAFF = 3, STEP_FUNCS = 4, STEP_PREVIEW = 5, STEP_APPLY = 6;

const ITEM_STEP: Record<ItemKind, number> = {
  department: STEP_DEPTS, staffing: STEP_STAFF, leader_post: STEP_STAFF, function: STEP_FUNCS, dispatched_unit: STEP_FUNCS,
  public_institution: STEP_FUNCS, nameplate: STEP_MAPPING,
};

/** Which step a problem (path "mappings[3]" / "items[2]" of the draft as sent) belongs to. */
export function stepOfProblem(d: Draft, p: { path?: string; message: string }): number {
  const m = /^(mappings|items)\[(\d+)\]/.exec(p.path ?? '');
  if (m?.[1] === 'items') return ITEM_STEP[d.items[Number(m[2])]?.kind ?? 'department'];
  if (/编制划转/.test(p.message)) return STEP_STAFF;
  if (/职责去向/.test(p.message)) return STEP_FUNCS;
  return STEP_MAPPING;
}

/** The draft row a problem path points at. */
export function rowOfProblem(p: { path?: string }): { list: 'mappings' | 'items'; index: number } | null {
  const m = /^(mappings|items)\[(\d+)\]/.exec(p.path ?? '');
  return m ? { list: m[1] as 'mappings' | 'items', index: Number(m[2]) } : null;
}

export function findItem(d: Draft, kind: ItemKind, op: ItemOp, targetId: number): ItemDraft | undefined {
  return d.items.find((it) => it.kind === kind && it.op === op && it.target_id === targetId);
}

/** Owner of a create item as an after key: an existing agency id, or the created agency's ref. */
export function itemOwner(it: Pick<ItemDraft, 'agency_id' | 'agency_ref'>): string {
  return it.agency_id != null ? String(it.agency_id) : `ref:${it.agency_ref ?? ''}`;
}

export const actionLabelZh = (a: string): string => MAPPING_ACTION_ZH[a as keyof typeof MAPPING_ACTION_ZH] ?? a;
