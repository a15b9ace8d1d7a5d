// Benchmark of issue 6's import: a 100,000-row agencies workbook, imported by ZoneDesk (read, check,
// commit through the write path with history), against a floor (raw exceljs streaming read plus raw
// better-sqlite3 inserts in one transaction) and LibreOffice headless converting the same file to CSV.
// Each figure is the median of 3 runs in fresh child processes on fresh databases; peak memory is the
// child's maxRSS (whole Node process, including the runtime's own ~50 MB).
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withUsccCheckChar } from '../../shared/uscc';
import { log } from './stats';

const ROWS = 100_000;
const RUNS = 3;
const COUNTIES = ['秦州区', '麦积区', '清水县', '秦安县', '甘谷县', '武山县', '张家川回族自治县'];
const CODES = ['620502', '620503', '620521', '620522', '620523', '620524', '620525'];
const RANKS = ['正科级', '副科级', '正县级', '副县级'];
const here = typeof __dirname !== 'undefined' ? __dirname : path.resolve('test/bench');

export async function writeBenchWorkbook(file: string, rows = ROWS): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('管理机构');
  ws.addRow(['机构名称', '统一社会信用代码', '所在县区', '机构类别', '机构性质', '规格', '内设机构数', '经费形式', '备注']).commit();
  for (let i = 0; i < rows; i++) {
    const c = i % COUNTIES.length;
    ws.addRow([
      `${COUNTIES[c].slice(0, 2)}第${i + 1}号产业园管理委员会`, withUsccCheckChar(`12${CODES[c]}MB${String(i).padStart(6, '0')}1`), COUNTIES[c],
      i % 5 ? '开发区管理机构' : '事业单位', i % 5 ? '行政机关' : '事业单位', RANKS[i % RANKS.length], i % 9, i % 5 ? null : '全额拨款',
      i % 3 ? null : `批准文号：天编委发〔2023〕${i}号`,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function child(mode: 'zonedesk' | 'floor', file: string, dir: string): { ms: number; maxRssMb: number; counts?: Record<string, number>; rows?: number } {
  const dataDir = fs.mkdtempSync(path.join(dir, `${mode}-`));
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'import-bench-child.ts'), mode, file, dataDir], {
    cwd: path.resolve(here, '../..'), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024,
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function libreOffice(file: string, dir: string): number | null {
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
  if (!soffice) return null;
  // Its own profile, so that a running LibreOffice or a first-start dialog cannot interfere.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-lo-profile-'));
  const outDir = fs.mkdtempSync(path.join(dir, 'lo-'));
  const args = [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv', '--outdir', outDir, file];
  try {
    const t0 = performance.now();
    const r = spawnSync(soffice, args, { encoding: 'utf8', timeout: 600_000 });
    const ms = performance.now() - t0;
    const produced = path.join(outDir, `${path.basename(file, '.xlsx')}.csv`);
    return r.status === 0 && fs.existsSync(produced) ? ms : null;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

export async function benchImport(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-import-bench-'));
  try {
    const file = path.join(dir, 'agencies-100k.xlsx');
    await writeBenchWorkbook(file);
    const zd: Array<ReturnType<typeof child>> = [];
    const fl: number[] = [];
    const lo: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = child('zonedesk', file, dir);
      if (r.counts?.new !== ROWS) throw new Error(`import accepted ${JSON.stringify(r.counts)}, expected ${ROWS} new rows`);
      zd.push(r);
      fl.push(child('floor', file, dir).ms);
      const l = libreOffice(file, dir); // includes LibreOffice's start-up with a fresh profile, as a user would see it
      if (l !== null) lo.push(l);
      // Each run's figures, for judging the spread on a shared machine (the medians are reported below).
      log(`import run ${i + 1}: ZoneDesk ${Math.round(r.ms)} ms (${Math.round(r.maxRssMb)} MB), floor ${Math.round(fl[i])} ms, LibreOffice ${l === null ? '–' : Math.round(l)} ms`);
    }
    const ms = median(zd.map((r) => r.ms));
    const floorMs = median(fl);
    const loMs = lo.length ? median(lo) : Number.NaN;
    return {
      import100kMs: Math.round(ms),
      import100kPeakMb: Math.round(median(zd.map((r) => r.maxRssMb))),
      import100kFloorMs: Math.round(floorMs),
      import100kLibreOfficeMs: Math.round(loMs),
      // The targets as ratios of the medians: at most 1.5 and at most 0.8.
      import100kVsFloor: Math.round((ms / floorMs) * 100) / 100,
      import100kVsLibreOffice: Math.round((ms / loMs) * 100) / 100,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  benchImport().then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exitCode = 1; });
}
