// The import's safety copy: a pre-import backup of the register is taken right before rows are written
// (through commitImport and the import.commit handler), and none when nothing will be written. Also the
// preview's first rows, which the wizard shows to choose the header row.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDirOf, listBackups } from '../../db/backup';
import type { Store } from '../../db/store';
import { commitImport, fileSource, previewImport } from '../../electron/import';
import { importHandlers } from '../../electron/main/handlers-import';
import type { HandlerContext } from '../../electron/main/context';
import { openStore, tempDir } from '../fixtures/import-db';
import { ledgerRows, TITLE, writeLedgerCsv, writeLedgerXlsx } from '../fixtures/import-ledger';

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

const agencyCount = (db: { prepare(sql: string): { get(): unknown } }) => (db.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n;
const preImport = () => listBackups(backupDirOf(store)).filter((b) => b.kind === 'pre-import');

describe('pre-import backup', () => {
  it('copies the register as it was just before the rows are written', async () => {
    const file = path.join(dir, '台账.xlsx');
    await writeLedgerXlsx(file);
    const before = agencyCount(store.db);
    expect(preImport()).toHaveLength(0);
    const out = await commitImport(store, { table: 'agencies', source: fileSource(file) });
    expect(out.groupId).not.toBeNull();
    const backups = preImport();
    expect(backups).toHaveLength(1);
    expect(path.basename(backups[0].file)).toMatch(/^pre-import-\d{8}-\d{6}\.sqlite$/);
    const copy = new Database(backups[0].file, { readonly: true });
    try {
      expect(agencyCount(copy)).toBe(before); // the copy holds the register without the import
    } finally {
      copy.close();
    }
    expect(agencyCount(store.db)).toBe(before + 12);
  });

  it('takes no backup when nothing will be written: dry run, all-or-nothing refusal, nothing new', async () => {
    const file = path.join(dir, '台账.xlsx');
    await writeLedgerXlsx(file);
    await commitImport(store, { table: 'agencies', source: fileSource(file), dryRun: true });
    await commitImport(store, { table: 'agencies', source: fileSource(file), allOrNothing: true });
    expect(preImport()).toHaveLength(0);
    await writeLedgerXlsx(file, ledgerRows().slice(0, 15));
    await commitImport(store, { table: 'agencies', source: fileSource(file) });
    expect(preImport()).toHaveLength(1);
    const again = await commitImport(store, { table: 'agencies', source: fileSource(file) });
    expect(again.plan.counts).toMatchObject({ new: 0, updated: 0 });
    expect(preImport()).toHaveLength(1);
  });

  it('import.commit (the wizard\'s call) backs up first', async () => {
    const ctx: HandlerContext = { store, dataDir: dir, appVersion: 'test', startupWarnings: [], emit: () => {} };
    writeLedgerCsv(path.join(dir, 'a.csv'), 'gbk');
    const content = fs.readFileSync(path.join(dir, 'a.csv')).toString('base64');
    const out = await importHandlers['import.commit']({ content, fileName: '台账.csv', table: 'agencies', errorReport: 'none' }, ctx);
    expect(out.committed).toBe(true);
    expect(preImport()).toHaveLength(1);
  });
});

describe('preview first rows', () => {
  it('lists the sheet\'s first rows as text, title lines included', async () => {
    const file = path.join(dir, '台账.xlsx');
    await writeLedgerXlsx(file);
    const p = await previewImport(store, { table: 'agencies', source: fileSource(file) });
    expect(p.firstRows[0]).toMatchObject({ row: 1, cells: [TITLE] });
    expect(p.firstRows.find((r) => r.row === 3)!.cells.slice(0, 3)).toEqual(['序号', '机构名称', '统一社会信用代码']);
    expect(p.firstRows.length).toBeLessThanOrEqual(15);
  });
});
