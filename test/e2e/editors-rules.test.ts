// Live rule checks end to end on the demo data: each agency shows the rules it breaks, offending cells are
// marked with the rule, its severity and its source, the list jumps to the cell, and marks appear and clear
// as the data is fixed.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectText, openApp, expectCount } from '../helpers/app-host';
import { useAppInBrowser } from '../helpers/app-in-browser';
import { gridCell, mainGrid, openView, pasteData, scrollToCell, scrollToColumn, undo } from '../helpers/editors';

const app = useAppInBrowser();

const classOf = async (l: Locator) => (await l.getAttribute('class')) ?? '';
const agency = (page: Page, name: string, col: string) => gridCell(page, 'agencies', name, col, 'full_name');
/** A row of a child table found by its agency and a second column's text. */
function childCell(page: Page, table: string, agencyName: string, keyCol: string, key: string, col: string): Locator {
  const exact = (t: string) => new RegExp(`^${t.replace(/[()]/g, '\\$&')}$`);
  return mainGrid(page, table).locator('.ag-row')
    .filter({ has: page.locator('[col-id="agency_id"]', { hasText: exact(agencyName) }) })
    .filter({ has: page.locator(`[col-id="${keyCol}"]`, { hasText: exact(key) }) })
    .locator(`[col-id="${col}"]`).first();
}

describe('live rule checks on the demo data', () => {
  it('marks the cells the demo breaks, with severity, rule and source in the tooltip', async () => {
    const page = await openApp(app.browser, app.host.url);
    for (const name of ['甘肃(天水)国际陆港管理委员会', '麦积山大景区管理委员会']) {
      const cell = agency(page, name, 'full_name');
      await expect.poll(() => classOf(cell)).toContain('zd-rule-error');
      expect(await cell.getAttribute('title')).toMatch(/^【R3·错误】.*缺少党工委牌子.*（依据：天水市机构编制网/);
      await expectText(agency(page, name, 'zd_rules'), 'R3');
    }
    expect(await classOf(agency(page, '张家川经济开发区管理委员会', 'full_name'))).not.toContain('zd-rule');
    await expectText(agency(page, '天水经济技术开发区管理委员会', 'zd_rules'), 'R5 R6 R7');
    await expectText(agency(page, '麦积区中滩工业园区管理委员会', 'zd_rules'), 'R10');
    await expectText(agency(page, '武山县洛门工业园区管理委员会', 'zd_rules'), 'R11');
    await expectText(agency(page, '天水市藉河新区管理委员会', 'zd_rules'), /USCC/);
    await scrollToColumn(page, 'agencies', 'uscc');
    const uscc = agency(page, '天水市藉河新区管理委员会', 'uscc');
    expect(await classOf(uscc)).toContain('zd-rule-error');
    expect(await uscc.getAttribute('title')).toContain('统一社会信用代码校验位错误');

    await openView(page, 'departments');
    const social = gridCell(page, 'departments', '社会事务局', 'function_class', 'name');
    await expect.poll(() => classOf(social)).toContain('zd-rule-error');
    expect(await social.getAttribute('title')).toContain('【R6·错误】');
    const comp = gridCell(page, 'departments', '纪检监察工委', 'function_class', 'name');
    expect(await comp.getAttribute('title')).toMatch(/【R5·错误】.*综合性内设机构3个，占内设机构总数9个的33%/);
    expect(await classOf(gridCell(page, 'departments', '招商局', 'function_class', 'name'))).not.toContain('zd-rule');

    await openView(page, 'staffing');
    const over = childCell(page, 'staffing', '麦积区中滩工业园区管理委员会', 'staffing_type', '行政编制', 'actual');
    await scrollToCell(page, 'staffing', over);
    await expect.poll(() => classOf(over)).toContain('zd-rule-warning');
    expect(await over.getAttribute('title')).toMatch(/【R10·警告】.*超编1名/);

    await openView(page, 'leader_posts');
    const posts = childCell(page, 'leader_posts', '武山县洛门工业园区管理委员会', 'title', '管委会副主任', 'filled');
    await scrollToCell(page, 'leader_posts', posts);
    await expect.poll(() => classOf(posts)).toContain('zd-rule-error');
    expect(await posts.getAttribute('title')).toContain('超职数1名');
    await page.close();
  });

  it('lists the findings and jumps to the offending cell', async () => {
    const page = await openApp(app.browser, app.host.url);
    await page.locator('[data-action="rules"]').click();
    const panel = page.getByTestId('rules-panel');
    await expectText(panel.locator('h2'), /^规则检查结果（\d+）$/);
    const r11 = panel.locator('.zd-finding[data-rule="R11"]');
    expect(await r11.locator('.zd-finding-source').textContent()).toMatch(/^依据：/);
    await r11.locator('button').click();
    const posts = childCell(page, 'leader_posts', '武山县洛门工业园区管理委员会', 'title', '管委会副主任', 'filled');
    await expect.poll(() => classOf(posts)).toContain('ag-cell-focus');
    await panel.locator('.zd-finding[data-rule="R6"]').first().locator('button').click();
    await expect.poll(() => classOf(gridCell(page, 'departments', '社会事务局', 'function_class', 'name'))).toContain('ag-cell-focus');
    await page.close();
  });

  it('clears marks as the data is fixed and shows them again on undo', async () => {
    const page = await openApp(app.browser, app.host.url);
    await openView(page, 'staffing');
    const over = childCell(page, 'staffing', '麦积区中滩工业园区管理委员会', 'staffing_type', '行政编制', 'actual');
    await scrollToCell(page, 'staffing', over);
    await expect.poll(() => classOf(over)).toContain('zd-rule-warning');
    const approved = childCell(page, 'staffing', '麦积区中滩工业园区管理委员会', 'staffing_type', '行政编制', 'approved');
    await over.click();
    await pasteData(page, { text: (await approved.textContent())! });
    await expect.poll(() => classOf(over)).not.toContain('zd-rule');
    await openView(page, 'agencies');
    await expectText(agency(page, '麦积区中滩工业园区管理委员会', 'zd_rules'), '');
    await undo(page);
    await expectText(agency(page, '麦积区中滩工业园区管理委员会', 'zd_rules'), 'R10');

    // A03 gets its 党工委 nameplate (pasted as a new row in the detail panel): R3 clears.
    await agency(page, '甘肃(天水)国际陆港管理委员会', 'full_name').click();
    await page.locator('.zd-register:not(.zd-compact) > .zd-toolbar [data-action="detail"]').click();
    const detail = page.getByTestId('agency-detail');
    await expectCount(detail.locator('.zd-finding[data-rule="R3"]'), 1);
    await detail.locator('[data-tab="nameplates"]').click();
    const plates = detail.locator('.zd-grid[data-table="nameplates"]');
    await plates.locator('.ag-row[row-index="0"] [col-id="name"]').click();
    await pasteData(page, { text: '甘肃(天水)国际陆港管理委员会\t主牌子\r\n中共甘肃(天水)国际陆港工作委员会\t党工委\r\n' });
    await page.getByTestId('confirm-dialog').locator('[data-answer="append"]').click();
    await expect.poll(() => plates.locator('.ag-row:not(.ag-row-pinned)').count()).toBe(2);
    await expectText(agency(page, '甘肃(天水)国际陆港管理委员会', 'zd_rules'), '');
    expect(await classOf(agency(page, '甘肃(天水)国际陆港管理委员会', 'full_name'))).not.toContain('zd-rule');
    await undo(page);
    await expectText(agency(page, '甘肃(天水)国际陆港管理委员会', 'zd_rules'), 'R3');
    await page.close();
  });
});
