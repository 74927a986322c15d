// The context every handler gets: the shared parts from electron/api plus the database.
import type { HandlerContext } from '../api/context';
import type { FeatureHandlers } from '../api/contract';
import type { Db } from '../../db/connection';
import { auditOperator } from '../../db/access';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { StaleRecordError, type WriteContext } from '../../db/records';
import { resealIfPackage } from '../../db/audit-package/package-tables';
import { EditConflictError } from '../api/errors';
import type { SecretStore } from '../main/connection-settings';

export interface Ctx extends HandlerContext {
  db: Db;
  /** The open SQLite ledger, where the door can swap it (恢复); absent on PostgreSQL and in bare contexts. */
  ledger?: LedgerHost;
}

/** The database a door keeps open, which 恢复 can replace under the running app. */
export interface LedgerHost {
  /** The database open now; read it per call, since a restore replaces it. */
  readonly db: Db;
  /** The SQLite file (on PostgreSQL, the server's URL without its password). */
  readonly file: string;
  /**
   * Closes the database (waiting for work in progress), lets `swap` replace the file,
   * and opens it again — migrating it, as any open does. Returns the new database.
   */
  reopen(swap: () => Promise<void> | void): Promise<Db>;
  /**
   * Makes another database the working one — 设置 → 数据库连接, or 打开督导包 and back: opens
   * it, then closes the one open now. When the new one cannot be opened, the old one stays.
   */
  switchTo?(target: string): Promise<Db>;
  /** How this door connects: whether it can store a password, and why the saved server was not used at start. */
  connection?: ConnectionState;
}

export interface ConnectionState {
  /** Electron's safeStorage in the desktop app; null in browser mode. */
  secrets: SecretStore | null;
  passwordSource: 'stored' | 'entered' | 'env' | 'none';
  startupProblem: string | null;
  /** A password typed in that could not be stored (no safeStorage): kept in memory for this run only. */
  entered?: { server: string; password: string };
}

export type HandlersOf<P extends string> = FeatureHandlers<P, Ctx>;

/** Today in the clerk's own time zone, as the ledger writes dates. */
export function today(ctx: Pick<Ctx, 'clock'>): string {
  return localDate(ctx.clock.now());
}

export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Runs a write in one transaction, with the operator for the audit log: the name from 设置,
 * or on PostgreSQL the clerk's own login (db/access.ts).
 */
export async function write<T>(ctx: Ctx, work: (trx: Db, w: WriteContext) => Promise<T>): Promise<T> {
  const { operatorName } = await settingsRepository(ctx.db).get();
  const operator = await auditOperator(ctx.db, operatorName);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (trx) => {
    const result = await work(trx, { operator, now });
    // In a 督导包 the seal follows every write, in the same transaction (package-tables.ts).
    await resealIfPackage(trx, now);
    return result;
  });
}

/**
 * Runs a save made from a loaded row version; when another clerk saved first (db/records.ts
 * StaleRecordError) it is refused with 此记录已被他人修改 and the record as it is now,
 * read after the refused transaction rolled back.
 */
export async function versioned<T>(save: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await save();
  } catch (e) {
    if (e instanceof StaleRecordError) throw new EditConflictError(await current());
    throw e;
  }
}
