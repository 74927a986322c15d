// `copy --from SOURCE --to TARGET`: a whole ledger from a SQLite file into an empty
// PostgreSQL database (moving an office onto the server), or back into a new file. Either
// side is a file or a postgres:// URL (the password in the URL or in PGPASSWORD). The
// target is migrated, must hold no records, and is checked table by table after the copy
// (electron/services/copy). Progress goes to stderr; the summary to stdout.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../api/errors';
import { acquireDataLock, DataLockBusyError, type DataLock } from '../main/data-lock';
import { copyLedger, type CopyResult } from '../services/copy';
import { isPostgresUrl, openDatabase } from '../../db/connection';

type Flags = Record<string, string | boolean | undefined>;

export const copyOptions = {
  from: { type: 'string' },
  to: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface CopyCliParts {
  usage(message: string): Error;
  refused(message: string, fieldErrors?: Record<string, string>, code?: string): Error;
}

/** What a URL or file is called in messages: never the password. */
export function describeTarget(target: string): string {
  if (!isPostgresUrl(target)) return target;
  const u = new URL(target);
  if (u.password) u.password = '***';
  return u.toString();
}

export async function runCopy(flags: Flags, positionals: string[], parts: CopyCliParts): Promise<number> {
  if (positionals.length) throw parts.usage(`多余的参数：${positionals.join(' ')}`);
  const from = flags.from;
  const to = flags.to;
  if (typeof from !== 'string' || !from) throw parts.usage('缺少 --from 参数（源：数据库文件或 postgres:// 地址）');
  if (typeof to !== 'string' || !to) throw parts.usage('缺少 --to 参数（目标：空的 PostgreSQL 数据库 postgres://… 或新的数据库文件）');
  if (from === to) throw parts.refused('源和目标是同一个数据库');
  if (!isPostgresUrl(to) && fs.existsSync(to) && !isPostgresUrl(from) && path.resolve(from) === path.resolve(to)) {
    throw parts.refused('源和目标是同一个数据库');
  }
  const say = (line: string) => {
    if (!flags.json) process.stderr.write(`${line}\n`);
  };

  // Nobody may have a target file's data folder open while the ledger is written into it.
  let lock: DataLock | null = null;
  if (!isPostgresUrl(to)) {
    fs.mkdirSync(path.dirname(path.resolve(to)), { recursive: true });
    try {
      lock = acquireDataLock(path.dirname(path.resolve(to)));
    } catch (e) {
      if (e instanceof DataLockBusyError) throw parts.refused(e.message, undefined, 'conflict');
      throw e;
    }
  }
  try {
    say(`打开源数据库：${describeTarget(from)}`);
    const source = await openDatabase(from);
    try {
      say(`打开目标数据库并建立表结构：${describeTarget(to)}`);
      const target = await openDatabase(to, { create: true });
      let result: CopyResult;
      try {
        result = await copyLedger(source, target, { progress: say });
      } catch (e) {
        if (e instanceof AppError) throw parts.refused(e.message, e.fieldErrors, e.code);
        throw e;
      } finally {
        await target.destroy();
      }
      const seconds = result.ms / 1000;
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ from: describeTarget(from), to: describeTarget(to), ...result })}\n`);
      } else {
        const width = Math.max(...result.tables.map((t) => t.table.length));
        const lines = result.tables.map((t) => `  ${t.table.padEnd(width)}  ${String(t.targetRows).padStart(8)} 行  ${t.targetChecksum.slice(0, 16)}  一致`);
        process.stdout.write(
          `复制完成：${result.rows} 行，用时 ${seconds.toFixed(1)} 秒（${Math.round(result.rows / Math.max(seconds, 0.001))} 行/秒）。各表行数与校验和：\n${lines.join('\n')}\n`,
        );
      }
      return 0;
    } finally {
      await source.destroy();
    }
  } finally {
    lock?.release();
  }
}
