// Export benchmark (not a timed test; wire it into `npm run bench`):
//   sanding100Ms     100 三定规定 through the engine (context + safe parser + normalisation + write)
//   sanding100RawMs  the same 100 documents with bare docxtemplater + pizzip (default parser) + write
//   mapping10kMs     one 10,000-row 机构整合对照表 .xlsx (context + template-row filler + write)
// Each figure is the median of several runs after a warm-up. Run alone: npx tsx test/bench/export-bench.ts
import Docxtemplater from 'docxtemplater';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { toPaperContext } from '../../electron/export/context';
import { fillDocx } from '../../electron/export/fill-docx';
import { fillXlsx } from '../../electron/export/fill-xlsx';
import type { PaperData } from '../../shared/papers';
import { seedPaper } from '../fixtures/seed-paper';

const TEMPLATES = join(__dirname, '..', '..', 'electron', 'export', 'templates');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function timed(runs: number, fn: () => Promise<void> | void): Promise<number> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return Math.round(median(out));
}

function bigPaper(rows: number): PaperData {
  const p = seedPaper();
  const seed = p.mapping;
  p.mapping = Array.from({ length: rows }, (_, i) => ({ ...seed[i % seed.length], seq: i + 1, sourceName: `${seed[i % seed.length].sourceName}（${i + 1}）` }));
  return p;
}

export async function benchExport(opts: { runs?: number } = {}): Promise<{ sanding100Ms: number; sanding100RawMs: number; mapping10kMs: number }> {
  const runs = Math.max(5, opts.runs ?? 5);
  const dir = mkdtempSync(join(tmpdir(), 'zonedesk-bench-'));
  try {
    const paper = seedPaper();
    const template = readFileSync(join(TEMPLATES, 'sanding.docx'));
    const n = paper.targets.length;

    const sanding100Ms = await timed(runs, () => {
      for (let i = 0; i < 100; i++) {
        const ctx = toPaperContext(paper, 'sanding', { agencyIndex: i % n });
        writeFileSync(join(dir, `engine-${i}.docx`), fillDocx(template, ctx));
      }
    });

    const contexts = Array.from({ length: 100 }, (_, i) => toPaperContext(paper, 'sanding', { agencyIndex: i % n }));
    const sanding100RawMs = await timed(runs, () => {
      for (let i = 0; i < 100; i++) {
        const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true });
        doc.render(contexts[i]);
        writeFileSync(join(dir, `raw-${i}.docx`), doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer);
      }
    });

    const big = bigPaper(10_000);
    const xlsxTemplate = readFileSync(join(TEMPLATES, 'mapping.xlsx'));
    const mapping10kMs = await timed(3, async () => {
      writeFileSync(join(dir, 'mapping-10k.xlsx'), await fillXlsx(xlsxTemplate, toPaperContext(big, 'mapping')));
    });

    return { sanding100Ms, sanding100RawMs, mapping10kMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.replace(/\\/g, '/').endsWith('test/bench/export-bench.ts')) {
  benchExport().then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
