// The Export page's operations over the engine: which documents a request makes (a 三定 per agency the reform
// changes), their 发文字号, rendering with the active (or a chosen) template version, the batch run with
// progress and cancel, and the export log. Used by the main-process handlers and the CLI.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { DEFAULT_TEMPLATES, formatDocNo, parseDocNo, type DocNumber, type PaperDocType, type TemplateKind } from '../../shared/papers';
import { EXPORT_TYPES, exportTypeOf, type ExportedFile, type ExportRunResult, type ExportTypeKey, type TemplateEntry } from '../../shared/contract/export';
import { getReform } from '../../db/reform/plans';
import type { Store } from '../../db/store';
import { toPaperContext } from './context';
import { allocateDocNo, cstYear, issuedFor, logExports, peekDocNo, prefixFor } from './doc-numbers';
import { fillDocx } from './fill-docx';
import { fillXlsx } from './fill-xlsx';
import { safeFileName, writeNewFile, type ExportLogEntry } from './files';
import { papersForRegister, papersForReform, type BuiltPapers } from './from-register';
import { DEFAULT_TEMPLATES_DIR } from './index';
import { sha256, TemplateStore, type ResolvedTemplate } from './template-store';

export interface ExportEnv {
  readonly store: Store;
  readonly dataDir: string;
}

/** One document to write. */
export interface PlannedDoc {
  readonly type: ExportTypeKey;
  readonly docType: PaperDocType;
  readonly kind: TemplateKind;
  readonly built: BuiltPapers;
  readonly roster: boolean;
  readonly agencyIndex?: number;
  readonly fileName: string;
  readonly docNo: string;
}

export const templateStore = (dataDir: string) => new TemplateStore(dataDir, DEFAULT_TEMPLATES_DIR);

/**
 * The 发文字号 a paper of a reform carries. 请示 and 批复 are documents of their own: a number registered for
 * them is used; everything else (通知 and its attachments) carries the number registered for the 通知. Without
 * one, the reform's own document number (basis_doc_no) is used; without that, a number is taken from the
 * register (mode 'allocate', export) or only shown (mode 'peek', preview).
 */
export function docNoFor(store: Store, reformId: number, docType: PaperDocType, mode: 'peek' | 'allocate'): { docNo: DocNumber; previewOnly: boolean } {
  const key: PaperDocType = docType === 'request' || docType === 'reply' ? docType : 'notice';
  const issued = issuedFor(store.db, reformId, key);
  if (issued) return { docNo: issued, previewOnly: false };
  const d = getReform(store.db, reformId);
  const basis = d.basisDocNo ? parseDocNo(d.basisDocNo) : null;
  if (basis) return { docNo: basis, previewOnly: false };
  const year = Number(d.effectiveDate.slice(0, 4)) || cstYear();
  if (mode === 'peek') return { docNo: peekDocNo(store.db, prefixFor(store.settings(), key), year), previewOnly: true };
  const r = allocateDocNo(store, { docType: key, year, reformId, title: d.name });
  return { docNo: { prefix: r.prefix, year: r.year, number: r.number }, previewOnly: false };
}

function titleOf(built: BuiltPapers, docType: PaperDocType, roster: boolean, agencyIndex?: number): string {
  const paper = roster ? built.roster : built.paper;
  if (docType === 'sanding') {
    const t = paper.targets[agencyIndex ?? 0];
    return `${t?.adminName ?? ''}职能配置、内设机构和人员编制规定`;
  }
  const ctx = toPaperContext(paper, docType, { agencyIndex });
  return String(ctx.标题 ?? docType).replace(/\n/g, '');
}

/** The documents a request makes, with their 发文字号 (taken from the register in 'allocate' mode). */
export function planDocs(env: ExportEnv, input: { reformId?: number; types: readonly ExportTypeKey[]; mode: 'peek' | 'allocate' }): { docs: PlannedDoc[]; previewOnly: boolean } {
  const { store } = env;
  const settings = store.settings();
  const docs: PlannedDoc[] = [];
  let previewOnly = false;
  const cache = new Map<string, BuiltPapers>();
  const order = EXPORT_TYPES.map((t) => t.key).filter((k) => input.types.includes(k));
  for (const key of order) {
    const t = exportTypeOf(key);
    let built: BuiltPapers;
    let docNoText = '';
    if (input.reformId !== undefined) {
      const n = docNoFor(store, input.reformId, t.docType, input.mode);
      previewOnly ||= n.previewOnly;
      docNoText = formatDocNo(n.docNo);
      built = cache.get(docNoText) ?? papersForReform(store.db, settings, input.reformId, n.docNo);
      cache.set(docNoText, built);
    } else {
      if (t.needsReform) throw new AppError('invalid_input', `“${t.zh}”需要选择改革方案；仅编制统计表和机构台账可按登记簿导出`, [{ path: 'reformId', message: '未选择改革方案' }]);
      built = cache.get('') ?? papersForRegister(store.db, settings);
      cache.set('', built);
    }
    const roster = t.docType === 'staffing' || t.docType === 'ledger';
    const count = t.docType === 'sanding' ? built.paper.targets.length : 1;
    if (t.docType === 'sanding' && count === 0) throw new AppError('invalid_input', '该改革方案没有调整任何管理机构，无需制定三定规定');
    for (let i = 0; i < count; i++) {
      const agencyIndex = t.docType === 'sanding' ? i : undefined;
      const fileName = safeFileName(`${titleOf(built, t.docType, roster, agencyIndex)}.${t.kind}`);
      docs.push({ type: key, docType: t.docType, kind: t.kind, built, roster, agencyIndex, fileName, docNo: docNoText });
    }
  }
  return { docs, previewOnly };
}

/** A given template version (preview of a version not active), or the active template. */
export async function templateFor(env: ExportEnv, docType: PaperDocType, kind: TemplateKind, pick?: { templateId: string; version: number }): Promise<ResolvedTemplate> {
  const templates = templateStore(env.dataDir);
  if (!pick) return templates.resolve(docType, kind);
  const d = DEFAULT_TEMPLATES.find((x) => x.id === pick.templateId && x.docType === docType && x.kind === kind);
  if (d) {
    const path = join(DEFAULT_TEMPLATES_DIR, d.file);
    const buffer = await fs.readFile(path);
    return { source: 'default', templateId: d.id, version: d.version, sha256: sha256(buffer), path, buffer };
  }
  const m = await templates.manifest(docType, pick.templateId);
  const v = m?.kind === kind ? m.versions.find((x) => x.version === pick.version) : undefined;
  if (!m || !v) throw new AppError('not_found', `没有模板 ${pick.templateId} 的第${pick.version}版`);
  const path = join(env.dataDir, 'templates', docType, m.id, v.file);
  const buffer = await fs.readFile(path);
  if (sha256(buffer) !== v.sha256) throw new AppError('conflict', `模板文件已被改动（校验值不符）：${path}`);
  return { source: 'user', templateId: m.id, version: v.version, sha256: v.sha256, path, buffer };
}

export async function renderDoc(doc: PlannedDoc, t: ResolvedTemplate): Promise<Buffer> {
  const paper = doc.roster ? doc.built.roster : doc.built.paper;
  const ctx = toPaperContext(paper, doc.docType, { agencyIndex: doc.agencyIndex });
  doc.built.patchContext?.(ctx, doc.docType);
  return doc.kind === 'docx'
    ? fillDocx(t.buffer, ctx, { trace: { templateId: t.templateId, version: t.version, sha256: t.sha256 } })
    : fillXlsx(t.buffer, ctx);
}

export interface RunOptions {
  readonly reformId?: number;
  readonly types: readonly ExportTypeKey[];
  readonly outDir?: string;
  /** No outDir: return the files as base64 instead of writing them into <dataDir>/exports. */
  readonly download?: boolean;
  readonly jobId: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { done: number; total: number; file: string | null }) => void;
}

/** Renders and writes (or returns) every document, logging each; stops between documents when cancelled. */
export async function runExport(env: ExportEnv, o: RunOptions): Promise<ExportRunResult> {
  const { docs } = planDocs(env, { reformId: o.reformId, types: o.types, mode: 'allocate' });
  const outDir = o.outDir ?? (o.download ? null : join(env.dataDir, 'exports'));
  const files: ExportedFile[] = [];
  const log: ExportLogEntry[] = [];
  const templates = new Map<string, ResolvedTemplate>();
  let cancelled = false;
  o.onProgress?.({ done: 0, total: docs.length, file: null });
  try {
    for (const doc of docs) {
      if (o.signal?.aborted) {
        cancelled = true;
        break;
      }
      const tk = `${doc.docType}.${doc.kind}`;
      const t = templates.get(tk) ?? (await templateFor(env, doc.docType, doc.kind));
      templates.set(tk, t);
      const buf = await renderDoc(doc, t);
      const path = outDir ? await writeNewFile(outDir, doc.fileName, buf) : null;
      const name = path ? basename(path) : doc.fileName;
      files.push({
        type: doc.type, name, path, base64: path ? null : buf.toString('base64'), bytes: buf.length, docNo: doc.docNo,
        templateId: t.templateId, templateVersion: t.version, sha256: t.sha256,
      });
      log.push({ templateId: t.templateId, version: t.version, sha256: t.sha256, file: path ?? `（下载）${name}`, at: new Date().toISOString(), docType: doc.docType, reformId: o.reformId, docNo: doc.docNo });
      o.onProgress?.({ done: files.length, total: docs.length, file: name });
      await new Promise((r) => setImmediate(r)); // let a cancel (and the progress event) through
    }
  } finally {
    logExports(env.store, log);
  }
  return { jobId: o.jobId, outDir, total: docs.length, files, cancelled };
}

/** Built-in default and user versions of a type's templates, the active one marked. */
export async function listTemplates(env: ExportEnv, key: ExportTypeKey): Promise<TemplateEntry[]> {
  const { docType, kind } = exportTypeOf(key);
  const templates = templateStore(env.dataDir);
  const active = await templates.resolve(docType, kind);
  const out: TemplateEntry[] = [];
  for (const d of DEFAULT_TEMPLATES.filter((x) => x.docType === docType && x.kind === kind)) {
    const hash = sha256(await fs.readFile(join(DEFAULT_TEMPLATES_DIR, d.file)));
    out.push({ templateId: d.id, name: d.name, source: 'default', version: d.version, sha256: hash, createdAt: null, note: null, active: active.source === 'default' });
  }
  for (const m of await templates.list(docType)) {
    if (m.kind !== kind) continue;
    for (const v of [...m.versions].sort((a, b) => b.version - a.version)) {
      out.push({
        templateId: m.id, name: m.name, source: 'user', version: v.version, sha256: v.sha256, createdAt: v.createdAt, note: v.note ?? null,
        active: active.source === 'user' && active.templateId === m.id && active.version === v.version,
      });
    }
  }
  return out;
}
