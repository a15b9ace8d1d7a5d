// The register's grids end to end in Chromium on the demo data: every table, typed editing, adding and
// deleting rows, parks under their zone, the agency detail panel with its lineage, Ctrl+K search, the frozen
// name column, pinyin sort, totals, and find/replace.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compareZh } from '../../shared/text';
import { expectText, openApp, expectCount } from '../helpers/app-host';
import { useAppInBrowser } from '../helpers/app-in-browser';
import { cellAt, expectReport, gridCell, mainGrid, openView, scrollToColumn, undo } from '../helpers/editors';

const app = useAppInBrowser();

async function api<T>(page: Page, name: string, input: unknown): Promise<T> {
  return page.evaluate(async ({ name, input }) => {
    const token = new URLSearchParams(location.search).get('token');
    const res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    return ((await res.json()) as { data: unknown }).data;
  }, { name, input }) as Promise<T>;
}

async function typeInto(page: Page, cell: ReturnType<typeof cellAt>, text: string) {
  await cell.dblclick();
  const input = page.locator('.ag-cell-inline-editing input, .ag-popup-editor textarea').first();
  await input.fill(text);
  await input.press('Enter');
}

describe('grids for every register table', () => {
  it('shows each table with Chinese headers, and edits typed columns: integers, dates, enums by label, references by name', async () => {
    const page = await openApp(app.browser, app.host.url);
    const headers: Record<string, string> = {
      zones: '开发区名称', agencies: '机构全称', departments: '内设机构名称', staffing: '核定编制', leader_posts: '核定职数',
      nameplates: '牌子名称', functions: '职能事项', dispatched_units: '派驻机构名称', indicators: '指标',
    };
    for (const [view, header] of Object.entries(headers)) {
      const grid = await openView(page, view);
      expect(await grid.locator('.ag-row:not(.ag-row-pinned)').count()).toBeGreaterThan(0);
      await expectCount(grid.locator('.ag-header-cell-text', { hasText: header }), 1);
    }
    // Integer typed with full-width digits.
    await openView(page, 'staffing');
    await typeInto(page, cellAt(page, 'staffing', 0, 'approved'), '３２');
    await expectText(cellAt(page, 'staffing', 0, 'approved'), '32');
    // Date in the Chinese form.
    await openView(page, 'zones');
    await scrollToColumn(page, 'zones', 'approved_on');
    const approvedOn = gridCell(page, 'zones', '张家川经济开发区', 'approved_on', 'name');
    await typeInto(page, approvedOn, '2022年3月16日');
    await expectText(approvedOn, '2022-03-16');
    // Reference by name: the editor shows the name, the name is stored as the agency's id.
    await scrollToColumn(page, 'zones', 'management_agency_id');
    const manager = gridCell(page, 'zones', '秦州区工业园区', 'management_agency_id', 'name');
    await manager.dblclick();
    const input = page.locator('.ag-cell-inline-editing input').first();
    expect(await input.inputValue()).toBe('秦州区工业园区管理委员会');
    await input.fill('秦州区娘娘坝工业园区管理委员会');
    await input.press('Enter');
    await expectText(manager, '秦州区娘娘坝工业园区管理委员会');
    // An unknown name is refused with the reason, nothing written.
    await typeInto(page, manager, '不存在的机构');
    await expectReport(page, /找不到名为“不存在的机构”的机构/);
    await expectText(manager, '秦州区娘娘坝工业园区管理委员会');
    // Enum chosen by its Chinese label.
    await openView(page, 'departments');
    const cls = gridCell(page, 'departments', '统计局', 'function_class', 'name');
    await cls.dblclick();
    await page.locator('.ag-cell-inline-editing .ag-picker-field-wrapper').click();
    await page.locator('.ag-select-list .ag-list-item[title="经济发展"]').click();
    await expectText(cls, '经济发展');
    await page.close();
  });

  it('adds a row like the focused one and deletes rows after confirmation, both undoable', async () => {
    const page = await openApp(app.browser, app.host.url);
    const grid = await openView(page, 'functions');
    const count = () => grid.locator('.ag-row:not(.ag-row-pinned)').count();
    const n = await count();
    await cellAt(page, 'functions', 0, 'name').click();
    await page.locator('[data-action="add-row"]').click();
    const editor = page.locator('.ag-cell-inline-editing input').first();
    await editor.waitFor();
    await editor.fill('区域评估服务');
    await editor.press('Enter');
    const added = gridCell(page, 'functions', '区域评估服务', 'agency_id', 'name');
    await expectText(added, '天水经济技术开发区管理委员会');

    // The new row is the last one; headless Chromium's overlay scrollbar covers its lower edge.
    await gridCell(page, 'functions', '区域评估服务', 'name', 'name').click({ position: { x: 20, y: 6 } });
    await page.locator('[data-action="delete-rows"]').click();
    const dialog = page.getByTestId('confirm-dialog');
    await expectText(dialog.locator('p'), /^确定删除选中的1行职能吗？/);
    await dialog.locator('[data-answer="cancel"]').click();
    await expectCount(gridCell(page, 'functions', '区域评估服务', 'name', 'name'), 1);
    await page.locator('[data-action="delete-rows"]').click();
    await dialog.locator('[data-answer="delete"]').click();
    await expect.poll(() => gridCell(page, 'functions', '区域评估服务', 'name', 'name').count()).toBe(0);
    await undo(page);
    await expectText(gridCell(page, 'functions', '区域评估服务', 'agency_id', 'name'), '天水经济技术开发区管理委员会');
    // Adding was two steps (the new row, then its name): undo both.
    await undo(page);
    await expectText(gridCell(page, 'functions', '（新建）', 'agency_id', 'name'), '天水经济技术开发区管理委员会');
    await undo(page);
    await expect.poll(count).toBe(n);
    await page.close();
  });

  it('keeps parks under their zone, also after sorting, and adds a park under the focused zone', async () => {
    const page = await openApp(app.browser, app.host.url);
    const grid = await openView(page, 'zones');
    const indexOf = async (name: string) => Number(await gridCell(page, 'zones', name, 'name', 'name').locator('xpath=..').evaluate((el) => el.closest('.ag-row')!.getAttribute('row-index')));
    const header = grid.locator('.ag-header-cell[col-id="name"] .ag-header-cell-label');
    for (const clicks of [1, 2]) {
      for (let i = 0; i < clicks; i++) await header.click();
      const parent = await indexOf('天水经济技术开发区');
      for (const park of ['东十里园区', '廿铺园区', '下曲园区', '社棠园区', '东柯河园区']) {
        const at = await indexOf(park);
        expect(at).toBeGreaterThan(parent);
        expect(at).toBeLessThanOrEqual(parent + 5);
      }
    }
    expect(await gridCell(page, 'zones', '东十里园区', 'name', 'name').getAttribute('class')).toContain('zd-park');
    await gridCell(page, 'zones', '武山县工业集中区', 'name', 'name').click();
    await page.locator('[data-action="add-park"]').click();
    const editor = page.locator('.ag-cell-inline-editing input').first();
    await editor.fill('洛门物流园');
    await editor.press('Enter');
    await expectText(gridCell(page, 'zones', '洛门物流园', 'parent_zone_id', 'name'), '武山县工业集中区');
    const parent = await indexOf('武山县工业集中区');
    expect(await indexOf('洛门物流园')).toBeLessThanOrEqual(parent + 3);
    await undo(page);
    await expect.poll(() => gridCell(page, 'zones', '洛门物流园', 'name', 'name').count()).toBe(0);
    await page.close();
  });
});

describe('agency detail and search', () => {
  it('shows the focused agency in one place, its rows editable, and its 历史沿革', async () => {
    const page = await openApp(app.browser, app.host.url);
    const short = gridCell(page, 'agencies', '天水经济技术开发区管理委员会', 'short_name', 'full_name');
    await short.dblclick();
    const editor = page.locator('.ag-cell-inline-editing input').first();
    await editor.fill('天水经开区管委会');
    await editor.press('Enter');
    await expectText(short, '天水经开区管委会');
    // Enter moved down a row and the panel follows the focused agency: come back to this one.
    await short.click();
    await page.locator('.zd-register:not(.zd-compact) > .zd-toolbar [data-action="detail"]').click();
    const detail = page.getByTestId('agency-detail');
    await expectText(detail.locator('h2'), '天水经济技术开发区管理委员会');
    await expectText(detail.locator('[data-field="short_name"] dd'), '天水经开区管委会');
    await expectText(detail.locator('[data-field="uscc"] dt'), '统一社会信用代码');
    await expectCount(detail.locator('.zd-finding[data-rule="R5"]'), 1);
    expect(await detail.locator('.zd-finding[data-rule="R6"]').count()).toBeGreaterThan(0);
    const rowsOf = async (tab: string, table: string) => {
      await detail.locator(`[data-tab="${tab}"]`).click();
      const g = detail.locator(`.zd-grid[data-table="${table}"]`);
      await g.locator('.ag-row').first().waitFor();
      return g.locator('.ag-row:not(.ag-row-pinned)').count();
    };
    expect(await rowsOf('nameplates', 'nameplates')).toBe(2);
    expect(await rowsOf('departments', 'departments')).toBe(9);
    expect(await rowsOf('staffing', 'staffing')).toBe(3);
    expect(await rowsOf('leader_posts', 'leader_posts')).toBe(4);
    expect(await rowsOf('dispatched_units', 'dispatched_units')).toBe(7);
    expect(await rowsOf('zones', 'zones')).toBe(6);
    await detail.locator('[data-tab="history"]').click();
    const history = detail.getByTestId('agency-history');
    await expectText(history.locator('> li').first().locator('strong'), /^载入演示数据/);
    await expectText(history.locator('> li').last().locator('strong'), '修改管理机构“天水经济技术开发区管理委员会”的规范简称');
    await expectText(history.locator('> li').last().locator('ul li'), '规范简称：天水经济技术开发区管委会 → 天水经开区管委会');
    await undo(page);
    await expectText(short, '天水经济技术开发区管委会');
    await page.close();
  });

  it('Ctrl+K finds by pinyin initials, credit code and department name and jumps to the row', async () => {
    const page = await openApp(app.browser, app.host.url);
    const search = async (text: string, hit: string) => {
      await page.keyboard.press('Control+k');
      await page.getByTestId('search-input').fill(text);
      await page.locator(`[data-hit="${hit}"]`).waitFor();
      await page.getByTestId('search-input').press('Enter');
    };
    await openView(page, 'zones');
    const a17 = (await api<Array<{ id: number; full_name: string }>>(page, 'agencies.list', {})).find((a) => a.full_name === '武山县洛门工业园区管理委员会')!;
    await search('wsxlmgyyq', `agencies:${a17.id}`);
    const cell = gridCell(page, 'agencies', '武山县洛门工业园区管理委员会', 'full_name', 'full_name');
    await expect.poll(async () => (await cell.getAttribute('class')) ?? '').toContain('ag-cell-focus');
    await expectText(page.getByTestId('agency-detail').locator('h2'), '武山县洛门工业园区管理委员会');

    const a26 = (await api<Array<{ id: number; uscc: string }>>(page, 'agencies.list', {})).find((a) => a.uscc === '11620500MB0000260X')!;
    await search('11620500MB0000260X', `agencies:${a26.id}`);
    await expect.poll(async () => (await gridCell(page, 'agencies', '天水市藉河新区管理委员会', 'full_name', 'full_name').getAttribute('class')) ?? '').toContain('ag-cell-focus');

    const dept = (await api<Array<{ id: number; name: string }>>(page, 'departments.list', {})).find((d) => d.name === '文物保护局')!;
    await search('文物保护', `departments:${dept.id}`);
    const deptCell = gridCell(page, 'departments', '文物保护局', 'name', 'name');
    // Focus comes at once, the selection mark on the next frame: wait for both.
    await expect.poll(async () => (await deptCell.getAttribute('class')) ?? '').toMatch(/(?=.*\bag-cell-focus\b)(?=.*\bzd-sel\b)/);
    await page.close();
  });
});

describe('spreadsheet conveniences', () => {
  it('freezes the name column, sorts Chinese in pinyin order and filters by value', async () => {
    const page = await openApp(app.browser, app.host.url);
    const grid = mainGrid(page, 'agencies');
    await expectCount(grid.locator('.ag-row[row-index="0"] .ag-grid-pinned-left-cells [col-id="full_name"]'), 1);
    await grid.locator('.ag-header-cell[col-id="full_name"] .ag-header-cell-label').click();
    const names = (await api<Array<{ full_name: string }>>(page, 'agencies.list', {})).map((a) => a.full_name).sort(compareZh);
    for (let i = 0; i < 5; i++) await expectText(cellAt(page, 'agencies', i, 'full_name'), names[i]);
    expect(names[0]).toBe('甘谷县大像山景区管理委员会');
    await grid.locator('.ag-header-cell[col-id="agency_kind"] .ag-header-cell-filter-button').click();
    const filter = page.getByTestId('set-filter');
    await expectCount(filter.locator('.zd-setfilter-item'), 3);
    await filter.locator('.zd-setfilter-search').fill('事业');
    await expectCount(filter.locator('.zd-setfilter-item'), 2);
    await filter.locator('input[type=checkbox]').first().uncheck();
    await filter.locator('input[data-value="事业单位"]').check();
    await filter.locator('[data-action="filter-apply"]').click();
    await expect.poll(() => grid.locator('.ag-row:not(.ag-row-pinned)').count()).toBe(1);
    await expectText(cellAt(page, 'agencies', 0, 'full_name'), '张家川经济开发区服务中心');
    await page.close();
  });

  it('shows a totals row that follows the filter, and finds and replaces within the grid as one undo step', async () => {
    const page = await openApp(app.browser, app.host.url);
    const grid = await openView(page, 'staffing');
    const rows = await api<Array<{ staffing_type: string; approved: number; actual: number }>>(page, 'staffing.list', {});
    const totals = grid.locator('.ag-row-pinned');
    await expectText(totals.locator('[col-id="approved"]'), String(rows.reduce((s, r) => s + r.approved, 0)));
    await expectText(totals.locator('[col-id="actual"]'), String(rows.reduce((s, r) => s + r.actual, 0)));
    await grid.locator('.ag-header-cell[col-id="staffing_type"] .ag-header-cell-filter-button').click();
    const filter = page.getByTestId('set-filter');
    await filter.locator('input[type=checkbox]').first().uncheck();
    await filter.locator('input[data-value="财政补助事业编制"]').check();
    await filter.locator('[data-action="filter-apply"]').click();
    const fiscal = rows.filter((r) => r.staffing_type === 'su_fiscal');
    await expectText(totals.locator('[col-id="staffing_type"]'), `合计（${fiscal.length}）`);
    await expectText(totals.locator('[col-id="approved"]'), String(fiscal.reduce((s, r) => s + r.approved, 0)));

    await openView(page, 'departments');
    await cellAt(page, 'departments', 0, 'name').click();
    await page.keyboard.press('Control+f');
    await page.getByTestId('find-input').fill('招商');
    await expectText(page.getByTestId('find-count'), /^1 \/ \d+$/);
    const matches = Number(/\/ (\d+)/.exec((await page.getByTestId('find-count').textContent())!)![1]);
    expect(matches).toBeGreaterThan(20);
    await page.getByTestId('find-input').press('Enter');
    await expectText(page.getByTestId('find-count'), `2 / ${matches}`);
    await expect.poll(() => mainGrid(page, 'departments').locator('.ag-cell.zd-find-hit').count()).toBeGreaterThan(0); // marked on a frame
    await page.getByTestId('find-input').press('Escape');
    await cellAt(page, 'departments', 0, 'name').click();
    await page.keyboard.press('Control+h');
    await page.getByTestId('find-input').fill('招商服务科');
    await page.getByTestId('replace-input').fill('投资促进科');
    await page.locator('[data-action="replace-all"]').click();
    await expectReport(page, /^替换：已写入 \d+ 个单元格$/);
    await expectText(page.getByTestId('find-count'), '未找到');
    expect(await gridCell(page, 'departments', '投资促进科', 'name', 'name').count()).toBeGreaterThan(0);
    await cellAt(page, 'departments', 0, 'name').click();
    await undo(page);
    await expect.poll(() => gridCell(page, 'departments', '投资促进科', 'name', 'name').count()).toBe(0);
    await page.close();
  });
});
