// Calls the merge wizard needs beyond the engine's own (reform.ts): the register as the wizard's steps read
// it (the day before the effective date, within the region), and a check of the draft AS TYPED, without
// saving it. The wizard keeps what the user typed even when the engine would refuse to save it (a source
// mapped twice, a merge cycle …); these calls let every step show live figures and errors for that draft.
import { z } from 'zod';
import type { ReformCheck } from '../reform/api-types';
import type { AfterAgency, RemovedAgency } from '../reform/types';
import type { Snapshot } from '../rules/types';
import { itemInput, mappingInput } from './reform';
import { call, isoDate } from './define';

const regionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字');

export interface WizardRegister {
  /** The day before the effective date: the register the reform starts from. */
  readonly beforeDate: string;
  readonly snapshot: Snapshot;
  /** County code → name for every county the snapshot mentions. */
  readonly countyNames: Record<string, string>;
}

export interface DraftCheck {
  readonly check: ReformCheck;
  /** Agencies the plan touches (targets, renamed, created …), as they would be after the reform. */
  readonly after: AfterAgency[];
  readonly removed: RemovedAgency[];
}

const draftPlan = z.object({
  id: z.number().int().min(0).optional(),
  name: z.string().max(200),
  effectiveDate: isoDate,
  regionCode,
  basisDocNo: z.string().max(100).nullable().optional(),
  ruleProfile: z.object({
    r1Mode: z.enum(['per_county_per_type', 'per_county_any', 'off']).optional(),
    r5Percent: z.number().min(1).max(100).optional(),
    r7Mode: z.enum(['allow_list', 'revoke_all']).optional(),
    r7AllowedDomains: z.array(z.string().max(40)).max(20).optional(),
    r9PiOnlyDecrease: z.boolean().optional(),
  }).strict().optional(),
  // Ids are optional: unsaved rows get temporary ones in the handler.
  mappings: z.array(mappingInput).max(100_000),
  items: z.array(itemInput).max(100_000),
}).strict();

export const REFORM_UI_CALLS = {
  'reformUi.register': call<WizardRegister>()(z.object({ effectiveDate: isoDate, regionCode }).strict(), { mutates: false }),
  /** Input problems, rule results and the projection of an unsaved draft; `strict` adds apply-time checks. */
  'reformUi.checkDraft': call<DraftCheck>()(z.object({ plan: draftPlan, strict: z.boolean().optional() }).strict(), { mutates: false }),
};
