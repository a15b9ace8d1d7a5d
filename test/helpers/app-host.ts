// End-to-end harness: starts the real loopback host (the built CLI, as a user would) on a fresh data
// folder, and opens Debian's Chromium on it with playwright-core. Tests wait on app events, not sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/node/cli.cjs');
export const CHROMIUM = process.env.ZONEDESK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'];

export interface AppHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export async function startAppHost(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-e2e-'))): Promise<AppHost> {
  if (!fs.existsSync(CLI)) throw new Error('dist/node/cli.cjs is missing: run `npm run build` first');
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start within 15 s: ${out}`)), 15_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ZoneDesk listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
  });
  const u = new URL(url);
  return {
    url, dataDir, port: Number(u.port), token: u.searchParams.get('token')!,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Opens the app and waits until the agencies grid shows its rows. */
export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(url);
  await page.locator('.ag-row').first().waitFor();
  return page;
}

/** The cell of a row (found by the exact text of its name cell) in a column. AG Grid 36 keeps pinned and
 * centre cells of a row in one .ag-row element. */
export function cell(page: Page, rowName: string, colId: string, nameCol = 'full_name'): Locator {
  const exact = new RegExp(`^${rowName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('.ag-row').filter({ has: page.locator(`[col-id="${nameCol}"]`, { hasText: exact }) }).locator(`[col-id="${colId}"]`).first();
}

/** Polls until the locator's text equals the expected one (the grid updates asynchronously). */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = ((await locator.textContent({ timeout: timeoutMs }).catch(() => null)) ?? '').trim();
    if (typeof expected === 'string' ? last === expected : expected.test(last)) return;
    await locator.page().waitForTimeout(50);
  }
  throw new Error(`expected text ${String(expected)}, got "${last}"`);
}


/** Polls until the locator matches exactly `n` elements (a popup fills itself asynchronously). */
export async function expectCount(locator: Locator, n: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    last = await locator.count();
    if (last === n) return;
    await locator.page().waitForTimeout(50);
  }
  throw new Error(`expected ${n} elements, found ${last}`);
}
