// The seed reform on a real demo database: check, apply (26 → 23, industrial 15 → 6 from the effective
// date, unchanged before it), revert (register back to identical content), conflicts, refusals.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeStats } from '../../db/stats';
import { updateCells } from '../../db/rows';
import type { Store } from '../../db/store';
import {
  agencyLineage, applyReform, checkReform, getReform, listReforms, reformConflicts, revertReform, setMappings, upsertMapping,
} from '../../db/reform';
import { SEED_REFORM_DATE } from '../../db/demo/seed-reform';
import { AppError } from '../../shared/errors';
import { TABLE_NAMES } from '../../shared/tables';
import { dispatch } from '../../electron/main/dispatch';
import { demoStore, registerFingerprint } from '../helpers/temp';

const seedId = (store: Store) => listReforms(store.db)[0].id;
const register = (store: Store) => Object.fromEntries(TABLE_NAMES.map((t) => [t, store.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]));
const agencyId = (store: Store, code: string) => (store.db.prepare(`SELECT id FROM agencies WHERE code = ? ORDER BY id LIMIT 1`).get(code) as { id: number }).id;
const groups = (store: Store) => (store.db.prepare('SELECT count(*) AS n FROM history_group').get() as { n: number }).n;

function expectAppError(fn: () => unknown, code: string, text: RegExp): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    expect((e as AppError).message).toMatch(text);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('the seed reform', () => {
  it('is a draft whose check has no errors and no input problems', () => {
    const store = demoStore();
    const [r] = listReforms(store.db);
    expect(r).toMatchObject({ name: '天水市开发区管理机构优化整合', status: 'draft', effectiveDate: '2022-03-16', regionCode: '620500', basisDocNo: '天编委发〔2022〕3号' });
    const c = checkReform(store, r.id);
    expect(c.problems).toEqual([]);
    expect(c.results.filter((x) => x.severity === 'error')).toEqual([]);
    expect(c.summary.before).toMatchObject({ total: 26, byGroup: { industrial: 15 } });
    expect(c.summary.after).toMatchObject({ total: 23, byGroup: { industrial: 6 } });
    expect(c.summary.change.total).toBe(-3);
    expect(c.summary.sankey.links.find((l) => l.source === 'before:industrial' && l.target === 'after:industrial')?.value).toBe(9);
    store.close();
  });

  it('apply: 23 / 6 from the effective date, 26 / 15 the day before, one history group, backup, lineage', () => {
    const store = demoStore();
    const id = seedId(store);
    const groupsBefore = groups(store);
    const out = applyReform(store, id, { acknowledgedWarnings: true });
    expect(groups(store)).toBe(groupsBefore + 1);
    expect(fs.existsSync(out.backupFile)).toBe(true);
    expect(out.backupFile).toMatch(/backups[\\/]pre-apply-\d+-[\d-]+\.sqlite$/);
    const d = getReform(store.db, id);
    expect(d).toMatchObject({ status: 'applied', appliedGroupId: out.groupId, backupFile: out.backupFile });
    expect(d.acknowledgedWarnings.length).toBe(out.acknowledged.length);
    expect(store.history.list(1)[0]).toMatchObject({ id: out.groupId, label: expect.stringContaining('26个调整为23个') });

    const after = computeStats(store.db);
    expect(after.agencies).toMatchObject({ total: 23, byGroup: { industrial: 6, agricultural: 5, logistics: 4 } });
    expect(computeStats(store.db, SEED_REFORM_DATE).agencies.total).toBe(23);
    const before = computeStats(store.db, '2022-03-15');
    expect(before.agencies).toMatchObject({ total: 26, byGroup: { industrial: 15 } });
    expect(before.dispatchedUnits.total).toBe(7);
    expect(after.dispatchedUnits.total).toBe(6);
    expect(after.publicInstitutions.total).toBe(before.publicInstitutions.total + 2);
    expect(after.staffing.approved).toEqual(before.staffing.approved);

    // 一个机构、两块牌子 on every zone agency in force.
    const plates = store.db.prepare(`SELECT a.full_name, group_concat(n.kind) AS kinds FROM agencies a JOIN nameplates n ON n.agency_id = a.id
      WHERE a.agency_kind = 'zone_mgmt' AND a.valid_to IS NULL AND n.valid_to IS NULL GROUP BY a.id`).all() as Array<{ kinds: string }>;
    expect(plates).toHaveLength(23);
    for (const p of plates) expect(p.kinds.split(',').sort()).toEqual(['party_committee', 'primary']);
    // Public institutions sponsored by A01; the natural-resources unit revoked; social affairs handed to the counties.
    const a01 = agencyId(store, 'A01');
    const pis = store.db.prepare(`SELECT full_name, su_class, funding_form, superior_id FROM agencies WHERE agency_kind = 'public_institution' AND valid_from = ? ORDER BY id`).all(SEED_REFORM_DATE);
    expect(pis).toEqual([
      { full_name: '天水经济技术开发区政务服务中心', su_class: 'public_welfare_1', funding_form: 'full_funded', superior_id: a01 },
      { full_name: '天水经济技术开发区项目建设中心', su_class: 'public_welfare_2', funding_form: 'partial_funded', superior_id: a01 },
    ]);
    expect(store.db.prepare(`SELECT unit_status FROM dispatched_units WHERE domain = 'natural_resources' AND valid_to IS NULL`).get()).toEqual({ unit_status: 'revoked' });
    const social = store.db.prepare(`SELECT destination, valid_to FROM functions WHERE is_social_affairs = 1`).all() as Array<{ destination: string; valid_to: string }>;
    expect(social).toHaveLength(3);
    for (const f of social) expect(f).toMatchObject({ valid_to: SEED_REFORM_DATE, destination: expect.stringMatching(/人民政府及相关部门$/) });
    expect(store.db.prepare(`SELECT count(*) AS n FROM departments WHERE function_class = 'social_affairs' AND valid_to IS NULL`).get()).toEqual({ n: 0 });

    // Merged agencies kept on record; re-typed ones versioned, with lineage (历史沿革).
    expect(store.db.prepare(`SELECT status, valid_to FROM agencies WHERE code = 'A11' ORDER BY id`).all()).toEqual([{ status: 'merged', valid_to: SEED_REFORM_DATE }]);
    expect(store.db.prepare(`SELECT full_name, type_group, status, valid_from, valid_to FROM agencies WHERE code = 'A14' ORDER BY id`).all()).toEqual([
      { full_name: '秦安县安伏工业园区管理委员会', type_group: 'industrial', status: 'superseded', valid_from: null, valid_to: SEED_REFORM_DATE },
      { full_name: '秦安县现代农业产业园管理委员会', type_group: 'agricultural', status: 'active', valid_from: SEED_REFORM_DATE, valid_to: null },
    ]);
    const lineage = agencyLineage(store.db, agencyId(store, 'A14'));
    expect(lineage).toMatchObject([{ action: 'retype', fromName: '秦安县安伏工业园区管理委员会', toName: '秦安县现代农业产业园管理委员会', docNo: '天编委发〔2022〕3号' }]);
    expect(agencyLineage(store.db, agencyId(store, 'A11'))).toMatchObject([{ action: 'merge_into', toAgencyId: a01 }]);
    expect(store.db.prepare('SELECT count(*) AS n FROM lineage').get()).toEqual({ n: 3 + 6 + 2 });
    // Children are versioned: the re-typed agency's departments on each side of the date.
    const a14Old = agencyId(store, 'A14');
    const deptsOn = (date: string) => store.db.prepare(`SELECT d.name FROM departments d JOIN agencies a ON a.id = d.agency_id WHERE a.code = 'A14'
      AND (d.valid_from IS NULL OR d.valid_from <= @date) AND (d.valid_to IS NULL OR d.valid_to > @date) ORDER BY d.id`).all({ date });
    expect(deptsOn('2022-03-15')).toEqual(deptsOn(SEED_REFORM_DATE));
    expect((store.db.prepare(`SELECT count(*) AS n FROM departments WHERE agency_id = ? AND valid_to IS NULL`).get(a14Old) as { n: number }).n).toBe(0);
    store.close();
  });

  it('revert: one new group, stats back to 26 / 15 and the register identical in content to before', () => {
    const store = demoStore();
    const id = seedId(store);
    const before = register(store);
    applyReform(store, id, { acknowledgedWarnings: true });
    const groupsBefore = groups(store);
    const out = revertReform(store, id);
    expect(out.reverted).toBe(true);
    expect(groups(store)).toBe(groupsBefore + 1);
    expect(computeStats(store.db).agencies).toMatchObject({ total: 26, byGroup: { industrial: 15 } });
    expect(computeStats(store.db, '2022-03-15').agencies).toMatchObject({ total: 26, byGroup: { industrial: 15 } });
    expect(register(store)).toEqual(before);
    expect(store.db.prepare('SELECT count(*) AS n FROM lineage').get()).toEqual({ n: 0 });
    expect(getReform(store.db, id)).toMatchObject({ status: 'reverted', revertedGroupId: out.reverted ? out.groupId : -1 });
    // A reverted plan can be applied again.
    applyReform(store, id, { acknowledgedWarnings: true });
    expect(computeStats(store.db).agencies.total).toBe(23);
    store.close();
  });

  it('revert after a later edit lists the conflict and does not overwrite; resolutions decide', () => {
    const store = demoStore();
    const id = seedId(store);
    applyReform(store, id, { acknowledgedWarnings: true });
    const a14New = (store.db.prepare(`SELECT id FROM agencies WHERE code = 'A14' AND valid_to IS NULL`).get() as { id: number }).id;
    updateCells(store.wp, 'agencies', [{ id: a14New, field: 'short_name', value: '秦安农业园管委会' }]);
    const fingerprint = registerFingerprint(store);
    const out = revertReform(store, id);
    expect(out.reverted).toBe(false);
    if (out.reverted) return;
    expect(out.conflicts).toEqual([expect.objectContaining({ table: 'agencies', id: a14New, field: 'short_name', kind: 'modified', current: '秦安农业园管委会' })]);
    expect(out.conflicts[0].message).toContain('“规范简称”在改革实施后被修改');
    expect(reformConflicts(store, id)).toEqual(out.conflicts);
    expect(registerFingerprint(store)).toBe(fingerprint);
    expect(getReform(store.db, id).status).toBe('applied');
    // The edited row is a version the apply created: keeping it beside the restored original is refused
    // (it would leave 27 agencies in force); restoring reverts everything.
    expect(() => revertReform(store, id, [{ table: 'agencies', id: a14New, choice: 'keep' }])).toThrow(/无法保留：.*由本次改革新建/);
    expect(registerFingerprint(store)).toBe(fingerprint);
    const restored = revertReform(store, id, [{ table: 'agencies', id: a14New, choice: 'restore' }]);
    expect(restored).toMatchObject({ reverted: true });
    expect(store.db.prepare('SELECT id FROM agencies WHERE id = ?').get(a14New)).toBeUndefined();
    expect(computeStats(store.db).agencies.total).toBe(26);
    expect(computeStats(store.db, '2022-03-15').agencies.total).toBe(26);
    store.close();
  });

  it('a row added later under a new agency version is a conflict that restoring removes', () => {
    const store = demoStore();
    const id = seedId(store);
    applyReform(store, id, { acknowledgedWarnings: true });
    const a15New = (store.db.prepare(`SELECT id FROM agencies WHERE code = 'A15' AND valid_to IS NULL`).get() as { id: number }).id;
    store.wp.mutate('新增内设机构', (tx) => tx.insert('departments', { agency_id: a15New, name: '农业科技科', function_class: 'innovation' }));
    const out = revertReform(store, id);
    expect(out.reverted).toBe(false);
    const dep = out.reverted ? undefined : out.conflicts.find((c) => c.kind === 'dependent');
    expect(dep).toMatchObject({ table: 'departments', field: 'agency_id' });
    expectAppError(() => revertReform(store, id, [{ table: 'departments', id: dep!.id, choice: 'keep' }]), 'invalid_input', /无法保留/);
    expect(revertReform(store, id, [{ table: 'departments', id: dep!.id, choice: 'restore' }]).reverted).toBe(true);
    expect(computeStats(store.db).agencies.total).toBe(26);
    store.close();
  });
});

describe('refusals write nothing', () => {
  it('apply is refused while a rule error remains (R1: two industrial agencies in 秦安县)', () => {
    const store = demoStore();
    const id = seedId(store);
    const d = getReform(store.db, id);
    const a13 = d.mappings.find((m) => m.source_agency_id === agencyId(store, 'A13'))!;
    upsertMapping(store, id, { ...a13, action: 'keep', target_agency_id: null });
    const fingerprint = registerFingerprint(store);
    const e = expectAppError(() => applyReform(store, id, { acknowledgedWarnings: true }), 'rule_violation', /不能实施：R1 秦安县有2个工业类开发区管理机构/);
    expect(e.details?.[0]).toMatchObject({ path: 'R1' });
    expect(registerFingerprint(store)).toBe(fingerprint);
    expect(fs.existsSync(`${store.file}/../backups`) && fs.readdirSync(`${store.file}/../backups`).some((f) => f.startsWith('pre-apply'))).toBe(false);
    store.close();
  });

  it('warnings must be acknowledged; the acknowledged ones are recorded', () => {
    const store = demoStore();
    const id = seedId(store);
    expectAppError(() => applyReform(store, id), 'rule_violation', /条警告未确认/);
    const keys = checkReform(store, id).results.filter((r) => r.severity === 'warning').map((r) => r.key);
    applyReform(store, id, { acknowledgedWarnings: keys });
    expect(getReform(store.db, id).acknowledgedWarnings.map((w) => w.key)).toEqual(keys);
    store.close();
  });

  it('a merge cycle and a double mapping are rejected naming the agency in Chinese', () => {
    const store = demoStore();
    const id = seedId(store);
    const d = getReform(store.db, id);
    const [a11, a12] = [agencyId(store, 'A11'), agencyId(store, 'A12')];
    const fingerprint = registerFingerprint(store);
    const groupsBefore = groups(store);
    const cyclic = d.mappings.map((m) => m.source_agency_id === a11 ? { ...m, target_agency_id: a12 } : m.source_agency_id === a12 ? { ...m, target_agency_id: a11 } : m);
    expectAppError(() => setMappings(store, id, cyclic), 'invalid_input', /“秦州区工业园区管理委员会”的整合并入形成循环：秦州区工业园区管理委员会 → 麦积区中滩工业园区管理委员会/);
    const double = d.mappings.find((m) => m.source_agency_id === a11)!;
    expectAppError(() => upsertMapping(store, id, { ...double, id: undefined, action: 'abolish' }), 'invalid_input', /“秦州区工业园区管理委员会”在对照表中出现了2次/);
    expect(registerFingerprint(store)).toBe(fingerprint);
    expect(groups(store)).toBe(groupsBefore);
    expect(getReform(store.db, id).mappings).toEqual(d.mappings);
    store.close();
  });

  it('a target outside the region, staffing that does not add up, a missing duty destination', () => {
    const store = demoStore();
    const id = seedId(store);
    const d = getReform(store.db, id);
    const a11 = d.mappings.find((m) => m.source_agency_id === agencyId(store, 'A11'))!;
    const lanzhou = store.wp.mutate('新增', (tx) => tx.insert('agencies', { full_name: '兰州新区管理委员会', agency_kind: 'zone_mgmt', nature: 'admin_organ', host_region_code: '620102' })).result.id;
    expectAppError(() => upsertMapping(store, id, { ...a11, target_agency_id: lanzhou }), 'invalid_input', /“秦州区工业园区管理委员会”的目标机构“兰州新区管理委员会”不在本方案的行政区域内/);
    expectAppError(() => upsertMapping(store, id, { ...a11, staffing_transfer: { administrative: 1 } }), 'invalid_input', /“秦州区工业园区管理委员会”的编制划转与原核定编制不符：行政编制原核定\d+名，划转1名/);
    upsertMapping(store, id, { ...a11, duties_destination: null });
    const fingerprint = registerFingerprint(store);
    expectAppError(() => applyReform(store, id, { acknowledgedWarnings: true }), 'invalid_input', /“秦州区工业园区管理委员会”整合并入，未填写职责去向/);
    expect(registerFingerprint(store)).toBe(fingerprint);
    store.close();
  });
});

describe('through the contract', () => {
  it('reform.list / check / apply / revert and rules.checkAgency dispatch to the handlers', async () => {
    const store = demoStore();
    const ctx = { store, dataDir: '', appVersion: 'test', startupWarnings: [], emit: () => {} };
    const list = await dispatch('reform.list', {}, ctx);
    expect(list).toMatchObject({ ok: true, data: [{ name: '天水市开发区管理机构优化整合' }] });
    const id = (list as { data: Array<{ id: number }> }).data[0].id;
    const check = await dispatch('reform.check', { id }, ctx);
    expect(check).toMatchObject({ ok: true, data: { counts: { error: 0 } } });
    expect(await dispatch('reform.apply', { id, acknowledgedWarnings: 'yes' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('reform.apply', { id, acknowledgedWarnings: true }, ctx)).toMatchObject({ ok: true });
    expect(await dispatch('reform.revert', { id }, ctx)).toMatchObject({ ok: true, data: { reverted: true } });
    const a12 = agencyId(store, 'A12');
    const live = await dispatch('rules.checkAgency', { agencyId: a12 }, ctx);
    expect(live).toMatchObject({ ok: true, data: [expect.objectContaining({ rule: 'R10', message: expect.stringContaining('超编') })] });
    store.close();
  });
});
