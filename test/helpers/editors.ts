// Helpers for the editors' end-to-end tests: open a view, find cells of a grid, drive the clipboard the way
// Excel/WPS do (a paste event carrying text/plain and text/html), capture what a copy put on the clipboard.
import type { Locator, Page } from 'playwright-core';
import { expectText } from './app-host';

/** The grid of the main view (not the detail panel's grids). */
export const mainGrid = (page: Page, table: string): Locator => page.locator(`.zd-grid[data-table="${table}"]:not([data-compact])`);

export async function openView(page: Page, view: string): Promise<Locator> {
  await page.locator(`[data-nav="${view}"]`).click();
  const grid = mainGrid(page, view);
  await grid.locator('.ag-row').first().waitFor();
  return grid;
}

const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The cell of the row whose name cell reads `rowName`, in the main grid of `table`. */
export function gridCell(page: Page, table: string, rowName: string, colId: string, nameCol: string): Locator {
  return mainGrid(page, table).locator('.ag-row')
    .filter({ has: page.locator(`[col-id="${nameCol}"]`, { hasText: exact(rowName) }) })
    .locator(`[col-id="${colId}"]`).first();
}

/** The cell at a displayed row index (0-based) of the main grid. */
export function cellAt(page: Page, table: string, rowIndex: number, colId: string): Locator {
  return mainGrid(page, table).locator(`.ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) [col-id="${colId}"]`).first();
}

/** Dispatches a paste event at the focused element, as the browser does for Ctrl+V. */
export async function pasteData(page: Page, data: { text?: string; html?: string }): Promise<void> {
  await page.evaluate(({ text, html }) => {
    const dt = new DataTransfer();
    if (text !== undefined) dt.setData('text/plain', text);
    if (html !== undefined) dt.setData('text/html', html);
    const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
    (document.activeElement ?? document.body).dispatchEvent(ev);
  }, data);
}

/** Presses Ctrl+C and returns what the page put on the clipboard for that copy (both flavours). */
export async function copySelection(page: Page): Promise<{ text: string; html: string }> {
  await page.evaluate(() => {
    const w = window as unknown as { __copied?: { text: string; html: string } | null; __copyHooked?: boolean };
    w.__copied = null;
    if (!w.__copyHooked) {
      w.__copyHooked = true;
      window.addEventListener('copy', (e) => {
        w.__copied = { text: e.clipboardData?.getData('text/plain') ?? '', html: e.clipboardData?.getData('text/html') ?? '' };
      });
    }
  });
  await page.keyboard.press('Control+c');
  const handle = await page.waitForFunction(() => (window as unknown as { __copied?: unknown }).__copied);
  return (await handle.jsonValue()) as { text: string; html: string };
}

export async function selectedCount(page: Page, table: string): Promise<number> {
  return mainGrid(page, table).locator('.ag-cell.zd-sel').count();
}

/** Drags the mouse from one cell to another (range selection). */
export async function dragCells(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

export async function expectReport(page: Page, expected: RegExp): Promise<void> {
  await expectText(page.getByTestId('op-report-text').first(), expected);
}

export const undo = (page: Page) => page.keyboard.press('Control+z');
export const redo = (page: Page) => page.keyboard.press('Control+y');

/** How many edit groups the history holds: an operation that is one undo step adds exactly one. */
export async function historyCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const token = new URLSearchParams(location.search).get('token');
    const res = await fetch('/api/history.list', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"limit":1000}' });
    const body = await res.json() as { data: Array<{ kind: string }> };
    return body.data.filter((g) => g.kind === 'edit').length;
  });
}

/** Scrolls the main grid sideways until a column is rendered (AG Grid renders only visible columns). */
export async function scrollToColumn(page: Page, table: string, colId: string): Promise<void> {
  const grid = mainGrid(page, table);
  const viewport = grid.locator('.ag-body-horizontal-scroll-viewport');
  for (let x = 0; x <= 8000; x += 300) {
    if (await grid.locator(`.ag-header-cell[col-id="${colId}"]`).count()) break;
    await viewport.evaluate((el, left) => { el.scrollLeft = left; }, x);
    await page.waitForTimeout(30);
  }
  await grid.locator(`.ag-header-cell[col-id="${colId}"]`).scrollIntoViewIfNeeded();
}

/** Scrolls the main grid down until a (virtualised) row's cell is rendered. */
export async function scrollToCell(page: Page, table: string, cell: Locator): Promise<void> {
  const viewport = mainGrid(page, table).locator('.ag-grid-viewport').first();
  for (let y = 0; y <= 20000; y += 250) {
    if (await cell.count()) break;
    await viewport.evaluate((el, top) => { el.scrollTop = top; }, y);
    await page.waitForTimeout(30);
  }
  await cell.scrollIntoViewIfNeeded();
}
