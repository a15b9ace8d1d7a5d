// Backups and exchange packages through the UI, end to end: real host, real SQLite, real Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Store } from '../../db/store';
import { updateCells } from '../../db/rows';
import { applyExchange } from '../../electron/exchange/apply';
import { exportExchange } from '../../electron/exchange/export';
import { cell, expectText, openApp, expectCount } from '../helpers/app-host';
import { useAppInBrowser } from '../helpers/app-in-browser';

const app = useAppInBrowser();
const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-usb-'));

/** A contract call from inside the page, with the page's own token (as the UI makes it). */
function apiCall(page: Page, name: string, input: unknown) {
  return page.evaluate(async ([n, i]) => {
    const token = new URLSearchParams(location.search).get('token');
    const res = await fetch(`/api/${n}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(i) });
    return res.json();
  }, [name, input] as const);
}

async function openSafety(page: Page) {
  await page.locator('button[data-nav="safety"]').click();
  await page.locator('[data-panel="backups"]').waitFor();
}

describe('备份与交换 in Chromium', () => {
  it('takes a manual backup, lists it with size and date, and restores it', async () => {
    const page = await openApp(app.browser, app.host.url);
    await openSafety(page);
    await page.locator('button[data-action="backup-now"]').click();
    const row = page.locator('[data-panel="backups"] tr[data-kind="manual"]').first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/手动.*\d+(\.\d)? (KB|MB)/);

    const edited = await apiCall(page, 'agencies.update', { edits: [{ id: 4, field: 'short_name', value: '备份后修改' }] });
    expect(edited.ok).toBe(true);

    page.once('dialog', (d) => void d.accept());
    await row.locator('button', { hasText: '恢复' }).click();
    await expectText(page.getByTestId('status'), /已恢复；恢复前的数据另存于.*pre-restore/);
    await page.locator('button[data-nav="agencies"]').click();
    await expectText(cell(page, '麦积山大景区管理委员会', 'short_name'), '麦积山大景区管委会');
    // The pre-restore copy is listed too, so the restore itself can be taken back.
    await openSafety(page);
    await page.locator('[data-panel="backups"] tr[data-kind="pre-restore"]').first().waitFor();
    await page.close();
  });

  it('exports a signed package, and imports another office\'s changes after preview', async () => {
    const page = await openApp(app.browser, app.host.url);
    await openSafety(page);
    const cityPackage = path.join(usb, '天水市.zdx');
    await page.locator('[data-panel="exchange"] input').first().fill(cityPackage);
    await page.locator('button[data-action="exchange-export"]').click();
    await expectText(page.getByTestId('status'), /交换包已生成/);
    expect(fs.existsSync(cityPackage)).toBe(true);

    // The county office (another PC): trusts the city's key, takes the package, edits, sends one back.
    const countyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-county-'));
    const county = Store.open(countyDir, { create: true });
    fs.mkdirSync(path.join(countyDir, 'trusted-keys'));
    fs.copyFileSync(path.join(app.host.dataDir, 'keys', 'office-ed25519.pub.pem'), path.join(countyDir, 'trusted-keys', 'city.pem'));
    applyExchange(county, cityPackage);
    const a05 = county.db.prepare(`SELECT id FROM agencies WHERE code = 'A05'`).get() as { id: number };
    updateCells(county.wp, 'agencies', [{ id: a05.id, field: 'short_name', value: '张家川经开区（县里改）' }]);
    const back = exportExchange(county, { file: path.join(usb, '张家川县.zdx') });
    county.close();
    fs.mkdirSync(path.join(app.host.dataDir, 'trusted-keys'), { recursive: true });
    fs.copyFileSync(back.publicKeyFile, path.join(app.host.dataDir, 'trusted-keys', 'county.pem'));

    // A damaged copy is refused with a Chinese message, and nothing changes.
    const tampered = path.join(usb, '被改动.zdx');
    const bytes = fs.readFileSync(back.file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(tampered, bytes);
    const importInput = page.locator('[data-panel="exchange"] input').nth(1);
    await importInput.fill(tampered);
    await page.locator('button[data-action="exchange-preview"]').click();
    await expectText(page.locator('.zd-error'), /操作未完成：.*(签名|损坏|无法)/);
    await page.locator('.zd-error button').click();

    await importInput.fill(back.file);
    await page.locator('button[data-action="exchange-preview"]').click();
    const changed = page.locator('.zd-exchange-preview tr[data-status="changed"]');
    await changed.first().waitFor();
    await expectCount(changed, 1);
    expect(await changed.first().textContent()).toContain('规范简称：张家川经济开发区管委会 → 张家川经开区（县里改）');
    await page.locator('button[data-action="exchange-apply"]').click();
    await expectText(page.getByTestId('status'), /^导入交换包（/); // the apply's history label, not the export's line still shown
    await page.locator('button[data-nav="agencies"]').click();
    await expectText(cell(page, '张家川经济开发区管理委员会', 'short_name'), '张家川经开区（县里改）');
    // One undo step takes the whole import back.
    await page.locator('button[data-action="undo"]').click();
    await expectText(cell(page, '张家川经济开发区管理委员会', 'short_name'), '张家川经济开发区管委会');
    await page.close();
  });
});
