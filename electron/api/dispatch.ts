// The one dispatcher: IPC, loopback HTTP and the CLI all call it. It validates the input
// with the method's schema, calls the handler, and returns a Reply envelope.
import { z } from 'zod';
import type { Reply } from './common';
import { contract, type Handlers, type Method } from './contract';
import { AppError, EditConflictError } from './errors';
import type { HandlerContext } from './context';

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export async function dispatch<C extends HandlerContext>(
  handlers: Handlers<C>,
  method: string,
  raw: unknown,
  ctx: C,
): Promise<Reply<unknown>> {
  if (!isMethod(method)) return { ok: false, code: 'unknown_method', message: `未知的操作：${method}` };
  const parsed = contract[method].input.safeParse(raw ?? {});
  if (!parsed.success) {
    const fieldErrors = toFieldErrors(parsed.error);
    const first = Object.values(fieldErrors)[0];
    return { ok: false, code: 'invalid', message: first ? `输入有误：${first}` : '输入有误', fieldErrors };
  }
  try {
    const handler = handlers[method] as (input: unknown, ctx: C) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, ctx) };
  } catch (e) {
    return toReply(e, ctx);
  }
}

export function toReply(e: unknown, ctx: Pick<HandlerContext, 'log'>): Reply<never> {
  if (e instanceof AppError) {
    return {
      ok: false,
      code: e.code,
      message: e.message,
      ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}),
      ...(e instanceof EditConflictError ? { current: e.current } : {}),
    };
  }
  const refused = forbiddenMessage(e);
  if (refused) return { ok: false, code: 'forbidden', message: refused };
  ctx.log.error(e);
  return { ok: false, code: 'internal', message: `操作失败：${shortReason(e)}` };
}

/**
 * PostgreSQL's insufficient_privilege (42501): raised by the role triggers of migration 013
 * with a Chinese reason (需要审核员权限：…), or by a missing grant ("permission denied for …").
 */
function forbiddenMessage(e: unknown): string | null {
  const err = e as { code?: unknown; message?: unknown };
  if (err?.code !== '42501') return null;
  const message = typeof err.message === 'string' ? err.message : '';
  // knex puts the SQL before the database's own message: keep only the reason.
  const reason = /(需要(审核员|管理员)权限[^\n]*|操作日志的操作人[^\n]*)/.exec(message)?.[1];
  return reason ?? '当前登录账号没有此操作的权限，请联系管理员';
}

/** A short, stack-free reason for the user; the full error went to the log. */
function shortReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/SQLITE_BUSY|database is locked/.test(message)) return '数据库正被另一个程序使用，请稍后重试';
  if (/SQLITE_FULL|ENOSPC/.test(message)) return '磁盘空间不足';
  if (/SQLITE_READONLY|EACCES|EPERM/.test(message)) return '没有写入权限';
  return '程序内部错误，详情已记入日志';
}

export function toFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
