// The Export page end to end (browser mode): export the seed reform's 机构整合对照表 (Excel) and its 三定规定
// from the page; the downloads arrive and reopen correctly; a broken template is refused with the place named;
// the preview shows the rendered pages.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { paragraphsOf } from '../../electron/export/docx-text';
import { expectText, openApp, expectCount } from '../helpers/app-host';
import { useAppInBrowser } from '../helpers/app-in-browser';

const app = useAppInBrowser();

async function openExport(): Promise<Page> {
  const page = await openApp(app.browser, app.host.url);
  await page.locator('button[data-nav="export"]').click();
  await page.locator('[data-view="export"] [data-tick="mapping-xlsx"]').waitFor();
  return page;
}

const docxText = (buf: Buffer) => paragraphsOf(new PizZip(buf).file('word/document.xml')!.asText()).map((p) => p.text).join('\n');

describe('the Export page', () => {
  it('exports the mapping table (Excel) and the 三定规定 of the seed reform as downloads that reopen correctly', async () => {
    const page = await openExport();
    await expect(page.locator('[data-field="export-source"] option:checked').textContent()).resolves.toContain('天水市开发区管理机构优化整合');
    await page.locator('[data-tick="mapping-xlsx"]').check();
    await page.locator('[data-tick="sanding"]').check();
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.locator('button[data-action="export-run"]').click();
    const progress = page.getByTestId('export-progress');
    await expectText(progress, /^12\/12/, 60_000);
    expect(await progress.getAttribute('data-done')).toBe('12');
    await page.getByTestId('export-result').waitFor();
    await expectCount(page.locator('[data-testid="export-result"] tbody tr'), 12);

    const deadline = Date.now() + 30_000;
    while (downloads.length < 12 && Date.now() < deadline) await page.waitForTimeout(100);
    const names = downloads.map((d) => d.suggestedFilename());
    expect(names).toContain('天水市开发区管理机构优化整合机构整合对照表.xlsx');
    const sanding = names.filter((n) => n.endsWith('职能配置、内设机构和人员编制规定.docx'));
    expect(sanding).toHaveLength(11);

    const dir = fs.mkdtempSync(path.join(app.host.dataDir, 'dl-'));
    const xlsx = downloads.find((d) => d.suggestedFilename().endsWith('.xlsx'))!;
    const xlsxPath = path.join(dir, 'mapping.xlsx');
    await xlsx.saveAs(xlsxPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const data = rows.filter((r) => typeof r[0] === 'number');
    expect(data).toHaveLength(26); // every mapping row of the seed reform
    expect(data.filter((r) => r[7] === '整合并入').map((r) => r[1])).toEqual(['秦州区工业园区管理委员会', '麦积区中滩工业园区管理委员会', '秦安县西川工业园区管理委员会']);
    expect(String(rows[1][0])).toContain('天编委发〔2022〕3号');

    const etdz = downloads.find((d) => d.suggestedFilename().startsWith('天水经济技术开发区管理委员会'))!;
    const docPath = path.join(dir, 'etdz.docx');
    await etdz.saveAs(docPath);
    const text = docxText(fs.readFileSync(docPath));
    expect(text).not.toMatch(/[{}｛｝]/);
    for (const s of ['中共天水经济技术开发区工作委员会', '天水经济技术开发区管理委员会', '第一条', '2022年3月16日', '一个机构、两块牌子']) expect(text).toContain(s);

    // The export log lists the files (downloads are recorded by name).
    await expectText(page.locator('[data-testid="export-log"] tbody tr').first().locator('td').nth(1), /^（下载）/);
    await expectCount(page.locator('[data-testid="export-log"] tbody tr'), 12);
    await page.screenshot({ path: path.join(app.host.dataDir, 'export-page.png'), fullPage: true });
    await page.close();
  });

  it('refuses a template with an unknown field, naming the place, and previews the rendered pages', async () => {
    const page = await openExport();
    await page.locator('[data-type="notice"] button[data-action="focus-type"]').click();
    await expectText(page.locator('[data-panel="templates"] h2'), /通知/);
    const tpl = fs.readFileSync(path.resolve(__dirname, '../../electron/export/templates/notice.docx'));
    const zip = new PizZip(tpl);
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{主送机关}', '{主送单位}'));
    await page.locator('[data-field="template-file"]').setInputFiles({
      name: '本办通知.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: zip.generate({ type: 'nodebuffer' }) as Buffer,
    });
    const report = page.getByTestId('lint-report');
    await expectText(report.locator('p'), /模板有错误，未导入/);
    await expectText(report.locator('tbody tr').first().locator('td').nth(1), /^正文第\d+段$/);
    await expectText(report.locator('tbody tr').first().locator('td').nth(2), '“通知”没有字段“主送单位”');
    await expectCount(page.locator('[data-panel="templates"] [data-template]'), 1); // nothing stored

    await page.locator('[data-panel="fields"] summary').click();
    await expectText(page.locator('[data-panel="fields"] li code').first(), '{改革名称}');

    await page.locator('[data-panel="preview"] button[data-action="preview"]').click();
    const preview = page.getByTestId('preview');
    await preview.waitFor({ timeout: 90_000 });
    const format = await preview.getAttribute('data-format');
    if (format === 'png') {
      expect(await preview.locator('img').count()).toBeGreaterThan(0);
      expect(await preview.locator('img').first().getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    } else {
      await expectText(preview.locator('pre'), /关于天水市开发区管理机构/);
    }
    await page.screenshot({ path: path.join(app.host.dataDir, 'export-preview.png'), fullPage: true });
    await page.close();
  });
});
