// A small world for a test: a fresh ledger (a SQLite file in a temporary folder, or on the
// `postgres` project's run a fresh PostgreSQL database — test/support/test-database.ts),
// a fixed clock, and `call` going through the real dispatcher (validation included).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Reply } from '../../electron/api/common';
import type { Clock } from '../../electron/api/context';
import type { Args, Method, Output } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/handlers';
import type { Ctx } from '../../electron/handlers/context';
import { makeContext } from '../../electron/main/runtime';
import type { Db } from '../../db/connection';
import { openTestDatabase } from './test-database';

export interface TestLedger {
  db: Db;
  /** The data folder (attachments, exports); on SQLite the database file lives in it. */
  dir: string;
  /** What `openDatabase` and the CLI's `--db` take: the SQLite file, or the PostgreSQL database's URL. */
  file: string;
  ctx: Ctx;
  clock: { set(iso: string): void } & Clock;
  /** Calls a method and returns its value; throws with the Chinese message on refusal. */
  call<M extends Method>(method: M, args: Args<M>): Promise<Output<M>>;
  /** Calls a method and returns the raw reply envelope. */
  reply<M extends Method>(method: M, args: unknown): Promise<Reply<Output<M>>>;
  close(): Promise<void>;
}

export async function makeLedger(options: { today?: string } = {}): Promise<TestLedger> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
  const { db, target: file, drop } = await openTestDatabase(dir);
  let now = new Date(`${options.today ?? '2026-11-22'}T10:00:00`);
  const clock = { now: () => now, set: (iso: string) => (now = new Date(iso.length === 10 ? `${iso}T10:00:00` : iso)) };
  const errors: unknown[] = [];
  const ctx = makeContext(db, dir, { error: (e) => errors.push(e), info: () => undefined }, clock);
  const reply = async <M extends Method>(method: M, args: unknown) =>
    (await dispatch(handlers, method, args, ctx)) as Reply<Output<M>>;
  return {
    db,
    dir,
    file,
    ctx,
    clock,
    reply,
    async call(method, args) {
      const r = await reply(method, args);
      if (!r.ok) {
        const detail = r.fieldErrors ? ` ${JSON.stringify(r.fieldErrors)}` : '';
        throw new Error(`${r.code}: ${r.message}${detail}${errors.length ? ` (logged: ${String(errors[0])})` : ''}`);
      }
      return r.value;
    },
    async close() {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A ledger with Baoji's counties created the way the first-run screen does it. */
export async function makeBaojiLedger(options: { today?: string } = {}) {
  const ledger = await makeLedger(options);
  await ledger.call('regions.setHome', { code: '6103' });
  const counties = await ledger.call('regions.list', { level: 'county', pageSize: 100 });
  const county = (name: string) => {
    const found = counties.rows.find((r) => r.name === name);
    if (!found) throw new Error(`no county ${name}`);
    return found.id;
  };
  return Object.assign(ledger, { county });
}
