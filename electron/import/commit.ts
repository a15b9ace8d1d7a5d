// The write of an import: every accepted row in ONE wp.mutate, i.e. one transaction and one history
// group that undo takes back as a whole. All reading and checking happens before (plan.ts), so a cancel
// or a refusal leaves the database exactly as it was.
import { backupBeforeImport } from '../../db/backup';
import type { Store } from '../../db/store';
import { TABLES } from '../../shared/tables';
import { todayCst } from '../../shared/text';
import type { ImportCounts } from '../../shared/contract/import';
import { planImport, type ImportOptions, type Plan } from './plan';
import { writeErrorReport } from './report';
import { throwIfAborted } from './source';

export interface CommitOptions extends ImportOptions {
  /** Write nothing when any row is rejected. */
  readonly allOrNothing?: boolean;
  /** Check everything, write nothing (CLI --dry-run). */
  readonly dryRun?: boolean;
  /** Where to write the report of rejected rows; none when absent or when no row was rejected. */
  readonly errorReportPath?: string;
  /** Takes the pre-import backup (the app queues it with its other backup work); default backupBeforeImport. */
  readonly backup?: (store: Store) => Promise<unknown>;
}

export interface CommitOutcome {
  readonly plan: Plan;
  readonly committed: boolean;
  readonly groupId: number | null;
  readonly label: string | null;
  readonly errorReportFile?: string;
}

export function importLabel(plan: Plan): string {
  const parts = [plan.counts.new ? `新增${plan.counts.new}条` : '', plan.counts.updated ? `更新${plan.counts.updated}条` : ''].filter(Boolean);
  return `导入${TABLES[plan.table].zh}：${parts.join('，')}（文件 ${plan.fileName}）`;
}

/** Remembers the mapping for this header layout; before the import, so that undo takes back the import. */
function rememberMapping(store: Store, plan: Plan): void {
  const value = JSON.stringify({ table: plan.table, mapping: plan.mapping, keyFields: plan.keyFields });
  if (store.settings()[plan.layoutKey] !== value) store.setSettings({ [plan.layoutKey]: value });
}

export function applyPlan(store: Store, plan: Plan, label: string, onProgress?: ImportOptions['onProgress']): number {
  // An import is one large transaction (100,000 rows write about 75 MB of WAL with their history), so
  // SQLite would checkpoint inside it, right after the commit, for crossing the store's safety-net
  // threshold (about 0.15 s at that size). The store checkpoints 2 s after the last write anyway
  // (db/store.ts), as it does for every edit; the import leaves the WAL to that idle checkpoint.
  const threshold = store.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  store.db.pragma('wal_autocheckpoint = 0');
  try {
    return writePlan(store, plan, label, onProgress);
  } finally {
    store.db.pragma(`wal_autocheckpoint = ${threshold}`);
  }
}

function writePlan(store: Store, plan: Plan, label: string, onProgress?: ImportOptions['onProgress']): number {
  const today = todayCst();
  const total = plan.counts.new + plan.counts.updated;
  const { change } = store.wp.mutate(label, (tx) => {
    const ids = new Map<number, number>();
    let done = 0;
    // New rows go in by batches (insertMany), in file order with the updates between them, so that the
    // history lists the changes in the order of the file as before.
    let batch: number[] = [];
    const flush = () => {
      if (!batch.length) return;
      const newIds = tx.insertMany(plan.table, batch.map((idx) => plan.rows[idx].values!), { valid_from: today });
      batch.forEach((idx, k) => ids.set(idx, newIds[k]));
      done += batch.length;
      batch = [];
      onProgress?.({ phase: 'commit', done, total });
    };
    plan.rows.forEach((r, idx) => {
      if (r.targetId !== null) ids.set(idx, r.targetId);
      if (r.status === 'new') {
        batch.push(idx);
        if (batch.length === 2000) flush();
      } else if (r.status === 'update' && r.values && Object.keys(r.values).length) {
        flush();
        tx.update(plan.table, r.targetId!, r.values);
        if (++done % 2000 === 0) onProgress?.({ phase: 'commit', done, total });
      }
    });
    flush();
    // References to rows of this same file, now that every row has its id.
    plan.rows.forEach((r, idx) => {
      if (!r.refs || (r.status !== 'new' && r.status !== 'update')) return;
      const patch: Record<string, number> = {};
      for (const ref of r.refs) patch[ref.field] = ids.get(ref.target)!;
      tx.update(plan.table, ids.get(idx)!, patch);
    });
  });
  onProgress?.({ phase: 'commit', done: total, total });
  return change.groupId;
}

export async function commitImport(store: Store, opts: CommitOptions): Promise<CommitOutcome> {
  const plan = await planImport(store, opts);
  let errorReportFile: string | undefined;
  if (plan.counts.rejected > 0 && opts.errorReportPath) errorReportFile = await writeErrorReport(plan, opts.errorReportPath);
  throwIfAborted(opts.signal);
  const refused = opts.allOrNothing && plan.counts.rejected > 0;
  if (opts.dryRun || refused) return { plan, committed: false, groupId: null, label: null, errorReportFile };
  if (plan.counts.new + plan.counts.updated === 0) return { plan, committed: true, groupId: null, label: null, errorReportFile };
  // Rows will be written: a copy of the register first (backups/pre-import-….sqlite), then the write.
  await (opts.backup ?? backupBeforeImport)(store);
  throwIfAborted(opts.signal);
  rememberMapping(store, plan);
  const label = importLabel(plan);
  const groupId = applyPlan(store, plan, label, opts.onProgress);
  return { plan, committed: true, groupId, label, errorReportFile };
}

export function countsOf(plan: Plan): ImportCounts {
  return { ...plan.counts };
}
