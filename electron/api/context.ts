// What a handler receives besides its input. Time comes from a clock so that overdue and
// reminder logic can be tested for any day.
import type { Progress } from './common';

export interface Clock {
  /** The current instant. */
  now(): Date;
}

export interface Logger {
  error(e: unknown): void;
  info(message: string): void;
}

/** What every door provides; electron/handlers extends it with the database. */
export interface HandlerContext {
  clock: Clock;
  log: Logger;
  /** The data folder (attachments, backups). */
  dataDir: string;
  /** Long work reports progress here and stops when the signal aborts. */
  progress?: (p: Progress) => void;
  signal?: AbortSignal;
}
