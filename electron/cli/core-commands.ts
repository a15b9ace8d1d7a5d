// CLI commands over the register: demo, stats, verify-db, serve.
import fs from 'node:fs';
import path from 'node:path';
import { Store } from '../../db/store';
import { seedDemo } from '../../db/demo/seed';
import { computeStats } from '../../db/stats';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { AppError } from '../../shared/errors';
import { parseDateLoose } from '../../shared/text';
import { createContext } from '../main/app-context';
import { startHost } from '../host/http-host';
import { CliError, dataDirOf, parse, type Command } from './args';

export const demo: Command = (argv) => {
  const { values } = parse(argv, {});
  const dir = dataDirOf(values);
  const store = Store.open(dir, { create: true });
  try {
    seedDemo(store);
    const stats = computeStats(store.db);
    if (values.json) process.stdout.write(`${JSON.stringify({ file: store.file, agencies: stats.agencies.total })}\n`);
    else console.log(`已创建演示数据库：${store.file}（管理机构 ${stats.agencies.total} 个）`);
  } finally {
    store.close();
  }
  return 0;
};

export const stats: Command = (argv) => {
  const { values } = parse(argv, { 'as-of': { type: 'string' } });
  const rawAsOf = values['as-of'] as string | undefined;
  const asOf = rawAsOf === undefined ? undefined : parseDateLoose(rawAsOf) ?? undefined;
  if (rawAsOf !== undefined && !asOf) throw new CliError(`--as-of 应为日期，如 2022-03-15：${rawAsOf}`);
  const store = Store.open(dataDirOf(values));
  try {
    const s = computeStats(store.db, asOf);
    if (values.json) process.stdout.write(`${JSON.stringify(s)}\n`);
    else {
      console.log(`截至 ${s.asOf}：管理机构 ${s.agencies.total} 个（工业类 ${s.agencies.byGroup.industrial}），开发区 ${s.zones.total} 个，内设机构 ${s.departments.total} 个`);
    }
  } finally {
    store.close();
  }
  return 0;
};

export const verifyDb: Command = (argv) => {
  const { values } = parse(argv, {});
  const store = Store.open(dataDirOf(values));
  try {
    const integrity = store.db.pragma('integrity_check', { simple: true }) as string;
    const fk = store.db.pragma('foreign_key_check') as unknown[];
    const version = store.db.pragma('user_version', { simple: true }) as number;
    const ok = integrity === 'ok' && fk.length === 0 && version === LATEST_SCHEMA_VERSION;
    const report = { ok, file: store.file, integrity, foreignKeyProblems: fk.length, schemaVersion: version, expectedSchemaVersion: LATEST_SCHEMA_VERSION };
    if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else console.log(ok ? `数据库检查通过：${store.file}（数据结构版本 ${version}）` : `数据库检查未通过：${JSON.stringify(report)}`);
    return ok ? 0 : 1;
  } finally {
    store.close();
  }
};

/** The built renderer sits next to the CLI bundle: dist/node/cli.cjs → dist/renderer. */
export function rendererDir(): string {
  const candidates = [path.resolve(__dirname, '../renderer'), path.resolve(process.cwd(), 'dist/renderer')];
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'index.html')));
  if (!found) throw new CliError('未找到界面文件（dist/renderer）。请先运行 npm run build。');
  return found;
}

export const serve: Command = async (argv) => {
  const { values } = parse(argv, { port: { type: 'string' } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port 应为 0–65535 的整数：${String(values.port)}`);
  const ctx = createContext(dataDirOf(values));
  const host = await startHost(ctx, { port, rendererDir: rendererDir() });
  for (const w of ctx.startupWarnings) console.error(`警告：${w}`);
  console.log(`ZoneDesk listening on ${host.url}`);
  const stop = async () => {
    await host.close();
    ctx.store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise<number>(() => {}); // runs until stopped
};

export function describeError(e: unknown): string {
  if (e instanceof AppError || e instanceof CliError) return e.message;
  return `内部错误：${(e as Error).message}`;
}
