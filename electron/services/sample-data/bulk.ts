// Bulk writing inside the one transaction of a sample load: rows are buffered and sent as
// multi-row INSERT statements of at most 500 rows, and every flush is a point where the
// load can be cancelled (the transaction then rolls back and nothing is written).
//
// Statements are pipelined: while SQLite executes one chunk on its worker thread, the
// next chunk is generated on the main thread. They still run one at a time and in the
// order they were sent, so parents are always written before the rows that refer to them.
// On SQLite the transaction's own connection is used directly with prepared statements
// (a full 500-row INSERT is parsed once per table, not once per chunk).
import type { Knex } from 'knex';
import type { Progress } from '../../api/common';
import { cancelled } from '../../api/errors';

/** SQLite allows 32,766 bound values per statement; stay well inside it. */
const MAX_VALUES = 30_000;
const MAX_ROWS = 500;
/** Statements sent but not yet finished before the generator waits. */
const IN_FLIGHT = 3;

export interface LoadContext {
  trx: Knex;
  /** created_at / updated_at of every row. */
  stamp: string;
  /** Throws `cancelled()` when the caller has aborted. */
  check(): void;
  progress(phase: string, done: number, total: number): void;
  /** Sends an INSERT; resolves once few enough statements are still pending. */
  exec(sql: string, values: unknown[]): Promise<void>;
  /** Waits for every statement sent; throws the first failure. Call before reading. */
  drain(): Promise<void>;
  /** After a failure: waits for what is running, skips the rest, frees prepared statements. */
  settle(): Promise<void>;
}

interface SqliteStatement {
  run(params: unknown[], cb: (err: Error | null) => void): void;
  finalize(cb?: () => void): void;
}
interface SqliteConnection {
  prepare(sql: string, cb: (err: Error | null) => void): SqliteStatement;
}

export async function loadContext(
  trx: Knex,
  stamp: string,
  options: { progress?: (p: Progress) => void; signal?: AbortSignal },
): Promise<LoadContext> {
  const sqlite = trx.client.config.client !== 'pg';
  // Inside a knex transaction, acquireConnection hands back the transaction's connection.
  const conn = sqlite ? ((await trx.client.acquireConnection()) as SqliteConnection) : null;
  const prepared = new Map<string, Promise<SqliteStatement>>();
  let tail: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  let failure: unknown = null;
  let lastReport = 0;

  function statement(sql: string): Promise<SqliteStatement> {
    let p = prepared.get(sql);
    if (!p) {
      p = new Promise((resolve, reject) => {
        const stmt = conn!.prepare(sql, (err) => (err ? reject(err) : resolve(stmt)));
      });
      prepared.set(sql, p);
    }
    return p;
  }

  async function run(sql: string, values: unknown[]): Promise<void> {
    if (!conn) {
      await trx.raw(sql, values as Knex.RawBinding[]);
      return;
    }
    const stmt = await statement(sql);
    await new Promise<void>((resolve, reject) => stmt.run(values, (err) => (err ? reject(err) : resolve())));
  }

  async function finalizeAll(): Promise<void> {
    const all = [...prepared.values()];
    prepared.clear();
    for (const p of all) {
      const stmt = await p.catch(() => null);
      if (stmt) await new Promise<void>((resolve) => stmt.finalize(() => resolve()));
    }
  }

  return {
    trx,
    stamp,
    check() {
      if (options.signal?.aborted) throw cancelled();
    },
    progress(phase, done, total) {
      if (!options.progress) return;
      // Reports are cheap but not free: at most ten a second, plus every phase's ends.
      const now = Date.now();
      if (done !== 0 && done < total && now - lastReport < 100) return;
      lastReport = now;
      options.progress({ phase, done: Math.min(done, total), total });
    },
    async exec(sql, values) {
      if (failure) throw failure;
      const p = tail.then(() => (failure ? undefined : run(sql, values))).catch((e: unknown) => {
        failure ??= e;
      });
      tail = p;
      inFlight.push(p);
      while (inFlight.length > IN_FLIGHT) await inFlight.shift();
      if (failure) throw failure;
    },
    async drain() {
      await tail;
      inFlight.length = 0;
      if (failure) throw failure;
      await finalizeAll();
    },
    async settle() {
      failure ??= cancelled();
      await tail;
      inFlight.length = 0;
      await finalizeAll();
    },
  };
}

/**
 * Buffers rows of one table. `add` returns true when the buffer is full: the caller then
 * awaits `flush()` (kept synchronous otherwise so that generating rows stays fast).
 */
export class TableWriter {
  private values: unknown[] = [];
  private rows = 0;
  private readonly chunk: number;
  private readonly fullSql: string;
  private readonly parents: TableWriter[] = [];
  count = 0;

  constructor(
    private readonly ctx: LoadContext,
    readonly table: string,
    private readonly columns: readonly string[],
    /** Adds created_at / updated_at after the given columns (record tables). */
    private readonly stamped = true,
    /** SQL for each column's value, '?' unless given (e.g. to_tsvector('simple', ?)). */
    private readonly valueSql?: readonly string[],
  ) {
    const width = columns.length + (stamped ? 2 : 0);
    this.chunk = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VALUES / width)));
    this.fullSql = this.sql(this.chunk);
  }

  add(row: readonly unknown[]): boolean {
    if (row.length !== this.columns.length) {
      throw new Error(`${this.table}: expected ${this.columns.length} values, got ${row.length}`);
    }
    for (const v of row) this.values.push(v === undefined ? null : v);
    if (this.stamped) this.values.push(this.ctx.stamp, this.ctx.stamp);
    this.rows++;
    return this.rows >= this.chunk;
  }

  /** Rows of this table refer to rows of `parent`: the parent's buffer is written first. */
  after(parent: TableWriter): this {
    this.parents.push(parent);
    return this;
  }

  async flush(): Promise<void> {
    this.ctx.check();
    if (this.rows === 0) return;
    for (const p of this.parents) await p.flush();
    const sql = this.rows === this.chunk ? this.fullSql : this.sql(this.rows);
    const values = this.values;
    const n = this.rows;
    this.values = [];
    this.rows = 0;
    await this.ctx.exec(sql, values);
    this.count += n;
  }

  private sql(rows: number): string {
    const cols = this.stamped ? [...this.columns, 'created_at', 'updated_at'] : [...this.columns];
    const one = `(${cols.map((_, i) => this.valueSql?.[i] ?? '?').join(',')})`;
    return `INSERT INTO ${this.table} (${cols.join(', ')}) VALUES ${Array(rows).fill(one).join(',')}`;
  }
}

/** Adds a row and flushes when the writer is full. */
export async function put(writer: TableWriter, row: readonly unknown[]): Promise<void> {
  if (writer.add(row)) await writer.flush();
}
