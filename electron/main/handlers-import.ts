// Handlers of the import wizard's calls. A job may be named (jobId) so that progress events can be
// matched to it and import.cancel can stop it; a cancelled job has written nothing.
import path from 'node:path';
import type { CallOutput, ParsedInput } from '../../shared/contract';
import type { ImportTable } from '../../shared/contract/import';
import { AppError } from '../../shared/errors';
import {
  bufferSource, commitImport, defaultReportPath, errorReportBase64, fileSource, importFields, listedErrors, previewImport,
  type ByteSource, type ImportOptions,
} from '../import';
import { backupBeforeImport } from '../../db/backup';
import { queued } from './backup-service';
import type { HandlerContext } from './context';
import type { HandlerTable } from './handlers-core';

const jobs = new Map<string, AbortController>();
/**
 * Cancels that arrived before their job: the commit's request (a large file as base64) may still be on
 * its way when the user clicks 取消. Remembered for ten minutes, so the job is stopped as it starts.
 */
const earlyCancels = new Map<string, number>();
const EARLY_CANCEL_MS = 10 * 60_000;
/**
 * Jobs that have ended (written, refused or failed): a cancel arriving after the end must say it came
 * too late (the write of an import is one synchronous transaction, so a cancel sent during it is read
 * only afterwards), not be remembered as an early cancel and reported as done.
 */
const finishedJobs = new Set<string>();
const FINISHED_KEPT = 200;

function rememberFinished(jobId: string): void {
  finishedJobs.add(jobId);
  for (const old of finishedJobs) { if (finishedJobs.size <= FINISHED_KEPT) break; finishedJobs.delete(old); }
}

type SourceInput = ParsedInput<'import.preview'>;

function sourceOf(input: SourceInput): ByteSource {
  if (input.file !== undefined) return fileSource(path.resolve(input.file));
  const buf = Buffer.from(input.content!, 'base64');
  if (buf.length === 0) throw new AppError('invalid_input', '文件内容为空或不是有效的base64编码', [{ path: 'content', message: '无内容' }]);
  return bufferSource(path.basename(input.fileName!), buf);
}

async function withJob<T>(input: SourceInput, ctx: HandlerContext, run: (opts: ImportOptions) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (input.jobId) {
    if (jobs.has(input.jobId)) throw new AppError('conflict', `导入任务“${input.jobId}”正在进行`);
    jobs.set(input.jobId, controller);
    if (earlyCancels.delete(input.jobId)) controller.abort();
  }
  let src: ByteSource | undefined;
  try {
    src = sourceOf(input);
    return await run({
      table: input.table as ImportTable, source: src, sheet: input.sheet, headerRow: input.headerRow, mapping: input.mapping,
      keyFields: input.keyFields, emptyCellsClear: input.emptyCellsClear, signal: controller.signal,
      onProgress: (p) => ctx.emit('job.progress', { job: 'import', jobId: input.jobId, ...p }),
    });
  } finally {
    src?.close();
    if (input.jobId) {
      jobs.delete(input.jobId);
      rememberFinished(input.jobId);
    }
  }
}

export const importHandlers = {
  'import.preview': (input, ctx) => withJob(input, ctx, (opts) => previewImport(ctx.store, opts)),
  'import.commit': (input, ctx) => withJob(input, ctx, async (opts): Promise<CallOutput<'import.commit'>> => {
    const mode = input.errorReport ?? 'file';
    const out = await commitImport(ctx.store, {
      ...opts, allOrNothing: input.allOrNothing, backup: (store) => queued(ctx, () => backupBeforeImport(store)),
      errorReportPath: mode === 'file' ? defaultReportPath(ctx.dataDir, opts.source.name) : undefined,
    });
    if (out.groupId !== null) {
      ctx.emit('data.changed', { groupId: out.groupId, label: out.label, changes: [], tables: [out.plan.table] });
      ctx.emit('history.changed', ctx.store.history.state());
    }
    const base64 = mode === 'base64' && out.plan.counts.rejected > 0 ? await errorReportBase64(out.plan) : undefined;
    return {
      counts: { ...out.plan.counts }, committed: out.committed, groupId: out.groupId, label: out.label, ...listedErrors(out.plan),
      ...(out.errorReportFile ? { errorReportFile: out.errorReportFile } : {}),
      ...(base64 ? { errorReportBase64: base64 } : {}),
    };
  }),
  'import.fields': (input) => importFields(input.table),
  'import.cancel': (input) => {
    const job = jobs.get(input.jobId);
    if (job) job.abort();
    else if (finishedJobs.has(input.jobId)) return { cancelled: false };
    else {
      const now = Date.now();
      for (const [id, at] of earlyCancels) if (now - at > EARLY_CANCEL_MS) earlyCancels.delete(id);
      earlyCancels.set(input.jobId, now);
    }
    return { cancelled: true };
  },
} satisfies HandlerTable<'import.preview' | 'import.commit' | 'import.fields' | 'import.cancel'>;
