// Builds the handler context for a database, shared by the three doors.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock, Logger } from '../api/context';
import type { Db } from '../../db/connection';
import type { Ctx } from '../handlers/context';

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

export function makeContext(db: Db, dataDir: string, logger: Logger, clock: Clock = systemClock): Ctx {
  return { db, dataDir, log: logger, clock };
}
