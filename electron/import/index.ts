// The import module's surface for the handlers, the CLI and tests.
import type { Store } from '../../db/store';
import type { ImportError, ImportPreview, ImportRowSummary } from '../../shared/contract/import';
import { planImport, type ImportOptions, type Plan } from './plan';

export { commitImport, importLabel, type CommitOptions, type CommitOutcome } from './commit';
export { importFields, IMPORT_TABLES, type ImportTable } from './fields';
export { planImport, type ImportOptions, type Plan, type PlannedRow } from './plan';
export { bufferSource, fileSource, DEFAULT_LIMITS, type ByteSource, type ImportLimits } from './source';
export { writeErrorReport, defaultReportPath, errorReportBase64 } from './report';

export const MAX_LISTED_ROWS = 500;
export const MAX_LISTED_ERRORS = 2000;

export function listedErrors(plan: Plan): { errors: ImportError[]; errorsTruncated: boolean } {
  return { errors: plan.errors.slice(0, MAX_LISTED_ERRORS), errorsTruncated: plan.errors.length > MAX_LISTED_ERRORS };
}

/** The answer of import.preview: the whole plan minus the row data, rejected rows listed first. */
export function toPreview(plan: Plan): ImportPreview {
  const summaries: ImportRowSummary[] = [];
  const add = (r: Plan['rows'][number]) => summaries.push({
    row: r.row, status: r.status, name: r.name,
    ...(r.changes?.length ? { changes: r.changes } : {}),
    ...(r.errors?.length ? { reasons: r.errors.map((e) => (e.columnLetter ? `${e.columnLetter}列“${e.column}”：${e.reason}` : e.reason)) } : {}),
  });
  for (const r of plan.rows) if (r.status === 'error' && summaries.length < MAX_LISTED_ROWS) add(r);
  for (const r of plan.rows) if (r.status !== 'error' && summaries.length < MAX_LISTED_ROWS) add(r);
  return {
    fileName: plan.fileName, format: plan.format, sheet: plan.sheet, encoding: plan.encoding, headerRow: plan.headerRow, headerRowEnd: plan.headerRowEnd, firstRows: plan.firstRows,
    headers: plan.headers, mapping: plan.mapping, guessed: plan.guessed, remembered: plan.remembered, keyFields: plan.keyFields,
    missingRequired: plan.missingRequired, dataRows: plan.rows.length, skippedRows: plan.skipped, counts: { ...plan.counts },
    rows: summaries, rowsTruncated: plan.rows.length > summaries.length, ...listedErrors(plan),
  };
}

export async function previewImport(store: Store, opts: ImportOptions): Promise<ImportPreview> {
  return toPreview(await planImport(store, opts));
}
