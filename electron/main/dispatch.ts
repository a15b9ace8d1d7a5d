// The entry point both transports call: look the name up, validate the input with its zod schema,
// run the handler, and turn any failure into a structured error with a Chinese message.
import { z } from 'zod';
import { CALLS, isCallName, type CallName } from '../../shared/contract';
import { AppError, type AppErrorShape, type CallResult } from '../../shared/errors';
import type { HandlerContext } from './context';
import { HANDLERS } from './handlers';

z.config(z.locales.zhCN());

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

export function toErrorShape(e: unknown): AppErrorShape {
  if (e instanceof AppError) return e.toJSON();
  const err = e as { code?: string; message?: string };
  if (err?.code === 'SQLITE_FULL') return { code: 'disk_full', message: '磁盘空间已满，本次修改未保存，已保存的数据不受影响。请清理磁盘后重试。' };
  if (err?.code === 'SQLITE_READONLY') return { code: 'db_readonly', message: '数据库为只读（文件夹无写入权限或位于只读位置），本次修改未保存。' };
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'conflict', message: `数据约束不满足，修改未保存：${err.message ?? ''}` };
  }
  // Unknown failures: a plain Chinese message; the technical text goes to the log, not to the user.
  console.error('[zonedesk] internal error:', e);
  return { code: 'internal', message: '内部错误，操作未完成，数据未被修改。' };
}

export async function dispatch(name: string, rawInput: unknown, ctx: HandlerContext): Promise<CallResult<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'unknown_call', message: `未知的调用：${name}` } };
  }
  const spec = CALLS[name as CallName];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    const first = details[0];
    return {
      ok: false,
      error: { code: 'invalid_input', message: `调用“${name}”的输入有误：${first.path ? `${first.path}：` : ''}${first.message}`, details },
    };
  }
  try {
    const handler = HANDLERS[name as CallName] as (input: unknown, ctx: HandlerContext) => unknown;
    const data = await handler(parsed.data, ctx);
    return { ok: true, data: data ?? null };
  } catch (e) {
    return { ok: false, error: toErrorShape(e) };
  }
}
