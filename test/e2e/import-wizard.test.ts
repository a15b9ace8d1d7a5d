// The import wizard end to end in Chromium: the messy agency ledger (.xlsx) through all four steps —
// header found under the banner, mapping guessed, 12 new / 3 updated / 3 rejected with row, column and
// reason — imported as one history group, the rejected rows downloaded as .xlsx, the new agency in the
// grid, the header's 撤销 taking the whole import back; and the GBK CSV variant previewing the same.
// Screenshots of every step go to $ZONEDESK_SHOTS (default: the test's temp folder).
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectCount, expectText, launchBrowser, openApp, startAppHost, type AppHost } from '../helpers/app-host';
import { gridCell, mainGrid } from '../helpers/editors';
import { writeLedgerCsv, writeLedgerXlsx } from '../fixtures/import-ledger';

let host: AppHost;
let browser: Browser;
let tmp: string;
let shots: string;
const XLSX = () => path.join(tmp, '天水市开发区管理机构台账.xlsx');
const CSV = () => path.join(tmp, '台账-GBK.csv');
const NEW_AGENCY = '秦州区电子信息产业园管理委员会';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-import-e2e-'));
  shots = process.env.ZONEDESK_SHOTS ?? path.join(tmp, 'shots');
  fs.mkdirSync(shots, { recursive: true });
  await writeLedgerXlsx(XLSX());
  writeLedgerCsv(CSV(), 'gbk');
  host = await startAppHost();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (!process.env.ZONEDESK_SHOTS) fs.rmSync(tmp, { recursive: true, force: true });
});

async function api<T>(page: Page, name: string, input: unknown): Promise<T> {
  return page.evaluate(async ({ name, input }) => {
    const token = new URLSearchParams(location.search).get('token');
    const res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    return ((await res.json()) as { data: unknown }).data;
  }, { name, input }) as Promise<T>;
}
const agencyCount = async (page: Page) => (await api<unknown[]>(page, 'agencies.list', {})).length;

const wizard = (page: Page) => page.getByTestId('import-wizard');

/** Opens the app straight on the wizard (#view=import): no grid needs to load first. */
async function openWizard(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(`${host.url}#view=import`);
  await wizard(page).waitFor();
  return page;
}
/** The whole wizard: the window grows to its scroll height for the shot (the page itself never scrolls). */
async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const extra = await page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('.zd-import, .zd-imp-scroll')].map((e) => e.scrollHeight - e.clientHeight)));
  if (extra > 0) await page.setViewportSize({ width: size.width, height: Math.min(size.height + extra, 4000) });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  if (extra > 0) await page.setViewportSize(size);
}

/** Chooses a file in step 1 and goes on to step 2 (the first preview). */
async function chooseAndPreview(page: Page, file: string): Promise<void> {
  await page.locator('[data-nav="import"]').click();
  await page.getByTestId('import-file').setInputFiles(file);
  await expectText(page.getByTestId('import-chosen'), new RegExp(path.basename(file).replace('.', '\\.')));
  await page.locator('[data-testid="import-wizard"][data-step="1"] [data-action="import-next"]').click();
  await page.locator('[data-testid="import-wizard"][data-step="2"]').waitFor();
}

async function expectCounts(page: Page, counts: Record<string, number>): Promise<void> {
  for (const [filter, n] of Object.entries(counts)) {
    await expectText(page.locator(`[data-testid="import-counts"] [data-filter="${filter}"] b`), String(n));
  }
}

describe('import wizard', () => {
  it('imports the messy ledger: preview, one undoable group, error report, grid refresh', async () => {
    const page = await openApp(browser, host.url);
    const before = await agencyCount(page);
    await page.locator('[data-nav="import"]').click();
    await wizard(page).waitFor();
    await shot(page, '1-file-empty');

    // Step 1 → 2: header row 3 under the banner and subtitle, mapping guessed from the ledger's names.
    await chooseAndPreview(page, XLSX());
    await shot(page, '2-mapping');
    expect(await page.locator('[data-testid="import-first-rows"] tr.header').getAttribute('data-row')).toBe('3');
    expect(await page.locator('[data-testid="import-first-rows"] tr[data-row="1"]').textContent()).toContain('天水市开发区管理机构台账');
    await expectText(page.getByTestId('mapping-origin'), '已根据列名自动识别，请核对');
    expect(await page.locator('select[data-column="B"]').inputValue()).toBe('full_name');
    expect(await page.locator('select[data-column="C"]').inputValue()).toBe('uscc');
    expect(await page.locator('select[data-column="A"]').inputValue()).toBe('');
    expect(await page.locator('[data-testid="import-keys"] input[data-key="uscc"]').isChecked()).toBe(true);

    // Step 3: every row classified; the three bad rows with row, column and reason in Chinese.
    await wizard(page).locator('[data-action="import-next"]').click();
    await page.locator('[data-testid="import-wizard"][data-step="3"]').waitFor();
    await expectCounts(page, { new: 12, update: 3, unchanged: 0, error: 3 });
    const rows = page.getByTestId('import-rows');
    await expectCount(rows.locator('tr[data-status="error"]'), 3);
    expect(await rows.locator('tr[data-row="16"]').textContent()).toMatch(/更新.*修改：内设机构限额/);
    await shot(page, '3-preview-all');
    await page.locator('[data-testid="import-counts"] [data-filter="error"]').click();
    const errors = page.getByTestId('import-errors');
    await expectCount(errors.locator('tbody tr'), 3);
    expect(await errors.locator('tr[data-row="19"]').textContent()).toMatch(/C列 统一社会信用代码.*校验位错误/);
    expect(await errors.locator('tr[data-row="20"]').textContent()).toMatch(/D列 所在县区秦川区无法识别的行政区划“秦川区”/);
    expect(await errors.locator('tr[data-row="21"]').textContent()).toMatch(/E列 机构类别管理处.*“管理处”无法识别/);
    await shot(page, '3-preview-errors');
    await page.locator('[data-testid="import-counts"] [data-filter="new"]').click();
    await expectCount(rows.locator('tbody tr'), 12);

    // Step 4: import the valid rows as one history group; download the rejected rows.
    await wizard(page).locator('[data-action="import-next"]').click();
    await page.locator('[data-testid="import-wizard"][data-step="4"]').waitFor();
    await page.locator('[data-action="import-commit"]').click();
    const outcome = page.getByTestId('import-outcome');
    await expectText(outcome.locator('p'), '导入完成：新增12条，更新3条。如需撤回，请点击上方“撤销”。');
    expect(await outcome.getAttribute('data-committed')).toBe('true');
    expect(await agencyCount(page)).toBe(before + 12);
    // The undo button's title follows the history, fetched after the outcome is shown.
    await expect.poll(() => page.locator('[data-action="undo"]').getAttribute('title')).toBe('导入管理机构：新增12条，更新3条（文件 天水市开发区管理机构台账.xlsx）');
    await shot(page, '4-done');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="import-report"]').click()]);
    expect(download.suggestedFilename()).toBe('天水市开发区管理机构台账-未导入的行.xlsx');
    const report = path.join(tmp, 'report.xlsx');
    await download.saveAs(report);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('错误原因');
    expect(ws.rowCount).toBe(4);
    const reasonCol = header.length;
    const bad = [2, 3, 4].map((r) => [String(ws.getRow(r).getCell(2).value), String(ws.getRow(r).getCell(reasonCol).value)]);
    expect(bad.map((b) => b[0])).toEqual(['秦州区文化创意产业园管理委员会', '秦川区物流园管理委员会', '甘谷县新材料产业园管理委员会']);
    expect(bad[1][1]).toMatch(/无法识别的行政区划“秦川区”/);

    // The agencies grid shows the new agency.
    await page.locator('[data-action="import-show"]').click();
    const grid = mainGrid(page, 'agencies');
    await grid.locator('.ag-row').first().waitFor();
    await gridCell(page, 'agencies', NEW_AGENCY, 'full_name', 'full_name').waitFor();
    await gridCell(page, 'agencies', NEW_AGENCY, 'full_name', 'full_name').scrollIntoViewIfNeeded();
    await shot(page, '5-agencies-after-import');

    // The header's 撤销 takes back the whole import.
    await page.locator('[data-action="undo"]').click();
    await gridCell(page, 'agencies', NEW_AGENCY, 'full_name', 'full_name').waitFor({ state: 'detached' });
    expect(await agencyCount(page)).toBe(before);
    await shot(page, '6-agencies-after-undo');
    await page.close();
  });

  it('previews the GBK CSV variant with the same counts; all-or-nothing writes nothing; another header row', async () => {
    const page = await openWizard();
    const before = await agencyCount(page);
    await chooseAndPreview(page, CSV());
    await expect.poll(() => wizard(page).locator('.zd-imp-hint').first().textContent()).toMatch(/编码 GBK/);
    await shot(page, '7-csv-mapping');
    await wizard(page).locator('[data-action="import-next"]').click();
    await expectCounts(page, { new: 12, update: 3, unchanged: 0, error: 3 });
    await shot(page, '7-csv-preview');

    // All or nothing: three rows are bad, so nothing is written; the report is still offered.
    await wizard(page).locator('[data-action="import-next"]').click();
    await page.getByTestId('all-or-nothing').check();
    await page.locator('[data-action="import-commit"]').click();
    await expectText(page.getByTestId('import-outcome').locator('p'), '有3行错误，按“全部成功才导入”的要求，未导入任何数据。');
    expect(await page.getByTestId('import-outcome').getAttribute('data-committed')).toBe('false');
    await expectCount(page.locator('[data-action="import-report"]'), 1);
    await shot(page, '8-all-or-nothing');
    expect(await agencyCount(page)).toBe(before);

    // Choosing another header row re-reads the file: the subtitle row as header cannot work → a Chinese error.
    await page.locator('[data-action="import-again"]').click();
    await chooseAndPreview(page, XLSX());
    await page.locator('[data-testid="import-first-rows"] tr[data-row="2"]').click();
    await expectText(page.getByTestId('import-error'), /请在对应关系中指定.*（文件“天水市开发区管理机构台账\.xlsx”）/);
    await shot(page, '9-wrong-header-row');
    // Back on row 3 (the mapping is remembered for this header layout once the first test imported it).
    await page.locator('[data-testid="import-first-rows"] tr[data-row="3"]').click();
    await expectText(page.getByTestId('mapping-origin'), /^(已沿用上次相同格式文件的对应关系|已根据列名自动识别，请核对)$/);
    expect(await page.locator('select[data-column="D"]').inputValue()).toBe('host_region_code');
    expect(await page.getByTestId('import-error').count()).toBe(0);
    await page.close();
  });

  it('a large file shows progress, and cancel leaves the register untouched', async () => {
    const big = path.join(tmp, '大文件.csv');
    const rows = Array.from({ length: 120_000 }, (_, i) => [i + 1, `测试第${i + 1}号产业园管理委员会`, null, '秦州区', '开发区管理机构', '行政机关', '正科级', 3, null, null]);
    writeLedgerCsv(big, 'utf8', rows);
    const page = await openWizard();
    const before = await agencyCount(page);
    const undoTitle = await page.locator('[data-action="undo"]').getAttribute('title');
    // The preview reads for seconds: job.progress events move the bar (seen by an observer, whatever the timing).
    await page.evaluate(() => {
      const w = window as unknown as { __progress: string[] };
      w.__progress = [];
      new MutationObserver(() => {
        const t = document.querySelector('.zd-imp-count')?.textContent;
        if (t) w.__progress.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // The preview's answer is held until the bar has shown a count: on a starved machine the progress
    // events and the answer could otherwise all land before React renders once.
    await page.route('**/api/import.preview', async (route) => {
      const answer = await route.fetch();
      await page.waitForFunction(() => (window as unknown as { __progress: string[] }).__progress.some((t) => /^已处理 \d+ 行$/.test(t)), undefined, { timeout: 60_000 }).catch(() => undefined);
      await route.fulfill({ response: answer });
    });
    await chooseAndPreview(page, big);
    await page.unroute('**/api/import.preview');
    const seen = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(seen.some((t) => /^已处理 \d+ 行$/.test(t))).toBe(true);
    await wizard(page).locator('[data-action="import-next"]').click();
    await expectCounts(page, { new: 120_000, error: 0 });
    await wizard(page).locator('[data-action="import-next"]').click();
    // The commit's upload is held until the cancel has been answered: the user clicks 取消 while a large
    // file is still on its way, deterministically (a fast machine would otherwise finish the commit first;
    // the unit tests cover a cancel that lands mid-read and one that comes too late).
    let cancelAnswered!: () => void;
    const answered = new Promise<void>((resolve) => (cancelAnswered = resolve));
    page.on('requestfinished', (r) => { if (r.url().endsWith('/api/import.cancel')) cancelAnswered(); });
    await page.route('**/api/import.commit', async (route) => { await answered; await route.continue(); });
    await page.locator('[data-action="import-commit"]').click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await expectText(progress.locator('span').first(), '正在写入登记簿…');
    await shot(page, '10-progress');
    await progress.locator('[data-action="import-cancel"]').click();
    await expectText(page.getByTestId('import-notice'), '已取消，登记簿未作任何改动。', 60_000);
    expect(await progress.count()).toBe(0);
    expect(await page.getByTestId('import-outcome').count()).toBe(0);
    expect(await agencyCount(page)).toBe(before);
    expect(await page.locator('[data-action="undo"]').getAttribute('title')).toBe(undoTitle);
    await shot(page, '11-cancelled');
    await page.close();
  });
});
