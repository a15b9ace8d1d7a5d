// Excel templates: after template-row expansion, merges move below the data, SUM ranges / conditional formats /
// data validations / print area cover the data, nothing is left as a tag, and user data never becomes a formula.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { toPaperContext } from '../../electron/export/context';
import { fillXlsx } from '../../electron/export/fill-xlsx';
import { TemplateError } from '../../electron/export/issues';
import { parseStrict } from '../fixtures/docx-inspect';
import { seedPaper } from '../fixtures/seed-paper';

const TEMPLATES = join(__dirname, '..', '..', 'electron', 'export', 'templates');
const tpl = (t: string) => readFileSync(join(TEMPLATES, `${t}.xlsx`));

async function open(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const zip = new PizZip(buf);
  for (const n of Object.keys(zip.files)) if (/\.(xml|rels)$/.test(n)) parseStrict(zip.file(n)!.asText(), n);
  const ws = wb.worksheets[0];
  const sheetXml = zip.file('xl/worksheets/sheet1.xml')!.asText();
  const strings = zip.file('xl/sharedStrings.xml')?.asText() ?? '';
  const formulas: Record<string, string> = {};
  ws.eachRow((row) =>
    row.eachCell((c) => {
      const v = c.value as ExcelJS.CellFormulaValue;
      if (v && typeof v === 'object' && 'formula' in v) formulas[c.address] = v.formula;
    }),
  );
  const dv = Object.keys((ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model);
  const cf = ((ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }).conditionalFormattings ?? []);
  return { wb, ws, sheetXml, strings, formulas, merges: ws.model.merges as string[], dv, cf };
}

describe('mapping.xlsx (机构整合对照表)', () => {
  it('expands the template row and fixes totals, merges, CF, DV and print area', async () => {
    const paper = seedPaper();
    const n = paper.mapping.length; // 21 rows: 4 … 24
    const x = await open(await fillXlsx(tpl('mapping'), toPaperContext(paper, 'mapping')));
    const last = 3 + n;
    expect(x.ws.getCell('B4').value).toBe(paper.mapping[0].sourceName);
    expect(x.ws.getCell(`B${last}`).value).toBe(paper.mapping[n - 1].sourceName);
    expect(x.ws.getCell(`A${last}`).value).toBe(n);
    expect(x.ws.getCell('E4').value).toBe(45); // numbers stay numbers
    expect(x.formulas).toMatchObject({ [`E${last + 1}`]: `SUM(E4:E${last})`, [`F${last + 1}`]: `SUM(F4:F${last})`, [`G${last + 1}`]: `SUM(G4:G${last})`, [`K${last + 1}`]: `SUM(K4:K${last})` });
    expect(x.merges).toEqual(expect.arrayContaining(['A1:O1', 'A2:O2', `A${last + 1}:D${last + 1}`, `A${last + 3}:O${last + 3}`]));
    expect(x.merges).toHaveLength(4);
    expect(x.cf.map((c) => c.ref).sort()).toEqual([`G4:G${last}`, `H4:H${last}`]);
    expect(x.cf.find((c) => c.ref.startsWith('H'))!.rules[0].formulae).toEqual(['H4="撤销"']);
    for (let r = 4; r <= last; r++) expect(x.dv).toContain(`H${r}`);
    expect(x.dv).toHaveLength(n);
    expect(x.sheetXml).toMatch(new RegExp(`<dataValidation [^>]*sqref="H4:H${last}"`));
    expect(x.ws.pageSetup.printArea).toBe(`A1:O${last + 3}`);
    expect(x.sheetXml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(x.ws.getCell('A1').value).toBe('天水市开发区管理机构优化整合机构整合对照表');
    expect(x.ws.getCell(`A${last + 3}`).value).toContain('示例数据');
    expect(x.strings + x.sheetXml).not.toMatch(/[{｛][^}]*[}｝]/);
    expect(x.wb.keywords).toMatch(/TemplateId=zonedesk\.mapping-xlsx/);
    expect(x.ws.pageSetup.printTitlesRow).toBe('1:3'); // header rows repeat on every printed page
    expect(x.ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
  });

  it('writes user data that looks like a formula as text', async () => {
    const paper = seedPaper();
    const evil = ['=1+1', '+SUM(A1:A9)', '-2+3', '@cmd', '=HYPERLINK("http://x","y")'];
    evil.forEach((e, i) => (paper.mapping[i].remarks = e));
    paper.mapping[5].sourceName = '=cmd|\' /C calc\'!A0';
    const x = await open(await fillXlsx(tpl('mapping'), toPaperContext(paper, 'mapping')));
    evil.forEach((e, i) => {
      const c = x.ws.getCell(`O${4 + i}`);
      expect(c.value).toBe(e);
      expect(c.numFmt).toBe('@');
    });
    expect(x.ws.getCell('B9').value).toBe(paper.mapping[5].sourceName);
    // only the four totals are formulas; none in the data block
    expect(Object.keys(x.formulas).sort()).toEqual(['E25', 'F25', 'G25', 'K25']);
    expect(x.sheetXml.match(/<f>/g)).toHaveLength(4);
    expect(x.ws.getCell('O10').numFmt).not.toBe('@'); // the shared template style was not mutated
  });

  it('an empty list leaves one blank row and totals over it', async () => {
    const paper = seedPaper();
    paper.mapping = [];
    const x = await open(await fillXlsx(tpl('mapping'), toPaperContext(paper, 'mapping')));
    expect(x.ws.getCell('B4').value).toBeNull();
    expect(x.formulas.E5).toBe('SUM(E4:E4)');
    expect(x.strings + x.sheetXml).not.toMatch(/\{[^}]*\}/);
  });
});

describe('staffing.xlsx and ledger.xlsx', () => {
  it('staffing: per-row formulas follow their row; totals cover all agencies', async () => {
    const paper = seedPaper();
    const n = paper.targets.length;
    const last = 3 + n;
    const x = await open(await fillXlsx(tpl('staffing'), toPaperContext(paper, 'staffing')));
    for (let r = 4; r <= last; r++) {
      expect(x.formulas[`K${r}`]).toBe(`SUM(E${r}:J${r})`);
      expect(x.formulas[`N${r}`]).toBe(`K${r}-M${r}`);
    }
    for (const c of 'EFGHIJKLMN') expect(x.formulas[`${c}${last + 1}`]).toBe(`SUM(${c}4:${c}${last})`);
    expect(x.ws.getCell('E4').value).toBe(30);
    expect(x.ws.getCell('F4').value).toBeNull(); // no 政法专项编制: blank, not 0
    expect(x.cf[0].ref).toBe(`N4:N${last}`);
    expect(x.dv.filter((a) => a.startsWith('M'))).toHaveLength(n);
    expect(x.merges).toContain(`A${last + 1}:D${last + 1}`);
  });

  it('ledger: one row per agency, counts and sums', async () => {
    const paper = seedPaper();
    const last = 3 + paper.targets.length;
    const x = await open(await fillXlsx(tpl('ledger'), toPaperContext(paper, 'ledger')));
    expect(x.ws.getCell('B4').value).toBe('天水经济技术开发区管理委员会');
    expect(x.ws.getCell('C4').value).toBe('中共天水经济技术开发区工作委员会');
    expect(x.ws.getCell('I4').value).toBe(10);
    expect(x.formulas[`I${last + 1}`]).toBe(`SUM(I4:I${last})`);
    expect(x.merges).toContain(`A${last + 1}:H${last + 1}`);
    expect(x.cf[0].ref).toBe(`I4:I${last}`);
    expect(x.cf[0].rules[0].formulae).toEqual(['AND(J4>0,I4>J4)']);
  });
});

describe('a user template with merges inside the template row, a top total and rich text', () => {
  async function userTemplate(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表1');
    ws.getCell('A1').value = { richText: [{ text: '{改革' }, { text: '名称}', font: { bold: true } }] };
    ws.getCell('D1').value = { formula: 'SUM(D3:D3)' }; // a total above the data
    ws.getRow(2).values = ['序号', '名称', '', '实有'];
    ws.getRow(3).values = ['{机构对照.序号}', '{机构对照.原机构名称}', '', '{机构对照.实有人数}', { formula: 'D3*2' } as ExcelJS.CellFormulaValue];
    ws.mergeCells('B3:C3');
    ws.getCell('D4').value = { formula: 'SUM(D3:D3)' };
    ws.getCell('D5').value = { formula: "SUM('表1'!D3:D3)+D4" };
    ws.mergeCells('A6:E6');
    ws.getCell('A6').value = '填表人：{署名}';
    ws.getCell('D3').dataValidation = { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] };
    ws.addConditionalFormatting({ ref: 'D3', rules: [{ type: 'expression', priority: 1, formulae: ['D3>D$1'], style: {} }] });
    ws.addConditionalFormatting({ ref: 'D4', rules: [{ type: 'expression', priority: 2, formulae: ['D4>100'], style: {} }] });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('copies merges per row and moves or stretches everything else', async () => {
    const paper = seedPaper();
    paper.mapping = paper.mapping.slice(0, 5);
    const x = await open(await fillXlsx(await userTemplate(), toPaperContext(paper, 'mapping')));
    expect(x.ws.getCell('A1').value).toBe('天水市开发区管理机构优化整合');
    expect(x.formulas.D1).toBe('SUM(D3:D7)');
    for (let r = 3; r <= 7; r++) {
      expect(x.merges).toContain(`B${r}:C${r}`);
      expect(x.formulas[`E${r}`]).toBe(`D${r}*2`);
    }
    expect(x.formulas.D8).toBe('SUM(D3:D7)');
    expect(x.formulas.D9).toBe("SUM('表1'!D3:D7)+D8");
    expect(x.merges).toContain('A10:E10');
    expect(x.ws.getCell('A10').value).toBe('填表人：中共天水市委机构编制委员会');
    expect(x.dv.sort()).toEqual(['D3', 'D4', 'D5', 'D6', 'D7']);
    expect(x.cf.map((c) => c.ref)).toEqual(['D3:D7', 'D8']);
    expect(x.cf[1].rules[0].formulae).toEqual(['D8>100']);
  });

  it('a malformed tag is refused with sheet!cell', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表1').getCell('C2').value = '{改革名称';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(fillXlsx(bad, toPaperContext(seedPaper(), 'mapping'))).rejects.toThrow(TemplateError);
    await expect(fillXlsx(bad, toPaperContext(seedPaper(), 'mapping'))).rejects.toThrow(/表1!C2/);
  });
});
