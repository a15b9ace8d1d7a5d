// The per-file setup of end-to-end tests (kept apart from app-host.ts, which the benchmarks import
// outside vitest).
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startAppHost, type AppHost } from './app-host';

/**
 * One host on a fresh data folder and one Chromium for a test file: started before its tests, stopped
 * after. Read `app.host` and `app.browser` inside tests (they are set once beforeAll has run).
 */
export function useAppInBrowser(): { host: AppHost; readonly browser: Browser } {
  const app = {} as { host: AppHost; browser: Browser };
  beforeAll(async () => {
    app.host = await startAppHost();
    app.browser = await launchBrowser();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.host?.stop();
  });
  return app;
}
