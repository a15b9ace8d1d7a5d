// Calls of the spreadsheet editors: a paged, compact read for big grids (the first screen paints after
// one small page, the rest streams in), one combined write for a paste that also appends rows (so it is
// ONE history group = one undo step), and the live rule findings shown as cell marks.
import { z } from 'zod';
import { TABLE_NAMES } from '../tables';
import type { RuleResult } from '../rules/types';
import type { ChangeResult } from './core';
import { call, isoDate, label, rowId } from './define';

export interface GridPage {
  /** Column names of each row array, in order (the table's columns as stored, id first). */
  readonly columns: string[];
  readonly rows: Array<Array<string | number | null>>;
  /** Id of the last row returned; pass as `after` for the next page. */
  readonly lastId: number;
  readonly done: boolean;
  /** Rows in the whole view when asked for with `count` (for the progress shown while loading). */
  readonly total: number | null;
}

/** A rule result of one agency as the editors show it: the agency it belongs to, plus the rule's fields. */
export interface LiveFinding extends RuleResult {
  readonly agencyId: number;
}

const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const EDITOR_CALLS = {
  'editors.page': call<GridPage>()(
    z.object({
      table: z.enum(TABLE_NAMES),
      after: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(250_000),
      /** Count the rows of the whole view (a full scan on a big table: not on the first page's critical path). */
      count: z.boolean().optional(),
      asOf: isoDate.optional(),
      includeEnded: z.boolean().optional(),
      agencyId: rowId.optional(),
    }).strict(),
    { mutates: false },
  ),
  'editors.apply': call<ChangeResult>()(
    z.object({
      table: z.enum(TABLE_NAMES),
      edits: z.array(z.object({ id: rowId, field: z.string().min(1).max(64), value: cellValue }).strict()).max(200_000),
      inserts: z.array(z.record(z.string(), cellValue)).max(200_000),
      label,
    }).strict(),
    { mutates: true },
  ),
  'rules.live': call<LiveFinding[]>()(
    z.object({ agencyIds: z.array(rowId).max(500_000).optional(), asOf: isoDate.optional() }).strict(),
    { mutates: false },
  ),
};

