// The editors as a spreadsheet, end to end in Chromium on the demo data: range selection, copy as TSV and
// HTML, paste from Excel/WPS (HTML table preferred), conversion and refusal of cells, fill, clear, and every
// operation as ONE undo step that survives sort, filter and a restart of the host.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectText, openApp, startAppHost } from '../helpers/app-host';
import { useAppInBrowser } from '../helpers/app-in-browser';
import {
  cellAt, copySelection, dragCells, expectReport, gridCell, historyCount, mainGrid, openView, pasteData, redo, selectedCount, undo,
} from '../helpers/editors';

const app = useAppInBrowser();

const dept = (page: Page, name: string, col: string) => gridCell(page, 'departments', name, col, 'name');

describe('range selection and copy', () => {
  it('selects by drag, Shift+click, Shift+arrows and Ctrl+A, highlights it, and counts and sums it', async () => {
    const page = await openApp(app.browser, app.host.url);
    await openView(page, 'staffing');
    const approved = async (i: number) => Number(await cellAt(page, 'staffing', i, 'approved').textContent());
    const actual = async (i: number) => Number(await cellAt(page, 'staffing', i, 'actual').textContent());

    await dragCells(page, cellAt(page, 'staffing', 0, 'approved'), cellAt(page, 'staffing', 2, 'actual'));
    await expectText(page.getByTestId('sel-size'), '已选 3 × 2');
    await expect.poll(() => selectedCount(page, 'staffing')).toBe(6);
    let sum = 0;
    for (let i = 0; i < 3; i++) sum += (await approved(i)) + (await actual(i));
    await expectText(page.getByTestId('sel-count'), '计数：6');
    await expectText(page.getByTestId('sel-sum'), `求和：${sum}`);

    await cellAt(page, 'staffing', 0, 'approved').click();
    await cellAt(page, 'staffing', 3, 'approved').click({ modifiers: ['Shift'] });
    await expectText(page.getByTestId('sel-size'), '已选 4 × 1');
    await expect.poll(() => selectedCount(page, 'staffing')).toBe(4);

    await cellAt(page, 'staffing', 1, 'approved').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expectText(page.getByTestId('sel-size'), '已选 3 × 2');
    await expect.poll(() => selectedCount(page, 'staffing')).toBe(6);
    // The highlight is visible: a tinted background on selected cells only.
    await expect.poll(() => cellAt(page, 'staffing', 1, 'approved').evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('gradient');
    expect(await cellAt(page, 'staffing', 0, 'approved').evaluate((el) => getComputedStyle(el).backgroundImage)).toBe('none');

    await page.keyboard.press('Control+a');
    const total = /合计（(\d+)）/.exec((await mainGrid(page, 'staffing').locator('.ag-row-pinned [col-id="staffing_type"]').textContent()) ?? '')![1];
    await expectText(page.getByTestId('sel-size'), new RegExp(`^已选 ${total} × \\d+$`));
    await page.close();
  });

  it('copies a range as TSV and as an HTML table, on the real clipboard too', async () => {
    const page = await openApp(app.browser, app.host.url);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.host.url).origin });
    await dragCells(page, gridCell(page, 'agencies', '天水经济技术开发区管理委员会', 'full_name', 'full_name'),
      gridCell(page, 'agencies', '甘肃天水国家农业科技园区管理委员会', 'code', 'full_name'));
    const copied = await copySelection(page);
    expect(copied.text).toBe('天水经济技术开发区管理委员会\tA01\r\n甘肃天水国家农业科技园区管理委员会\tA02');
    expect(copied.html).toMatch(/<table[^>]*>.*<tr><td>天水经济技术开发区管理委员会<\/td><td>A01<\/td><\/tr><tr><td>甘肃天水国家农业科技园区管理委员会<\/td><td>A02<\/td><\/tr>/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copied.text);
    await expectText(page.getByTestId('status'), '已复制 2 行 × 2 列');
    await page.close();
  });
});

describe('paste', () => {
  it('prefers the HTML table, converts types, is one undo step, and undo survives sort, filter and a restart', async () => {
    let page = await openApp(app.browser, app.host.url);
    await openView(page, 'departments');
    const before = await historyCount(page);
    await dept(page, '党政办公室', 'function_class').click();
    // Excel puts the exact cells in text/html; the plain text here is deliberately different.
    const html = `<html><body><!--StartFragment--><table><tr><td class="xl65">经济发展</td><td>副科</td><td>２</td></tr>
      <tr><td>招商引资</td><td>正科级</td><td>3人</td></tr></table><!--EndFragment--></body></html>`;
    await pasteData(page, { html, text: '错误\t错误\t错误' });
    await expectReport(page, /^粘贴：已写入 6 个单元格/);
    await expectText(dept(page, '党政办公室', 'function_class'), '经济发展');
    await expectText(dept(page, '党政办公室', 'rank'), '副科级');
    await expectText(dept(page, '党政办公室', 'leader_posts'), '2');
    await expectText(dept(page, '纪检监察工委', 'function_class'), '招商引资');
    await expectText(dept(page, '纪检监察工委', 'leader_posts'), '3');
    expect(await historyCount(page)).toBe(before + 1);

    // Sort by name and filter by value, then undo: the paste goes back as one step.
    await mainGrid(page, 'departments').locator('.ag-header-cell[col-id="name"] .ag-header-cell-label').click();
    await mainGrid(page, 'departments').locator('.ag-header-cell[col-id="agency_id"] .ag-header-cell-filter-button, .ag-header-cell[col-id="agency_id"] .ag-header-icon.ag-header-cell-filter-button').first().click();
    const filter = page.getByTestId('set-filter');
    await filter.locator('input[type=checkbox]').first().uncheck();
    await filter.locator('input[data-value="天水经济技术开发区管理委员会"]').check();
    await filter.locator('[data-action="filter-apply"]').click();
    await expect.poll(() => mainGrid(page, 'departments').locator('.ag-row:not(.ag-row-pinned)').count()).toBe(9);
    await dept(page, '招商局', 'name').click();
    await undo(page);
    await expectText(dept(page, '党政办公室', 'function_class'), '综合性');
    await expectText(dept(page, '纪检监察工委', 'function_class'), '综合性');
    await expectText(dept(page, '纪检监察工委', 'leader_posts'), '1');
    await redo(page);
    await expectText(dept(page, '纪检监察工委', 'leader_posts'), '3');

    // Restart the host on the same data folder: the history is in the database.
    await page.close();
    const dataDir = app.host.dataDir;
    await app.host.stop();
    app.host = await startAppHost(dataDir);
    page = await openApp(app.browser, app.host.url);
    await openView(page, 'departments');
    await expectText(dept(page, '党政办公室', 'rank'), '副科级');
    await dept(page, '招商局', 'name').click();
    await undo(page);
    await expectText(dept(page, '党政办公室', 'rank'), '正科级');
    await expectText(dept(page, '党政办公室', 'leader_posts'), '1');
    await page.close();
  });

  it('refuses cells that cannot be converted, marks them with the reason, and still writes the valid ones', async () => {
    const page = await openApp(app.browser, app.host.url);
    await openView(page, 'departments');
    await dept(page, '招商局', 'function_class').click();
    await pasteData(page, { text: '综合类\t正科\t1\r\n规划建设\t副科\t两个\r\n' });
    await expectReport(page, /^粘贴：已写入 4 个单元格，拒绝 2 个：第5行“职能类别”：“综合类”不是有效的职能类别；第6行“领导职数”：“两个”不是整数$/);
    await expectText(dept(page, '规划建设局', 'function_class'), '规划建设');
    await expectText(dept(page, '规划建设局', 'rank'), '副科级');
    await expectText(dept(page, '招商局', 'function_class'), '招商引资');
    const refused = dept(page, '招商局', 'function_class');
    // The marks come on the frame after the written text: wait for them, then read the rest of that refresh.
    await expect.poll(async () => (await refused.getAttribute('class')) ?? '').toContain('zd-refused');
    expect(await refused.getAttribute('title')).toContain('“综合类”不是有效的职能类别');
    expect(await dept(page, '规划建设局', 'leader_posts').getAttribute('class')).toContain('zd-refused');
    // Fixing the cell clears its mark.
    await refused.click();
    await pasteData(page, { text: '招商引资' });
    await expect.poll(async () => (await dept(page, '招商局', 'function_class').getAttribute('class')) ?? '').not.toContain('zd-refused');
    await undo(page);
    await undo(page);
    await expectText(dept(page, '规划建设局', 'rank'), '正科级');
    await page.close();
  });

  it('fills a larger selection with one value, fills down with Ctrl+D, clears with Delete: one undo step each', async () => {
    const page = await openApp(app.browser, app.host.url);
    await openView(page, 'departments');
    const n0 = await historyCount(page);
    await dragCells(page, cellAt(page, 'departments', 0, 'leader_posts'), cellAt(page, 'departments', 3, 'leader_posts'));
    await pasteData(page, { text: '4' });
    await expectReport(page, /^粘贴：已写入 4 个单元格$/);
    for (let i = 0; i < 4; i++) await expectText(cellAt(page, 'departments', i, 'leader_posts'), '4');
    await expectText(cellAt(page, 'departments', 4, 'leader_posts'), '1');
    expect(await historyCount(page)).toBe(n0 + 1);
    await undo(page);
    for (let i = 0; i < 4; i++) await expectText(cellAt(page, 'departments', i, 'leader_posts'), '1');

    await dragCells(page, cellAt(page, 'departments', 3, 'function_class'), cellAt(page, 'departments', 5, 'rank'));
    await page.keyboard.press('Control+d');
    await expectReport(page, /^向下填充：已写入 4 个单元格$/);
    await expectText(cellAt(page, 'departments', 4, 'function_class'), '经济发展');
    await expectText(cellAt(page, 'departments', 5, 'function_class'), '经济发展');
    await undo(page);
    await expectText(cellAt(page, 'departments', 4, 'function_class'), '招商引资');
    await expectText(cellAt(page, 'departments', 5, 'function_class'), '规划建设');

    await dragCells(page, cellAt(page, 'departments', 0, 'function_class'), cellAt(page, 'departments', 1, 'rank'));
    await page.keyboard.press('Delete');
    await expectReport(page, /^清除：已写入 2 个单元格，拒绝 2 个：第1行“职能类别”：“职能类别”不能为空；第2行“职能类别”：“职能类别”不能为空$/);
    await expectText(cellAt(page, 'departments', 0, 'rank'), '');
    await expectText(cellAt(page, 'departments', 1, 'rank'), '');
    await expectText(cellAt(page, 'departments', 0, 'function_class'), '综合性');
    await undo(page);
    await expectText(cellAt(page, 'departments', 0, 'rank'), '正科级');
    await expectText(cellAt(page, 'departments', 1, 'rank'), '正科级');
    expect(await historyCount(page)).toBe(n0 + 3);
    await page.close();
  });

  it('offers to append rows when the block is longer than the rows below; the appended rows undo with the paste', async () => {
    const page = await openApp(app.browser, app.host.url);
    await gridCell(page, 'agencies', '天水市藉河新区管理委员会', 'full_name', 'full_name').click();
    await page.locator('.zd-register:not(.zd-compact) > .zd-toolbar [data-action="detail"]').click();
    const detail = page.getByTestId('agency-detail');
    await detail.locator('[data-tab="departments"]').click();
    const grid = detail.locator('.zd-grid[data-table="departments"]');
    await grid.locator('.ag-row').first().waitFor();
    const rows = () => grid.locator('.ag-row:not(.ag-row-pinned)').count();
    expect(await rows()).toBe(4);
    await grid.locator('.ag-row[row-index="3"] [col-id="name"]').click();
    // The detail panel's grid hides the agency column (every row is the agency's): name, function class.
    await pasteData(page, { text: '社会事务协调科\t综合性\r\n招商二科\t招商引资\r\n企业服务科\t企业服务\r\n' });
    const dialog = page.getByTestId('confirm-dialog');
    await expectText(dialog.locator('p'), '粘贴内容有3行，当前位置以下只有1行。是否在末尾新增2行？');
    await dialog.locator('[data-answer="append"]').click();
    await expectReport(page, /^粘贴：已写入 6 个单元格，新增 2 行$/);
    await expect.poll(rows).toBe(6);
    await expectText(grid.locator('.ag-row[row-index="5"] [col-id="name"]'), '企业服务科');
    await expectText(grid.locator('.ag-row[row-index="5"] [col-id="function_class"]'), '企业服务');
    // The new rows belong to the agency of the panel.
    const agencyOf = await page.evaluate(async () => {
      const token = new URLSearchParams(location.search).get('token');
      const res = await fetch('/api/departments.list', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
      const rows = (await res.json()).data as Array<{ name: string; agency_id: number }>;
      return rows.filter((r) => r.name === '企业服务科' || r.name === '社会事务协调科').map((r) => r.agency_id);
    });
    expect(new Set(agencyOf).size).toBe(1);
    await undo(page);
    await expect.poll(rows).toBe(4);
    await expectText(grid.locator('.ag-row[row-index="3"] [col-id="name"]'), '社会事务科');
    await page.close();
  });
});
