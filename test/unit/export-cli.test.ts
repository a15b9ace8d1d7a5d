// zonedesk export … as administrators run it: the built CLI (needs `npm run build`, which `npm test` does first)
// on a fresh demo data folder. Every paper of the seed reform is written, reopened and checked; the export log
// records each file with the template version that made it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../electron/export/template-store';
import { inspectDocx } from '../fixtures/docx-inspect';
import { tempDir } from '../helpers/temp';

const CLI = path.resolve(__dirname, '../../dist/node/cli.cjs');
const TEMPLATES = path.resolve(__dirname, '../../electron/export/templates');
// Without the development tree's templates: the built CLI must find its own copy (dist/export/templates).
const { ZONEDESK_TEMPLATES_DIR: _t, ZONEDESK_FONTS_CONF: _f, ...env } = process.env;
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env });

const DOC_NO = '天编委发〔2022〕3号';
const DATE = '2022年3月16日';

async function sheetRows(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}
/** Data rows of a table: the ones whose first cell (序号) is a number. */
const dataRows = (rows: unknown[][]) => rows.filter((r) => typeof r[0] === 'number');
const noTags = (text: string) => expect(text).not.toMatch(/[{｛][^}｝]*[}｝]|[{}｛｝]/);

describe('zonedesk export', () => {
  it('writes the full set of papers of the seed reform, each reopened and checked, and logs them', async () => {
    const dir = tempDir();
    expect(run('demo', '--data-dir', dir).status).toBe(0);
    const out = path.join(dir, 'out', 'nested', '公文'); // created when missing
    const res = run('export', '--data-dir', dir, '--type', 'all', '--out', out, '--json');
    expect(res.status, res.stderr).toBe(0);
    const result = JSON.parse(res.stdout) as { files: Array<{ type: string; name: string; path: string; templateId: string; templateVersion: number; sha256: string; docNo: string }> };

    const db = new Database(path.join(dir, 'zonedesk.sqlite'), { readonly: true });
    const mappingCount = (db.prepare('SELECT count(*) AS n FROM reform_mappings WHERE reform_id = 1').get() as { n: number }).n;
    const byType = (t: string) => result.files.filter((f) => f.type === t);
    // One 三定 per agency the reform changes: the merge targets, the re-typed, those given a 党工委 nameplate …
    const sanding = byType('sanding');
    expect(sanding.length).toBe(11);
    for (const t of ['request', 'plan', 'reply', 'notice', 'mapping-docx', 'mapping-xlsx', 'staffing-xlsx', 'ledger-xlsx']) expect(byType(t), t).toHaveLength(1);
    expect(fs.readdirSync(out).sort()).toEqual(result.files.map((f) => f.name).sort());
    for (const f of result.files) {
      expect(path.dirname(f.path)).toBe(out);
      expect(f.name).not.toMatch(/[<>:"/\\|?*]/); // Windows-safe
      expect(f.docNo).toBe(DOC_NO);
    }

    for (const f of result.files.filter((x) => x.path.endsWith('.docx'))) {
      const doc = inspectDocx(fs.readFileSync(f.path)); // every part parses strictly
      const text = doc.paragraphs.join('\n');
      noTags(text);
      expect(doc.custom.TemplateId).toBe(f.templateId);
      if (['request', 'reply', 'notice', 'mapping-docx'].includes(f.type)) expect(text, f.name).toContain(DOC_NO);
      if (f.type !== 'mapping-docx') expect(text, f.name).toContain(DATE);
      if (['request', 'reply', 'notice'].includes(f.type)) {
        expect(text).toContain('中共天水市委机构编制委员会'); // 署名 from the office profile in the settings
        expect(text).toContain('天水经济技术开发区管理委员会');
        expect(text).toContain('秦安县现代农业产业园管理委员会'); // a re-typed agency by its new name
      }
    }
    const etdz = sanding.find((f) => f.name.startsWith('天水经济技术开发区管理委员会'))!;
    const etdzText = inspectDocx(fs.readFileSync(etdz.path)).paragraphs.join('\n');
    for (const s of ['中共天水经济技术开发区工作委员会', '一个机构、两块牌子', '正县级', '综合监管局', '麦积区人民政府', '天水经济技术开发区政务服务中心', '秦州区工业园区']) {
      expect(etdzText).toContain(s);
    }
    expect(etdzText).not.toContain('社会事务局'); // ended by the plan
    expect(etdzText).not.toContain('组织人事部');

    const mapping = dataRows(await sheetRows(byType('mapping-xlsx')[0].path));
    expect(mapping).toHaveLength(mappingCount);
    expect(mapping.map((r) => r[1])).toEqual(
      (db.prepare(`SELECT a.full_name FROM reform_mappings m JOIN agencies a ON a.id = m.source_agency_id WHERE m.reform_id = 1 ORDER BY m.seq, m.id`).all() as { full_name: string }[]).map((r) => r.full_name),
    );
    expect(mapping.filter((r) => r[7] === '整合并入')).toHaveLength(3);
    const mappingDocx = inspectDocx(fs.readFileSync(byType('mapping-docx')[0].path));
    expect(mappingDocx.tables[0].rows).toBeGreaterThanOrEqual(mappingCount + 1);
    for (const t of ['staffing-xlsx', 'ledger-xlsx']) {
      const rows = dataRows(await sheetRows(byType(t)[0].path));
      expect(rows, t).toHaveLength(23); // management agencies after the reform (26 → 23)
      for (const cell of (await sheetRows(byType(t)[0].path)).flat()) if (typeof cell === 'string') noTags(cell);
    }

    const log = db.prepare('SELECT * FROM export_log ORDER BY id').all() as Array<{ file: string; template_id: string; version: number; sha256: string; reform_id: number; doc_no: string; doc_type: string }>;
    expect(log).toHaveLength(result.files.length);
    for (const l of log) {
      expect(fs.existsSync(l.file)).toBe(true);
      expect(l).toMatchObject({ reform_id: 1, doc_no: DOC_NO, version: 1 });
      const file = l.template_id.replace('zonedesk.', '').replace('-xlsx', '') + (l.template_id.endsWith('-xlsx') || ['staffing', 'ledger'].includes(l.doc_type) ? '.xlsx' : '.docx');
      expect(l.sha256).toBe(sha256(fs.readFileSync(path.join(TEMPLATES, file))));
    }
    // The papers were exported from a draft: nothing in the register changed, no history an undo could take back.
    expect(db.prepare(`SELECT status FROM reforms WHERE id = 1`).get()).toEqual({ status: 'draft' });
    expect(db.prepare(`SELECT kind FROM history_group ORDER BY id DESC LIMIT 1`).get()).toEqual({ kind: 'baseline' });
    db.close();
  });

  it('never overwrites, exports 三定 only when asked, and the register papers without a reform', () => {
    const dir = tempDir();
    expect(run('demo', '--data-dir', dir).status).toBe(0);
    const out = path.join(dir, 'out');
    expect(run('export', '--data-dir', dir, '--reform', '1', '--type', 'sanding', '--out', out).status).toBe(0);
    const again = run('export', '--data-dir', dir, '--type', 'sanding', '--out', out);
    expect(again.status, again.stderr).toBe(0);
    const names = fs.readdirSync(out);
    expect(names).toHaveLength(22);
    expect(names).toContain('天水经济技术开发区管理委员会职能配置、内设机构和人员编制规定 (2).docx');

    const reg = run('export', '--data-dir', dir, '--reform', 'register', '--type', 'ledger-xlsx', '--out', path.join(dir, 'reg'), '--json');
    expect(reg.status, reg.stderr).toBe(0);
    expect(JSON.parse(reg.stdout).files[0]).toMatchObject({ name: '天水市开发区管理机构台账.xlsx', docNo: '' });

    const refused = run('export', '--data-dir', dir, '--reform', 'register', '--type', 'notice', '--out', path.join(dir, 'x'));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/需要选择改革方案/);
    const bad = run('export', '--data-dir', dir, '--type', 'memo', '--out', path.join(dir, 'x'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/未知的公文类型：memo/);
  });
});
