// Template store (immutable versions, one active per type, rollback), never-overwrite writes, and an export
// end to end with its log entry.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPaper } from '../../electron/export/index';
import { writeNewFile } from '../../electron/export/files';
import { TemplateError } from '../../electron/export/issues';
import { sha256, TemplateStore } from '../../electron/export/template-store';
import { inspectDocx } from '../fixtures/docx-inspect';
import { seedPaper } from '../fixtures/seed-paper';

const DEFAULTS = join(__dirname, '..', '..', 'electron', 'export', 'templates');
const requestTpl = () => readFileSync(join(DEFAULTS, 'request.docx'));
const variant = (marker: string) => {
  const zip = new PizZip(requestTpl());
  zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{主送机关}：', `{主送机关}：${marker}`));
  return zip.generate({ type: 'nodebuffer' }) as Buffer;
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zonedesk-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('TemplateStore', () => {
  it('uses the built-in default until a template is imported', async () => {
    const s = new TemplateStore(dir, DEFAULTS);
    const r = await s.resolve('request', 'docx');
    expect(r).toMatchObject({ source: 'default', templateId: 'zonedesk.request', version: 1, sha256: sha256(requestTpl()) });
  });

  it('imports immutable versions, activates, rolls back to the previous version and then to the default', async () => {
    const s = new TemplateStore(dir, DEFAULTS, () => new Date('2024-05-01T08:00:00Z'));
    const a = await s.importTemplate({ docType: 'request', kind: 'docx', name: '本办请示模板', buffer: variant('甲') });
    expect(a.version.version).toBe(1);
    const id = a.manifest.id;
    const v1 = join(dir, 'templates', 'request', id, 'v1.docx');
    expect(existsSync(v1)).toBe(true);
    const b = await s.importTemplate({ docType: 'request', kind: 'docx', name: '本办请示模板', buffer: variant('乙'), templateId: id });
    expect(b.version.version).toBe(2);
    const again = await s.importTemplate({ docType: 'request', kind: 'docx', name: 'x', buffer: variant('乙'), templateId: id });
    expect(again.version.version).toBe(2); // identical content is not stored twice
    const manifest = JSON.parse(readFileSync(join(dir, 'templates', 'request', id, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ id, docType: 'request', kind: 'docx', name: '本办请示模板' });
    expect(manifest.versions.map((v: { version: number; sha256: string; createdAt: string }) => [v.version, v.sha256, v.createdAt])).toEqual([
      [1, sha256(variant('甲')), '2024-05-01T08:00:00.000Z'],
      [2, sha256(variant('乙')), '2024-05-01T08:00:00.000Z'],
    ]);
    expect(await s.resolve('request', 'docx')).toMatchObject({ source: 'user', templateId: id, version: 2 });
    expect(await s.rollback('request', 'docx')).toMatchObject({ source: 'user', version: 1 });
    expect(await s.rollback('request', 'docx')).toMatchObject({ source: 'default', templateId: 'zonedesk.request' });
    expect(readFileSync(v1).equals(variant('甲'))).toBe(true); // versions never change
    await s.activate('request', 'docx', id, 2);
    expect((await s.resolve('request', 'docx')).version).toBe(2);
    expect((await s.resolve('mapping', 'xlsx')).source).toBe('default'); // one active per type and kind
  });

  it('refuses a broken template with its place, and a tampered version file', async () => {
    const s = new TemplateStore(dir, DEFAULTS);
    const zip = new PizZip(requestTpl());
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{主送机关}：', '{主送机关：'));
    await expect(s.importTemplate({ docType: 'request', kind: 'docx', name: '坏模板', buffer: zip.generate({ type: 'nodebuffer' }) as Buffer })).rejects.toThrow(
      /正文第\d+段/,
    );
    await expect(s.importTemplate({ docType: 'request', kind: 'docx', name: '错类型', buffer: readFileSync(join(DEFAULTS, 'mapping.docx')) })).rejects.toBeInstanceOf(TemplateError);
    const ok = await s.importTemplate({ docType: 'request', kind: 'docx', name: '好模板', buffer: variant('丙') });
    await fs.writeFile(join(dir, 'templates', 'request', ok.manifest.id, 'v1.docx'), 'changed');
    await expect(s.resolve('request', 'docx')).rejects.toThrow(/校验值不符/);
  });
});

describe('writeNewFile and exportPaper', () => {
  it('never overwrites: adds (2), (3)', async () => {
    const a = await writeNewFile(dir, '请示.docx', 'a');
    const b = await writeNewFile(dir, '请示.docx', 'b');
    const c = await writeNewFile(dir, '请示.docx', 'c');
    expect([a, b, c].map((p) => p.slice(dir.length + 1))).toEqual(['请示.docx', '请示 (2).docx', '请示 (3).docx']);
    expect(readFileSync(a, 'utf8')).toBe('a');
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('exports with the active template and returns the log entry', async () => {
    const s = new TemplateStore(join(dir, 'data'), DEFAULTS);
    const out = join(dir, 'out');
    const entry = await exportPaper({ paper: seedPaper(), docType: 'sanding', kind: 'docx', store: s, outDir: out, now: () => new Date('2024-06-01T00:00:00Z') });
    expect(entry).toMatchObject({ templateId: 'zonedesk.sanding', version: 1, at: '2024-06-01T00:00:00.000Z', docNo: '天编委发〔2022〕3号' });
    expect(entry.file).toBe(join(out, '中共天水经济技术开发区工作委员会天水经济技术开发区管理委员会职能配置、内设机构和人员编制规定.docx'));
    const f = inspectDocx(readFileSync(entry.file));
    expect(f.custom.ExportTemplateSha256).toBe(entry.sha256);
    const second = await exportPaper({ paper: seedPaper(), docType: 'mapping', kind: 'xlsx', store: s, outDir: out });
    expect(second.file.endsWith('机构整合对照表.xlsx')).toBe(true);
  });
});
