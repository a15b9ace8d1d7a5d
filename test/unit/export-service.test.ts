// The Export page's calls through the real dispatcher on a demo database: PaperData from the reform engine's
// projection (draft = applied), 发文字号 from the register, template versions with lint, preview, a batch
// export returned for download, cancel between documents, and the export log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import type { CallName, CallOutput } from '../../shared/contract';
import { applyReform } from '../../db/reform';
import { papersForReform } from '../../electron/export/from-register';
import { paperText } from '../../electron/export/preview';
import type { HandlerContext } from '../../electron/main/context';
import { dispatch } from '../../electron/main/dispatch';
import { demoStore, tempDir } from '../helpers/temp';

const TEMPLATES = join(__dirname, '..', '..', 'electron', 'export', 'templates');

function context(events: Array<[string, unknown]> = []): HandlerContext {
  const dir = tempDir();
  return { store: demoStore(dir), dataDir: dir, appVersion: 'test', startupWarnings: [], emit: (e, p) => void events.push([e, p]) };
}

async function ok<N extends CallName>(ctx: HandlerContext, name: N, input: unknown): Promise<CallOutput<N>> {
  const res = await dispatch(name, input, ctx);
  if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
  return res.data as CallOutput<N>;
}

describe('export calls', () => {
  it('builds the same papers from a draft and from the applied reform', () => {
    const ctx = context();
    const draft = papersForReform(ctx.store.db, ctx.store.settings(), 1);
    expect(draft.paper.mapping).toHaveLength(26);
    expect(draft.paper.mapping.filter((m) => m.action === '整合并入').map((m) => m.targetName)).toEqual([
      '天水经济技术开发区管理委员会', '天水经济技术开发区管理委员会', '秦安县工业园区管理委员会',
    ]);
    expect(draft.paper.reform.summary).toMatchObject({ agenciesBefore: 26, agenciesAfter: 23, groups: expect.arrayContaining([{ label: '工业类', before: 15, after: 6 }]) });
    const etdz = draft.paper.targets.find((t) => t.adminName === '天水经济技术开发区管理委员会')!;
    expect(etdz).toMatchObject({ partyName: '中共天水经济技术开发区工作委员会', rankLabel: '正县级', dispatchingParty: '中共天水市委', dispatchingGov: '天水市人民政府', hostGovernment: '麦积区人民政府' });
    expect(etdz.departments.map((d) => d.name)).toContain('综合监管局');
    expect(etdz.publicInstitutions.map((p) => p.name)).toEqual(['天水经济技术开发区政务服务中心', '天水经济技术开发区项目建设中心']);
    expect(etdz.dispatchedUnits.some((u) => u.name.includes('自然资源'))).toBe(false);
    applyReform(ctx.store, 1, { acknowledgedWarnings: true });
    const applied = papersForReform(ctx.store.db, ctx.store.settings(), 1);
    expect(applied.paper).toEqual(draft.paper);
    expect(applied.roster.targets.map((t) => t.adminName)).toEqual(draft.roster.targets.map((t) => t.adminName));
    ctx.store.close();
  });

  it('takes 发文字号 after every number on record and never reuses a cancelled one', async () => {
    const ctx = context();
    const a = await ok(ctx, 'export.allocateDocNo', { docType: 'notice', year: 2022 });
    expect(a.docNo).toBe('天编委发〔2022〕4号'); // 3号 is the seed reform's own number
    await ok(ctx, 'export.cancelDocNo', { id: a.id });
    const b = await ok(ctx, 'export.allocateDocNo', { docType: 'request', year: 2022, reformId: 1 });
    expect(b.docNo).toBe('天编委发〔2022〕5号');
    expect((await ok(ctx, 'export.allocateDocNo', { docType: 'notice' })).number).toBe(1); // a new year starts at 1
    const list = await ok(ctx, 'export.docNumbers', { year: 2022 });
    expect(list.map((n) => [n.docNo, n.status])).toEqual([['天编委发〔2022〕5号', 'issued'], ['天编委发〔2022〕4号', 'cancelled']]);
    expect(ctx.store.history.state().canUndo).toBe(false); // baseline groups: an undo cannot free a number
    // The 请示 of reform 1 now carries its own number; the 通知 keeps the reform's.
    const out = await ok(ctx, 'export.run', { reformId: 1, types: ['request', 'notice'], download: true });
    expect(out.files.map((f) => [f.type, f.docNo])).toEqual([['request', '天编委发〔2022〕5号'], ['notice', '天编委发〔2022〕3号']]);
    ctx.store.setSettings({ 'office.code': '' });
    const res = await dispatch('export.allocateDocNo', { docType: 'notice' }, ctx);
    expect(res).toMatchObject({ ok: false, error: { message: expect.stringContaining('机关代字') } });
    ctx.store.close();
  });

  it('imports a template only when it lints clean, then activates and rolls back versions', async () => {
    const ctx = context();
    const tpl = readFileSync(join(TEMPLATES, 'notice.docx'));
    const zip = new PizZip(tpl);
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{主送机关}', '{主送单位}'));
    const broken = (zip.generate({ type: 'nodebuffer' }) as Buffer).toString('base64');
    const bad = await ok(ctx, 'export.importTemplate', { docType: 'notice', fileName: '通知.docx', contentBase64: broken });
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]).toMatchObject({ severity: 'error', code: 'unknown_field', message: '“通知”没有字段“主送单位”' });
    expect(bad.issues[0].place).toMatch(/^正文第\d+段$/);
    const wrongKind = await ok(ctx, 'export.importTemplate', { docType: 'notice', fileName: '通知.xlsx', contentBase64: tpl.toString('base64') });
    expect(wrongKind.issues[0].message).toMatch(/应为 \.docx 文件/);

    const v1 = await ok(ctx, 'export.importTemplate', { docType: 'notice', fileName: '本办通知.docx', contentBase64: tpl.toString('base64') });
    expect(v1).toMatchObject({ ok: true, version: 1 });
    const marked = new PizZip(tpl);
    marked.file('word/document.xml', marked.file('word/document.xml')!.asText().replace('{主送机关}：', '{主送机关}：（第二版）'));
    const v2 = await ok(ctx, 'export.importTemplate', { docType: 'notice', fileName: 'x.docx', templateId: v1.templateId!, contentBase64: (marked.generate({ type: 'nodebuffer' }) as Buffer).toString('base64') });
    expect(v2.version).toBe(2);
    let list = await ok(ctx, 'export.templates', { docType: 'notice' });
    expect(list.map((t) => [t.source, t.version, t.active])).toEqual([['default', 1, false], ['user', 2, true], ['user', 1, false]]);
    expect(list[1].name).toBe('本办通知');
    const preview = await ok(ctx, 'export.preview', { reformId: 1, docType: 'notice', format: 'text' });
    expect(preview).toMatchObject({ format: 'text', templateId: v1.templateId, templateVersion: 2, docNo: '天编委发〔2022〕3号' });
    expect(preview.text).toContain('（第二版）');
    const old = await ok(ctx, 'export.preview', { reformId: 1, docType: 'notice', format: 'text', templateVersion: { templateId: v1.templateId!, version: 1 } });
    expect(old.text).not.toContain('（第二版）');
    list = await ok(ctx, 'export.rollback', { docType: 'notice' });
    expect(list.find((t) => t.active)).toMatchObject({ source: 'user', version: 1 });
    list = await ok(ctx, 'export.activateTemplate', { docType: 'notice', templateId: 'zonedesk.notice' });
    expect(list.find((t) => t.active)).toMatchObject({ source: 'default' });
    expect((await ok(ctx, 'export.fields', { docType: 'mapping-xlsx' })).map((f) => f.tag)).toContain('{机构对照.原机构名称}');
    ctx.store.close();
  });

  it('returns the files for download, reports progress, and stops when cancelled', async () => {
    const events: Array<[string, unknown]> = [];
    const ctx = context(events);
    const out = await ok(ctx, 'export.run', { reformId: 1, types: ['mapping-xlsx', 'sanding'], download: true, jobId: 'j1' });
    expect(out).toMatchObject({ jobId: 'j1', outDir: null, total: 12, cancelled: false });
    expect(out.files.every((f) => f.path === null && f.base64 && f.bytes > 0)).toBe(true);
    const text = await paperText(Buffer.from(out.files.find((f) => f.type === 'mapping-xlsx')!.base64!, 'base64'), 'xlsx');
    expect(text).toContain('秦州区工业园区管理委员会\t');
    const progress = events.filter(([e]) => e === 'job.progress').map(([, p]) => p as { done: number; total: number });
    expect(progress.at(-1)).toMatchObject({ job: 'export', jobId: 'j1', done: 12, total: 12 });

    let cancelled: Promise<unknown> | null = null;
    const ctx2 = context();
    ctx2.emit = (e, p) => {
      if (e === 'job.progress' && (p as { done: number }).done === 2 && !cancelled) cancelled = dispatch('export.cancel', { jobId: 'j2' }, ctx2);
    };
    const partial = await ok(ctx2, 'export.run', { reformId: 1, types: ['sanding'], download: true, jobId: 'j2' });
    expect(await cancelled).toMatchObject({ ok: true, data: { cancelled: true } });
    expect(partial.cancelled).toBe(true);
    expect(partial.files.length).toBeLessThan(partial.total);
    const log = await ok(ctx2, 'export.log', { reformId: 1 });
    expect(log).toHaveLength(partial.files.length);
    expect(log[0].file).toMatch(/^（下载）.+\.docx$/);
    ctx.store.close();
    ctx2.store.close();
  });

  it('exports the register-only papers without a reform and refuses the others', async () => {
    const ctx = context();
    const out = await ok(ctx, 'export.run', { types: ['staffing-xlsx'], download: true });
    expect(out.files[0].name).toBe('天水市开发区管理机构编制统计表.xlsx');
    const text = await paperText(Buffer.from(out.files[0].base64!, 'base64'), 'xlsx');
    expect(text).toContain('登记簿数据，截至');
    expect(text).toContain('秦州区工业园区管理委员会'); // before the (draft) reform: still there
    const res = await dispatch('export.run', { types: ['notice'], download: true }, ctx);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('需要选择改革方案') } });
    ctx.store.close();
  });
});
