// The foundation end to end: real host, real SQLite, real Chromium.
import { describe, expect, it } from 'vitest';
import { cell, expectText, openApp } from '../helpers/app-host';
import { useAppInBrowser } from '../helpers/app-in-browser';

const app = useAppInBrowser();

describe('the app in Chromium through the loopback host', () => {
  it('opens on the agencies grid with the 26 demo agencies in Chinese', async () => {
    const page = await openApp(app.browser, app.host.url);
    await expectText(page.locator('h1'), '开发区机构编制工作台');
    // All 26 management agencies plus the one public institution; AG Grid renders them all at this size.
    const names = await page.locator('.ag-row [col-id="full_name"]').allTextContents();
    const mgmt = names.filter((n) => n.includes('管理委员会'));
    expect(mgmt).toHaveLength(26);
    expect(names.join('')).toContain('天水经济技术开发区管理委员会');
    expect(await page.locator('.ag-header-cell-text', { hasText: '机构全称' }).isVisible()).toBe(true);
    await page.close();
  });

  it('persists a cell edit across a reload, and undo restores it', async () => {
    let page = await openApp(app.browser, app.host.url);
    const target = cell(page, '麦积山大景区管理委员会', 'short_name');
    await target.dblclick();
    const editor = page.locator('.ag-cell-inline-editing input');
    await editor.fill('麦积山景区管委会（新）');
    await editor.press('Enter');
    await expectText(page.getByTestId('status'), /修改管理机构“麦积山大景区管理委员会”的规范简称/);

    await page.reload();
    await page.locator('.ag-row').first().waitFor();
    await expectText(cell(page, '麦积山大景区管理委员会', 'short_name'), '麦积山景区管委会（新）');

    await page.locator('button[data-action="undo"]').click();
    await expectText(cell(page, '麦积山大景区管理委员会', 'short_name'), '麦积山大景区管委会');
    await page.reload();
    await page.locator('.ag-row').first().waitFor();
    await expectText(cell(page, '麦积山大景区管理委员会', 'short_name'), '麦积山大景区管委会');

    // Ctrl+Y redoes it, from the persistent history.
    await page.locator('h1').click(); // focus outside any grid cell, as a user clicking the title bar
    await page.keyboard.press('Control+y');
    await expectText(cell(page, '麦积山大景区管理委员会', 'short_name'), '麦积山景区管委会（新）');
    await page.keyboard.press('Control+z');
    await expectText(cell(page, '麦积山大景区管理委员会', 'short_name'), '麦积山大景区管委会');
    await page.close();
  });

  it('refuses an API request without the token', async () => {
    const page = await app.browser.newPage();
    await page.goto(`http://127.0.0.1:${app.host.port}/`);
    const result = await page.evaluate(async () => {
      const res = await fetch('/api/agencies.update', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ edits: [{ id: 1, field: 'note', value: '越权' }] }) });
      return { status: res.status, body: await res.json() };
    });
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe('unauthorized');
    await page.close();
  });
});
