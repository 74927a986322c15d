// The same migrations and repositories on a real PostgreSQL server (the shared-office
// door a later issue opens): the schema builds, and the foundation's writes and lists work.
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { makeContext } from '../electron/main/runtime';
import { openDatabase, type Db } from '../db/connection';
import { startPostgres, type TestPostgres } from './support/postgres';

let pg: TestPostgres;
let db: Db;
const dir = fs.mkdtempSync(`${os.tmpdir()}/ledger-pgctx-`);
const call = async (method: string, args: unknown) => {
  const r = await dispatch(handlers, method, args, makeContext(db, dir, { error: (e) => console.error(e), info: () => {} }));
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value as never;
};

beforeAll(async () => {
  pg = startPostgres();
  db = await openDatabase(pg.url);
}, 60_000);
afterAll(async () => {
  await db?.destroy();
  pg?.stop();
});

describe('on PostgreSQL', () => {
  it('builds every table of the schema', async () => {
    const tables = await db('information_schema.tables').where({ table_schema: 'public' }).pluck('table_name');
    for (const t of ['regions', 'schools', 'alliances', 'activities', 'teacher_exchanges', 'evaluations', 'audit_log', 'search_entries']) {
      expect(tables).toContain(t);
    }
  });

  it('creates regions and schools, refuses duplicates and counts them', async () => {
    await call('regions.setHome', { code: '6103' });
    const counties = (await call('regions.list', { search: '凤县' })) as { rows: { id: string }[] };
    const draft = { name: '凤县双石铺镇中心小学', regionId: counties.rows[0]!.id, stage: 'primary' };
    await call('schools.create', draft);
    const again = await dispatch(handlers, 'schools.create', draft, makeContext(db, dir, { error: () => {}, info: () => {} }));
    expect(again).toMatchObject({ ok: false, code: 'duplicate', message: '本县区已有同名学校' });
    const list = (await call('schools.list', { search: '双石铺' })) as { total: number };
    expect(list.total).toBe(1);
    expect(await call('system.stats', {})).toMatchObject({ regions: 14, schools: 1 });
  });
});
