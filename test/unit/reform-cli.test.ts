// zonedesk reform … as administrators run it: the built CLI (needs `npm run build`, which `npm test` does
// first) on a demo data folder, with stats before and after.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const CLI = path.resolve(__dirname, '../../dist/node/cli.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
const stats = (dir: string, ...extra: string[]) => {
  const res = run('stats', '--data-dir', dir, '--json', ...extra);
  expect(res.status, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as { agencies: { total: number; byGroup: Record<string, number> } };
};

describe('zonedesk reform', () => {
  it('list, check, apply (23 / 6), as-of the day before (26 / 15), revert (26 / 15)', () => {
    const dir = tempDir();
    expect(run('demo', '--data-dir', dir).status).toBe(0);

    const list = run('reform', 'list', '--data-dir', dir, '--json');
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([{ id: 1, name: '天水市开发区管理机构优化整合', status: 'draft', effectiveDate: '2022-03-16' }]);

    const check = run('reform', 'check', '--data-dir', dir, '--json');
    expect(check.status, check.stdout).toBe(0); // warnings only
    const report = JSON.parse(check.stdout);
    expect(report.counts.error).toBe(0);
    expect(report.results.every((r: { source: string }) => r.source.length > 0)).toBe(true);

    const apply = run('reform', 'apply', '--data-dir', dir, '--json');
    expect(apply.status, apply.stderr).toBe(0);
    const applied = JSON.parse(apply.stdout);
    expect(fs.existsSync(applied.backupFile)).toBe(true);
    expect(path.dirname(applied.backupFile)).toBe(path.join(dir, 'backups'));
    expect(applied.acknowledged.length).toBe(report.counts.warning);

    expect(stats(dir).agencies).toMatchObject({ total: 23, byGroup: { industrial: 6 } });
    expect(stats(dir, '--as-of', '2022-03-15').agencies).toMatchObject({ total: 26, byGroup: { industrial: 15 } });
    expect(stats(dir, '--as-of', '2022-03-16').agencies.total).toBe(23);
    expect(JSON.parse(run('reform', 'list', '--data-dir', dir, '--json').stdout)[0].status).toBe('applied');

    const again = run('reform', 'apply', '--data-dir', dir, '--id', '1');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('不能重复实施');

    const revert = run('reform', 'revert', '--data-dir', dir, '--json');
    expect(revert.status, revert.stderr).toBe(0);
    expect(JSON.parse(revert.stdout)).toMatchObject({ reverted: true, reformId: 1 });
    expect(stats(dir).agencies).toMatchObject({ total: 26, byGroup: { industrial: 15 } });
    expect(stats(dir, '--as-of', '2022-03-15').agencies).toMatchObject({ total: 26, byGroup: { industrial: 15 } });
  });

  it('check exits non-zero on errors only; bad arguments are refused in Chinese', () => {
    const dir = tempDir();
    run('demo', '--data-dir', dir);
    const none = run('reform', 'check', '--data-dir', dir, '--id', '99');
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain('改革方案不存在');
    const bad = run('reform', 'frobnicate', '--data-dir', dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('用法');
    const text = run('reform', 'list', '--data-dir', dir);
    expect(text.stdout).toContain('#1  天水市开发区管理机构优化整合  草稿  生效日期 2022-03-16');
  });
});
