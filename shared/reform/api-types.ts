// What the reform calls return to the wizard (list, detail, check, apply, revert, conflicts, lineage).
import type { RuleProfile, RuleResult } from '../rules/types';
import type { ReformSummary } from './summary';
import type { BasisDoc, Mapping, PlanItem } from './types';

export type ReformStatus = 'draft' | 'applied' | 'reverted';

export interface ReformListEntry {
  readonly id: number;
  readonly name: string;
  readonly status: ReformStatus;
  readonly effectiveDate: string;
  readonly regionCode: string;
  readonly basisDocNo: string | null;
  readonly mappingCount: number;
  readonly appliedAt: string | null;
}

export interface ReformDetail {
  readonly id: number;
  readonly name: string;
  readonly status: ReformStatus;
  readonly basisDocNo: string | null;
  readonly basisDocs: BasisDoc[];
  readonly effectiveDate: string;
  readonly regionCode: string;
  readonly ruleProfile: Partial<RuleProfile>;
  readonly appliedGroupId: number | null;
  readonly revertedGroupId: number | null;
  readonly appliedAt: string | null;
  readonly revertedAt: string | null;
  readonly acknowledgedWarnings: Array<{ key: string; rule: string; message: string }>;
  readonly backupFile: string | null;
  readonly notes: string | null;
  readonly createdAt: string | null;
  readonly mappings: Mapping[];
  readonly items: PlanItem[];
}

export interface ReformCheck {
  readonly reformId: number;
  /** The register is read as of this day (the day before the effective date). */
  readonly beforeDate: string;
  readonly effectiveDate: string;
  readonly results: RuleResult[];
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** Input problems (source mapped twice, merge cycle …) that block apply outright. */
  readonly problems: Array<{ path: string; message: string }>;
  readonly summary: ReformSummary;
}

export interface ApplyOutcome {
  readonly reformId: number;
  readonly groupId: number;
  readonly backupFile: string;
  readonly backupBytes: number;
  readonly changeCount: number;
  readonly acknowledged: Array<{ key: string; rule: string; message: string }>;
}

export interface RevertConflict {
  /** Stable key: "table#id.field". */
  readonly key: string;
  readonly table: string;
  readonly id: number;
  /** '*' when the whole row was deleted or is referenced by a later row. */
  readonly field: string;
  readonly kind: 'modified' | 'deleted' | 'dependent';
  readonly message: string;
  readonly current: string | number | null;
  readonly applied: string | number | null;
  readonly before: string | number | null;
}

export interface RevertResolution {
  readonly table: string;
  readonly id: number;
  /** Omitted: every conflicting field of the row. */
  readonly field?: string;
  readonly choice: 'keep' | 'restore';
}

export type RevertOutcome =
  | { readonly reverted: true; readonly reformId: number; readonly groupId: number; readonly changeCount: number; readonly kept: RevertConflict[] }
  | { readonly reverted: false; readonly reformId: number; readonly conflicts: RevertConflict[] };

export interface LineageEntry {
  readonly id: number;
  readonly fromAgencyId: number | null;
  readonly fromName: string | null;
  readonly toAgencyId: number | null;
  readonly toName: string | null;
  readonly action: string;
  readonly reformId: number | null;
  readonly reformName: string | null;
  readonly effectiveDate: string;
  readonly docNo: string | null;
  readonly note: string | null;
}
