// Calls of the import wizard: preview a file (header row, column mapping, every row classified),
// commit it (one undoable history group, or nothing), list a table's importable fields, cancel a job.
// In browser mode the page cannot name a file on disk, so it sends the bytes as base64 (`content`).
import { z } from 'zod';
import type { TableName } from '../tables';
import { call } from './define';

export const IMPORT_TABLES = ['zones', 'agencies', 'nameplates', 'departments', 'staffing', 'leader_posts', 'indicators'] as const satisfies readonly TableName[];
export type ImportTable = (typeof IMPORT_TABLES)[number];

export type ImportRowStatus = 'new' | 'update' | 'unchanged' | 'error';

export interface ImportCounts {
  readonly new: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/** One reason a row was rejected. `row` is the spreadsheet's own row number; null for file-level notes. */
export interface ImportError {
  readonly row: number | null;
  /** Header text of the column, e.g. "统一社会信用代码". */
  readonly column: string | null;
  /** Column letter, e.g. "C". */
  readonly columnLetter: string | null;
  readonly field: string | null;
  readonly reason: string;
  /** The cell as written in the file. */
  readonly value?: string;
}

export interface ImportHeader {
  readonly letter: string;
  readonly text: string;
  /** The field this column is mapped to, or null (ignored). */
  readonly field: string | null;
}

export interface ImportRowSummary {
  readonly row: number;
  readonly status: ImportRowStatus;
  /** The row's name (agency name, department name …) for display. */
  readonly name: string;
  /** Chinese labels of the fields an update changes. */
  readonly changes?: readonly string[];
  readonly reasons?: readonly string[];
}

export interface ImportFieldInfo {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly type: 'text' | 'int' | 'real' | 'date' | 'bool' | 'enum' | 'ref' | 'region';
  readonly required: boolean;
  /** Chinese labels of an enum's options. */
  readonly options?: readonly string[];
  readonly refTable?: TableName;
  /** Header names recognised for this field besides its own label. */
  readonly synonyms: readonly string[];
  /** Part of the default key that matches rows of the file to rows of the register. */
  readonly defaultKey: boolean;
}

export interface ImportPreview {
  readonly fileName: string;
  readonly format: 'xlsx' | 'csv';
  readonly sheet: string | null;
  readonly encoding: string | null;
  /** Spreadsheet row number of the header row (send it back as headerRow to keep or override it). */
  readonly headerRow: number;
  /** The header's last row when it spans several (cells merged downwards, sub-headers); data starts below. */
  readonly headerRowEnd: number;
  /** The sheet's first rows as text (title lines, header, some data), to choose another header row. */
  readonly firstRows: ReadonlyArray<{ readonly row: number; readonly cells: readonly string[] }>;
  readonly headers: readonly ImportHeader[];
  /** Column letter → field key ("" = ignored). Send it back, edited, to preview again or to commit. */
  readonly mapping: Record<string, string>;
  /** True when the mapping was guessed from the header names. */
  readonly guessed: boolean;
  /** True when the mapping was remembered from an earlier import of a file with the same header. */
  readonly remembered: boolean;
  readonly keyFields: readonly string[];
  /** Required fields without a column: new rows will be rejected. Chinese labels. */
  readonly missingRequired: readonly string[];
  readonly dataRows: number;
  /** Blank rows and footer lines (合计, 填表人 …) that were skipped. */
  readonly skippedRows: number;
  readonly counts: ImportCounts;
  /** The first rows (all rejected rows first), at most 500. */
  readonly rows: readonly ImportRowSummary[];
  readonly rowsTruncated: boolean;
  readonly errors: readonly ImportError[];
  readonly errorsTruncated: boolean;
}

export interface ImportCommitResult {
  readonly counts: ImportCounts;
  /** False when nothing was written (all-or-nothing with rejected rows). */
  readonly committed: boolean;
  /** The history group of the import (undo takes it back as a whole); null when nothing changed. */
  readonly groupId: number | null;
  readonly label: string | null;
  readonly errors: readonly ImportError[];
  readonly errorsTruncated: boolean;
  /** An .xlsx of the rejected rows, original columns kept, reason in an extra column. */
  readonly errorReportFile?: string;
  readonly errorReportBase64?: string;
}

const sourceShape = {
  /** A file on this computer (Electron, CLI). */
  file: z.string().min(1).max(4096).optional(),
  /** The file's bytes, base64 (browser mode); needs fileName. */
  content: z.string().min(1).max(64 * 1024 * 1024).optional(),
  fileName: z.string().trim().min(1).max(255).optional(),
  table: z.enum(IMPORT_TABLES),
  sheet: z.string().max(100).optional(),
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  mapping: z.record(z.string().regex(/^[A-Z]{1,3}$/, '列名应为A、B、C…'), z.string().max(64)).optional(),
  keyFields: z.array(z.string().min(1).max(64)).min(1).max(6).optional(),
  /** An empty cell clears the stored value (default: empty cells leave it as it is). */
  emptyCellsClear: z.boolean().optional(),
  /** Names the job for progress events and import.cancel. */
  jobId: z.string().min(1).max(64).optional(),
};

const oneSource = (v: { file?: string; content?: string; fileName?: string }) => (v.file !== undefined) !== (v.content !== undefined) && (v.content === undefined || v.fileName !== undefined);
const sourceMessage = { message: '请提供文件路径（file），或文件内容（content，base64）及文件名（fileName），二者选一' };

export const importPreviewInput = z.object(sourceShape).strict().refine(oneSource, sourceMessage);
export const importCommitInput = z.object({
  ...sourceShape,
  /** Write nothing when any row is rejected. */
  allOrNothing: z.boolean().optional(),
  /** Where the error report goes: a file in the data folder (default), base64 in the answer, or none. */
  errorReport: z.enum(['file', 'base64', 'none']).optional(),
}).strict().refine(oneSource, sourceMessage);

export const IMPORT_CALLS = {
  'import.preview': call<ImportPreview>()(importPreviewInput, { mutates: false }),
  'import.commit': call<ImportCommitResult>()(importCommitInput, { mutates: true }),
  'import.fields': call<ImportFieldInfo[]>()(z.object({ table: z.enum(IMPORT_TABLES) }).strict(), { mutates: false }),
  /** cancelled: false when the job had already ended (its outcome stands; an import is undone with 撤销). */
  'import.cancel': call<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(64) }).strict(), { mutates: false }),
};

/** Payload of the 'job.progress' event during an import. */
export interface ImportProgress {
  readonly job: 'import';
  readonly jobId?: string;
  readonly phase: 'read' | 'commit';
  readonly done: number;
  readonly total: number | null;
}
