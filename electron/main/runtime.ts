// Builds the handler context for a database, shared by the three doors.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock, Logger } from '../api/context';
import type { Db } from '../../db/connection';
import { openDatabase, sqliteFileOf, type OpenOptions } from '../../db/connection';
import type { Ctx, LedgerHost } from '../handlers/context';

export const systemClock: Clock = { now: () => new Date() };

/** Unexpected errors go to the log file in full; the user sees a short message. */
export function fileLogger(file: string | null): Logger {
  const append = (line: string) => {
    if (!file) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
    } catch {
      // A log that cannot be written must not take the app down.
    }
  };
  return {
    error: (e) => {
      const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
      append(`ERROR ${text}`);
      if (process.env.LEDGER_LOG_STDERR) process.stderr.write(`${text}\n`);
    },
    info: (message) => append(`INFO ${message}`),
  };
}

export function makeContext(db: Db, dataDir: string, logger: Logger, clock: Clock = systemClock, ledger?: LedgerHost): Ctx {
  return { db, dataDir, log: logger, clock, ...(ledger ? { ledger } : {}) };
}

export interface OpenLedger extends LedgerHost {
  close(): Promise<void>;
}

/**
 * Opens the ledger a door serves and keeps it swappable: 恢复 closes it, replaces the file
 * and opens it again; every call after that reads the new `db`.
 */
export async function openLedger(file: string, options: OpenOptions = {}): Promise<OpenLedger> {
  let db: Db | null = await openDatabase(file, options);
  let resolved = sqliteFileOf(db) ?? file;
  // Swaps run one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get db(): Db {
      if (!db) throw new Error('数据库正在恢复，请稍后再试');
      return db;
    },
    get file() {
      return resolved;
    },
    switchTo(next) {
      const done = queue.then(async () => {
        const opened = await openDatabase(next);
        const old = db;
        db = opened;
        resolved = sqliteFileOf(opened) ?? next;
        await old?.destroy();
        return opened;
      });
      queue = done.catch(() => undefined);
      return done;
    },
    reopen(swap) {
      const next = queue.then(async () => {
        const old = db;
        db = null;
        await old?.destroy();
        await swap();
        db = await openDatabase(resolved, options);
        return db;
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      await queue;
      const old = db;
      db = null;
      await old?.destroy();
    },
  };
}
