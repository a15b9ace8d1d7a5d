// The committed default templates are exactly what build/make-templates.ts produces (in any time zone), carry
// their identity, and encode the GB/T 9704 constants.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import * as G from '../../build/templates/gbt9704';
import { buildAllTemplates } from '../../build/templates/index';
import { lintTemplate } from '../../electron/export/lint';
import { DEFAULT_TEMPLATES } from '../../shared/papers';
import { inspectDocx } from '../fixtures/docx-inspect';

const ROOT = join(__dirname, '..', '..');
const TEMPLATES = join(ROOT, 'electron', 'export', 'templates');

describe('default templates', () => {
  it('a fresh build is byte-identical to the committed files', async () => {
    const built = await buildAllTemplates();
    expect([...built.keys()].sort()).toEqual(DEFAULT_TEMPLATES.map((t) => t.file).sort());
    for (const [file, buf] of built) expect(buf.equals(readFileSync(join(TEMPLATES, file))), `${file} is stale: run npx tsx build/make-templates.ts`).toBe(true);
  });

  it('the build does not depend on the time zone (zip times come from local date parts)', () => {
    for (const tz of ['Asia/Shanghai', 'America/Los_Angeles']) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'build/make-templates.ts', '--check'], {
        cwd: ROOT,
        env: { ...process.env, TZ: tz },
        stdio: 'pipe',
      });
    }
  }, 60_000);

  it('zip entries are in a fixed order with fixed dates', () => {
    const zip = new PizZip(readFileSync(join(TEMPLATES, 'request.docx')));
    const names = Object.keys(zip.files);
    expect(names.slice(0, 3)).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml']);
    for (const n of names) expect(zip.files[n].date.getFullYear()).toBe(2024);
    expect(zip.file('docProps/core.xml')!.asText()).toContain('2024-01-01T00:00:00Z');
  });

  for (const t of DEFAULT_TEMPLATES) {
    it(`${t.file}: lints clean for “${t.docType}” and carries TemplateId ${t.id} v${t.version}`, async () => {
      const buf = readFileSync(join(TEMPLATES, t.file));
      const lint = await lintTemplate(buf, t.kind, t.docType);
      expect(lint.issues).toEqual([]);
      expect(lint.identity).toEqual({ templateId: t.id, version: t.version });
    });
  }

  it('GB/T 9704 constants: A4, margins 37/28/26/35 mm, 3号, 22 × 28 grid, fonts', () => {
    expect(G.PAGE).toEqual({ width: 11906, height: 16838 });
    expect(G.MARGIN).toEqual({ top: 2098, left: 1587, right: 1474, bottom: 1984 });
    for (const k of ['top', 'left', 'right', 'bottom'] as const) expect(Math.abs(G.MARGIN[k] / G.MM - G.MARGIN_MM[k])).toBeLessThan(0.05);
    expect(G.TEXT_WIDTH / G.MM).toBeCloseTo(156, 0);
    expect(G.BODY_PT).toBe(16);
    expect(G.GRID).toMatchObject({ type: 'lines', linePitch: 579 });
    expect((G.GRID.linePitch / 20) * 22 * (25.4 / 72)).toBeCloseTo(225, 0); // 22 lines fill the 225 mm 版心
    expect(28 * (G.BODY_PT + G.CHAR_SPACING / 20)).toBeLessThanOrEqual(G.TEXT_WIDTH / 20); // 28 characters fit
    expect(29 * (G.BODY_PT + G.CHAR_SPACING / 20)).toBeGreaterThan(G.TEXT_WIDTH / 20); // and a 29th does not
    expect(Object.values(G.FONT)).toEqual(expect.arrayContaining(['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312']));
  });

  it('every run of every Word template names its East Asian font; the section carries the grid', () => {
    for (const t of DEFAULT_TEMPLATES.filter((x) => x.kind === 'docx')) {
      const f = inspectDocx(readFileSync(join(TEMPLATES, t.file)));
      const xml = f.zip.file('word/document.xml')!.asText();
      const runs = xml.match(/<w:r>.*?<\/w:r>/g) ?? [];
      expect(runs.length).toBeGreaterThan(5);
      for (const r of runs) expect(r, `${t.file}: ${r.slice(0, 80)}`).toMatch(/w:eastAsia="[^"]+"/);
      expect(xml).not.toMatch(/<w:numPr>/); // headings are numbered by code, never by Word
      if (t.docType !== 'mapping') expect(xml).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
      expect(f.zip.file('word/settings.xml')!.asText()).toContain('<w:evenAndOddHeaders/>');
    }
  });
});
