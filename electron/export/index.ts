// The document engine: PaperData → filled Word / Excel papers, with the template store and the export log entry.
import { DEFAULT_TEMPLATES, type PaperData, type PaperDocType, type TemplateKind } from '../../shared/papers';
import { toPaperContext, type ContextOptions } from './context';
import { fillDocx } from './fill-docx';
import { fillXlsx } from './fill-xlsx';
import { safeFileName, writeNewFile, type ExportLogEntry } from './files';
import { exportAsset } from './runtime-paths';
import type { TemplateStore } from './template-store';

export { toPaperContext, type PaperContext, type ContextOptions } from './context';
export { fillDocx, safeParser } from './fill-docx';
export { fillXlsx } from './fill-xlsx';
export { lintTemplate, type LintResult } from './lint';
export { FIELD_CATALOGUE, insertableFields, type FieldDef } from './fields';
export { TemplateStore, sha256, type TemplateManifest, type ResolvedTemplate } from './template-store';
export { safeFileName, writeNewFile, type ExportLogEntry } from './files';
export { TemplateError, type TemplateIssue } from './issues';
export { FILTERS } from './tags';

/**
 * Where the built-in default templates live: electron/export/templates in development, dist/export/templates
 * next to the bundles in the built app (runtime-paths.ts); ZONEDESK_TEMPLATES_DIR overrides.
 */
export const DEFAULT_TEMPLATES_DIR = process.env.ZONEDESK_TEMPLATES_DIR ?? exportAsset('templates');

/** Fills one template with one paper. */
export async function renderPaper(template: Uint8Array, kind: TemplateKind, paper: PaperData, docType: PaperDocType, opts: ContextOptions = {}): Promise<Buffer> {
  const ctx = toPaperContext(paper, docType, opts);
  return kind === 'docx' ? fillDocx(template, ctx) : fillXlsx(template, ctx);
}

/**
 * Renders a paper with the active template of its type and writes it as a new file (never overwriting).
 * Returns the export-log entry the caller stores (export log table).
 */
export async function exportPaper(input: {
  paper: PaperData;
  docType: PaperDocType;
  kind: TemplateKind;
  store: TemplateStore;
  outDir: string;
  fileName?: string;
  context?: ContextOptions;
  now?: () => Date;
}): Promise<ExportLogEntry> {
  const t = await input.store.resolve(input.docType, input.kind);
  const ctx = toPaperContext(input.paper, input.docType, input.context);
  const buf =
    input.kind === 'docx'
      ? fillDocx(t.buffer, ctx, { trace: { templateId: t.templateId, version: t.version, sha256: t.sha256 } })
      : await fillXlsx(t.buffer, ctx);
  const title = String(ctx.标题 ?? DEFAULT_TEMPLATES.find((d) => d.docType === input.docType)?.name ?? input.docType).replace(/\n/g, '');
  const file = await writeNewFile(input.outDir, safeFileName(input.fileName ?? `${title}.${input.kind}`), buf);
  return {
    templateId: t.templateId,
    version: t.version,
    sha256: t.sha256,
    file,
    at: (input.now ?? (() => new Date()))().toISOString(),
    docType: input.docType,
    docNo: String(ctx.发文字号 ?? ''),
  };
}
