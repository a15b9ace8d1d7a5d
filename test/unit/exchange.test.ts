// Exchange packages end to end on real data folders: the city office (demo register) hands its register to
// a county office on a "USB stick", both edit, packages go back and forth, conflicts are chosen per row,
// both registers converge, and tampered or untrusted files are refused without touching anything.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deleteRows, insertRows, updateCells } from '../../db/rows';
import { Store } from '../../db/store';
import { listBackups, backupDirOf } from '../../db/backup';
import { TABLES, type Row } from '../../shared/tables';
import type { AppError } from '../../shared/errors';
import { createContext } from '../../electron/main/app-context';
import { dispatch } from '../../electron/main/dispatch';
import { exportExchange } from '../../electron/exchange/export';
import { analyse } from '../../electron/exchange/preview';
import { applyExchange } from '../../electron/exchange/apply';
import { EXCHANGE_ORDER, Identity, hashValues, toValues } from '../../electron/exchange/identity';
import { demoStore, registerFingerprint, tempDir } from '../helpers/temp';

const CLI = path.resolve(__dirname, '../../dist/node/cli.cjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });

const agency = (s: Store, code: string) => s.db.prepare('SELECT * FROM agencies WHERE code = ?').get(code) as Row;
const byName = (s: Store, table: string, name: string) => s.db.prepare(`SELECT * FROM ${table} WHERE name = ?`).get(name) as Row | undefined;
const count = (s: Store, table: string) => (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Office-independent content of a register: uid → hash of its values. Equal maps = same register. */
function content(s: Store): Map<string, string> {
  const id = new Identity(s.db);
  const out = new Map<string, string>();
  for (const t of EXCHANGE_ORDER) {
    for (const r of s.db.prepare(`SELECT * FROM ${t}`).all() as Row[]) out.set(id.uidOf(t, r.id), hashValues(toValues(id, t, r)));
  }
  return out;
}

/** Each office trusts the other's public key (handed over once, e.g. on paper with the fingerprint). */
function trust(from: Store, to: Store): void {
  const dir = path.join(path.dirname(to.file), 'trusted-keys');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(path.dirname(from.file), 'keys', 'office-ed25519.pub.pem'), path.join(dir, `${path.basename(path.dirname(from.file))}.pem`));
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

/** City (demo register) and a county office that starts empty and receives the city's register. */
function twoOffices() {
  const city = demoStore(tempDir('zd-city-'));
  const county = Store.open(tempDir('zd-county-'), { create: true });
  const usb = tempDir('zd-usb-');
  const first = exportExchange(city, { file: path.join(usb, 'city-1.zdx') });
  exportExchange(county, { file: path.join(usb, 'county-0.zdx') }); // creates the county's key
  trust(city, county);
  trust(county, city);
  return { city, county, usb, first };
}

describe('exchange packages', () => {
  it('a first import brings the whole register as one undoable history group', () => {
    const { city, county, first } = twoOffices();
    const { preview } = analyse(county, first.file);
    expect(preview.problems).toEqual([]);
    expect(preview.counts).toMatchObject({ conflict: 0, changed: 0, deleted: 0, new: first.rows });
    expect(preview.byTable.agencies?.new).toBe(count(city, 'agencies'));
    expect(preview.fingerprint).toBe(first.fingerprint);
    const r = applyExchange(county, first.file, { choices: {}, baseGroupId: preview.baseGroupId });
    expect(r.inserted).toBe(first.rows);
    expect(content(county)).toEqual(content(city));
    expect(county.history.list(5).filter((g) => g.kind === 'edit')).toHaveLength(1);
    // Importing the same package again changes nothing.
    expect(analyse(county, first.file).preview.counts).toMatchObject({ new: 0, changed: 0, conflict: 0, unchanged: first.rows });
    county.history.undo();
    expect(count(county, 'agencies')).toBe(0);
    expect(analyse(county, first.file).preview.counts.new).toBe(first.rows); // undo forgot the identities too
    city.close();
    county.close();
  });

  it('edits on both sides: changes flow both ways, conflicts are chosen per row, registers converge', () => {
    const { city, county, usb, first } = twoOffices();
    applyExchange(county, first.file);
    const [x, y, z] = ['A01', 'A02', 'A03'].map((c) => agency(city, c));
    const depts = city.db.prepare('SELECT * FROM departments WHERE agency_id = ? ORDER BY id').all(x.id) as Row[];
    const [d1, d2] = depts;
    const countyId = (s: Store, code: string) => agency(s, code).id;

    // City: X's note, Z's name, deletes D1 and D2.
    updateCells(city.wp, 'agencies', [{ id: x.id, field: 'note', value: '市里改的备注' }]);
    updateCells(city.wp, 'agencies', [{ id: z.id, field: 'full_name', value: '市里改的名称' }]);
    deleteRows(city.wp, 'departments', [d1.id, d2.id]);
    // County: Y's short name, Z's name (conflict), D2's name (changed here, deleted there), a new department.
    updateCells(county.wp, 'agencies', [{ id: countyId(county, 'A02'), field: 'short_name', value: '县里改的简称' }]);
    updateCells(county.wp, 'agencies', [{ id: countyId(county, 'A03'), field: 'full_name', value: '县里改的名称' }]);
    const d2County = byName(county, 'departments', d2.name as string)!;
    updateCells(county.wp, 'departments', [{ id: d2County.id, field: 'name', value: '县里改名的科室' }]);
    insertRows(county.wp, 'departments', [{ agency_id: countyId(county, 'A02'), name: '县里新增的科室', function_class: d1.function_class }]);

    const back = exportExchange(county, { file: path.join(usb, 'county-1.zdx') });
    const { preview } = analyse(city, back.file);
    expect(preview.problems).toEqual([]);
    const item = (name: string) => preview.items.find((i) => i.name === name);
    expect(item('县里新增的科室')).toMatchObject({ status: 'new', table: 'departments' });
    const yItem = preview.items.find((i) => i.localId === y.id)!;
    expect(yItem).toMatchObject({ status: 'changed', conflict: null });
    expect(yItem.fields).toEqual([{ field: 'short_name', zh: '规范简称', mine: y.short_name, theirs: '县里改的简称' }]);
    const zItem = item('县里改的名称')!;
    expect(zItem).toMatchObject({ status: 'conflict', conflict: 'both_changed', localId: z.id });
    expect(zItem.fields).toEqual([{ field: 'full_name', zh: '机构全称', mine: '市里改的名称', theirs: '县里改的名称' }]);
    const d2Item = item('县里改名的科室')!;
    expect(d2Item).toMatchObject({ status: 'conflict', conflict: 'deleted_here_changed_there' });
    expect(preview.counts).toMatchObject({ new: 1, changed: 1, conflict: 2, deleted: 0, changedHere: 1, deletedHere: 1 });
    expect(preview.items.find((i) => i.localId === x.id)).toBeUndefined(); // changed here only: nothing to do

    // Undecided conflicts are refused; then: keep the city's name for Z, take the county's D2 back.
    const e = refusal(() => applyExchange(city, back.file, { baseGroupId: preview.baseGroupId }));
    expect(e.message).toMatch(/还有2处冲突未选择/);
    const registerOnly = (st: Store) => registerFingerprint(st).split('\n').slice(0, 10).join('\n'); // not the history
    const before = registerOnly(city);
    const r = applyExchange(city, back.file, { choices: { [zItem.uid]: 'mine', [d2Item.uid]: 'theirs' }, baseGroupId: preview.baseGroupId });
    expect(r).toMatchObject({ inserted: 2, updated: 1, deleted: 0, keptMine: 1 });
    expect(agency(city, 'A02').short_name).toBe('县里改的简称');
    expect(agency(city, 'A03').full_name).toBe('市里改的名称');
    expect(byName(city, 'departments', '县里改名的科室')).toBeDefined();
    expect(byName(city, 'departments', d1.name as string)?.agency_id).not.toBe(x.id);
    // One group: undo takes the whole import back, redo re-applies it.
    city.history.undo();
    expect(registerOnly(city)).toBe(before);
    city.history.redo();
    expect(agency(city, 'A02').short_name).toBe('县里改的简称');

    // Back to the county: the city's changes arrive without a second question about Z; D1 is deleted there.
    const again = exportExchange(city, { file: path.join(usb, 'city-2.zdx') });
    const p2 = analyse(county, again.file).preview;
    expect(p2.counts.conflict).toBe(0);
    expect(p2.items.find((i) => i.name === d1.name)).toMatchObject({ status: 'deleted' });
    applyExchange(county, again.file, { baseGroupId: p2.baseGroupId });
    expect(agency(county, 'A01').note).toBe('市里改的备注');
    expect(agency(county, 'A03').full_name).toBe('市里改的名称');
    expect(content(county)).toEqual(content(city));
    // And a further round trip finds nothing to do on either side.
    const p3 = analyse(city, exportExchange(county, { file: path.join(usb, 'county-2.zdx') }).file).preview;
    expect(p3.counts).toMatchObject({ new: 0, changed: 0, deleted: 0, conflict: 0 });
    city.close();
    county.close();
  });

  it('exports one county: its agencies and zones with what hangs under them', () => {
    const city = demoStore();
    const out = path.join(tempDir(), 'qinzhou.zdx');
    exportExchange(city, { file: out, county: '620502' });
    const payload = JSON.parse(JSON.parse(zlib.gunzipSync(fs.readFileSync(out)).toString('utf8')).payload);
    const agencies = payload.tables.agencies as Array<{ u: string; v: Row }>;
    const expected = (city.db.prepare(`SELECT count(*) AS n FROM agencies WHERE host_region_code = '620502'`).get() as { n: number }).n;
    expect(agencies).toHaveLength(expected);
    expect(agencies.every((a) => a.v.host_region_code === '620502')).toBe(true);
    const uids = new Set(agencies.map((a) => a.u));
    for (const r of payload.tables.departments as Array<{ v: Row }>) expect(uids.has(String(r.v.agency_id))).toBe(true);
    expect(payload.tables.departments.length).toBeGreaterThan(0);
    expect(refusal(() => exportExchange(city, { file: out, county: '620500' })).message).toMatch(/不是县级/);
    city.close();
  });

  it('refuses a damaged, tampered or untrusted package and changes nothing', () => {
    const { city, county, usb, first } = twoOffices();
    const before = registerFingerprint(county);
    const raw = fs.readFileSync(first.file);

    const damaged = path.join(usb, 'damaged.zdx');
    const bytes = Buffer.from(raw);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    expect(refusal(() => analyse(county, damaged)).message).toMatch(/不是交换包或已损坏/);

    // Content changed after signing (a staffing number raised), repacked correctly: the signature catches it.
    const env = JSON.parse(zlib.gunzipSync(raw).toString('utf8'));
    const payload = JSON.parse(env.payload);
    payload.tables.staffing[0].v.approved += 10;
    const tampered = path.join(usb, 'tampered.zdx');
    fs.writeFileSync(tampered, zlib.gzipSync(JSON.stringify({ ...env, payload: JSON.stringify(payload) })));
    const e1 = refusal(() => applyExchange(county, tampered));
    expect(e1.message).toMatch(/签名校验失败.*被改动过/);

    // Re-signed with a key the county does not trust.
    const stranger = generateKeyPairSync('ed25519');
    const keyFile = path.join(usb, 'stranger.pem');
    fs.writeFileSync(keyFile, stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const untrusted = exportExchange(city, { file: path.join(usb, 'untrusted.zdx'), keyFile });
    const e2 = refusal(() => analyse(county, untrusted.file));
    expect(e2.code).toBe('unauthorized');
    expect(e2.message).toContain(untrusted.fingerprint);
    expect(e2.message).toMatch(/不在本机的信任列表中/);
    expect(registerFingerprint(county)).toBe(before);

    // Stale preview: the county edited after previewing.
    const { preview } = analyse(county, first.file);
    county.setSettings({ 'operator.name': '张三' });
    expect(refusal(() => applyExchange(county, first.file, { baseGroupId: preview.baseGroupId })).message).toMatch(/请重新预览/);
    city.close();
    county.close();
  });

  it('exchange.export / preview / apply through the contract, with a pre-import backup', async () => {
    const city = demoStore(tempDir('zd-city-'));
    const ctx = createContext(tempDir('zd-county-')); // a second demo register: own identities
    const file = path.join(tempDir(), 'city.zdx');
    exportExchange(city, { file });
    const denied = await dispatch('exchange.preview', { file }, ctx);
    expect(denied).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    trust(city, ctx.store);
    const pv = await dispatch('exchange.preview', { file }, ctx);
    expect(pv.ok).toBe(true);
    const preview = (pv as { data: { baseGroupId: number; counts: { new: number } } }).data;
    expect(preview.counts.new).toBe(Object.keys(TABLES).reduce((n, t) => n + count(city, t), 0));
    const applied = await dispatch('exchange.apply', { file, baseGroupId: preview.baseGroupId }, ctx);
    expect(applied).toMatchObject({ ok: true, data: { inserted: preview.counts.new } });
    expect(listBackups(backupDirOf(ctx.store)).map((b) => b.kind)).toEqual(['pre-import']);
    const exported = await dispatch('exchange.export', { file: path.join(tempDir(), 'back.zdx'), county: '620502' }, ctx);
    expect(exported).toMatchObject({ ok: true, data: { county: '620502' } });
    city.close();
    ctx.store.close();
  });

  it('the CLI exports, previews and imports', () => {
    const city = tempDir('zd-city-');
    const county = tempDir('zd-county-');
    const usb = tempDir('zd-usb-');
    expect(cli('demo', '--data-dir', city).status).toBe(0);
    const out = cli('exchange-export', '--data-dir', city, '--out', path.join(usb, 'c.zdx'), '--json');
    expect(out.status).toBe(0);
    const res = JSON.parse(out.stdout) as { file: string; publicKeyFile: string };
    fs.mkdirSync(path.join(county, 'trusted-keys'), { recursive: true });
    fs.copyFileSync(res.publicKeyFile, path.join(county, 'trusted-keys', 'city.pem'));
    const s = Store.open(county, { create: true });
    s.close();
    const dry = cli('exchange-import', '--data-dir', county, '--file', res.file);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/仅预览，未导入/);
    const done = cli('exchange-import', '--data-dir', county, '--file', res.file, '--apply', '--json');
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout).inserted).toBeGreaterThan(100);
  });
});
