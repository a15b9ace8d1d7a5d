// Calls of the register itself: tables, history, statistics, settings, regions, search.
import { z } from 'zod';
import { TABLE_NAMES, type Row, type TableName } from '../tables';
import { call, isoDate, label, rowId, type CallSpec } from './define';

export interface RowChange {
  readonly table: TableName;
  readonly id: number;
  /** Row image before the change (null for an insert). */
  readonly before: Row | null;
  /** Row image after the change (null for a delete). */
  readonly after: Row | null;
}

export interface ChangeResult {
  readonly groupId: number;
  readonly label: string;
  readonly changes: readonly RowChange[];
}

export interface HistoryEntry {
  readonly id: number;
  readonly label: string;
  readonly at: string;
  readonly osUser: string;
  readonly operator: string;
  readonly kind: 'edit' | 'undo' | 'redo' | 'baseline';
  readonly state: 'applied' | 'undone' | 'discarded';
  readonly changeCount: number;
  readonly targetGroupId: number | null;
}

export interface HistoryState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
}

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: 'province' | 'prefecture' | 'county';
  readonly parent_code: string | null;
}

export interface Stats {
  readonly asOf: string;
  readonly agencies: {
    readonly total: number;
    readonly byGroup: Record<string, number>;
    readonly byCounty: Record<string, number>;
  };
  readonly zones: { readonly total: number };
  readonly departments: { readonly total: number };
  readonly staffing: { readonly approved: Record<string, number>; readonly actual: Record<string, number> };
  readonly publicInstitutions: { readonly total: number };
  readonly dispatchedUnits: { readonly total: number };
}

export interface AppInfo {
  readonly appVersion: string;
  readonly schemaVersion: number;
  readonly dataDir: string;
  readonly dbFile: string;
  readonly today: string;
  readonly operator: string;
  readonly osUser: string;
  readonly warnings: readonly string[];
}

export interface SearchHit {
  readonly table: TableName;
  readonly id: number;
  readonly name: string;
  readonly detail: string;
  readonly agencyId: number | null;
}

const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const listInput = z.object({
  asOf: isoDate.optional(),
  /** Include rows no longer in force (merged, abolished) as well. */
  includeEnded: z.boolean().optional(),
  agencyId: rowId.optional(),
}).strict();
const updateInput = z.object({
  edits: z.array(z.object({ id: rowId, field: z.string().min(1).max(64), value: cellValue }).strict()).min(1).max(200_000),
  label,
}).strict();
const insertInput = z.object({
  rows: z.array(z.record(z.string(), cellValue)).min(1).max(200_000),
  label,
}).strict();
const deleteInput = z.object({ ids: z.array(rowId).min(1).max(200_000), label }).strict();

type TableCalls = {
  [T in TableName as `${T}.list`]: CallSpec<typeof listInput, Row[]>;
} & {
  [T in TableName as `${T}.update`]: CallSpec<typeof updateInput, ChangeResult>;
} & {
  [T in TableName as `${T}.insert`]: CallSpec<typeof insertInput, ChangeResult>;
} & {
  [T in TableName as `${T}.delete`]: CallSpec<typeof deleteInput, ChangeResult>;
};

function tableCalls(): TableCalls {
  const out: Record<string, CallSpec<z.ZodType, unknown>> = {};
  for (const t of TABLE_NAMES) {
    out[`${t}.list`] = call<Row[]>()(listInput, { mutates: false });
    out[`${t}.update`] = call<ChangeResult>()(updateInput, { mutates: true });
    out[`${t}.insert`] = call<ChangeResult>()(insertInput, { mutates: true });
    out[`${t}.delete`] = call<ChangeResult>()(deleteInput, { mutates: true });
  }
  return out as TableCalls;
}

const empty = z.object({}).strict();

export const CORE_CALLS = {
  ...tableCalls(),
  'meta.info': call<AppInfo>()(empty, { mutates: false }),
  'regions.list': call<Region[]>()(
    z.object({ parent: z.string().regex(/^\d{6}$/).optional(), level: z.enum(['province', 'prefecture', 'county']).optional() }).strict(),
    { mutates: false },
  ),
  'history.undo': call<ChangeResult | null>()(empty, { mutates: true }),
  'history.redo': call<ChangeResult | null>()(empty, { mutates: true }),
  'history.state': call<HistoryState>()(empty, { mutates: false }),
  'history.list': call<HistoryEntry[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).optional(), before: rowId.optional() }).strict(),
    { mutates: false },
  ),
  'history.ofRow': call<Array<HistoryEntry & { before: Row | null; after: Row | null }>>()(
    z.object({ table: z.enum(TABLE_NAMES), id: rowId }).strict(),
    { mutates: false },
  ),
  'stats.get': call<Stats>()(z.object({ asOf: isoDate.optional() }).strict(), { mutates: false }),
  'settings.get': call<Record<string, string>>()(empty, { mutates: false }),
  'settings.set': call<Record<string, string>>()(
    z.object({ values: z.record(z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/), z.string().max(2000)) }).strict(),
    { mutates: true },
  ),
  'search.query': call<SearchHit[]>()(
    z.object({ text: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(200).optional() }).strict(),
    { mutates: false },
  ),
};
