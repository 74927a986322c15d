// The context every handler gets: the shared parts from electron/api plus the database.
import type { HandlerContext } from '../api/context';
import type { FeatureHandlers } from '../api/contract';
import type { Db } from '../../db/connection';
import { settingsRepository } from '../../db/repositories/settings-repository';
import type { WriteContext } from '../../db/records';
import { resealIfPackage } from '../../db/audit-package/package-tables';

export interface Ctx extends HandlerContext {
  db: Db;
  /** The open SQLite ledger, where the door can swap it (恢复); absent on PostgreSQL and in bare contexts. */
  ledger?: LedgerHost;
}

/** The database a door keeps open, which 恢复 can replace under the running app. */
export interface LedgerHost {
  /** The database open now; read it per call, since a restore replaces it. */
  readonly db: Db;
  /** The SQLite file. */
  readonly file: string;
  /**
   * Closes the database (waiting for work in progress), lets `swap` replace the file,
   * and opens it again — migrating it, as any open does. Returns the new database.
   */
  reopen(swap: () => Promise<void> | void): Promise<Db>;
  /**
   * Makes another ledger file the working database (打开督导包 and back): opens it, then
   * closes the one open now. When the new file cannot be opened, the old one stays.
   */
  switchTo?(file: string): Promise<Db>;
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

/** Runs a write in one transaction, with the operator's name from 设置 for the audit log. */
export async function write<T>(ctx: Ctx, work: (trx: Db, w: WriteContext) => Promise<T>): Promise<T> {
  const { operatorName } = await settingsRepository(ctx.db).get();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (trx) => {
    const result = await work(trx, { operator: operatorName, now });
    // In a 督导包 the seal follows every write, in the same transaction (package-tables.ts).
    await resealIfPackage(trx, now);
    return result;
  });
}
