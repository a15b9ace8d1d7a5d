// zonedesk reform list|check|apply|revert: the merge wizard's operations for administrators and scripts.
// apply and revert do exactly what the wizard does (same backup, same single history group); apply
// acknowledges every warning, and records them on the plan.
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { Store } from '../../db/store';
import { applyReform, checkReform, defaultReformId, listReforms, revertReform } from '../../db/reform';
import { CliError, dataDirOf, parse, type Command } from './args';

const USAGE = 'reform list|check|apply|revert --data-dir DIR [--id ID] [--json] [--resolve keep|restore]';

function out(json: boolean, data: unknown, text: string): void {
  if (json) process.stdout.write(`${JSON.stringify(data)}\n`);
  else console.log(text);
}

function latestApplied(db: Database.Database): number {
  const r = db.prepare(`SELECT id FROM reforms WHERE status = 'applied' ORDER BY applied_at DESC, id DESC LIMIT 1`).get() as { id: number } | undefined;
  if (!r) throw new AppError('not_found', '没有已实施的改革方案可撤回');
  return r.id;
}

export const reform: Command = (argv) => {
  const { values, positionals } = parse(argv, { id: { type: 'string' }, resolve: { type: 'string' } });
  const sub = positionals[0];
  if (!sub || !['list', 'check', 'apply', 'revert'].includes(sub)) throw new CliError(`用法：zonedesk ${USAGE}`);
  const json = !!values.json;
  let id: number | undefined;
  if (values.id !== undefined) {
    id = Number(values.id);
    if (!Number.isInteger(id) || id <= 0) throw new CliError(`--id 应为正整数：${String(values.id)}`);
  }
  const resolve = values.resolve as string | undefined;
  if (resolve !== undefined && resolve !== 'keep' && resolve !== 'restore') throw new CliError(`--resolve 只能为 keep 或 restore：${resolve}`);
  const store = Store.open(dataDirOf(values));
  try {
    if (sub === 'list') {
      const list = listReforms(store.db).map((r) => ({ id: r.id, name: r.name, status: r.status, effectiveDate: r.effectiveDate }));
      const zh = { draft: '草稿', applied: '已实施', reverted: '已撤回' } as const;
      out(json, list, list.length ? list.map((r) => `#${r.id}  ${r.name}  ${zh[r.status]}  生效日期 ${r.effectiveDate}`).join('\n') : '没有改革方案');
      return 0;
    }
    if (sub === 'check') {
      const c = checkReform(store, id ?? defaultReformId(store.db));
      const body = { reformId: c.reformId, counts: c.counts, problems: c.problems, results: c.results };
      process.stdout.write(`${JSON.stringify(json ? c : body, null, json ? 0 : 2)}\n`);
      return c.counts.error > 0 || c.problems.length > 0 ? 1 : 0;
    }
    if (sub === 'apply') {
      const r = applyReform(store, id ?? defaultReformId(store.db), { acknowledgedWarnings: true });
      out(json, r, `已实施改革方案 #${r.reformId}（历史记录 #${r.groupId}，${r.changeCount} 处变更，确认警告 ${r.acknowledged.length} 条）；实施前备份：${r.backupFile}`);
      return 0;
    }
    const target = id ?? latestApplied(store.db);
    let r = revertReform(store, target);
    if (!r.reverted && resolve) {
      r = revertReform(store, target, r.conflicts.map((c) => ({ table: c.table, id: c.id, field: c.field, choice: resolve as 'keep' | 'restore' })));
    }
    if (!r.reverted) {
      out(json, r, [`改革实施后有 ${r.conflicts.length} 处记录被修改，未撤回（可加 --resolve keep 保留现值，或 --resolve restore 恢复原值）：`, ...r.conflicts.map((c) => `  ${c.message}`)].join('\n'));
      return 1;
    }
    out(json, r, `已撤回改革方案 #${r.reformId}（历史记录 #${r.groupId}，${r.changeCount} 处变更${r.kept.length ? `，保留现值 ${r.kept.length} 处` : ''}）`);
    return 0;
  } finally {
    store.close();
  }
};

export const REFORM_HELP = `${USAGE.padEnd(42)}改革方案：列出、检查、实施、撤回`;
