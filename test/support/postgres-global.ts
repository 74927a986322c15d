// Vitest globalSetup of the `postgres` project: ONE private PostgreSQL server for the whole
// run (test/support/postgres.ts), with a template database the migrations have built once,
// so each test ledger is a quick CREATE DATABASE … TEMPLATE. Stopped when the run ends.
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/connection';
import { startPostgres } from './postgres';
import { createDatabase, TEMPLATE_DATABASE, urlWithDatabase } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The private server's URL (its `ledger` database); '' on the SQLite run. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const pg = startPostgres();
  try {
    await createDatabase(pg.url, TEMPLATE_DATABASE);
    const db = await openDatabase(urlWithDatabase(pg.url, TEMPLATE_DATABASE));
    await db.destroy();
  } catch (e) {
    pg.stop();
    throw e;
  }
  console.log(`[postgres] 测试用 PostgreSQL 已启动，模板库已迁移（${Date.now() - started} ms）：${pg.url}`);
  project.provide('postgresUrl', pg.url);
  // An interrupted run (Ctrl+C, a CI timeout) must not leave the server running.
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    pg.stop();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  process.once('exit', stop);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('exit', stop);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stop();
  };
}
