// The built CLI as administrators run it (needs `npm run build`, which `npm test` does first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const CLI = path.resolve(__dirname, '../../dist/node/cli.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('zonedesk CLI', () => {
  it('demo + stats --json report 26 agencies, 15 industrial, by county code', () => {
    const dir = tempDir();
    expect(run('demo', '--data-dir', dir).status).toBe(0);
    const res = run('stats', '--data-dir', dir, '--json');
    expect(res.status).toBe(0);
    const stats = JSON.parse(res.stdout); // stdout carries only the JSON
    expect(stats.agencies.total).toBe(26);
    expect(stats.agencies.byGroup).toEqual({ industrial: 15, agricultural: 2, logistics: 1, tourism: 7, other: 1 });
    expect(Object.keys(stats.agencies.byCounty).sort()).toEqual(['620502', '620503', '620521', '620522', '620523', '620524', '620525']);
    expect(Object.values(stats.agencies.byCounty as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(26);
    expect(stats.zones.total).toBe(33);
    expect(stats.staffing.approved.administrative).toBeGreaterThan(0);
    expect(stats.publicInstitutions.total).toBeGreaterThanOrEqual(1);
    expect(stats.dispatchedUnits.total).toBe(7);
    expect(typeof stats.departments.total).toBe('number');
  });

  it('stats --as-of a date before the register existed counts what was in force then', () => {
    const dir = tempDir();
    run('demo', '--data-dir', dir);
    const res = run('stats', '--data-dir', dir, '--json', '--as-of', '2022年3月15日');
    expect(JSON.parse(res.stdout)).toMatchObject({ asOf: '2022-03-15', agencies: { total: 26 } });
    const bad = run('stats', '--data-dir', dir, '--json', '--as-of', '去年');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--as-of 应为日期');
    expect(bad.stdout).toBe('');
  });

  it('verify-db passes on a good file and refuses a newer or corrupt one without touching it', () => {
    const dir = tempDir();
    run('demo', '--data-dir', dir);
    const ok = run('verify-db', '--data-dir', dir, '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, integrity: 'ok', foreignKeyProblems: 0 });

    const broken = tempDir();
    const file = path.join(broken, 'zonedesk.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    const res = run('verify-db', '--data-dir', broken);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('数据库文件已损坏或不是本软件的数据文件');
    expect(fs.readFileSync(file).equals(Buffer.alloc(8192, 7))).toBe(true);
  });

  it('serve prints the one ready line and is ready quickly', async () => {
    const dir = tempDir();
    const { spawn } = await import('node:child_process');
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dir, '--port', '0']);
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', () => reject(new Error(out)));
    });
    child.kill();
    expect(line).toMatch(/^ZoneDesk listening on http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('says what is wrong with an unknown command or option, in Chinese', () => {
    const res = run('frobnicate');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('未知命令：frobnicate');
    const opt = run('stats', '--colour');
    expect(opt.status).toBe(2);
    expect(opt.stderr).toContain('参数有误');
  });
});
