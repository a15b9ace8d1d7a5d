// Handlers of the Export page's calls (shared/contract/export.ts), over electron/export. A batch export is a
// job: progress goes out as 'job.progress' events ({job:'export', jobId, done, total, file}) and
// export.cancel stops it between two documents (the files already written stay, and are logged).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { CallName } from '../../shared/contract';
import { EXPORT_CALLS, EXPORT_TYPES, exportTypeOf, type LintIssueInfo } from '../../shared/contract/export';
import { AppError } from '../../shared/errors';
import { DEFAULT_TEMPLATES } from '../../shared/papers';
import { insertableFields, lintTemplate, TemplateError } from '../export';
import { allocateDocNo, cancelDocNo, listDocNumbers, listExportLog } from '../export/doc-numbers';
import { previewExport } from '../export/preview';
import { listTemplates, runExport, templateStore } from '../export/service';
import type { HandlerContext } from './context';
import type { HandlerTable } from './handlers-core';

type ExportName = Extract<keyof typeof EXPORT_CALLS, CallName>;

const jobs = new Map<string, AbortController>();

const env = (ctx: HandlerContext) => ({ store: ctx.store, dataDir: ctx.dataDir });
const issuesOf = (issues: readonly LintIssueInfo[]): LintIssueInfo[] => issues.map(({ severity, code, place, message }) => ({ severity, code, place, message }));

export const exportHandlers = {
  'export.types': () => EXPORT_TYPES.map((t) => ({ ...t })),
  'export.fields': (input) => {
    const t = exportTypeOf(input.docType);
    return insertableFields(t.docType, t.kind);
  },
  'export.templates': (input, ctx) => listTemplates(env(ctx), input.docType),
  'export.importTemplate': async (input, ctx) => {
    const t = exportTypeOf(input.docType);
    const ext = path.extname(input.fileName).toLowerCase();
    if (ext !== `.${t.kind}`) {
      const message = `“${t.zh}”的模板应为 .${t.kind} 文件，所选文件为“${path.basename(input.fileName)}”${ext === '.doc' || ext === '.xls' ? '（旧格式请先在 Word/WPS 中另存为新格式）' : ''}`;
      return { ok: false, issues: [{ severity: 'error' as const, code: 'not_a_template', place: '文件', message }], templateId: null, version: null };
    }
    const buffer = Buffer.from(input.contentBase64, 'base64');
    const lint = await lintTemplate(buffer, t.kind, t.docType);
    if (!lint.ok) return { ok: false, issues: issuesOf(lint.issues), templateId: null, version: null };
    try {
      const r = await templateStore(ctx.dataDir).importTemplate({
        docType: t.docType, kind: t.kind, buffer, templateId: input.templateId, note: input.note,
        name: input.name || path.basename(input.fileName, ext),
      });
      return { ok: true, issues: issuesOf(r.lint.issues), templateId: r.manifest.id, version: r.version.version };
    } catch (e) {
      if (e instanceof TemplateError) return { ok: false, issues: issuesOf(e.issues), templateId: null, version: null };
      if (e instanceof RangeError) throw new AppError('invalid_input', e.message);
      throw e;
    }
  },
  'export.activateTemplate': async (input, ctx) => {
    const t = exportTypeOf(input.docType);
    const isDefault = input.templateId === null || DEFAULT_TEMPLATES.some((d) => d.id === input.templateId);
    try {
      await templateStore(ctx.dataDir).activate(t.docType, t.kind, isDefault ? null : input.templateId, input.version);
    } catch (e) {
      if (e instanceof RangeError) throw new AppError('not_found', e.message);
      throw e;
    }
    return listTemplates(env(ctx), input.docType);
  },
  'export.rollback': async (input, ctx) => {
    const t = exportTypeOf(input.docType);
    await templateStore(ctx.dataDir).rollback(t.docType, t.kind);
    return listTemplates(env(ctx), input.docType);
  },
  'export.preview': (input, ctx) => previewExport(env(ctx), input),
  'export.run': async (input, ctx) => {
    const jobId = input.jobId ?? `export-${randomBytes(4).toString('hex')}`;
    if (jobs.has(jobId)) throw new AppError('conflict', `导出任务“${jobId}”正在进行`);
    const controller = new AbortController();
    jobs.set(jobId, controller);
    try {
      return await runExport(env(ctx), {
        reformId: input.reformId, types: input.types, outDir: input.outDir ? path.resolve(input.outDir) : undefined, download: input.download,
        jobId, signal: controller.signal,
        onProgress: (p) => ctx.emit('job.progress', { job: 'export', jobId, ...p }),
      });
    } finally {
      jobs.delete(jobId);
    }
  },
  'export.cancel': (input) => {
    const job = jobs.get(input.jobId);
    job?.abort();
    return { cancelled: !!job };
  },
  'export.allocateDocNo': (input, ctx) => allocateDocNo(ctx.store, input),
  'export.cancelDocNo': (input, ctx) => cancelDocNo(ctx.store, input.id),
  'export.docNumbers': (input, ctx) => listDocNumbers(ctx.store.db, input),
  'export.log': (input, ctx) => listExportLog(ctx.store.db, input),
} satisfies HandlerTable<ExportName>;
