// Two app instances starting at once against one new PostgreSQL database: one migrates,
// the other waits on the advisory lock and then finds nothing pending — both open, and the
// database holds one set of migrations. Runs in the postgres project.
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { migrations } from '../db/migrations';
import { freshPostgresDatabase } from './support/test-database';

const opened: Db[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const db of opened) await db.destroy();
  for (const drop of drops) await drop();
});

describe('migrating a shared PostgreSQL database', () => {
  it('lets two instances open a new database at once, and migrates it once', async () => {
    const pg = await freshPostgresDatabase({ migrated: false });
    drops.push(pg.drop);
    const [a, b] = await Promise.all([openDatabase(pg.url), openDatabase(pg.url)]);
    opened.push(a, b);
    const done = (await a('knex_migrations').orderBy('id').pluck('name')) as string[];
    expect(done).toEqual(migrations.map(([name]) => name));
    expect(await b('regions').count({ n: '*' })).toEqual([{ n: 0 }]);
    // Each instance works on the one schema: a row written by one is seen by the other.
    await a('settings').insert({ key: 'operatorName', value: '"王科员"', updated_at: '2026-11-20T10:00:00.000Z' });
    expect(await b('settings').pluck('key')).toEqual(['operatorName']);
    // Nothing left locked: a third instance opens at once.
    const c = await openDatabase(pg.url);
    opened.push(c);
    expect(await c('knex_migrations').count({ n: '*' })).toEqual([{ n: migrations.length }]);
  });
});
