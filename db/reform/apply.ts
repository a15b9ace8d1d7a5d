// Applying a reform: check it (input problems and rule errors block; every warning must be acknowledged
// and is recorded), back the database up, then write the after-state in ONE history group.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ApplyOutcome } from '../../shared/reform/api-types';
import type { Store } from '../store';
import type { Tx } from '../write-path';
import { checkPlanInDb } from './check';
import { getReform, planOf } from './plans';
import { writeAfterState } from './write-after';

export interface ApplyOptions {
  /** Keys of the warnings the user has seen and accepts, or true for all of them (the CLI). */
  readonly acknowledgedWarnings?: true | readonly string[];
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').replace('Z', '').replace('.', '');
}

/** A consistent copy of the whole database, taken before anything is written (VACUUM INTO). */
export function backupBeforeApply(store: Store, reformId: number): { file: string; bytes: number } {
  const dir = path.join(path.dirname(store.file), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pre-apply-${reformId}-${stamp()}.sqlite`);
  store.db.prepare('VACUUM INTO ?').run(file);
  return { file, bytes: fs.statSync(file).size };
}

/**
 * The id the write path will give the group being recorded. Safe inside `mutate`: its transaction is
 * IMMEDIATE, so no other writer can insert a group in between, and groups are never deleted.
 */
export function nextGroupId(tx: Tx): number {
  return (tx.db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM history_group').get() as { n: number }).n;
}

export function applyReform(store: Store, reformId: number, opts: ApplyOptions = {}): ApplyOutcome {
  const d = getReform(store.db, reformId);
  if (d.status === 'applied') throw new AppError('conflict', `改革方案“${d.name}”已于${d.appliedAt ?? ''}实施，不能重复实施`);
  const plan = planOf(d);
  const { check, engine, before } = checkPlanInDb(store.db, plan, store.settings(), true);
  if (check.problems.length) {
    const more = check.problems.length > 1 ? `（另有${check.problems.length - 1}处问题）` : '';
    throw new AppError('invalid_input', `改革方案“${d.name}”有误：${check.problems[0].message}${more}。未做任何修改。`, check.problems);
  }
  const errors = check.results.filter((r) => r.severity === 'error');
  if (errors.length) {
    throw new AppError('rule_violation', `改革方案“${d.name}”有${errors.length}项错误，不能实施：${errors[0].rule} ${errors[0].message}${errors.length > 1 ? '等' : ''}。未做任何修改。`,
      errors.map((e) => ({ path: e.rule, message: e.message })));
  }
  const warnings = check.results.filter((r) => r.severity === 'warning');
  const ack = opts.acknowledgedWarnings;
  const unacknowledged = ack === true ? [] : warnings.filter((w) => !(ack ?? []).includes(w.key));
  if (unacknowledged.length) {
    throw new AppError('rule_violation', `改革方案“${d.name}”尚有${unacknowledged.length}条警告未确认（如：${unacknowledged[0].message}），请逐条确认后再实施。未做任何修改。`,
      unacknowledged.map((w) => ({ path: w.key, message: w.message })));
  }
  const acknowledged = warnings.map((w) => ({ key: w.key, rule: w.rule, message: w.message }));
  const backup = backupBeforeApply(store, reformId);
  const { before: b, after: a } = check.summary;
  const label = `实施改革方案“${d.name}”：开发区管理机构${b.total}个调整为${a.total}个`;
  const { change } = store.wp.mutate(label, (tx) => {
    writeAfterState(tx, before, engine.afterAgencies(), engine.removedAgencies(), plan);
    tx.update('reforms', reformId, {
      status: 'applied', applied_group_id: nextGroupId(tx), applied_at: new Date().toISOString(), reverted_group_id: null, reverted_at: null,
      acknowledged_warnings: JSON.stringify(acknowledged), backup_file: backup.file,
    });
  });
  store.invalidateCaches();
  return {
    reformId, groupId: change.groupId, backupFile: backup.file, backupBytes: backup.bytes, changeCount: change.changes.length, acknowledged,
  };
}
