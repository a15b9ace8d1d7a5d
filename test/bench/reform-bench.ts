// Reform benchmarks on the national-scale synthetic register (test/bench/synthetic.ts: 20,000 agencies,
// 200,000 departments), each figure the median of ≥5 runs after a warm-up:
// - rulesNationalMs: index + projection + R1–R20 over the whole country, with a plan mapping every agency
//   (1,000 of them merged); the synthetic register is deliberately untidy (≈35,000 findings);
// - rulesRecheckMs: one mapping edit re-checked incrementally, results list included;
// - reformApply1000Ms / reformRevert1000Ms: a province-wide plan of ~1,000 merges (every county keeps one
//   agency, social-affairs departments end) applied — check, VACUUM INTO backup, one history group — and
//   reverted, on a copy of the national database;
// - reformBackupBytes: size of the first pre-apply backup (the national database as generated).
// Not wired to an npm script: test/bench/run.ts can list it as { keys: [...], run: () => benchReform() }.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store, DB_FILE_NAME } from '../../db/store';
import { applyReform, loadSnapshot, revertReform } from '../../db/reform';
import { itemToRow, mappingToRow } from '../../db/reform/plans';
import { RuleEngine } from '../../shared/rules/engine';
import type { Snapshot } from '../../shared/rules/types';
import type { Mapping, Plan, PlanItem } from '../../shared/reform/types';
import { generateNationalData } from './synthetic';
import { log, median, repeat, round } from './stats';

const EFF = '2022-03-16';
const NOTES = { duties_destination: '职责并入本县区保留的开发区管理机构', people_note: '人员随职责划转', assets_note: '资产债务由承接机构承担' };

/**
 * A mapping row for every agency: up to `limit` of them merged into their county's first agency (with
 * no limit every county keeps one, so R1 holds in any mode), the rest kept.
 */
function countyMerges(agencies: Snapshot['agencies'], limit = Infinity): Mapping[] {
  const first = new Map<string, number>();
  let merges = 0;
  return agencies.filter((a) => a.agency_kind === 'zone_mgmt').map((a, i): Mapping => {
    const keeper = first.get(a.host_region_code);
    if (keeper === undefined || merges >= limit) {
      if (keeper === undefined) first.set(a.host_region_code, a.id);
      return { id: i + 1, source_agency_id: a.id, action: 'keep' };
    }
    merges++;
    return { id: i + 1, source_agency_id: a.id, action: 'merge_into', target_agency_id: keeper, ...NOTES };
  });
}

/** The province with the most agencies: its plan has about a thousand merges. */
function busiestProvince(snapshot: Snapshot): string {
  const n = new Map<string, number>();
  for (const a of snapshot.agencies) n.set(a.host_region_code.slice(0, 2), (n.get(a.host_region_code.slice(0, 2)) ?? 0) + 1);
  return `${[...n.entries()].sort((a, b) => b[1] - a[1])[0][0]}0000`;
}

async function benchRules(snapshot: Snapshot): Promise<{ rulesNationalMs: number; rulesRecheckMs: number }> {
  // Every agency of the country mapped, a thousand of them merged: the size of a large reform.
  const plan: Plan = { id: 1, name: '全国合成方案', effective_date: EFF, region_code: '100000', basis_doc_no: '合成〔2022〕1号', mappings: countyMerges(snapshot.agencies, 1000), items: [] };
  const full = await repeat(5, 3, () => { // three warm-ups: the engine's hot paths need them to be optimised
    const t0 = performance.now();
    const engine = new RuleEngine(snapshot, plan);
    const results = engine.results();
    const ms = performance.now() - t0;
    if (results.length === 0) throw new Error('expected findings on the synthetic register');
    return ms;
  });
  const engine = new RuleEngine(snapshot, plan);
  const merges = plan.mappings.filter((m) => m.action === 'merge_into');
  const edits = await repeat(40, 10, (() => {
    let i = 0;
    return () => {
      const m = merges[(i++ * 7919) % merges.length];
      const edit: Mapping = i % 2 === 0 ? m : { id: m.id, source_agency_id: m.source_agency_id, action: 'keep' };
      const t0 = performance.now();
      engine.upsertMapping(edit);
      engine.results();
      return performance.now() - t0;
    };
  })());
  return { rulesNationalMs: round(median(full)), rulesRecheckMs: round(median(edits)) };
}

function seedPlan(store: Store, snapshot: Snapshot, region: string): number {
  const prefix = region.slice(0, 2);
  const inRegion = snapshot.agencies.filter((a) => a.host_region_code.startsWith(prefix));
  const ids = new Set(inRegion.map((a) => a.id));
  const mappings = countyMerges(inRegion);
  const items: PlanItem[] = snapshot.departments.filter((d) => ids.has(d.agency_id) && d.function_class === 'social_affairs')
    .map((d, i) => ({ id: i + 1, kind: 'department', op: 'end', target_id: d.id, payload: {} }));
  return store.wp.mutate('基准测试方案', (tx) => {
    const r = tx.insert('reforms', { name: '合成省级整合方案', effective_date: EFF, region_code: region, basis_doc_no: '合成〔2022〕1号', status: 'draft' });
    mappings.forEach((m, i) => tx.insert('reform_mappings', mappingToRow(m, r.id, i + 1)));
    items.forEach((it, i) => tx.insert('reform_items', itemToRow(it, r.id, i + 1)));
    log(`plan for ${region}: ${mappings.filter((m) => m.action !== 'keep').length} merges of ${mappings.length} agencies, ${items.length} items`);
    return r.id;
  }).result;
}

export async function benchReform(nationalDir = process.env.ZONEDESK_BENCH_DIR ?? path.join(os.tmpdir(), 'zonedesk-bench-national')): Promise<{
  rulesNationalMs: number; rulesRecheckMs: number; reformApply1000Ms: number; reformRevert1000Ms: number; reformBackupBytes: number;
}> {
  generateNationalData(nationalDir);
  // Work on a copy: the shared synthetic folder stays as generated (opening it may migrate it).
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zonedesk-bench-reform-'));
  try {
    fs.copyFileSync(path.join(nationalDir, DB_FILE_NAME), path.join(work, DB_FILE_NAME));
    const store = Store.open(work);
    try {
      const t0 = performance.now();
      const snapshot = loadSnapshot(store.db, '2022-03-15', '');
      log(`national snapshot: ${snapshot.agencies.length} agencies, ${snapshot.departments.length} departments (${Math.round(performance.now() - t0)} ms to load)`);
      const rules = await benchRules(snapshot);
      log(`rules: ${JSON.stringify(rules)}`);
      const reformId = seedPlan(store, snapshot, busiestProvince(snapshot));
      const apply: number[] = [];
      const revert: number[] = [];
      let backupBytes = 0;
      for (let run = 0; run < 6; run++) {
        let t = performance.now();
        const out = applyReform(store, reformId, { acknowledgedWarnings: true });
        const applyMs = performance.now() - t;
        if (run === 0) backupBytes = out.backupBytes; // later backups also carry the earlier runs' history
        fs.rmSync(out.backupFile, { force: true });
        t = performance.now();
        const back = revertReform(store, reformId);
        const revertMs = performance.now() - t;
        if (!back.reverted) throw new Error('revert reported conflicts');
        log(`run ${run}: apply ${Math.round(applyMs)} ms (${out.changeCount} row changes), revert ${Math.round(revertMs)} ms`);
        if (run > 0) { apply.push(applyMs); revert.push(revertMs); }
      }
      return { ...rules, reformApply1000Ms: round(median(apply)), reformRevert1000Ms: round(median(revert)), reformBackupBytes: backupBytes };
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// Run directly: npx tsx test/bench/reform-bench.ts
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  benchReform().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`), (e) => { console.error(e); process.exit(1); });
}
