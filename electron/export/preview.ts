// Preview of one paper. The page's Content-Security-Policy allows images from data: URLs but no frames or
// objects from blob:/data:, so a PDF cannot be shown in an <iframe>. Instead LibreOffice converts the paper
// to PDF here and poppler's pdftoppm renders the first pages to PNG, shown as data: images (the same pixels
// a printout gives, fonts mapped by fonts.conf). Without LibreOffice or poppler the preview is the paper's
// text, which needs nothing installed. The PDF itself comes back too, for download.
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import type { ExportPreview, ExportTypeKey } from '../../shared/contract/export';
import { AppError } from '../../shared/errors';
import { paragraphsOf } from './docx-text';
import { cellText } from './fill-xlsx';
import { convertWithLibreOffice, findSoffice } from './libreoffice';
import { planDocs, renderDoc, templateFor, type ExportEnv } from './service';

const MAX_PAGES = 3;

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((ok, fail) => execFile(cmd, args, { timeout: 60_000, maxBuffer: 4 << 20 }, (e, out) => (e ? fail(e) : ok(String(out)))));
}

/** pdftoppm / pdfinfo next to each other (poppler-utils), or null. */
function findPoppler(): { pdftoppm: string; pdfinfo: string } | null {
  for (const dir of ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin', 'C:\\Program Files\\poppler\\Library\\bin']) {
    const ext = dir.includes('\\') ? '.exe' : '';
    const pdftoppm = join(dir, `pdftoppm${ext}`);
    if (existsSync(pdftoppm)) return { pdftoppm, pdfinfo: join(dir, `pdfinfo${ext}`) };
  }
  return null;
}

function display(v: ExcelJS.CellValue): string {
  const t = cellText(v);
  if (t !== null) return t;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
  return v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' ? '' : String(v);
}

/** Paragraph texts of a .docx, or the rows of every sheet of an .xlsx (cells joined by tabs). */
export async function paperText(buf: Buffer, kind: 'docx' | 'xlsx', maxRows = 300): Promise<string> {
  if (kind === 'docx') {
    const zip = new PizZip(buf);
    return paragraphsOf(zip.file('word/document.xml')!.asText()).map((p) => p.text).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const lines: string[] = [];
  for (const ws of wb.worksheets) {
    lines.push(`【${ws.name}】`);
    ws.eachRow((row) => {
      if (lines.length > maxRows) return;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (c) => cells.push(c.isMerged && c.master.address !== c.address ? '' : display(c.value)));
      if (cells.some((c) => c.trim())) lines.push(cells.join('\t').replace(/\t+$/, ''));
    });
  }
  return lines.join('\n');
}

async function renderPages(file: string, dir: string): Promise<{ pdf: Buffer; pages: string[]; pageCount: number | null } | null> {
  if (!findSoffice()) return null;
  const [pdfPath] = await convertWithLibreOffice([file], { to: 'pdf', outDir: dir });
  const pdf = await fs.readFile(pdfPath);
  const poppler = findPoppler();
  if (!poppler) return { pdf, pages: [], pageCount: null };
  const info = await run(poppler.pdfinfo, [pdfPath]).catch(() => '');
  const pageCount = Number(/Pages:\s+(\d+)/.exec(info)?.[1]) || null;
  await run(poppler.pdftoppm, ['-png', '-scale-to', '1100', '-f', '1', '-l', String(MAX_PAGES), pdfPath, join(dir, 'page')]);
  const names = (await fs.readdir(dir)).filter((n) => /^page-\d+\.png$/.test(n)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  const pages = await Promise.all(names.map(async (n) => `data:image/png;base64,${(await fs.readFile(join(dir, n))).toString('base64')}`));
  return { pdf, pages, pageCount };
}

export async function previewExport(env: ExportEnv, input: {
  reformId?: number;
  docType: ExportTypeKey;
  templateVersion?: { templateId: string; version: number };
  agencyIndex?: number;
  format?: 'auto' | 'text';
}): Promise<ExportPreview> {
  const { docs, previewOnly } = planDocs(env, { reformId: input.reformId, types: [input.docType], mode: 'peek' });
  const agencies = docs[0]?.docType === 'sanding' ? docs.map((d) => d.fileName.replace(/职能配置、内设机构和人员编制规定\.docx$/, '')) : [];
  const doc = docs[Math.min(input.agencyIndex ?? 0, docs.length - 1)];
  if (!doc) throw new AppError('not_found', '没有可预览的公文');
  const t = await templateFor(env, doc.docType, doc.kind, input.templateVersion);
  const buf = await renderDoc(doc, t);
  const text = await paperText(buf, doc.kind);
  const notes: string[] = [];
  if (previewOnly) notes.push(`发文字号 ${doc.docNo} 仅为预览，导出时才正式登记占用`);
  let rendered: Awaited<ReturnType<typeof renderPages>> = null;
  if (input.format !== 'text') {
    const dir = await fs.mkdtemp(join(tmpdir(), 'zonedesk-preview-'));
    try {
      const file = join(dir, `preview.${doc.kind}`);
      await fs.writeFile(file, buf);
      rendered = await renderPages(file, dir).catch((e: Error) => {
        notes.push(`版式预览失败，显示文字预览：${e.message.slice(0, 200)}`);
        return null;
      });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    if (!rendered && !notes.some((n) => n.startsWith('版式预览失败'))) notes.push('未安装 LibreOffice，显示文字预览（导出的文件不受影响）');
    else if (rendered && !rendered.pages.length) notes.push('未安装 poppler（pdftoppm），仅提供 PDF 下载和文字预览');
  }
  return {
    format: rendered?.pages.length ? 'png' : 'text',
    pages: rendered?.pages ?? [],
    pageCount: rendered?.pageCount ?? null,
    pdfBase64: rendered ? rendered.pdf.toString('base64') : null,
    text,
    fileName: doc.fileName,
    docNo: doc.docNo,
    templateId: t.templateId,
    templateVersion: t.version,
    agencies,
    note: notes.length ? notes.join('；') : null,
  };
}
