// Template linter: Chinese messages with the place, unknown fields per paper type, unbalanced sections,
// full-width braces, and Excel features exceljs would lose.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../electron/export/lint';

const TEMPLATES = join(__dirname, '..', '..', 'electron', 'export', 'templates');
const editDocx = (file: string, fn: (xml: string) => string) => {
  const zip = new PizZip(readFileSync(join(TEMPLATES, file)));
  zip.file('word/document.xml', fn(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer' }) as Buffer;
};
const paragraphOf = (buf: Buffer, needle: string) => {
  const xml = new PizZip(buf).file('word/document.xml')!.asText();
  return xml.split(/<w:p[ >]/).slice(1).findIndex((p) => p.includes(needle)) + 1;
};

describe('lintTemplate (Word)', () => {
  it('names a malformed tag and its paragraph', async () => {
    const buf = editDocx('request.docx', (x) => x.replace('{主送机关}：', '{主送机关：'));
    const r = await lintTemplate(buf, 'docx', 'request');
    expect(r.ok).toBe(false);
    const n = paragraphOf(buf, '{主送机关：');
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'malformed_tag', place: `正文第${n}段`, severity: 'error' }));
    expect(r.issues[0].message).toMatch(/没有对应的“}”/);
  });

  it('reports unknown fields for the paper type, with scope (list items, objects)', async () => {
    const buf = editDocx('request.docx', (x) => x.replace('{主送机关}：', '{收文机关}{机构对照.序号}：').replace('{编号}{小标题}', '{编号}{小标题}{原机构名称}'));
    const r = await lintTemplate(buf, 'docx', 'request');
    const unknown = r.issues.filter((i) => i.code === 'unknown_field').map((i) => i.message);
    expect(unknown).toEqual(expect.arrayContaining(['“请示”没有字段“收文机关”', '“请示”没有字段“机构对照.序号”', '“请示”没有字段“原机构名称”']));
    // the same fields are fine in the template they belong to
    expect((await lintTemplate(readFileSync(join(TEMPLATES, 'mapping.docx')), 'docx', 'mapping')).ok).toBe(true);
    // without a paper type only syntax is checked
    expect((await lintTemplate(buf, 'docx')).ok).toBe(true);
  });

  it('reports unbalanced sections', async () => {
    const buf = editDocx('notice.docx', (x) => x.replace('{/正文}', '{/正 文}'));
    const r = await lintTemplate(buf, 'docx', 'notice');
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('unbalanced_section');
    const missing = editDocx('notice.docx', (x) => x.replace('{/有附件}', ''));
    const r2 = await lintTemplate(missing, 'docx', 'notice');
    expect(r2.issues).toContainEqual(expect.objectContaining({ code: 'unbalanced_section', message: '区块“{#有附件}”没有结束标记“{/有附件}”' }));
  });

  it('normalises full-width braces with a warning, refuses expressions', async () => {
    const fw = editDocx('notice.docx', (x) => x.replace('{主送机关}', '｛主送机关｝'));
    const r = await lintTemplate(fw, 'docx', 'notice');
    expect(r.ok).toBe(true);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'normalized' }));
    const expr = editDocx('notice.docx', (x) => x.replace('{主送机关}', '{主送机关 || "x"}'));
    expect((await lintTemplate(expr, 'docx', 'notice')).issues[0].message).toMatch(/只能是字段名|未知的格式|缺少格式名/);
  });

  it('refuses a file that is not a Word document', async () => {
    const r = await lintTemplate(Buffer.from('not a zip'), 'docx');
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'not_a_template', place: '文件' }] });
  });
});

describe('lintTemplate (Excel)', () => {
  it('names sheet!cell for malformed tags, unknown fields and section tags', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('对照表');
    ws.getCell('A1').value = '{标题';
    ws.getCell('B4').value = '{机构对照.不存在}';
    ws.getCell('C4').value = '{#机构对照}';
    ws.getCell('D4').value = '{机构对照.序号}';
    ws.getCell('E4').value = '{编制统计.序号}';
    const r = await lintTemplate(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx', 'mapping');
    const at = (place: string) => r.issues.filter((i) => i.place === place).map((i) => i.message).join(' ');
    expect(at('对照表!A1')).toMatch(/没有对应的“}”/);
    expect(at('对照表!B4')).toBe('“机构整合对照表”没有字段“机构对照.不存在”');
    expect(at('对照表!C4')).toMatch(/不支持区块标记/);
    expect(at('对照表!E4')).toMatch(/没有字段“编制统计.序号”/);
  });

  it('names the features exceljs would drop', async () => {
    const zip = new PizZip(readFileSync(join(TEMPLATES, 'mapping.xlsx')));
    zip.file('xl/charts/chart1.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    zip.file('xl/pivotTables/pivotTable1.xml', '<pivotTableDefinition/>');
    zip.file('xl/slicers/slicer1.xml', '<slicers/>');
    const sheet = zip.file('xl/worksheets/sheet1.xml')!.asText();
    zip.file(
      'xl/worksheets/sheet1.xml',
      sheet.replace(
        '</worksheet>',
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0"/></ext></extLst></worksheet>',
      ),
    );
    const r = await lintTemplate(zip.generate({ type: 'nodebuffer' }) as Buffer, 'xlsx', 'mapping');
    expect(r.ok).toBe(false);
    const msgs = r.issues.filter((i) => i.code === 'unsupported_feature').map((i) => i.message).join('\n');
    for (const what of ['图表', '数据透视表', '切片器', '扩展数据验证']) expect(msgs).toContain(what);
  });

  it('reads the template identity from the core keywords', async () => {
    const r = await lintTemplate(readFileSync(join(TEMPLATES, 'staffing.xlsx')), 'xlsx', 'staffing');
    expect(r).toMatchObject({ ok: true, identity: { templateId: 'zonedesk.staffing', version: 1 } });
    expect(r.tags).toContain('{编制统计.行政编制}');
  });
});
