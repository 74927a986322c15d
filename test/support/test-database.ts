// The database a repository/service test works on: a fresh SQLite file, or — on the
// `postgres` project's run (LEDGER_TEST_ENGINE=postgres) — a fresh database on the run's
// private PostgreSQL server, copied from the migrated template in one CREATE DATABASE.
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';

export const TEMPLATE_DATABASE = 'ledger_template';

export type TestEngine = 'sqlite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.LEDGER_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

export const onPostgres = testEngine() === 'postgres';

export interface TestDatabase {
  db: Db;
  /** What `openDatabase` and the CLI's `--db` take: the SQLite file, or the database's URL. */
  target: string;
  /** Closes the connection and removes the database (the SQLite file goes with its folder). */
  drop(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated ledger database for one test: in `dir` on SQLite, on the server on PostgreSQL. */
export async function openTestDatabase(dir: string, fileName = 'ledger.sqlite'): Promise<TestDatabase> {
  if (!onPostgres) {
    const file = path.join(dir, fileName);
    const db = await openDatabase(file, { create: true });
    return { db, target: file, drop: () => db.destroy() };
  }
  const { url: target, drop } = await freshPostgresDatabase({ migrated: true });
  const db = await openDatabase(target);
  return {
    db,
    target,
    async drop() {
      await db.destroy();
      await drop();
    },
  };
}

/** The run's private PostgreSQL server (postgres project only). */
export function postgresServer(): string {
  const server = inject('postgresUrl');
  if (!server) throw new Error('LEDGER_TEST_ENGINE=postgres, but no PostgreSQL server was started (vitest globalSetup)');
  return server;
}

/** A new database on the run's server: copied from the migrated template, or empty (no tables at all). */
export async function freshPostgresDatabase(options: { migrated: boolean }): Promise<{ url: string; drop(): Promise<void> }> {
  const server = postgresServer();
  const name = `t_${process.pid}_${++counter}`;
  await createDatabase(server, name, options.migrated ? TEMPLATE_DATABASE : undefined);
  return {
    url: urlWithDatabase(server, name),
    drop: () => adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export function urlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createDatabase(server: string, name: string, template?: string): Promise<void> {
  await adminQuery(server, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
}

async function adminQuery(server: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
