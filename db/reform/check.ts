// Checking a plan against the register as it stands the day before the plan takes effect: input problems,
// rule results R1–R20, and the before / after figures for the wizard.
import type Database from 'better-sqlite3';
import type { ReformCheck } from '../../shared/reform/api-types';
import { summarize } from '../../shared/reform/summary';
import { validatePlan } from '../../shared/reform/validate';
import type { Plan } from '../../shared/reform/types';
import { RuleEngine } from '../../shared/rules/engine';
import { SnapshotIndex } from '../../shared/rules/snapshot-index';
import type { RuleProfile } from '../../shared/rules/types';
import { previousDay } from '../../shared/text';
import type { Store } from '../store';
import { getReform, planOf } from './plans';
import { countyNames, inRegion, loadSnapshot, regionPrefix } from './snapshot';

export interface PlanCheck {
  readonly plan: Plan;
  readonly before: SnapshotIndex;
  readonly engine: RuleEngine;
  readonly check: ReformCheck;
}

/** Profile defaults from the settings ('rules.profile', 'rules.r5_percent'), overridden by the plan's own. */
export function settingsProfile(settings: Record<string, string>): Partial<RuleProfile> {
  const p: { -readonly [K in keyof RuleProfile]?: RuleProfile[K] } = {};
  const mode = settings['rules.profile'];
  if (mode === 'per_county_per_type' || mode === 'per_county_any' || mode === 'off') p.r1Mode = mode;
  const pct = Number(settings['rules.r5_percent']);
  if (Number.isFinite(pct) && pct > 0 && pct <= 100) p.r5Percent = pct;
  return p;
}

export function checkPlanInDb(db: Database.Database, plan: Plan, settings: Record<string, string>, strict = false): PlanCheck {
  const beforeDate = previousDay(plan.effective_date);
  const before = new SnapshotIndex(loadSnapshot(db, beforeDate, plan.region_code));
  const lookup = db.prepare('SELECT full_name, host_region_code FROM agencies WHERE id = ?');
  const problems = validatePlan(before, plan, {
    strict,
    inRegion: inRegion(regionPrefix(plan.region_code)),
    lookupAgency: (id) => lookup.get(id) as { full_name: string; host_region_code: string } | undefined,
    columnsOf: (t) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name),
  });
  const planWithProfile: Plan = { ...plan, rule_profile: { ...settingsProfile(settings), ...(plan.rule_profile ?? {}) } };
  const engine = new RuleEngine(before, planWithProfile, { countyName: countyNames(db) });
  const results = engine.results();
  const counts = { error: 0, warning: 0, info: 0 };
  for (const r of results) counts[r.severity]++;
  return {
    plan: planWithProfile, before, engine,
    check: {
      reformId: plan.id, beforeDate, effectiveDate: plan.effective_date, results, counts, problems,
      summary: summarize(before, engine.afterAgencies(), engine.removedAgencies()),
    },
  };
}

export function checkReform(store: Store, reformId: number): ReformCheck {
  return checkPlanInDb(store.db, planOf(getReform(store.db, reformId)), store.settings()).check;
}
