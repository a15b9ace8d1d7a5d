// Calls of the Export page (公文导出): the paper types, the 插入字段 list, template versions (import with lint,
// activate, roll back), a preview, a batch export with progress and cancel, the register of 发文字号 and the
// export log. In browser mode the page cannot name a folder: files come back as base64 for download.
import { z } from 'zod';
import { PAPER_DOC_TYPES, type PaperDocType, type TemplateKind } from '../papers';
import { call, rowId } from './define';

/** What the user ticks: a paper type and its file kind. 三定 gives one file per agency the reform changes. */
export const EXPORT_TYPES = [
  { key: 'request', docType: 'request', kind: 'docx', zh: '请示', en: 'Request (请示)', needsReform: true },
  { key: 'plan', docType: 'plan', kind: 'docx', zh: '实施方案', en: 'Implementation plan', needsReform: true },
  { key: 'reply', docType: 'reply', kind: 'docx', zh: '批复', en: 'Reply (批复)', needsReform: true },
  { key: 'notice', docType: 'notice', kind: 'docx', zh: '通知', en: 'Notice (通知)', needsReform: true },
  { key: 'sanding', docType: 'sanding', kind: 'docx', zh: '三定规定（每个机构一份）', en: '三定 rules (one per agency)', needsReform: true },
  { key: 'mapping-docx', docType: 'mapping', kind: 'docx', zh: '机构整合对照表（Word）', en: 'Mapping table (Word)', needsReform: true },
  { key: 'mapping-xlsx', docType: 'mapping', kind: 'xlsx', zh: '机构整合对照表（Excel）', en: 'Mapping table (Excel)', needsReform: true },
  { key: 'staffing-xlsx', docType: 'staffing', kind: 'xlsx', zh: '编制统计表（Excel）', en: 'Staffing table (Excel)', needsReform: false },
  { key: 'ledger-xlsx', docType: 'ledger', kind: 'xlsx', zh: '机构台账（Excel）', en: 'Agency ledger (Excel)', needsReform: false },
] as const satisfies ReadonlyArray<{ key: string; docType: PaperDocType; kind: TemplateKind; zh: string; en: string; needsReform: boolean }>;

export type ExportTypeKey = (typeof EXPORT_TYPES)[number]['key'];
export const EXPORT_TYPE_KEYS = EXPORT_TYPES.map((t) => t.key) as [ExportTypeKey, ...ExportTypeKey[]];
export const exportTypeOf = (key: ExportTypeKey) => EXPORT_TYPES.find((t) => t.key === key)!;

export interface ExportTypeInfo {
  readonly key: ExportTypeKey;
  readonly docType: PaperDocType;
  readonly kind: TemplateKind;
  readonly zh: string;
  readonly en: string;
  /** False: can be exported from the register alone (登记簿), without a reform. */
  readonly needsReform: boolean;
}

export interface TemplateEntry {
  readonly templateId: string;
  readonly name: string;
  readonly source: 'default' | 'user';
  readonly version: number;
  readonly sha256: string;
  readonly createdAt: string | null;
  readonly note: string | null;
  readonly active: boolean;
}

export interface LintIssueInfo {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  /** 正文第3段 / 机构整合对照表!H4 / 文件 */
  readonly place: string;
  readonly message: string;
}

export interface TemplateImportResult {
  /** False: the lint found errors, nothing was stored. */
  readonly ok: boolean;
  readonly issues: readonly LintIssueInfo[];
  readonly templateId: string | null;
  readonly version: number | null;
}

export interface ExportPreview {
  /** 'png': pages rendered by LibreOffice; 'text': LibreOffice is not installed (or text was asked for). */
  readonly format: 'png' | 'text';
  /** data:image/png;base64,… of the first pages. */
  readonly pages: readonly string[];
  readonly pageCount: number | null;
  readonly pdfBase64: string | null;
  /** The paper's text (paragraphs, or sheet rows joined by tabs). */
  readonly text: string;
  readonly fileName: string;
  readonly docNo: string;
  readonly templateId: string;
  readonly templateVersion: number;
  /** 三定: the agencies one file each is written for (pick one with agencyIndex). */
  readonly agencies: readonly string[];
  /** Chinese note, e.g. that the 发文字号 is only previewed, not taken. */
  readonly note: string | null;
}

export interface ExportedFile {
  readonly type: ExportTypeKey;
  readonly name: string;
  /** Where it was written; null when returned for download. */
  readonly path: string | null;
  readonly base64: string | null;
  readonly bytes: number;
  readonly docNo: string;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly sha256: string;
}

export interface ExportRunResult {
  readonly jobId: string;
  readonly outDir: string | null;
  readonly total: number;
  readonly files: readonly ExportedFile[];
  readonly cancelled: boolean;
}

/** Payload of the 'job.progress' event during an export. */
export interface ExportProgress {
  readonly job: 'export';
  readonly jobId: string;
  readonly done: number;
  readonly total: number;
  readonly file: string | null;
}

export interface DocNumberInfo {
  readonly id: number;
  readonly prefix: string;
  readonly year: number;
  readonly docType: string;
  readonly number: number;
  readonly docNo: string;
  readonly status: 'issued' | 'cancelled';
  readonly reformId: number | null;
  readonly title: string | null;
  readonly issuedAt: string;
  readonly cancelledAt: string | null;
}

export interface ExportLogInfo {
  readonly id: number;
  readonly at: string;
  readonly docType: string;
  readonly templateId: string;
  readonly version: number;
  readonly sha256: string;
  readonly file: string;
  readonly reformId: number | null;
  readonly docNo: string | null;
}

const typeKey = z.enum(EXPORT_TYPE_KEYS);
const templateId = z.string().regex(/^[a-z0-9][a-z0-9.-]{2,63}$/, '模板编号无效');
const year = z.number().int().min(1900).max(2200);
const byType = z.object({ docType: typeKey }).strict();

export const EXPORT_CALLS = {
  'export.types': call<ExportTypeInfo[]>()(z.object({}).strict(), { mutates: false }),
  /** 插入字段: the tags a template of this type may use, with Chinese labels. */
  'export.fields': call<Array<{ tag: string; label: string }>>()(byType, { mutates: false }),
  /** The built-in default and every version of the office's own templates, with the active one marked. */
  'export.templates': call<TemplateEntry[]>()(byType, { mutates: false }),
  /** Lints first: with errors nothing is stored and the issues come back (Chinese, with the place). */
  'export.importTemplate': call<TemplateImportResult>()(
    z.object({
      docType: typeKey,
      fileName: z.string().trim().min(1).max(255),
      contentBase64: z.string().min(1).max(32 * 1024 * 1024),
      name: z.string().trim().max(100).optional(),
      /** A new version of this template (default: a new template). */
      templateId: templateId.optional(),
      note: z.string().max(500).optional(),
    }).strict(),
    { mutates: true },
  ),
  /** templateId null (or the default's id): back to the built-in default. */
  'export.activateTemplate': call<TemplateEntry[]>()(
    z.object({ docType: typeKey, templateId: templateId.nullable(), version: z.number().int().min(1).optional() }).strict(),
    { mutates: true },
  ),
  /** The active template one version back; from version 1 back to the built-in default. */
  'export.rollback': call<TemplateEntry[]>()(byType, { mutates: true }),
  'export.preview': call<ExportPreview>()(
    z.object({
      reformId: rowId.optional(),
      docType: typeKey,
      templateVersion: z.object({ templateId, version: z.number().int().min(1) }).strict().optional(),
      agencyIndex: z.number().int().min(0).max(100_000).optional(),
      format: z.enum(['auto', 'text']).optional(),
    }).strict(),
    { mutates: false },
  ),
  /** Writes new files (never overwriting) into outDir, or returns them as base64 (download: true, no outDir). */
  'export.run': call<ExportRunResult>()(
    z.object({
      reformId: rowId.optional(),
      types: z.array(typeKey).min(1, '请至少选择一种公文').max(EXPORT_TYPE_KEYS.length),
      outDir: z.string().trim().min(1).max(1000).optional(),
      download: z.boolean().optional(),
      jobId: z.string().min(1).max(64).optional(),
    }).strict(),
    { mutates: true },
  ),
  'export.cancel': call<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(64) }).strict(), { mutates: false }),
  /** The next 发文字号 of a document type and year (default: this year), taken for good. */
  'export.allocateDocNo': call<DocNumberInfo>()(
    z.object({ docType: z.enum(PAPER_DOC_TYPES), year: year.optional(), reformId: rowId.optional(), title: z.string().trim().max(300).optional() }).strict(),
    { mutates: true },
  ),
  /** Marks a number cancelled (作废); it is never handed out again. */
  'export.cancelDocNo': call<DocNumberInfo>()(z.object({ id: rowId }).strict(), { mutates: true }),
  'export.docNumbers': call<DocNumberInfo[]>()(z.object({ year: year.optional(), reformId: rowId.optional() }).strict(), { mutates: false }),
  'export.log': call<ExportLogInfo[]>()(z.object({ reformId: rowId.optional(), limit: z.number().int().min(1).max(10_000).optional() }).strict(), { mutates: false }),
};
