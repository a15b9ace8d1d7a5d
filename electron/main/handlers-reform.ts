// Handlers of the merge wizard's calls (shared/contract/reform.ts), over db/reform.
import type { CallName } from '../../shared/contract';
import { REFORM_CALLS } from '../../shared/contract/reform';
import { todayCst } from '../../shared/text';
import { checkAgency } from '../../shared/rules/check-agency';
import { SnapshotIndex } from '../../shared/rules/snapshot-index';
import {
  agencyLineage, applyReform, checkPlanInDb, createReform, deleteMapping, deleteReform, getReform, listReforms, planOf,
  reformConflicts, reformLineage, revertReform, setItems, setMappings, settingsProfile, updateReform, upsertMapping,
  type ItemInput, type MappingInput,
} from '../../db/reform';
import { countyNames, loadSnapshot } from '../../db/reform/snapshot';
import type { HandlerContext } from './context';
import type { HandlerTable } from './handlers-core';

type ReformName = Extract<keyof typeof REFORM_CALLS, CallName>;

/** Tells every window the register (and the history) changed. */
function changed<T>(ctx: HandlerContext, result: T): T {
  ctx.emit('data.changed', null);
  ctx.emit('history.changed', ctx.store.history.state());
  return result;
}

const asMappings = (m: unknown) => m as MappingInput[];
const asItems = (i: unknown) => i as ItemInput[];

export const reformHandlers = {
  'reform.list': (_input, ctx) => listReforms(ctx.store.db),
  'reform.get': (input, ctx) => getReform(ctx.store.db, input.id),
  'reform.create': ({ prefill, ...input }, ctx) => changed(ctx, createReform(ctx.store, input, { prefill })),
  'reform.update': ({ id, ...patch }, ctx) => changed(ctx, updateReform(ctx.store, id, patch)),
  'reform.delete': (input, ctx) => {
    deleteReform(ctx.store, input.id);
    return changed(ctx, { id: input.id });
  },
  'reform.setMappings': (input, ctx) => changed(ctx, setMappings(ctx.store, input.id, asMappings(input.mappings))),
  'reform.upsertMapping': (input, ctx) => changed(ctx, upsertMapping(ctx.store, input.id, asMappings([input.mapping])[0])),
  'reform.deleteMapping': (input, ctx) => changed(ctx, deleteMapping(ctx.store, input.id, input.mappingId)),
  'reform.setItems': (input, ctx) => changed(ctx, setItems(ctx.store, input.id, asItems(input.items))),
  'reform.check': (input, ctx) => checkPlanInDb(ctx.store.db, planOf(getReform(ctx.store.db, input.id)), ctx.store.settings()).check,
  'reform.preview': (input, ctx) => {
    const { engine } = checkPlanInDb(ctx.store.db, planOf(getReform(ctx.store.db, input.id)), ctx.store.settings());
    return engine.afterAgency(input.key) ?? null;
  },
  'reform.apply': (input, ctx) => changed(ctx, applyReform(ctx.store, input.id, { acknowledgedWarnings: input.acknowledgedWarnings })),
  'reform.revert': (input, ctx) => {
    const out = revertReform(ctx.store, input.id, input.resolutions ?? []);
    return out.reverted ? changed(ctx, out) : out;
  },
  'reform.conflicts': (input, ctx) => reformConflicts(ctx.store, input.id),
  'reform.lineage': (input, ctx) => (input.agencyId !== undefined ? agencyLineage(ctx.store.db, input.agencyId) : reformLineage(ctx.store.db, input.reformId!)),
  'rules.checkAgency': (input, ctx) => {
    const db = ctx.store.db;
    const row = db.prepare('SELECT host_region_code AS code FROM agencies WHERE id = ?').get(input.agencyId) as { code: string } | undefined;
    if (!row) return [];
    // Duplicate names are checked within the county: its snapshot is all the check needs.
    const index = new SnapshotIndex(loadSnapshot(db, input.asOf ?? todayCst(), row.code));
    return checkAgency(index, input.agencyId, settingsProfile(ctx.store.settings()), countyNames(db));
  },
} satisfies HandlerTable<ReformName>;
