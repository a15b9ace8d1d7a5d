// Files that are not what they claim, empty, damaged, encrypted or too big: each is refused with a
// Chinese message that names the file (and the sheet, row or column where there is one), nothing written.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/store';
import { AppError } from '../../shared/errors';
import { commitImport, fileSource, previewImport, type ImportLimits } from '../../electron/import';
import { openStore, registerHash, tempDir } from '../fixtures/import-db';
import { writeLedgerXlsx } from '../fixtures/import-ledger';

let dir: string;
let store: Store;
let ledger: Buffer;
beforeAll(async () => {
  dir = tempDir();
  store = openStore(dir);
  await writeLedgerXlsx(path.join(dir, 'ok.xlsx'));
  ledger = fs.readFileSync(path.join(dir, 'ok.xlsx'));
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function refusal(name: string, bytes: Buffer | string, limits?: Partial<ImportLimits>): Promise<AppError> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const hash = registerHash(store);
  try {
    await commitImport(store, { table: 'agencies', source: fileSource(file), limits });
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toMatch(/[\u4e00-\u9fff]/);
    expect((e as AppError).details?.[0]?.file).toBe(name);
    expect(registerHash(store)).toBe(hash);
    return e as AppError;
  }
  throw new Error(`${name} was not refused`);
}

async function sheetFile(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Sheet1'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('files that are not what they claim', () => {
  it('a .xlsx that is not a ZIP, an HTML page saved as .xls, a Word document', async () => {
    expect((await refusal('假的.xlsx', '机构名称,所在县区\n某某,秦州区\n')).message).toMatch(/内容不是/);
    expect((await refusal('网页.xls', '<html><table><tr><td>机构名称</td></tr></table></html>')).message).toMatch(/网页（HTML）/);
    const zip = Buffer.from(await (async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('x');
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return buf.toString('latin1').replace(/xl\/workbook\.xml/g, 'xl/workbook.xmm');
    })(), 'latin1');
    expect((await refusal('文档.xlsx', zip)).message).toMatch(/不是Excel工作簿/);
  });

  it('truncated and corrupted workbooks', async () => {
    expect((await refusal('截断.xlsx', ledger.subarray(0, Math.floor(ledger.length * 0.7)))).message).toMatch(/损坏或不完整/);
    const flipped = Buffer.from(ledger);
    const at = flipped.indexOf('xl/worksheets/sheet1.xml') + 40; // inside the sheet's compressed data
    flipped[at] ^= 0xff;
    flipped[at + 1] ^= 0x55;
    expect((await refusal('损坏.xlsx', flipped)).message).toMatch(/损坏/);
  });

  it('encrypted workbooks (OLE compound file) and legacy .xls', async () => {
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from('EncryptedPackage', 'utf16le').copy(cfb, 1024);
    expect((await refusal('加密.xlsx', cfb)).message).toMatch(/文件已加密，请先在Excel中取消密码/);
    const xls = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    Buffer.from('Workbook', 'utf16le').copy(xls, 1024);
    expect((await refusal('旧版.xls', xls)).message).toMatch(/旧版Excel文件/);
  });

  it('empty files, empty sheets, binary junk named .csv, no header', async () => {
    expect((await refusal('空.csv', '')).message).toMatch(/空文件/);
    expect((await refusal('空白.csv', ' \r\n \r\n')).message).toMatch(/没有内容/);
    expect((await refusal('空表.xlsx', await sheetFile(() => {}))).message).toMatch(/都是空的/);
    expect((await refusal('乱码.csv', zlib.deflateSync(Buffer.alloc(50_000, 7)))).message).toMatch(/不是可识别的文本表格/);
    const noHeader = await refusal('无表头.xlsx', await sheetFile((ws) => { ws.addRow(['甲', '乙']); ws.addRow([1, 2]); }));
    expect(noHeader.message).toMatch(/找不到表头行/);
    expect(noHeader.message).toMatch(/工作表“Sheet1”/);
  });
});

describe('cells and sizes', () => {
  it('a formula without a cached result, an error value and an over-long cell are row errors', async () => {
    const file = path.join(dir, '公式.xlsx');
    fs.writeFileSync(file, await sheetFile((ws) => {
      ws.addRow(['机构名称', '所在县区', '机构类别', '机构性质', '内设机构数', '备注']);
      ws.addRow(['公式机构甲管理委员会', '秦州区', '事业单位', '事业单位', { formula: '2+3', result: 5 }, null]);
      ws.addRow(['公式机构乙管理委员会', '秦州区', '事业单位', '事业单位', { formula: 'A1*2' }, null]);
      ws.addRow(['公式机构丙管理委员会', '秦州区', '事业单位', '事业单位', { error: '#N/A' }, null]);
      ws.addRow(['公式机构丁管理委员会', '秦州区', '事业单位', '事业单位', 1, 'x'.repeat(40_000)]);
    }));
    const p = await previewImport(store, { table: 'agencies', source: fileSource(file) });
    expect(p.counts).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 3 });
    const by = Object.fromEntries(p.errors.map((e) => [e.row, e]));
    expect(by[3]).toMatchObject({ columnLetter: 'E', reason: expect.stringMatching(/没有保存计算结果/) });
    expect(by[4].reason).toMatch(/错误值#N\/A/);
    expect(by[5]).toMatchObject({ columnLetter: 'F', reason: expect.stringMatching(/超过32767个字符/) });
  });

  it('a 10 MB CSV field is a row error, and an unclosed quote names its row', async () => {
    const file = path.join(dir, '长单元格.csv');
    fs.writeFileSync(file, `机构名称,所在县区,机构类别,机构性质,备注\r\n长备注管理委员会,秦州区,事业单位,事业单位,"${'很长'.repeat(5_000_000)}"\r\n短备注管理委员会,秦州区,事业单位,事业单位,无\r\n`);
    const p = await previewImport(store, { table: 'agencies', source: fileSource(file) });
    expect(p.counts).toMatchObject({ new: 1, rejected: 1 });
    expect(p.errors[0]).toMatchObject({ row: 2, columnLetter: 'E', reason: expect.stringMatching(/超过32767个字符/) });
    const open = await refusal('引号.csv', '机构名称,所在县区,机构类别,机构性质\r\n甲管理委员会,秦州区,事业单位,事业单位\r\n"乙管理委员会,秦州区,事业单位,事业单位\r\n');
    expect(open.message).toMatch(/第3行开始的引号没有闭合/);
  });

  it('refuses a sheet over the row cap before reading its cells', async () => {
    const file = path.join(dir, '超限.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const ws = wb.addWorksheet('大表');
    ws.addRow(['机构名称', '所在县区', '机构类别', '机构性质']).commit();
    for (let i = 0; i < 3000; i++) ws.addRow([`机构${i}`, '秦州区', '事业单位', '事业单位']).commit();
    ws.commit();
    await wb.commit();
    await expect(previewImport(store, { table: 'agencies', source: fileSource(file), limits: { maxRows: 2000 } }))
      .rejects.toMatchObject({ message: expect.stringMatching(/工作表“大表”超过2000行/) });
  });

  it('picks the named sheet, or the first sheet with data', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明');
    const ws = wb.addWorksheet('数据');
    ws.addRow(['机构名称', '所在县区', '机构类别', '机构性质']);
    ws.addRow(['多表测试管理委员会', '620502', '事业单位', '事业单位']);
    const file = path.join(dir, '多表.xlsx');
    await wb.xlsx.writeFile(file);
    const p = await previewImport(store, { table: 'agencies', source: fileSource(file) });
    expect(p).toMatchObject({ sheet: '数据', counts: { new: 1 } });
    await expect(previewImport(store, { table: 'agencies', source: fileSource(file), sheet: '说明' })).rejects.toMatchObject({ message: expect.stringMatching(/工作表“说明”是空的/) });
    await expect(previewImport(store, { table: 'agencies', source: fileSource(file), sheet: '无此表' })).rejects.toMatchObject({ message: expect.stringMatching(/现有：说明、数据/) });
  });
});
