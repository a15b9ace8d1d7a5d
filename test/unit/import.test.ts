// Import from Excel and CSV against a real SQLite register: a messy agency ledger as .xlsx and as GBK
// CSV, one undoable history group, all-or-nothing, re-import unchanged, the error report, child tables,
// dates in every form, the CLI's JSON and the contract handlers.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../db/store';
import { commitImport, fileSource, previewImport } from '../../electron/import';
import { importCommand } from '../../electron/cli/import-command';
import { importHandlers } from '../../electron/main/handlers-import';
import type { HandlerContext } from '../../electron/main/context';
import { IMPORT_CALLS } from '../../shared/contract/import';
import { historyCount, openStore, registerHash, tempDir } from '../fixtures/import-db';
import { ledgerRows, writeLedgerCsv, writeLedgerXlsx } from '../fixtures/import-ledger';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = tempDir();
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const agencyCount = () => (store.db.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n;
const agency = (name: string) => store.db.prepare('SELECT * FROM agencies WHERE full_name = ?').get(name) as Record<string, unknown> | undefined;

describe('agency ledger', () => {
  it('finds the header under the banner, guesses the mapping and classifies every row (.xlsx)', async () => {
    const file = path.join(dir, '台账.xlsx');
    await writeLedgerXlsx(file);
    const p = await previewImport(store, { table: 'agencies', source: fileSource(file) });
    expect(p.headerRow).toBe(3);
    expect(p.guessed).toBe(true);
    expect(p.mapping).toMatchObject({ A: '', B: 'full_name', C: 'uscc', D: 'host_region_code', E: 'agency_kind', F: 'nature', G: 'rank', H: 'internal_dept_cap' });
    expect(p.counts).toEqual({ new: 12, updated: 3, unchanged: 0, rejected: 3 });
    expect(p.skippedRows).toBe(2); // 合计 and 填表人 lines
    const byRow = Object.fromEntries(p.errors.map((e) => [e.row, e]));
    expect(byRow[19]).toMatchObject({ columnLetter: 'C', column: '统一社会信用代码' });
    expect(byRow[19].reason).toMatch(/校验位错误/);
    expect(byRow[20]).toMatchObject({ columnLetter: 'D', column: '所在县区', value: '秦川区' });
    expect(byRow[20].reason).toMatch(/无法识别的行政区划/);
    expect(byRow[21]).toMatchObject({ columnLetter: 'E', column: '机构类别' });
    expect(byRow[21].reason).toMatch(/“管理处”无法识别/);
    expect(p.rows.find((r) => r.row === 16)).toMatchObject({ status: 'update', changes: ['内设机构限额'] });
  });

  it('reads the same ledger as GBK CSV and as UTF-8 CSV with and without BOM', async () => {
    for (const enc of ['gbk', 'utf8', 'utf8bom'] as const) {
      const file = path.join(dir, `台账-${enc}.csv`);
      writeLedgerCsv(file, enc);
      const p = await previewImport(store, { table: 'agencies', source: fileSource(file) });
      expect(p.encoding).toBe(enc === 'gbk' ? 'GBK/GB18030' : 'UTF-8');
      expect(p.headerRow).toBe(3);
      expect(p.counts).toEqual({ new: 12, updated: 3, unchanged: 0, rejected: 3 });
      expect(p.errors.map((e) => e.row)).toEqual([19, 20, 21]);
    }
  });

  it('commits as one history group that undo takes back; re-import is unchanged; report keeps the columns', async () => {
    const file = path.join(dir, '台账.xlsx');
    await writeLedgerXlsx(file);
    const before = agencyCount();
    const report = path.join(dir, 'report.xlsx');
    const out = await commitImport(store, { table: 'agencies', source: fileSource(file), errorReportPath: report });
    expect(out.committed).toBe(true);
    expect(out.label).toBe('导入管理机构：新增12条，更新3条（文件 台账.xlsx）');
    const last = store.history.list(1)[0];
    expect(last).toMatchObject({ id: out.groupId, label: out.label, changeCount: 15 });
    expect(agencyCount()).toBe(before + 12);
    const wushan = agency('武山县鸳鸯工业园区管理委员会')!;
    expect(wushan).toMatchObject({ host_region_code: '620524', internal_dept_cap: 5, agency_kind: 'zone_mgmt', nature: 'admin_organ', rank: 'section_full' });
    expect(wushan.uscc).toMatch(/^12620524MB0001061/); // full-width letters and digits normalised
    expect(agency('张家川县皮革产业园管理委员会')!.host_region_code).toBe('620525');
    expect(agency('天水市陆港物流服务中心')).toMatchObject({ nature: 'civil_service_ref_su', rank: 'county_deputy', funding_form: 'full_funded' });
    expect(agency('天水经济技术开发区管理委员会')!.internal_dept_cap).toBe(12);

    // The error report: original header and cells, original row number and reasons.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '机构名称', '统一社会信用代码', '所在县区', '机构类别', '机构性质', '规格', '内设机构数', '经费形式', '备注', '原文件行号', '错误原因']);
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(3).getCell(2).value).toBe('秦川区物流园管理委员会');
    expect(ws.getRow(3).getCell(11).value).toBe(20);
    expect(String(ws.getRow(3).getCell(12).value)).toMatch(/D列“所在县区”：无法识别的行政区划“秦川区”/);

    const again = await commitImport(store, { table: 'agencies', source: fileSource(file) });
    expect(again.plan.counts).toEqual({ new: 0, updated: 0, unchanged: 15, rejected: 3 });
    expect(again.plan.remembered).toBe(true);
    expect(again.groupId).toBeNull();

    store.history.undo();
    expect(agencyCount()).toBe(before);
    expect(agency('秦州区电子信息产业园管理委员会')).toBeUndefined();
    expect(agency('天水经济技术开发区管理委员会')!.internal_dept_cap).toBe(10);
  });

  it('writes nothing with all-or-nothing when a row is rejected', async () => {
    const file = path.join(dir, '台账.xlsx');
    await writeLedgerXlsx(file);
    const hash = registerHash(store);
    const groups = historyCount(store);
    const out = await commitImport(store, { table: 'agencies', source: fileSource(file), allOrNothing: true });
    expect(out.committed).toBe(false);
    expect(out.plan.counts.rejected).toBe(3);
    expect(registerHash(store)).toBe(hash);
    expect(historyCount(store)).toBe(groups);
    // Without the bad rows the same call writes everything.
    await writeLedgerXlsx(file, ledgerRows().slice(0, 15));
    const ok = await commitImport(store, { table: 'agencies', source: fileSource(file), allOrNothing: true });
    expect(ok.committed).toBe(true);
    expect(ok.plan.counts).toEqual({ new: 12, updated: 3, unchanged: 0, rejected: 0 });
  });

  it('cancel leaves the database untouched', async () => {
    const file = path.join(dir, '台账.csv');
    const rows = Array.from({ length: 5000 }, (_, i) => [i + 1, `测试机构${i}管理委员会`, null, '秦州区', '开发区管理机构', '行政机关', '正科级', 3, null, null]);
    writeLedgerCsv(file, 'utf8', rows);
    const hash = registerHash(store);
    const controller = new AbortController();
    await expect(commitImport(store, {
      table: 'agencies', source: fileSource(file), signal: controller.signal, onProgress: () => controller.abort(),
    })).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/已取消/) });
    expect(registerHash(store)).toBe(hash);
  });

  it('rejects merged cells inside the data, naming the cell; uses the header row the caller names', async () => {
    const file = path.join(dir, '合并.xlsx');
    await writeLedgerXlsx(file, ledgerRows().slice(0, 4), { dataMerge: 'D5:D6' });
    const p = await previewImport(store, { table: 'agencies', source: fileSource(file), headerRow: 3 });
    const merged = p.errors.filter((e) => /合并单元格/.test(e.reason));
    expect(merged.map((e) => e.row)).toEqual([5, 6]);
    expect(merged[0].reason).toMatch(/D5:D6/);
    expect(p.counts.new).toBe(2);
  });
});

describe('other tables', () => {
  it('zones: dates in every common form, agencies by name, 是/否/√', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('开发区');
    ws.addRow(['开发区名称', '类型', '级别', '所在县区', '管理机构', '批准时间', '是否列入目录', '规划面积（平方公里）']);
    const dates: unknown[] = ['2022-03-16', '2022/3/16', '2022年3月16日', 20220316, new Date(Date.UTC(2022, 2, 16)), 44636, '２０２２年３月１６日', '2022.3.16'];
    dates.forEach((d, i) => ws.addRow([`测试园区${i}`, '工业园区', '省级', '秦州区', '天水经济技术开发区管委会', d, i % 2 ? '√' : '否', '１２.５']));
    ws.addRow(['坏日期园区', '工业园区', '省级', '秦州区', '不存在的管委会', '2022年13月1日', '也许', -3]);
    const file = path.join(dir, 'zones.xlsx');
    await wb.xlsx.writeFile(file);
    const out = await commitImport(store, { table: 'zones', source: fileSource(file) });
    expect(out.plan.counts).toEqual({ new: 8, updated: 0, unchanged: 0, rejected: 1 });
    const rows = store.db.prepare(`SELECT approved_on, catalogue_listed, planned_area_km2, management_agency_id, zone_level FROM zones WHERE name LIKE '测试园区%' ORDER BY name`).all();
    expect(new Set(rows.map((r) => (r as { approved_on: string }).approved_on))).toEqual(new Set(['2022-03-16']));
    expect(rows[1]).toMatchObject({ catalogue_listed: 1, planned_area_km2: 12.5, management_agency_id: 1, zone_level: 'provincial' });
    const reasons = out.plan.errors.map((e) => e.reason).join('\n');
    expect(reasons).toMatch(/找不到管理机构“不存在的管委会”/);
    expect(reasons).toMatch(/不是可识别的日期/);
    expect(reasons).toMatch(/应填“是”或“否”/);
    expect(reasons).toMatch(/不能小于0/);
  });

  it('staffing: agency by name or credit code, duplicate key in the file, required and range errors', async () => {
    const file = path.join(dir, 'staffing.csv');
    fs.writeFileSync(file, [
      '单位名称,编制类型,核定编制,实有人数',
      '天水经济技术开发区管理委员会,行政编制,20,18',
      '11620525MB0000050P,政法专项编制,"1,000",9',
      '天水经济技术开发区管理委员会,行政编制,21,18',
      '麦积山大景区管理委员会,工勤编制,,2',
      '麦积山大景区管理委员会,政法专项编制,200000,1',
    ].join('\r\n'));
    const p = await previewImport(store, { table: 'staffing', source: fileSource(file) });
    expect(p.keyFields).toEqual(['agency_id', 'staffing_type']);
    const reasons = Object.fromEntries(p.errors.map((e) => [e.row, e.reason]));
    expect(reasons[4]).toMatch(/与第2行重复/);
    expect(reasons[5]).toMatch(/“核定编制”不能为空/);
    expect(reasons[6]).toMatch(/不能大于100000/);
    expect(p.rows.find((r) => r.row === 2)?.status).toBe('update'); // the demo has administrative staffing for A01
    expect(p.rows.find((r) => r.row === 3)?.status).toBe('new'); // by credit code; "1,000" read as 1000
    expect(p.counts).toEqual({ new: 1, updated: 1, unchanged: 0, rejected: 3 });
  });
});

describe('CLI and contract', () => {
  it('zonedesk import --json prints the counts and rejected rows and exits 1', async () => {
    const file = path.join(dir, '台账.xlsx');
    await writeLedgerXlsx(file);
    const dataDir = path.join(dir, 'data');
    store.close();
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { lines.push(String(s)); return true; });
    let code: number;
    try {
      code = await importCommand(['--data-dir', dataDir, '--table', 'agencies', '--file', file, '--json', '--dry-run']);
    } finally {
      spy.mockRestore();
      store = openStore(dir, false);
    }
    expect(code).toBe(1);
    const out = JSON.parse(lines.join(''));
    expect(Object.keys(out)).toEqual(['new', 'updated', 'unchanged', 'rejected', 'rejectedRows']);
    expect(out).toMatchObject({ new: 12, updated: 3, unchanged: 0, rejected: 3 });
    expect(out.rejectedRows[0]).toEqual({ row: 19, column: '统一社会信用代码（C列）', reason: expect.stringMatching(/校验位/) });
    expect(agency('秦州区电子信息产业园管理委员会')).toBeUndefined(); // --dry-run
  });

  it('import.preview takes base64 content; import.fields lists the fields; bad input is a Chinese error', async () => {
    const ctx: HandlerContext = { store, dataDir: dir, appVersion: 'test', startupWarnings: [], emit: () => {} };
    // The contract's schema, then the handler, as dispatch does (without the other features' handlers).
    const dispatch = async (name: keyof typeof IMPORT_CALLS, input: unknown, c: HandlerContext) => {
      const parsed = IMPORT_CALLS[name].input.safeParse(input);
      if (!parsed.success) return { ok: false as const, error: { message: parsed.error.issues[0].message } };
      const handler = importHandlers[name] as (i: unknown, c: HandlerContext) => unknown;
      return { ok: true as const, data: await handler(parsed.data, c) };
    };
    writeLedgerCsv(path.join(dir, 'a.csv'), 'gbk');
    const content = fs.readFileSync(path.join(dir, 'a.csv')).toString('base64');
    const r = await dispatch('import.preview', { content, fileName: '台账.csv', table: 'agencies' }, ctx);
    expect(r.ok && (r.data as { counts: unknown }).counts).toEqual({ new: 12, updated: 3, unchanged: 0, rejected: 3 });
    const f = await dispatch('import.fields', { table: 'staffing' }, ctx);
    expect(f.ok && (f.data as Array<{ key: string }>).map((x) => x.key)).toEqual(['agency_id', 'staffing_type', 'approved', 'actual', 'verification']);
    const bad = await dispatch('import.preview', { table: 'agencies' }, ctx);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/文件路径/);
    const commit = await dispatch('import.commit', { content, fileName: '台账.csv', table: 'agencies', allOrNothing: true, errorReport: 'base64' }, ctx);
    expect(commit.ok && (commit.data as { committed: boolean }).committed).toBe(false);
    expect(commit.ok && (commit.data as { errorReportBase64: string }).errorReportBase64.length).toBeGreaterThan(1000);
    // A cancel that overtakes its own commit request (a big upload still in flight) stops that job as it starts.
    const countBefore = (ctx.store.db.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n;
    expect((await dispatch('import.cancel', { jobId: 'early' }, ctx))).toEqual({ ok: true, data: { cancelled: true } });
    const late = await dispatch('import.commit', { content, fileName: '台账.csv', table: 'agencies', jobId: 'early', errorReport: 'none' }, ctx)
      .then(() => null, (e: { code?: string; message?: string }) => e);
    expect(late?.code).toBe('cancelled');
    expect(late?.message).toMatch(/取消/);
    expect((ctx.store.db.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n).toBe(countBefore);
  });
});

describe('header layouts', () => {
  it('a two-row header: cells merged down and a group title over sub-headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('编制');
    ws.addRow(['开发区编制情况统计表']);
    ws.mergeCells('A1:D1');
    ws.addRow(['单位名称', '编制情况', null, null]);
    ws.addRow([null, '编制类型', '核定编制', '实有人数']);
    ws.mergeCells('A2:A3');
    ws.mergeCells('B2:D2');
    ws.addRow(['天水经济技术开发区管理委员会', '政法专项编制', 3, 2]);
    const file = path.join(dir, '两行表头.xlsx');
    await wb.xlsx.writeFile(file);
    const p = await previewImport(store, { table: 'staffing', source: fileSource(file) });
    expect(p).toMatchObject({ headerRow: 2, headerRowEnd: 3, mapping: { A: 'agency_id', B: 'staffing_type', C: 'approved', D: 'actual' } });
    expect(p.headers[1].text).toBe('编制情况/编制类型');
    expect(p.counts).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 0 });
  });
});
