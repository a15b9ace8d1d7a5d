// Language end to end: Chinese by default; the English switch changes every label of the editors,
// including AG Grid's own texts (its zh-CN / en-US locale), and switching back restores Chinese.
import { describe, expect, it } from 'vitest';
import { expectText, openApp, expectCount } from '../helpers/app-host';
import { useAppInBrowser } from '../helpers/app-in-browser';
import { gridCell, mainGrid, scrollToColumn } from '../helpers/editors';

const app = useAppInBrowser();

describe('language switch', () => {
  it('shows Chinese by default and English everywhere after the switch, AG Grid included', async () => {
    const page = await openApp(app.browser, app.host.url);
    const grid = mainGrid(page, 'agencies');
    const tool = (action: string) => page.locator(`.zd-register[data-register="agencies"]:not(.zd-compact) > .zd-toolbar [data-action="${action}"]`);
    const header = (text: string) => grid.locator('.ag-header-cell-text', { hasText: new RegExp(`^${text}$`) });
    // A02 has no dispatched units: its tab shows AG Grid's "no rows" overlay, in AG Grid's locale.
    const overlay = async () => {
      await gridCell(page, 'agencies', '甘肃天水国家农业科技园区管理委员会', 'full_name', 'full_name').click();
      if (!(await page.getByTestId('agency-detail').count())) await tool('detail').click();
      await page.getByTestId('agency-detail').locator('[data-tab="dispatched_units"]').click();
      return page.getByTestId('agency-detail').locator('.ag-overlay-no-rows-center, .ag-overlay-no-rows-wrapper').first();
    };
    await expectCount(header('机构全称'), 1);
    await expectText(tool('add-row'), '＋ 新增行');
    await expectText(await overlay(), '无显示行');
    await expectText(page.locator('.zd-register:not(.zd-compact) > .zd-gridstatus [data-testid="sel-size"]'), '已选 1 × 1');

    await page.locator('[data-action="lang"]').click();
    await expectText(page.locator('h1'), 'ZoneDesk');
    await expectText(page.locator('[data-nav="agencies"]'), 'Agencies');
    await header('Full name').waitFor();
    expect(await header('机构全称').count()).toBe(0);
    await expectCount(header('Rule checks'), 1);
    await expectText(tool('add-row'), '＋ Add row');
    await expectText(tool('delete-rows'), '－ Delete rows');
    await expectText(tool('rules'), /^Rule checks/);
    await scrollToColumn(page, 'agencies', 'agency_kind');
    await expectText(gridCell(page, 'agencies', '天水经济技术开发区管理委员会', 'agency_kind', 'full_name'), 'Zone management agency');
    await expectText(await overlay(), 'No Rows To Show');
    await expectText(page.getByTestId('agency-detail').locator('[data-tab="overview"]'), 'Overview');
    await expectText(page.locator('.zd-register:not(.zd-compact) > .zd-gridstatus [data-testid="sel-size"]'), 'Selected 1 × 1');
    await grid.locator('.ag-header-cell[col-id="agency_kind"] .ag-header-cell-filter-button').click();
    await expectText(page.getByTestId('set-filter').locator('.zd-setfilter-item').first(), '(Select all)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    expect(await page.getByTestId('search-input').getAttribute('placeholder')).toMatch(/^Search agencies/);
    await page.keyboard.press('Escape');

    await page.locator('[data-action="lang"]').click();
    await header('机构全称').waitFor();
    await expectText(tool('add-row'), '＋ 新增行');
    await page.close();
  });
});
