// npm run bench [-- --only PREFIX[,PREFIX]]: runs the measurements and prints ONE JSON object of figures
// as the last thing on standard output (progress goes to standard error). Not part of npm test.
import os from 'node:os';
import path from 'node:path';
import { generateNationalData, NATIONAL } from './synthetic';
import { benchEdit } from './edit-bench';
import { benchEditors } from './editors-bench';
import { benchImport } from './import-bench';
import { benchReform } from './reform-bench';
import { benchCrash } from './crash-bench';
import { benchExport } from './export-bench';
import { benchSearch } from './search-bench';
import { log } from './stats';

type Measurement = { keys: string[]; run: (ctx: { nationalDir: string }) => Promise<Record<string, number>> };

/** Each measurement names the keys it reports, so --only can select by key prefix. */
const MEASUREMENTS: Measurement[] = [
  { keys: ['crashTrials', 'crashLostEdits', 'crashIntegrityFailures'], run: () => benchCrash() },
  { keys: ['rulesNationalMs', 'rulesRecheckMs', 'reformApply1000Ms', 'reformRevert1000Ms', 'reformBackupBytes'], run: ({ nationalDir }) => benchReform(nationalDir) },
  { keys: ['import100kMs', 'import100kPeakMb', 'import100kFloorMs', 'import100kLibreOfficeMs', 'import100kVsFloor', 'import100kVsLibreOffice'], run: () => benchImport() },
  { keys: ['paste10kMs', 'firstPaint20kMs', 'firstPaint200kMs', 'scrollFrameP95Ms', 'loadAll20kMs', 'loadAll200kMs'], run: async () => ({ ...(await benchEditors()) }) },
  { keys: ['editRoundTripP50Ms', 'editRoundTripP99Ms', 'rawUpdateP99Ms'], run: ({ nationalDir }) => benchEdit(nationalDir) },
  { keys: ['sanding100Ms', 'sanding100RawMs', 'mapping10kMs'], run: () => benchExport() },
  { keys: ['searchNationalMs'], run: ({ nationalDir }) => benchSearch(nationalDir) },
];

async function main() {
  const onlyArg = process.argv.indexOf('--only');
  const prefixes = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',').filter(Boolean) : [];
  const selected = MEASUREMENTS.filter((m) => prefixes.length === 0 || m.keys.some((k) => prefixes.some((p) => k.startsWith(p))));
  const nationalDir = process.env.ZONEDESK_BENCH_DIR ?? path.join(os.tmpdir(), 'zonedesk-bench-national');
  log(`national-scale synthetic data in ${nationalDir} (${NATIONAL.zones} zones, ${NATIONAL.agencies} agencies, ${NATIONAL.departments} departments)`);
  const t0 = Date.now();
  generateNationalData(nationalDir);
  log(`data ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const figures: Record<string, number> = {};
  for (const m of selected) {
    log(`running ${m.keys.join(', ')}`);
    Object.assign(figures, await m.run({ nationalDir }));
  }
  process.stdout.write(`\n${JSON.stringify(figures, null, 2)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
