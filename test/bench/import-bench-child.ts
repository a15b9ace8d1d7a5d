// Child process of the import benchmark, so that peak memory (maxRSS) belongs to one measured job.
//   zonedesk <file.xlsx> <dataDir>  — ZoneDesk's import: read, check, commit through the write path
//   floor <file.xlsx> <dataDir>     — raw exceljs streaming read + raw better-sqlite3 inserts, one transaction
import ExcelJS from 'exceljs';
import { Store } from '../../db/store';
import { commitImport, fileSource } from '../../electron/import';

async function zonedesk(file: string, dataDir: string): Promise<Record<string, unknown>> {
  const store = Store.open(dataDir, { create: true });
  const t0 = performance.now();
  const out = await commitImport(store, { table: 'agencies', source: fileSource(file) });
  const ms = performance.now() - t0;
  store.close();
  return { ms, counts: out.plan.counts };
}

async function floor(file: string, dataDir: string): Promise<Record<string, unknown>> {
  const store = Store.open(dataDir, { create: true });
  const t0 = performance.now();
  const rows: unknown[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const ws of reader) for await (const row of ws) if (row.number > 1) rows.push((row.values as unknown[]).slice(1));
  const insert = store.db.prepare(`INSERT INTO agencies (full_name, uscc, host_region_code, agency_kind, nature, rank, internal_dept_cap, funding_form, note)
    VALUES (?, ?, ?, 'zone_mgmt', 'admin_organ', 'section_full', ?, NULL, ?)`);
  store.db.transaction(() => { for (const r of rows) insert.run(r[0], r[1], '620502', r[6], r[8] ?? null); })();
  const ms = performance.now() - t0;
  store.close();
  return { ms, rows: rows.length };
}

(async () => {
  const [mode, file, dataDir] = process.argv.slice(2);
  const result = mode === 'floor' ? await floor(file, dataDir) : await zonedesk(file, dataDir);
  process.stdout.write(`${JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
})().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
