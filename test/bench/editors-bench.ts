// The spreadsheet editors at national scale, in Debian's Chromium through the loopback host (as in browser
// mode): paste of 10,000 cells (500 rows × 20 columns, from the paste event to committed and shown, one undo
// step), first paint of a departments grid with 20,000 and 200,000 rows (navigation start → first data row
// painted; the rest streams in, so the time until every row is loaded is reported too), and scroll frame
// times. Medians of 5 runs after a warm-up. Not part of npm test; the figures are printed by run.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ENUMS, enumLabel } from '../../shared/enums';
import { launchBrowser, startAppHost, type AppHost } from '../helpers/app-host';
import { generateNationalData, NATIONAL, PROVINCE } from './synthetic';
import { log, median, percentile, repeat, round } from './stats';

export interface EditorFigures {
  paste10kMs: number;
  firstPaint20kMs: number;
  firstPaint200kMs: number;
  scrollFrameP95Ms: number;
  /** Navigation start → every row loaded (the grid is usable for sort/filter of all rows). */
  loadAll20kMs: number;
  loadAll200kMs: number;
}

type W = Window & { __firstPaint?: number; __loaded?: number };

async function openGrid(browser: Browser, host: AppHost, view: string): Promise<{ page: Page; firstPaint: number; loaded: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.addInitScript((table) => {
    const w = window as W;
    const rowSel = `.zd-grid[data-table="${table}"] .ag-row[row-index="0"] .ag-cell-value:not([col-id="zd_rownum"])`;
    const obs = new MutationObserver(() => {
      if (w.__firstPaint === undefined && document.querySelector(rowSel)?.textContent) {
        w.__firstPaint = -1;
        // The frame in which the row is painted.
        requestAnimationFrame(() => (w.__firstPaint = performance.now()));
      }
      if (w.__firstPaint && w.__loaded === undefined && !document.querySelector('[data-testid="loading-rows"]')
        && document.querySelector(`.zd-grid[data-table="${table}"] .ag-row-pinned, .zd-grid[data-table="${table}"] .ag-row[row-index="1"]`)) {
        w.__loaded = performance.now();
      }
    });
    obs.observe(document, { childList: true, subtree: true });
  }, view);
  await page.goto(`${host.url}#view=${view}`);
  await page.waitForFunction(() => ((window as W).__firstPaint ?? 0) > 0 && (window as W).__loaded !== undefined, undefined, { timeout: 120_000 });
  const [firstPaint, loaded] = await page.evaluate(() => [(window as W).__firstPaint!, (window as W).__loaded!]);
  // The full rule check follows the load; wait for it so the next run starts on an idle host.
  await page.locator('[data-testid="rule-count"]').first().waitFor({ timeout: 60_000 });
  return { page, firstPaint, loaded };
}

async function firstPaint(browser: Browser, host: AppHost, label: string): Promise<{ paint: number; loaded: number }> {
  const runs = await repeat(5, 1, async () => {
    const { page, firstPaint, loaded } = await openGrid(browser, host, 'departments');
    await page.context().close();
    return { paint: firstPaint, loaded };
  });
  log(`${label}: first paint ${runs.map((r) => Math.round(r.paint)).join(', ')} ms; all rows ${runs.map((r) => Math.round(r.loaded)).join(', ')} ms`);
  return { paint: median(runs.map((r) => r.paint)), loaded: median(runs.map((r) => r.loaded)) };
}

/**
 * Scrolls the 200,000-row grid 400 px per frame and returns the frame intervals. In-page code is passed as
 * text: tsx would otherwise wrap its inner functions in a helper the page does not have.
 */
async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const vp = document.querySelector('.zd-grid[data-table="departments"] .ag-grid-viewport');
    const times = [];
    let last = 0, n = 0;
    requestAnimationFrame(function step(t) {
      if (last) times.push(t - last);
      last = t;
      vp.scrollTop += 400;
      if (++n < 240) requestAnimationFrame(step);
      else resolve(times);
    });
  })`) as Promise<number[]>;
}

/** 500 rows × 20 columns from the name column on, as an official would paste them from Excel. */
function pasteBlock(rows: Array<Record<string, unknown>>, regions: Map<string, string>, run: number): string {
  return rows.map((a) => [
    `${String(a.full_name).replace(/（\d+）$/, '')}（${run}）`, a.code, '', '', a.short_name, enumLabel('agency_kind', String(a.agency_kind)),
    enumLabel('type_group', String(a.type_group)), enumLabel('nature', String(a.nature)), enumLabel('rank', String(a.rank)),
    regions.get(String(a.host_region_code)) ?? '', `${regions.get(String(a.host_region_code)) ?? ''}人民政府`, '', a.uscc, String(12 + (run % 3)),
    ENUMS.su_class[run % 4].zh, ENUMS.funding_form[run % 4].zh, `负责开发区经济发展（第${run}次修订）`, '存续', `基准测试${run}`, '2024-01-01',
  ].map((v) => String(v ?? '')).join('\t')).join('\r\n');
}

async function api<T>(page: Page, name: string, input: unknown): Promise<T> {
  return page.evaluate(async ({ name, input }) => {
    const token = new URLSearchParams(location.search).get('token');
    const res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    const body = await res.json() as { ok: boolean; data: unknown; error?: unknown };
    if (!body.ok) throw new Error(JSON.stringify(body.error));
    return body.data;
  }, { name, input }) as Promise<T>;
}

async function paste10k(browser: Browser, host: AppHost): Promise<number> {
  const { page } = await openGrid(browser, host, 'agencies');
  const agencies = (await api<Array<Record<string, unknown>>>(page, 'agencies.list', {})).slice(0, 500);
  const regions = new Map((await api<Array<{ code: string; name: string }>>(page, 'regions.list', {})).map((r) => [r.code, r.name]));
  // The newest history group's id: a paste must add exactly one (the folder may hold thousands already).
  const groups = async () => (await api<Array<{ id: number }>>(page, 'history.list', { limit: 1 }))[0]?.id ?? 0;
  let run = 0;
  const times = await repeat(5, 1, async () => {
    run++;
    const text = pasteBlock(agencies, regions, run);
    const expected = text.split('\t', 1)[0];
    await page.locator('.zd-grid[data-table="agencies"] .ag-row[row-index="0"] [col-id="full_name"]').click();
    const before = await groups();
    const ms = await page.evaluate(`new Promise((resolve) => {
      const text = ${JSON.stringify(text)}, expected = ${JSON.stringify(expected)};
      const sel = '.zd-grid[data-table="agencies"] .ag-row[row-index="0"] [col-id="full_name"]';
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      const t0 = performance.now();
      (document.activeElement || document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      requestAnimationFrame(function poll() {
        if (document.querySelector(sel)?.textContent === expected) resolve(performance.now() - t0);
        else requestAnimationFrame(poll);
      });
    })`) as number;
    const report = await page.getByTestId('op-report-text').first().textContent();
    if (!report?.startsWith('粘贴：已写入 8000 个单元格')) throw new Error(`unexpected paste report: ${report}`);
    if ((await groups()) !== before + 1) throw new Error('the paste was not one history group');
    await page.waitForTimeout(800); // the re-check of 500 agencies and the lookups refresh, off the clock
    return ms;
  });
  log(`paste 500 × 20: ${times.map((t) => Math.round(t)).join(', ')} ms`);
  await page.context().close();
  return median(times);
}

export async function benchEditors(opts: { nationalDir?: string; provinceDir?: string } = {}): Promise<EditorFigures> {
  const nationalDir = opts.nationalDir ?? process.env.ZONEDESK_BENCH_DIR ?? path.join(os.tmpdir(), 'zonedesk-bench-national');
  const provinceDir = opts.provinceDir ?? path.join(os.tmpdir(), 'zonedesk-bench-province');
  generateNationalData(nationalDir, NATIONAL);
  generateNationalData(provinceDir, PROVINCE);
  const browser = await launchBrowser();
  try {
    let host = await startAppHost(provinceDir);
    const p20 = await firstPaint(browser, host, `departments grid, ${PROVINCE.departments} rows`).finally(() => host.stop());
    // The paste writes: it goes to a copy, so the shared synthetic folder stays as generated for the other
    // measurements (before this, each bench run added 50,000 history rows to it and the reform bench's
    // backup grew from run to run).
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonedesk-bench-editors-'));
    fs.cpSync(nationalDir, work, { recursive: true });
    host = await startAppHost(work);
    try {
      const p200 = await firstPaint(browser, host, `departments grid, ${NATIONAL.departments} rows`);
      const scroll = await repeat(5, 1, async () => {
        const { page } = await openGrid(browser, host, 'departments');
        const frames = await scrollFrames(page);
        await page.context().close();
        return percentile(frames, 95);
      });
      log(`scroll frame p95: ${scroll.map((s) => s.toFixed(1)).join(', ')} ms`);
      const paste = await paste10k(browser, host);
      return {
        paste10kMs: round(paste, 1), firstPaint20kMs: round(p20.paint, 1), firstPaint200kMs: round(p200.paint, 1),
        scrollFrameP95Ms: round(median(scroll), 1), loadAll20kMs: round(p20.loaded, 1), loadAll200kMs: round(p200.loaded, 1),
      };
    } finally {
      await host.stop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
}
