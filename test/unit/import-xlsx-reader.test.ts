// The hand-written .xlsx sheet reader (electron/import/xlsx-sheet.ts) on real files written by exceljs
// and on hand-built workbooks for the forms exceljs does not write (cells and rows without r, phonetic
// guides, _xHHHH_ escapes, namespace prefixes, ISO dates, CDATA, 1904 dates): every cell comes out as
// the import's RawCell — string, number, boolean, Date, null or a problem — as exceljs's reader gave it.
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { bufferSource, DEFAULT_LIMITS, type RawCell, type RawRow } from '../../electron/import/source';
import { openXlsx } from '../../electron/import/xlsx-read';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

async function readRows(buf: Buffer, limits = DEFAULT_LIMITS): Promise<RawRow[]> {
  const sheet = await openXlsx(bufferSource('测试.xlsx', buf), { limits });
  const rows: RawRow[] = [];
  for await (const r of sheet.rows()) rows.push(r);
  return rows;
}

const cellsOf = (rows: RawRow[]) => rows.map((r) => r.cells);

async function excel(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('表1'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface HandBuilt {
  readonly sheetData: string;
  readonly sharedStrings?: string;
  readonly styles?: string;
  readonly workbookPr?: string;
  /** Write the sheet part with this namespace prefix on every element (as some .NET writers do). */
  readonly prefix?: string;
}

/** A minimal workbook zipped by hand: the parts a reader needs, nothing else. */
function handBuilt(p: HandBuilt): Buffer {
  const zip = new PizZip();
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`;
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${p.workbookPr ?? ''}<sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${
    rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${p.sharedStrings ? rel('rId2', 'sharedStrings', 'sharedStrings.xml') : ''}${p.styles ? rel('rId3', 'styles', 'styles.xml') : ''}</Relationships>`);
  const x = p.prefix ? `${p.prefix}:` : '';
  const data = p.prefix ? p.sheetData.replace(/<(\/?)(row|c|v|f|is|t|r)\b/g, `<$1${x}$2`) : p.sheetData;
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${x}worksheet xmlns${p.prefix ? `:${p.prefix}` : ''}="${MAIN}"><${x}dimension ref="A1"/><${x}sheetData>${data}</${x}sheetData></${x}worksheet>`);
  if (p.sharedStrings) zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${p.sharedStrings}</sst>`);
  if (p.styles) zip.file('xl/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}">${p.styles}</styleSheet>`);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

describe('files written by exceljs', () => {
  it('shared strings, rich text, entities, numbers, booleans, errors and formulas', async () => {
    const rows = await readRows(await excel((ws) => {
      ws.addRow(['甲 & <乙> "丙" \'丁\'', { richText: [{ text: '红', font: { bold: true } }, { text: '色' }] }, 12.5, -3, true, false]);
      ws.addRow([{ error: '#N/A' }, { formula: 'C1*2', result: 25 }, { formula: 'A9' }, { formula: '1-1', result: 0 }, { formula: 'A1&"x"', result: '文本' }, 1e21]);
    }));
    expect(cellsOf(rows)).toEqual([
      ['甲 & <乙> "丙" \'丁\'', '红色', 12.5, -3, true, false],
      [{ problem: '单元格是错误值#N/A' }, 25, { problem: expect.stringMatching(/没有保存计算结果/) }, 0, '文本', 1e21],
    ]);
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
  });

  it('dates by built-in and custom formats; numbers in other formats stay numbers', async () => {
    const rows = await readRows(await excel((ws) => {
      ws.addRow([utc(2022, 3, 16), utc(1999, 12, 31, 12, 30), 44636, 44636, 44636, 0.25, 44636, 0.5]);
      ws.getCell('C1').numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell('D1').numFmt = '"days" 0'; // date letters only inside quotes
      ws.getCell('E1').numFmt = '[Red]#,##0.00';
      ws.getCell('F1').numFmt = '0%';
      ws.getCell('G1').numFmt = 'YYYY/MM/DD';
      ws.getCell('H1').numFmt = '[h]:mm';
    }));
    expect(cellsOf(rows)[0]).toEqual([utc(2022, 3, 16), utc(1999, 12, 31, 12, 30), utc(2022, 3, 16), 44636, 44636, 0.25, utc(2022, 3, 16), utc(1899, 12, 30, 12)]);
  });

  it('the 1904 date system', async () => {
    const rows = await readRows(await excel((ws, wb) => {
      wb.properties.date1904 = true;
      ws.addRow([utc(2022, 3, 16), 5]);
    }));
    expect(cellsOf(rows)).toEqual([[utc(2022, 3, 16), 5]]);
  });

  it('empty cells inside a row are null; trailing empty cells and empty rows are left out', async () => {
    const rows = await readRows(await excel((ws) => {
      ws.getCell('A1').value = '左';
      ws.getCell('D1').value = '右';
      ws.getCell('F1').style = { font: { bold: true } }; // styled but empty
      ws.getCell('B3').value = 7;
    }));
    expect(rows).toEqual([{ row: 1, cells: ['左', null, null, '右'] }, { row: 3, cells: [null, 7] }]);
  });

  it('inline strings and formula strings of the streaming writer', async () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/zd-reader-${process.pid}.xlsx`;
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet('流式');
    ws.addRow(['普通文本', { richText: [{ text: '富' }, { text: '文本' }] }, '']).commit();
    ws.commit();
    await wb.commit();
    const fs = await import('node:fs');
    const rows = await readRows(fs.readFileSync(file));
    fs.rmSync(file);
    expect(cellsOf(rows)).toEqual([['普通文本', '富文本', '']]);
  });

  it('a text longer than Excel allows is a problem of that cell', async () => {
    const rows = await readRows(await excel((ws) => { ws.addRow(['短', 'x'.repeat(40)]); }), { ...DEFAULT_LIMITS, maxCellChars: 30 });
    expect(cellsOf(rows)).toEqual([['短', { problem: expect.stringMatching(/超过30个字符/) }]]);
  });
});

describe('hand-built workbooks', () => {
  it('cells and rows without r take the next column and row', async () => {
    const rows = await readRows(handBuilt({
      sheetData: '<row><c t="inlineStr"><is><t>甲</t></is></c><c><v>1</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row><c><v>2</v></c></row><row r="7"><c><v>7</v></c></row><row><c r="B9"><v>8</v></c></row>',
    }));
    expect(rows).toEqual([
      { row: 1, cells: ['甲', 1, null, null, 5, 6] },
      { row: 2, cells: [2] },
      { row: 7, cells: [7] },
      { row: 8, cells: [null, 8] }, // the row number comes from <row>, the column from the cell
    ]);
  });

  it('shared strings: rich runs, phonetic guides left out, escapes, entities, CDATA, empty items', async () => {
    const rows = await readRows(handBuilt({
      sharedStrings: [
        '<si><r><rPr><b/></rPr><t>开发</t></r><r><t xml:space="preserve"> 区 </t></r></si>',
        '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
        '<si><t>第一行_x000D__x000A_第二行_x005F_x0041_</t></si>',
        '<si><t>&#20013;&#x6587;&amp;&lt;&gt;&quot;&apos;</t></si>',
        '<si><t><![CDATA[<原样>&amp;]]></t></si>',
        '<si><t/></si>',
        '<si/>',
      ].join(''),
      sheetData: '<row r="1">' + [0, 1, 2, 3, 4, 5, 6].map((i) => `<c t="s"><v>${i}</v></c>`).join('') + '<c t="s"><v>99</v></c></row>',
    }));
    expect(rows[0].cells).toEqual([
      '开发 区 ', '漢字', '第一行\r\n第二行_x0041_', '中文&<>"\'', '<原样>&amp;', null, null,
      { problem: expect.stringMatching(/共享文本不存在/) },
    ]);
  });

  it('cell types: str, inlineStr, b, e, n, d, formulas with typed results', async () => {
    const rows = await readRows(handBuilt({
      sheetData: '<row r="1">'
        + '<c r="A1" t="str"><v>a&amp;b_x0009_c</v></c>'
        + '<c r="B1" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r><rPh><t>ふ</t></rPh></is></c>'
        + '<c r="C1" t="b"><v>0</v></c><c r="D1" t="b"><v>1</v></c>'
        + '<c r="E1" t="e"><v>#REF!</v></c>'
        + '<c r="F1" t="n"><v>1.5E3</v></c>'
        + '<c r="G1" t="d"><v>2022-03-16T08:30:00</v></c>'
        + '<c r="H1" t="b"><f>TRUE()</f><v>1</v></c>'
        + '<c r="I1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        + '<c r="J1"><f>1+1</f></c>'
        + '<c r="K1" t="str"><f>""</f><v></v></c>'
        + '<c r="L1"><v>abc</v></c>'
        + '<c r="M1"><v></v></c>'
        + '</row>',
    }));
    expect(rows[0].cells).toEqual([
      'a&b\tc', '富文本', false, true, { problem: '单元格是错误值#REF!' }, 1500, utc(2022, 3, 16, 8, 30), true,
      { problem: '公式的计算结果是错误值#DIV/0!' }, { problem: expect.stringMatching(/没有保存计算结果/) }, '', { problem: '单元格数值无效' },
    ]);
  });

  it('dates by built-in format ids (including the East Asian ones) and custom formats, 1904 system', async () => {
    const ids = [0, 14, 22, 31, 45, 57, 58, 10, 164, 165];
    const styles = '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="165" formatCode="0.0&quot;天&quot;"/></numFmts>'
      + `<cellXfs count="${ids.length}">${ids.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('')}</cellXfs>`;
    const sheetData = `<row r="1">${ids.map((_, s) => `<c s="${s}"><v>44636</v></c>`).join('')}</row>`;
    const day = utc(2022, 3, 16);
    expect((await readRows(handBuilt({ styles, sheetData })))[0].cells).toEqual([44636, day, day, day, day, day, day, 44636, day, 44636]);
    const in1904 = await readRows(handBuilt({ styles, sheetData, workbookPr: '<workbookPr date1904="1"/>' }));
    expect(in1904[0].cells[1]).toEqual(utc(2026, 3, 17)); // 1,462 days later
  });

  it('namespace-prefixed elements, as some writers produce', async () => {
    const rows = await readRows(handBuilt({
      prefix: 'x',
      sharedStrings: '<si><t>共享</t></si>',
      sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>内联</t></is></c></row><row r="2"><c r="A2"><v>3</v></c></row>',
    }));
    expect(rows).toEqual([{ row: 1, cells: ['共享', '内联'] }, { row: 2, cells: [3] }]);
  });

  it('values split across the chunks of a large part, multi-byte characters included', async () => {
    // Long CJK texts in both shared and inline strings: chunk borders fall inside characters and tags.
    const text = (i: number) => `第${i}行：${'开发区管理委员会&'.repeat(20 + (i % 7))}`;
    const esc = (s: string) => s.replace(/&/g, '&amp;');
    const n = 3000;
    const sharedStrings = Array.from({ length: n }, (_, i) => `<si><t>${esc(text(i))}</t></si>`).join('');
    const sheetData = Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>${esc(text(n - i))}</t></is></c><c r="C${i + 1}"><v>${i}</v></c></row>`).join('');
    const rows = await readRows(handBuilt({ sharedStrings, sheetData }));
    expect(rows).toHaveLength(n);
    rows.forEach((r, i) => expect(r).toEqual({ row: i + 1, cells: [text(i), text(n - i), i] }));
  });

  it('refuses damaged sheet XML with the sheet and row, as a file error', async () => {
    const unclosed = handBuilt({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v>' });
    await expect(readRows(unclosed)).rejects.toSatisfy((e: unknown) => e instanceof AppError && /工作表“表1”的内容无法解析/.test(e.message) && /第2行/.test(e.message));
    const damaged = [
      '<row r="1"><c r="ZZZZ1"><v>1</v></c></row>', // past column XFD
      '<row r="1"><c r="A1" t="x"><v>1</v></c></row>', // no such cell type
      '<row r="1"><c r="A1"><v>1</v></row>', // </c> missing
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v> x</c></row>', // text beside the value
      '<row r="1"><c r="A1" t="s"><v>&bad;</v></c></row>', // unknown entity
      '<row r="1"><row r="2"></row></row>', // a row inside a row
      '<row r="1"><c r="A1"><v>1</v></c></row><c r="A2"><v>1</v></c>', // a cell outside any row
    ];
    for (const sheetData of damaged) {
      await expect(readRows(handBuilt({ sheetData, sharedStrings: '<si><t>x</t></si>' })), sheetData).rejects.toSatisfy((e: unknown) => e instanceof AppError && /无法解析/.test(e.message));
    }
  });
});

describe('cell values are what the importer expects', () => {
  it('every RawCell kind appears', async () => {
    const rows = await readRows(await excel((ws) => { ws.addRow(['文', 1, true, utc(2022, 1, 1), null, { error: '#NAME?' }]); }));
    const kinds = (rows[0].cells as RawCell[]).map((c) => (c === null ? 'null' : c instanceof Date ? 'date' : typeof c));
    expect(kinds).toEqual(['string', 'number', 'boolean', 'date', 'null', 'object']);
  });
});
