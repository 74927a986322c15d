// Many rows into one table inside the caller's transaction, for bulk writes (imports). On
// SQLite the transaction's own connection runs one prepared multi-row INSERT per chunk:
// parsing an INSERT of thousands of placeholders costs more than running it, so each
// statement shape is parsed once, not once per chunk. On PostgreSQL, multi-row INSERTs.
import type { Knex } from 'knex';

/** SQLite allows 32,766 bound values per statement; stay inside it. */
const MAX_VALUES = 30_000;
const MAX_ROWS = 500;

interface SqliteStatement {
  run(params: unknown[], cb: (err: Error | null) => void): void;
  finalize(cb?: () => void): void;
}
interface SqliteConnection {
  prepare(sql: string, cb: (err: Error | null) => void): SqliteStatement;
}

const cell = (v: unknown) => (typeof v === 'boolean' ? Number(v) : v === undefined ? null : v);

/** Inserts `rows` (each an array of values in `columns` order) into `table`. */
export async function insertRows(trx: Knex, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const chunk = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VALUES / columns.length)));
  const one = `(${columns.map(() => '?').join(',')})`;
  const sqlFor = (n: number) => `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array(n).fill(one).join(',')}`;
  if (trx.client.config.client === 'pg') {
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await trx.raw(sqlFor(part.length), part.flat().map(cell) as Knex.RawBinding[]);
    }
    return;
  }
  // Inside a knex transaction, acquireConnection hands back the transaction's connection.
  const conn = (await trx.client.acquireConnection()) as SqliteConnection;
  const statements = new Map<number, SqliteStatement>();
  const prepare = (n: number) =>
    new Promise<SqliteStatement>((resolve, reject) => {
      const stmt = conn.prepare(sqlFor(n), (err) => (err ? reject(err) : resolve(stmt)));
    });
  // Up to three chunks are handed to SQLite at once: the next chunk's values are bound on
  // this thread while SQLite runs the one before (one statement's runs stay in order).
  let inFlight: Promise<void>[] = [];
  const settle = async () => {
    const results = await Promise.allSettled(inFlight);
    inFlight = [];
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  };
  try {
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      let stmt = statements.get(part.length);
      if (!stmt) {
        await settle(); // a different statement: what was sent before runs first
        stmt = await prepare(part.length);
        statements.set(part.length, stmt);
      }
      const values: unknown[] = [];
      for (const row of part) for (const v of row) values.push(cell(v));
      const running = stmt;
      inFlight.push(new Promise<void>((resolve, reject) => running.run(values, (err) => (err ? reject(err) : resolve()))));
      if (inFlight.length >= 3) {
        const oldest = inFlight.shift()!;
        try {
          await oldest;
        } catch (e) {
          await Promise.allSettled(inFlight);
          inFlight = [];
          throw e;
        }
      }
    }
    await settle();
  } finally {
    await Promise.all([...statements.values()].map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
  }
}
