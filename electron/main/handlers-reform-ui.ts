// Handlers of the wizard's extra calls (shared/contract/reform-ui.ts), over the engine in db/reform. Both
// read only: the draft is checked as typed and nothing is written.
import type { CallName } from '../../shared/contract';
import type { REFORM_UI_CALLS } from '../../shared/contract/reform-ui';
import type { Mapping, Plan, PlanItem } from '../../shared/reform/types';
import { previousDay } from '../../shared/text';
import { checkPlanInDb } from '../../db/reform';
import { countyNames, loadSnapshot } from '../../db/reform/snapshot';
import type { HandlerContext } from './context';
import type { HandlerTable } from './handlers-core';

type ReformUiName = Extract<keyof typeof REFORM_UI_CALLS, CallName>;

/** Unsaved rows get ids above every saved one, so virtual ids of planned rows do not collide. */
function withIds<T extends { id?: number }>(rows: readonly T[]): Array<T & { id: number }> {
  let next = Math.max(0, ...rows.map((r) => r.id ?? 0)) + 1;
  return rows.map((r) => ({ ...r, id: r.id ?? next++ }));
}

export const reformUiHandlers = {
  'reformUi.register': (input, ctx: HandlerContext) => {
    const db = ctx.store.db;
    const beforeDate = previousDay(input.effectiveDate);
    const snapshot = loadSnapshot(db, beforeDate, input.regionCode);
    const name = countyNames(db);
    const countyNamesOut: Record<string, string> = {};
    for (const a of snapshot.agencies) countyNamesOut[a.host_region_code] = name(a.host_region_code);
    return { beforeDate, snapshot, countyNames: countyNamesOut };
  },
  'reformUi.checkDraft': ({ plan: p, strict }, ctx: HandlerContext) => {
    const plan: Plan = {
      id: p.id ?? 0, name: p.name, effective_date: p.effectiveDate, region_code: p.regionCode, basis_doc_no: p.basisDocNo ?? null,
      rule_profile: p.ruleProfile ?? {}, mappings: withIds(p.mappings) as Mapping[], items: withIds(p.items) as PlanItem[],
    };
    const { check, engine } = checkPlanInDb(ctx.store.db, plan, ctx.store.settings(), strict ?? false);
    return { check, after: engine.afterAgencies().filter((a) => a.touched), removed: engine.removedAgencies() };
  },
} satisfies HandlerTable<ReformUiName>;
