// Fuzzing the importer with damaged copies of a valid ledger: byte flips, truncation, random insertion,
// damaged ZIP entries and headers, broken sheet XML inside a well-formed ZIP, mangled CSV. For every
// case: no crash or hang, a refusal is an AppError with a Chinese message, rejected rows carry Chinese
// reasons, and the register is unchanged unless the file was still valid (then undo restores it).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/store';
import { AppError } from '../../shared/errors';
import { bufferSource, commitImport, previewImport, fileSource } from '../../electron/import';
import { openStore, registerHash, tempDir } from '../fixtures/import-db';
import { ledgerCsv, ledgerRows, writeLedgerXlsx } from '../fixtures/import-ledger';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';

const CJK = /[\u4e00-\u9fff]/;

/** Deterministic PRNG (mulberry32), so a failing case can be replayed by its number. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))) };
}
type Rng = ReturnType<typeof rng>;

interface Part { name: string; data: Buffer }

/** The parts of a ZIP (stored or deflated), read from its local headers: enough for our own files. */
function unzip(buf: Buffer): Part[] {
  const parts: Part[] = [];
  for (let p = 0; p + 30 <= buf.length && buf.readUInt32LE(p) === 0x04034b50;) {
    const method = buf.readUInt16LE(p + 8);
    const comp = buf.readUInt32LE(p + 18);
    const nameLen = buf.readUInt16LE(p + 26);
    const extraLen = buf.readUInt16LE(p + 28);
    const name = buf.subarray(p + 30, p + 30 + nameLen).toString('utf8');
    const start = p + 30 + nameLen + extraLen;
    const raw = buf.subarray(start, start + comp);
    parts.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    p = start + comp;
  }
  return parts;
}

function zip(parts: Part[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const n = Buffer.from(name);
    const comp = zlib.deflateRawSync(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(8, 8);
    h.writeUInt32LE(zlib.crc32(data) >>> 0, 14); h.writeUInt32LE(comp.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(8, 10);
    c.writeUInt32LE(zlib.crc32(data) >>> 0, 16); c.writeUInt32LE(comp.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(offset, 42);
    local.push(h, n, comp);
    central.push(c, n);
    offset += 30 + n.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

const flip = (b: Buffer, r: Rng) => { const o = Buffer.from(b); for (let k = 1 + r.int(8); k > 0; k--) o[r.int(o.length)] ^= 1 + r.int(255); return o; };
const truncate = (b: Buffer, r: Rng) => b.subarray(0, r.int(b.length));
const insert = (b: Buffer, r: Rng) => { const at = r.int(b.length); return Buffer.concat([b.subarray(0, at), r.bytes(1 + r.int(64)), b.subarray(at)]); };

/** Damage inside one ZIP entry's data, its local header or its central-directory record. */
function corruptEntry(b: Buffer, r: Rng): Buffer {
  const o = Buffer.from(b);
  const locals: number[] = [];
  for (let i = o.indexOf('PK\x03\x04'); i >= 0; i = o.indexOf('PK\x03\x04', i + 1)) locals.push(i);
  const centrals: number[] = [];
  for (let i = o.indexOf('PK\x01\x02'); i >= 0; i = o.indexOf('PK\x01\x02', i + 1)) centrals.push(i);
  const mode = r.int(3);
  if (mode === 0 && locals.length) { // compressed data of an entry
    const p = locals[r.int(locals.length)];
    const start = p + 30 + o.readUInt16LE(p + 26) + o.readUInt16LE(p + 28);
    const len = Math.max(1, o.readUInt32LE(p + 18));
    for (let k = 1 + r.int(4); k > 0; k--) o[Math.min(o.length - 1, start + r.int(len))] ^= 1 + r.int(255);
  } else if (mode === 1 && locals.length) { // a local header field: sizes, method, name length, CRC
    const p = locals[r.int(locals.length)];
    o[p + [8, 14, 18, 19, 22, 26, 28][r.int(7)]] ^= 1 + r.int(255);
  } else if (centrals.length) { // a central-directory field: sizes, offset, name
    const p = centrals[r.int(centrals.length)];
    o[p + [10, 16, 20, 24, 28, 30, 42, 43, 46][r.int(9)]] ^= 1 + r.int(255);
  }
  return o;
}

/** Well-formed ZIP, broken worksheet or shared-strings XML: exercises exceljs's parser errors. */
function mangleXml(parts: Part[], r: Rng): Buffer {
  const targets = parts.filter((p) => /sheet1\.xml$|sharedStrings\.xml$|workbook\.xml$|styles\.xml$/.test(p.name));
  const t = targets[r.int(targets.length)];
  let s = t.data.toString('utf8');
  const at = r.int(s.length);
  const junk = ['<', '>', '&', '</row>', '<row r="0">', '<c r="ZZZZ9"><v>1</v></c>', '<c r="B5" t="s"><v>99999</v></c>', '<mergeCell ref="A1:B999999"/>', '"', '<v>x</v>', '\u0000', '<f>', '<dimension ref="A1:C2000000"/>', '<c><v>3</v></c>', '<c r="A4" t="e"><v>#REF!</v></c>'][r.int(15)];
  s = r.int(2) ? s.slice(0, at) + junk + s.slice(at) : s.slice(0, at) + s.slice(at + 1 + r.int(40));
  return zip(parts.map((p) => (p === t ? { name: p.name, data: Buffer.from(s, 'utf8') } : p)));
}

function mangleCsv(text: string, r: Rng, gbk: boolean): Buffer {
  const pieces = ['"', ',', '\r\n', '\n', '\r', '""', '\u0000', '\ufffd', '，', '"a""b', '\t', '\ufeff'];
  let s = text;
  for (let k = 1 + r.int(4); k > 0; k--) {
    const at = r.int(s.length);
    s = s.slice(0, at) + pieces[r.int(pieces.length)] + s.slice(at + r.int(3));
  }
  return gbk ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8');
}

let dir: string;
let store: Store;
let xlsx: Buffer;
let xlsxClean: Buffer;
let parts: Part[];
let baseline: string;
const tally = { refused: 0, rejectedRows: 0, committed: 0, clean: 0 };

beforeAll(async () => {
  dir = tempDir('zd-fuzz-');
  store = openStore(dir);
  await writeLedgerXlsx(path.join(dir, 'ledger.xlsx'));
  xlsx = fs.readFileSync(path.join(dir, 'ledger.xlsx'));
  // Half the cases start from a ledger without bad rows, so that surviving files commit (and undo).
  await writeLedgerXlsx(path.join(dir, 'clean.xlsx'), ledgerRows().slice(0, 15));
  xlsxClean = fs.readFileSync(path.join(dir, 'clean.xlsx'));
  parts = unzip(xlsx);
  baseline = registerHash(store, false);
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function runCase(name: string, bytes: Buffer): Promise<void> {
  const job = commitImport(store, { table: 'agencies', source: bufferSource(name, bytes), allOrNothing: true });
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${name}: no answer within 10 s`)), 10_000); });
  try {
    const out = await Promise.race([job, hang]);
    for (const e of out.plan.errors) expect(e.reason, name).toMatch(CJK);
    if (out.plan.counts.rejected > 0) {
      tally.rejectedRows++;
      expect(out.committed, name).toBe(false);
    } else if (out.groupId !== null) {
      tally.committed++;
      store.history.undo(); // a mutation that left the file valid: the import must undo as a whole
    } else tally.clean++;
  } catch (e) {
    if (!(e instanceof AppError)) throw new Error(`${name}: not an AppError: ${(e as Error).stack}`);
    expect(e.message, name).toMatch(CJK);
    tally.refused++;
    if (process.env.FUZZ_VERBOSE) console.log(name, e.message);
  } finally {
    clearTimeout(timer);
  }
  expect(registerHash(store, false), name).toBe(baseline);
}

describe('fuzzing the importer', () => {
  it('survives 1,200 damaged .xlsx and .csv files', async () => {
    const t0 = performance.now();
    const texts = [ledgerCsv(), ledgerCsv(ledgerRows().slice(0, 15))];
    const csvs = texts.flatMap((t) => [Buffer.from(t, 'utf8'), iconv.encode(t, 'gbk')]);
    const cleanParts = unzip(xlsxClean);
    const book = (r: Rng) => (r.int(2) ? xlsx : xlsxClean);
    const plan: Array<[string, number, (r: Rng) => Buffer]> = [
      ['xlsx-flip', 150, (r) => flip(book(r), r)],
      ['xlsx-truncate', 100, (r) => truncate(book(r), r)],
      ['xlsx-insert', 100, (r) => insert(book(r), r)],
      ['xlsx-entry', 200, (r) => corruptEntry(book(r), r)],
      ['xlsx-xml', 200, (r) => mangleXml(r.int(2) ? parts : cleanParts, r)],
      ['csv-flip', 120, (r) => flip(csvs[r.int(4)], r)],
      ['csv-truncate', 80, (r) => truncate(csvs[r.int(4)], r)],
      ['csv-insert', 100, (r) => insert(csvs[r.int(4)], r)],
      ['csv-text', 150, (r) => mangleCsv(texts[r.int(2)], r, r.int(2) === 1)],
    ];
    let n = 0;
    for (const [kind, count, make] of plan) {
      for (let i = 0; i < count; i++, n++) {
        const r = rng(n * 7919 + 17);
        await runCase(`${kind}-${i}.${kind.startsWith('csv') ? 'csv' : 'xlsx'}`, make(r));
      }
    }
    expect(n).toBeGreaterThanOrEqual(1200);
    expect(tally.refused).toBeGreaterThan(100);
    expect(tally.rejectedRows + tally.committed).toBeGreaterThan(50);
    console.log(`fuzz: ${n} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`, tally);
  }, 120_000);

  it('refuses a 1,000,000-row CSV and a sheet over the cap up front', async () => {
    // "Up front" is asserted by behaviour, not by time: the refusal comes before a single data row is
    // checked, so no read progress is reported (the row-by-row path reports every 2,000 rows).
    const progress: number[] = [];
    const onProgress = (p: { phase: string; done: number }) => { if (p.phase === 'read') progress.push(p.done); };
    const file = path.join(dir, 'million.csv');
    fs.writeFileSync(file, `机构名称,所在县区,机构类别,机构性质\n${'某开发区管理委员会,秦州区,开发区管理机构,行政机关\n'.repeat(1_000_000)}`);
    await expect(previewImport(store, { table: 'agencies', source: fileSource(file), onProgress })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^文件有1000001行，超过一次导入的上限（200000行）/) });
    expect(progress).toEqual([]);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'big.xlsx') });
    const ws = wb.addWorksheet('大表');
    for (const r of ledgerRows().slice(0, 12)) for (let k = 0; k < 500; k++) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    await expect(previewImport(store, { table: 'agencies', source: fileSource(path.join(dir, 'big.xlsx')), limits: { maxRows: 3000 }, onProgress }))
      .rejects.toMatchObject({ message: expect.stringMatching(/工作表“大表”超过3000行/) });
    expect(progress).toEqual([]);
    expect(registerHash(store, false)).toBe(baseline);
  });
});
