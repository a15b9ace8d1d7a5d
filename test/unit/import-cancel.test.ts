// When the user clicks 取消 during an import job, through the contract's handlers on a real register:
// a cancel that lands while a job reads the browser's upload stops it (the read gives the host turns of
// the event loop to answer the request), and a cancel that arrives after the job ended says so instead
// of pretending to have stopped it.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/store';
import { importHandlers } from '../../electron/main/handlers-import';
import type { HandlerContext } from '../../electron/main/context';
import { ledgerCsv } from '../fixtures/import-ledger';
import { openStore, registerHash, tempDir } from '../fixtures/import-db';

let dir: string;
let store: Store;
let ctx: HandlerContext;
beforeEach(() => {
  dir = tempDir();
  store = openStore(dir);
  ctx = { store, dataDir: dir, appVersion: 'test', startupWarnings: [], emit: () => {} };
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A CSV of n new agencies as the browser sends it (base64). */
function upload(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => [i + 1, `测试第${i + 1}号产业园管理委员会`, null, '秦州区', '开发区管理机构', '行政机关', '正科级', 3, null, null]);
  return Buffer.from(ledgerCsv(rows), 'utf8').toString('base64');
}

describe('import.cancel', () => {
  it('stops a preview reading an upload when the cancel arrives mid-read, as a separate request would', async () => {
    const content = upload(60_000);
    let progressEvents = 0;
    let answer: { cancelled: boolean } | undefined;
    ctx.emit = (event) => {
      if (event !== 'job.progress' || ++progressEvents !== 1) return;
      // The cancel comes in on the next turn of the event loop, like an HTTP request would.
      setImmediate(() => { answer = importHandlers['import.cancel']({ jobId: 'mid' }); });
    };
    // The preview: it has no backup to wait for, so only the read's own turns let the cancel in.
    const outcome = await importHandlers['import.preview']({ content, fileName: '大文件.csv', table: 'agencies', jobId: 'mid' }, ctx)
      .then(() => 'finished', (e: { code?: string }) => e.code);
    expect(answer).toEqual({ cancelled: true });
    expect(outcome).toBe('cancelled');
  });

  it('answers cancelled: false when the job had already ended, and the import stands', async () => {
    const before = (store.db.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n;
    const out = await importHandlers['import.commit']({ content: upload(50), fileName: '小文件.csv', table: 'agencies', jobId: 'done', errorReport: 'none' }, ctx);
    expect(out.committed).toBe(true);
    expect(importHandlers['import.cancel']({ jobId: 'done' })).toEqual({ cancelled: false });
    expect((store.db.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n).toBe(before + 50);
  });

  it('stops a job whose cancel overtook its request, once it starts', async () => {
    const hash = registerHash(store);
    expect(importHandlers['import.cancel']({ jobId: 'early' })).toEqual({ cancelled: true });
    const outcome = await importHandlers['import.commit']({ content: upload(50), fileName: '小文件.csv', table: 'agencies', jobId: 'early', errorReport: 'none' }, ctx)
      .then(() => 'finished', (e: { code?: string }) => e.code);
    expect(outcome).toBe('cancelled');
    expect(registerHash(store)).toBe(hash);
  });
});
