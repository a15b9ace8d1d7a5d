// The merge wizard end to end: real host, real SQLite, real Chromium. The seed draft is driven through all
// seven steps and applied (26 → 23, industrial 15 → 6 in the preview and in the register), then reverted
// (back to 26 / 15). A new reform with a merge cycle and a source mapped twice gets a Chinese error at the
// mapping step naming the agency, and the draft stays as typed when going back and forth, and across a
// reload (restored from the window's unsaved copy, or discarded).
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { expectText, openApp, expectCount } from '../helpers/app-host';
import { useAppInBrowser } from '../helpers/app-in-browser';
import { pasteData } from '../helpers/editors';

const app = useAppInBrowser();

const SEED = '天水市开发区管理机构优化整合';

async function stats(page: Page, asOf?: string): Promise<{ total: number; industrial: number }> {
  return page.evaluate(async (date) => {
    const token = new URLSearchParams(location.search).get('token');
    const res = await fetch('/api/stats.get', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(date ? { asOf: date } : {}) });
    const body = await res.json() as { data: { agencies: { total: number; byGroup: Record<string, number> } } };
    return { total: body.data.agencies.total, industrial: body.data.agencies.byGroup.industrial };
  }, asOf);
}

async function openReforms(page: Page): Promise<void> {
  await page.locator('[data-nav="reforms"]').click();
  await page.locator('[data-testid="reform-list"]').waitFor();
}

const wizardAt = (page: Page, step: number) => page.locator(`[data-testid="reform-wizard"][data-step="${step}"]`).waitFor({ timeout: 20_000 });

async function next(page: Page, step: number): Promise<void> {
  await page.locator('[data-action="wizard-next"]').click();
  await wizardAt(page, step);
}

/** A cell of the mapping grid, by the source agency's name. */
function mappingCell(page: Page, source: string, col: string): Locator {
  const exact = new RegExp(`^${source.replace(/[()]/g, '\\$&')}$`);
  return page.locator('[data-testid="mapping-grid"] .ag-row').filter({ has: page.locator('[col-id="source"]', { hasText: exact }) }).locator(`[col-id="${col}"]`).first();
}

/** Management agencies in the agencies grid (names ending in 管理委员会). */
async function gridAgencies(page: Page): Promise<number> {
  const names = await page.locator('.zd-grid[data-table="agencies"]:not([data-compact]) .ag-row [col-id="full_name"]').allTextContents();
  return names.filter((n) => n.endsWith('管理委员会')).length;
}

async function expectGridAgencies(page: Page, n: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = -1;
  while (Date.now() < deadline) {
    last = await gridAgencies(page);
    if (last === n) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`expected ${n} management agencies in the grid, got ${last}`);
}

describe('the merge wizard', () => {
  it('takes the seed draft through every step to apply (26 → 23, industrial 15 → 6) and reverts it', async () => {
    const page = await openApp(app.browser, app.host.url);
    await openReforms(page);
    const row = page.locator(`tr[data-reform="${SEED}"]`);
    await expectText(row.locator('.zd-rf-status'), '草稿');
    await row.locator('[data-action="open-reform"]').click();

    // 1 Scope: the seed's document and all 26 agencies selected; the counts follow the filters.
    await wizardAt(page, 1);
    expect(await page.getByTestId('doc-no-0').inputValue()).toBe('天编委发〔2022〕3号');
    await expectText(page.getByTestId('selected-count'), '26');
    await expectText(page.getByTestId('selection-counts'), /工业类 15 · 农业类 2 · 物流类 1 · 文旅类 7 · 其他 1/);
    await page.getByTestId('filter-group').selectOption('industrial');
    await expectCount(page.locator('[data-testid="source-table"] tbody tr'), 15);
    await page.getByTestId('filter-group').selectOption('');

    // 2 Mapping: rows present, merges shown in the grid and as many-to-one on the board.
    await next(page, 2);
    await expectText(mappingCell(page, '秦安县西川工业园区管理委员会', 'action'), '整合并入');
    await expectText(mappingCell(page, '秦安县西川工业园区管理委员会', 'target'), '秦安县工业园区管理委员会');
    await expectText(mappingCell(page, '秦州区工业园区管理委员会', 'target'), '天水经济技术开发区管理委员会');
    await expectText(page.getByTestId('mapping-totals'), '开发区管理机构 26 → 23');
    await expectText(page.locator('[data-target="天水经济技术开发区管理委员会"] .zd-rf-chips'), /并入 2/);

    // 3 Departments: the 30% comprehensive limit, checked live as a decision changes.
    await next(page, 3);
    const etdz = page.locator('[data-testid="dept-target"][data-agency="天水经济技术开发区管理委员会"]');
    await expectText(etdz.getByTestId('dept-share'), '综合性 2（25%，上限30%）');
    await expectText(etdz.locator('.zd-rf-metrics .zd-rf-badge'), '符合限额和比例');
    const orgDept = etdz.locator('tr', { hasText: '组织人事部' }).locator('select').nth(1);
    await orgDept.selectOption('keep');
    await expectText(etdz.getByTestId('dept-share'), '综合性 3（33.3%，上限30%）');
    await expectText(etdz.locator('.zd-rf-metrics .zd-rf-badge'), '综合性内设机构超过比例');
    await orgDept.selectOption('end');
    await expectText(etdz.getByTestId('dept-share'), '综合性 2（25%，上限30%）');

    // 4 Staffing: totals by type unchanged in the region; the ETDZ receives its merged parks' posts.
    await next(page, 4);
    const balance = page.getByTestId('staff-balance');
    await expectText(balance.locator('tr[data-type="administrative"] td').nth(3), '0');
    await expectText(balance.locator('tr[data-type="su_fiscal"] td').nth(3), '0');
    const etdzStaff = page.locator('[data-testid="staff-target"][data-agency="天水经济技术开发区管理委员会"]');
    await expectText(etdzStaff.locator('tr[data-type="administrative"] [data-testid="staff-after"]'), '61');

    // 5 Functions and units: the natural-resources unit is revoked, with Tianshui's warning.
    await next(page, 5);
    const nr = page.locator('[data-testid="dispatched"] tr', { has: page.getByTestId('nr-warning') });
    await expectText(nr.getByTestId('nr-warning'), /撤销市自然资源局派驻机构/);
    expect(await nr.locator('select').inputValue()).toBe('revoked');
    await expectText(page.locator('[data-testid="notes"] tr[data-source="秦安县西川工业园区管理委员会"] td').nth(1), '整合并入');

    // 6 Preview: 26 → 23, industrial 15 → 6, a Sankey with links; warnings acknowledged.
    await next(page, 6);
    await expectText(page.getByTestId('before-total'), '26');
    await expectText(page.getByTestId('after-total'), '23');
    const industrial = page.locator('[data-testid="by-group"] tr[data-key="industrial"]');
    await expectText(industrial.locator('[data-col="before"]'), '15');
    await expectText(industrial.locator('[data-col="after"]'), '6');
    await expectCount(page.locator('[data-testid="sankey"] path.zd-sankey-link'), 26);
    expect(await page.locator('[data-testid="sankey-groups"] path.zd-sankey-link').count()).toBeGreaterThan(3);
    await expectText(page.getByTestId('rule-counts'), /错误 0 · 警告 \d+/);
    const warnings = await page.getByTestId('ack').count();
    expect(warnings).toBeGreaterThan(0);
    for (let i = 0; i < warnings; i++) await page.getByTestId('ack').nth(i).check();

    // 7 Apply: one history entry, backup first; the register shows 23 / 6 today and 26 / 15 the day before.
    await next(page, 7);
    await page.locator('[data-action="apply"]').click();
    await page.getByTestId('applied').waitFor();
    await expectText(page.getByTestId('fig-today-total'), '23');
    await expectText(page.getByTestId('fig-today-industrial'), '6');
    await expectText(page.getByTestId('fig-dayBefore-total'), '26');
    expect(await stats(page)).toEqual({ total: 23, industrial: 6 });
    expect(await stats(page, '2022-03-15')).toEqual({ total: 26, industrial: 15 });

    await page.locator('[data-nav="agencies"]').click();
    await expectGridAgencies(page, 23);
    await page.locator('input[data-action="as-of"]').fill('2022-03-15');
    await expectGridAgencies(page, 26);
    await page.locator('input[data-action="as-of"]').fill('');

    // Revert: back to the register as it was. The wizard is where it was left; the list shows the status.
    await page.locator('[data-nav="reforms"]').click();
    await wizardAt(page, 7);
    await page.locator('[data-action="reform-list"]').click();
    await page.getByTestId('reform-list').waitFor();
    await expectText(page.locator(`tr[data-reform="${SEED}"] .zd-rf-status`), '已实施');
    await page.locator(`tr[data-reform="${SEED}"] [data-action="open-reform"]`).click();
    await wizardAt(page, 1);
    await page.locator('[data-step-tab="7"]').click();
    await wizardAt(page, 7);
    await page.locator('[data-action="revert"]').click();
    await page.getByTestId('reverted').waitFor();
    await expectText(page.getByTestId('fig-today-total'), '26');
    await expectText(page.getByTestId('fig-today-industrial'), '15');
    expect(await stats(page)).toEqual({ total: 26, industrial: 15 });
    await page.locator('[data-nav="agencies"]').click();
    await expectGridAgencies(page, 26);
    await page.close();
  });

  it('reports a merge cycle and a source mapped twice at the mapping step, naming the agency, and keeps the draft', async () => {
    const page = await openApp(app.browser, app.host.url);
    await openReforms(page);
    await page.locator('[data-action="new-reform"]').click();
    await wizardAt(page, 1);
    expect(await page.getByTestId('scope-name').inputValue()).toBe('');
    // An empty scope names everything it lacks, in order, and 下一步 stays on it.
    await page.locator('[data-action="wizard-next"]').click();
    await expectText(page.getByTestId('step-problems'), /请填写方案名称.*请至少填写一个批准文件文号.*请填写生效日期.*请选择行政区域.*请至少选择一个原机构/);
    expect(await page.locator('[data-testid="reform-wizard"]').getAttribute('data-step')).toBe('1');
    await page.getByTestId('scope-name').fill('秦安县开发区整合（测试）');
    await page.getByTestId('doc-no-0').fill('秦编委发〔2022〕1号');
    await page.getByTestId('scope-date').fill('2022-03-16');
    await page.getByTestId('region-province').selectOption('620000');
    await page.getByTestId('region-prefecture').selectOption('620500');
    await page.getByTestId('filter-county').selectOption('620522');
    await page.locator('[data-action="select-shown"]').click();
    await expectText(page.getByTestId('selected-count'), '4');

    await next(page, 2);
    // Drag 西川 onto 秦安县工业园区: merged.
    await page.locator('[data-target="秦安县西川工业园区管理委员会"] .zd-rf-card-name').dragTo(page.locator('[data-target="秦安县工业园区管理委员会"]'));
    await expectText(mappingCell(page, '秦安县西川工业园区管理委员会', 'action'), '整合并入');
    await expectText(mappingCell(page, '秦安县西川工业园区管理委员会', 'target'), '秦安县工业园区管理委员会');
    // Paste the reverse merge from Excel: a cycle.
    await mappingCell(page, '秦安县工业园区管理委员会', 'action').click();
    await pasteData(page, { text: '整合并入\t秦安县西川工业园区管理委员会\r\n' });
    await expectText(mappingCell(page, '秦安县工业园区管理委员会', 'target'), '秦安县西川工业园区管理委员会');
    const problems = page.getByTestId('step-problems');
    await expectText(problems, /“秦安县工业园区管理委员会”的整合并入形成循环/);

    // Moving on is refused; the error stays at this step.
    await page.locator('[data-action="wizard-next"]').click();
    await page.waitForTimeout(500);
    expect(await page.locator('[data-testid="reform-wizard"]').getAttribute('data-step')).toBe('2');
    await expectText(problems, /循环/);

    // A source mapped twice: a new row given the same source by paste.
    await page.locator('[data-action="add-row"]').click();
    const rows = page.locator('[data-testid="mapping-grid"] .ag-row');
    await expect.poll(() => rows.count()).toBe(5);
    await page.locator('[data-testid="mapping-grid"] .ag-row[row-index="4"] [col-id="source"]').click();
    await pasteData(page, { text: '秦安县安伏工业园区管理委员会\t\t\t撤销' });
    await expectText(problems, /“秦安县安伏工业园区管理委员会”在对照表中出现了2次/);

    // Back and forth, and away to another view and back: everything typed is still there.
    await page.locator('[data-action="wizard-back"]').click();
    await wizardAt(page, 1);
    expect(await page.getByTestId('scope-name').inputValue()).toBe('秦安县开发区整合（测试）');
    await next(page, 2);
    await page.locator('[data-nav="agencies"]').click();
    await page.locator('.ag-row').first().waitFor();
    await page.locator('[data-nav="reforms"]').click();
    await wizardAt(page, 2);
    await expectText(mappingCell(page, '秦安县工业园区管理委员会', 'target'), '秦安县西川工业园区管理委员会');
    await expectText(mappingCell(page, '秦安县西川工业园区管理委员会', 'target'), '秦安县工业园区管理委员会');
    await expect.poll(() => rows.count()).toBe(5);
    await expectText(problems, /形成循环/);
    await expectText(problems, /出现了2次/);

    // A reload (or a crashed window) loses nothing typed: the list offers the unsaved input back. The
    // name is changed back at the scope step and the page reloaded at once, well inside the copy's 400 ms
    // debounce: the copy written on the way out (pagehide) still has the new name, the step and the rows.
    await page.locator('[data-step-tab="1"]').click();
    await wizardAt(page, 1);
    await page.getByTestId('scope-name').fill('秦安县开发区整合（测试二）');
    await page.reload();
    const copy = await page.evaluate(() => JSON.parse(localStorage.getItem('zonedesk.reform.unsaved.v1') ?? 'null') as { step: number; draft: { scope: { name: string }; mappings: unknown[] } } | null);
    expect({ step: copy?.step, name: copy?.draft.scope.name, rows: copy?.draft.mappings.length }).toEqual({ step: 0, name: '秦安县开发区整合（测试二）', rows: 5 });
    await openReforms(page);
    await expectText(page.getByTestId('unsaved-draft').locator('span'), /^有上次未保存的方案输入：“秦安县开发区整合（测试二）”/);
    await page.locator('[data-action="restore-unsaved"]').click();
    await wizardAt(page, 1);
    expect(await page.getByTestId('scope-name').inputValue()).toBe('秦安县开发区整合（测试二）');
    await next(page, 2);
    await expectText(mappingCell(page, '秦安县工业园区管理委员会', 'target'), '秦安县西川工业园区管理委员会');
    await expect.poll(() => rows.count()).toBe(5);
    await expectText(problems, /形成循环/);
    await expectText(problems, /出现了2次/);
    // Discarded, it is gone for good.
    await page.locator('[data-action="reform-list"]').click();
    await page.locator('[data-action="discard-unsaved"]').click();
    await expectCount(page.getByTestId('unsaved-draft'), 0);
    await page.reload();
    await openReforms(page);
    await expectCount(page.locator('tr[data-reform="秦安县开发区整合（测试二）"]'), 1); // the name was saved by 下一步
    await expectCount(page.getByTestId('unsaved-draft'), 0);
    await page.close();
  });
});
