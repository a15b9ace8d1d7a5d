// LibreOffice as the real client: filled papers converted to PDF and measured with pdftotext -bbox (22 lines per
// page, 28 characters per line, page numbers 7 mm below the 版心, odd right / even left); workbooks converted to
// CSV so the *computed* totals can be compared with the data; every default template re-saved by LibreOffice (and
// one with a tag split across runs) still fills correctly. Skipped only when soffice is absent outside CI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPaperContext } from '../../electron/export/context';
import { fillDocx } from '../../electron/export/fill-docx';
import { fillXlsx } from '../../electron/export/fill-xlsx';
import { convertWithLibreOffice, findSoffice } from '../../electron/export/libreoffice';
import { lintTemplate } from '../../electron/export/lint';
import { DEFAULT_TEMPLATES, type PaperDocType } from '../../shared/papers';
import { inspectDocx, missingInOrder } from '../fixtures/docx-inspect';
import { pdfFonts, pdfText, PT_PER_MM, readPdfLayout, visualLines, type PdfPage } from '../fixtures/pdf-measure';
import { seedPaper } from '../fixtures/seed-paper';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const available = !!findSoffice() && hasPoppler;
const skip = !available && process.env.CI !== 'true';
if (skip) console.warn('跳过 LibreOffice 测试：未找到 soffice 或 pdftotext（apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk）。CI 中这些测试必须运行。');

const TEMPLATES = join(__dirname, '..', '..', 'electron', 'export', 'templates');
const WORD = DEFAULT_TEMPLATES.filter((t) => t.kind === 'docx');
const EXCEL = DEFAULT_TEMPLATES.filter((t) => t.kind === 'xlsx');
const CSV = 'csv:Text - txt - csv (StarCalc):44,34,76';

// GB/T 9704 版心 on a portrait A4 page, in points
const BOX = { left: 28 * PT_PER_MM, right: (210 - 26) * PT_PER_MM, top: 37 * PT_PER_MM, bottom: (297 - 35) * PT_PER_MM };
const PITCH = 579 / 20;

let work: string;
const pdfs: Record<string, string> = {};
const resavedPdfs: Record<string, string> = {};
const csvs: Record<string, string> = {};
const resavedCsvs: Record<string, string> = {};
const resavedFilled: Record<string, Buffer> = {};

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

const base = (t: { file: string }) => t.file.replace(/\.\w+$/, '');

describe.skipIf(skip)('LibreOffice renders the papers as GB/T 9704 requires', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'zonedesk-lo-test-'));
    const paper = seedPaper();
    const filledWord = WORD.map((t) => {
      const p = join(work, 'filled', t.file);
      return [p, fillDocx(readFileSync(join(TEMPLATES, t.file)), toPaperContext(paper, t.docType))] as const;
    });
    const filledExcel = await Promise.all(
      EXCEL.map(async (t) => [join(work, 'filled', t.file), await fillXlsx(readFileSync(join(TEMPLATES, t.file)), toPaperContext(paper, t.docType))] as const),
    );
    mkdirSync(join(work, 'filled'), { recursive: true });
    for (const [p, b] of [...filledWord, ...filledExcel]) writeFileSync(p, b);

    // stage 1 (parallel, one profile each): PDFs, computed CSVs, LibreOffice re-saves of the templates
    const [pdfOut, csvOut, docxOut, xlsxOut] = await Promise.all([
      convertWithLibreOffice(filledWord.map(([p]) => p), { to: 'pdf', outDir: join(work, 'pdf') }),
      convertWithLibreOffice(filledExcel.map(([p]) => p), { to: CSV, outDir: join(work, 'csv') }),
      convertWithLibreOffice(WORD.map((t) => join(TEMPLATES, t.file)), { to: 'docx:MS Word 2007 XML', outDir: join(work, 'resaved') }),
      convertWithLibreOffice(EXCEL.map((t) => join(TEMPLATES, t.file)), { to: 'xlsx:Calc MS Excel 2007 XML', outDir: join(work, 'resaved') }),
    ]);
    WORD.forEach((t, i) => (pdfs[t.docType] = pdfOut[i]));
    EXCEL.forEach((t, i) => (csvs[t.docType] = csvOut[i]));

    // stage 2: fill the re-saved templates (one with a tag split across runs by hand, as Word does)
    mkdirSync(join(work, 'refilled'), { recursive: true });
    const refilledWord: string[] = [];
    for (const [i, t] of WORD.entries()) {
      let tpl: Buffer = readFileSync(docxOut[i]);
      if (t.docType === 'request') tpl = splitFirstTag(tpl, ['主送机关', '标题', '署名', '成文日期']);
      const out = fillDocx(tpl, toPaperContext(paper, t.docType));
      resavedFilled[t.docType] = out;
      refilledWord.push(join(work, 'refilled', t.file));
      writeFileSync(refilledWord[refilledWord.length - 1], out);
    }
    const refilledExcel: string[] = [];
    for (const [i, t] of EXCEL.entries()) {
      const tpl = readFileSync(xlsxOut[i]);
      const lint = await lintTemplate(tpl, 'xlsx', t.docType);
      if (!lint.ok) throw new Error(`${t.file} re-saved by LibreOffice fails lint: ${JSON.stringify(lint.issues)}`);
      const out = await fillXlsx(tpl, toPaperContext(paper, t.docType));
      resavedFilled[`${t.docType}.xlsx`] = out;
      refilledExcel.push(join(work, 'refilled', t.file));
      writeFileSync(refilledExcel[refilledExcel.length - 1], out);
    }
    const [pdf2, csv2] = await Promise.all([
      convertWithLibreOffice(refilledWord, { to: 'pdf', outDir: join(work, 'pdf2') }),
      convertWithLibreOffice(refilledExcel, { to: CSV, outDir: join(work, 'csv2') }),
    ]);
    WORD.forEach((t, i) => (resavedPdfs[t.docType] = pdf2[i]));
    EXCEL.forEach((t, i) => (resavedCsvs[t.docType] = csv2[i]));
  }, 170_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /**
   * Splits the first run that holds one of the field `names` into three runs with proofErr marks between them.
   * (LibreOffice itself already writes every tag as three runs, "{" / "主送机关" / "}", one per script type;
   * this splits the name too, as Word's spell checker does.)
   */
  function splitFirstTag(buf: Buffer, tags: string[]): Buffer {
    const zip = new PizZip(buf);
    const xml = zip.file('word/document.xml')!.asText();
    let m: RegExpExecArray | null = null;
    let tag = '';
    for (tag of tags) {
      m = new RegExp(`(<w:r>|<w:r [^>]*>)((?:(?!</w:r>).)*?)<w:t([^>]*)>([^<]*)${tag}([^<]*)</w:t></w:r>`).exec(xml);
      if (m) break;
    }
    if (!m) throw new Error(`no run with any of ${tags.join(' ')}`);
    const [all, open, rPr, tAttr, before, after] = m;
    const half = Math.floor(tag.length / 2);
    const r = (t: string) => `${open}${rPr}<w:t${tAttr.includes('preserve') ? tAttr : ' xml:space="preserve"'}>${t}</w:t></w:r>`;
    const replaced = r(before + tag.slice(0, half)) + '<w:proofErr w:type="spellStart"/>' + r(tag.slice(half)) + '<w:proofErr w:type="spellEnd"/>' + r(after);
    zip.file('word/document.xml', xml.replace(all, replaced));
    return zip.generate({ type: 'nodebuffer' }) as Buffer;
  }

  function checkGeometry(pages: PdfPage[], label: string) {
    expect(pages.length, label).toBeGreaterThan(1);
    const bodyPages = pages.slice(1, -1).length ? pages.slice(1, -1) : pages;
    let full = 0;
    let fullLines28 = 0;
    for (const page of pages) {
      expect([Math.round(page.width), Math.round(page.height)], label).toEqual([595, 842]);
      const lines = visualLines(page.lines);
      const body = lines.filter((l) => l.yMin < BOX.bottom);
      const number = lines.filter((l) => l.yMin >= BOX.bottom);
      // page number: "— N —", its box 7 mm (±1.5) below the 版心; odd pages right, even pages left (1 character in)
      expect(number, `${label} p${page.number}`).toHaveLength(1);
      expect(number[0].text.replace(/\s/g, '')).toBe(`—${page.number}—`);
      expect((number[0].yMin - BOX.bottom) / PT_PER_MM).toBeGreaterThan(5.5);
      expect((number[0].yMin - BOX.bottom) / PT_PER_MM).toBeLessThan(8.5);
      if (page.number % 2) expect(Math.abs(number[0].xMax - (BOX.right - 14)), `${label} odd p${page.number}`).toBeLessThan(3);
      else expect(Math.abs(number[0].xMin - (BOX.left + 14)), `${label} even p${page.number}`).toBeLessThan(3);
      // text stays inside the 版心 (hanging punctuation may overhang the right edge by one character)
      for (const l of body) {
        expect(l.xMin, `${label} p${page.number} ${l.text}`).toBeGreaterThan(BOX.left - 1.5);
        expect(l.xMax).toBeLessThan(BOX.right + 17);
        expect(l.yMax).toBeLessThan(BOX.bottom + 1);
      }
      // 28 characters on a full line: lines of full-width text starting at the left edge of the 版心
      for (const l of body) {
        const chars = [...l.text];
        const fullWidthOnly = /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…]+$/.test(l.text);
        if (!fullWidthOnly || Math.abs(l.xMin - BOX.left) > 1.5) continue;
        const hanging = l.xMax > BOX.right + 1 ? 1 : 0; // a comma or full stop hung beyond the margin
        expect(chars.length - hanging, `${label} p${page.number}: ${l.text}`).toBeLessThanOrEqual(28);
        if (chars.length - hanging === 28) fullLines28++;
      }
      if (!bodyPages.includes(page)) continue;
      // 22 lines per full page on a 28.95 pt pitch (pages between the first and the last)
      expect(body.length, `${label} p${page.number} lines`).toBeLessThanOrEqual(22);
      if (body.length === 22) full++;
      for (let i = 1; i < body.length; i++) {
        const d = body[i].yMin - body[i - 1].yMin;
        expect(Math.abs(d - Math.round(d / PITCH) * PITCH), `${label} p${page.number} pitch ${d}`).toBeLessThan(0.5);
      }
    }
    expect(full, `${label}: pages with exactly 22 lines`).toBeGreaterThan(0);
    expect(fullLines28, `${label}: lines with exactly 28 characters`).toBeGreaterThan(5);
  }

  for (const t of ['request', 'notice', 'plan', 'sanding'] as PaperDocType[]) {
    it(`${t}: 22 lines × 28 characters, page numbers 7 mm below the 版心, odd right / even left`, () => {
      checkGeometry(readPdfLayout(pdfs[t]), t);
      const fonts = pdfFonts(pdfs[t]);
      expect(fonts.some((f) => /CJK/.test(f.name) && f.embedded), JSON.stringify(fonts)).toBe(true);
    });
  }

  it('reply and mapping: page size, key text and page numbers', () => {
    const reply = readPdfLayout(pdfs.reply);
    expect(missingInOrder(pdfText(pdfs.reply).replace(/\s/g, ''), ['中共天水市委机构编制委员会文件', '天编委发〔2022〕3号', '此复。', '2022年3月16日印发'])).toBeNull();
    expect(reply.length).toBeGreaterThan(1);
    const map = readPdfLayout(pdfs.mapping);
    for (const p of map) {
      expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
      expect(p.lines.some((l) => l.text.includes('原机构名称')), `header row repeated on page ${p.number}`).toBe(true);
      const bottom = p.height - 26 * PT_PER_MM;
      const num = visualLines(p.lines).filter((l) => l.yMin > bottom);
      expect(num.map((l) => l.text.replace(/\s/g, ''))).toEqual([`—${p.number}—`]);
    }
    const text = pdfText(pdfs.mapping).replace(/\s/g, '');
    expect(text).toContain('合计');
  });

  function checkTotals(csvFile: string, sumCols: number[], label: string) {
    const rows = parseCsv(readFileSync(csvFile, 'utf8'));
    const header = rows.findIndex((r) => r[0] === '序号');
    const total = rows.findIndex((r) => r[0] === '合计');
    expect(header, label).toBeGreaterThan(0);
    const data = rows.slice(header + 1, total);
    expect(data.length, label).toBeGreaterThan(0);
    for (const c of sumCols) {
      const sum = data.reduce((a, r) => a + (Number(r[c]) || 0), 0);
      expect(Number(rows[total][c]), `${label} column ${c}`).toBe(sum);
    }
    return data;
  }

  it('Excel totals computed by LibreOffice equal the sums of the data', () => {
    const paper = seedPaper();
    const m = checkTotals(csvs.mapping, [4, 5, 6, 10], 'mapping');
    expect(m).toHaveLength(paper.mapping.length);
    expect(Number(parseCsv(readFileSync(csvs.mapping, 'utf8')).find((r) => r[0] === '合计')![6])).toBe(paper.mapping.reduce((a, r) => a + r.actualHeadcount, 0));
    const s = checkTotals(csvs.staffing, [4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 'staffing');
    expect(s).toHaveLength(paper.targets.length);
    expect(s[0][10]).toBe('45'); // row formula SUM(E4:J4) computed
    checkTotals(csvs.ledger, [8, 9, 10, 11], 'ledger');
  });

  for (const t of WORD) {
    it(`${t.file} re-saved by LibreOffice still fills (structure, fonts, footers, layout)`, () => {
      const f = inspectDocx(resavedFilled[t.docType]);
      const text = f.paragraphs.join('\n');
      expect(text).not.toMatch(/[{}｛｝]/);
      expect(f.runsWithoutEastAsia).toEqual([]);
      expect(f.evenAndOddHeaders).toBe(true);
      expect(Object.values(f.footers).filter((x) => x.hasPageField).length).toBeGreaterThanOrEqual(2);
      const direct = inspectDocx(fillDocx(readFileSync(join(TEMPLATES, t.file)), toPaperContext(seedPaper(), t.docType)));
      const key = direct.paragraphs.filter((p) => p.trim()).slice(0, 40);
      expect(missingInOrder(text, key)).toBeNull();
      if (t.docType === 'mapping') expect(f.tables[0].rows).toBe(seedPaper().mapping.length + 2);
      if (['request', 'notice', 'plan', 'sanding'].includes(t.docType)) checkGeometry(readPdfLayout(resavedPdfs[t.docType]), `${t.docType} (re-saved)`);
    });
  }

  for (const t of EXCEL) {
    it(`${t.file} re-saved by LibreOffice still fills: fitToPage kept, totals right`, () => {
      const zip = new PizZip(resavedFilled[`${t.docType}.xlsx`]);
      expect(zip.file('xl/worksheets/sheet1.xml')!.asText()).toMatch(/<pageSetUpPr[^>]*fitToPage="1"/);
      const cols = { mapping: [4, 5, 6, 10], staffing: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13], ledger: [8, 9, 10, 11] }[t.docType as 'mapping'];
      checkTotals(resavedCsvs[t.docType], cols, `${base(t)} (re-saved)`);
    });
  }
});
