// Two clerks on a real shared PostgreSQL server (issue 10), each with their own connection
// pool: the second save of the same record is refused with 此记录已被他人修改 — also when
// both saves are in flight at once, where only the database can decide (the second
// UPDATE waits for the first clerk's row lock, then finds the version moved on).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../electron/api/common';
import type { Args, Method, Output } from '../electron/api/contract';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { makeContext } from '../electron/main/runtime';
import { openDatabase, type Db } from '../db/connection';
import { schoolRepository } from '../db/repositories/school-repository';
import { postgresBin, startPostgres, type TestPostgres } from './support/postgres';

interface Clerk {
  db: Db;
  call<M extends Method>(method: M, args: Args<M>): Promise<Output<M>>;
  reply<M extends Method>(method: M, args: unknown): Promise<Reply<Output<M>>>;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pg-clerks-'));
const clock = { now: () => new Date('2025-03-10T10:00:00') };

async function clerk(url: string): Promise<Clerk> {
  const db = await openDatabase(url);
  const ctx = makeContext(db, dir, { error: (e) => console.error(e), info: () => undefined }, clock);
  const reply = async <M extends Method>(method: M, args: unknown) => (await dispatch(handlers, method, args, ctx)) as Reply<Output<M>>;
  return {
    db,
    reply,
    async call(method, args) {
      const r = await reply(method, args);
      if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
      return r.value;
    },
  };
}

const draftOf = (s: Output<'schools.get'>, changes: Partial<Output<'schools.get'>>) => {
  const { id: _id, createdAt: _c, updatedAt: _u, rowVersion: _v, regionName: _r, allianceCount: _a, ...draft } = { ...s, ...changes };
  return draft;
};

let pg: TestPostgres;
let a: Clerk;
let b: Clerk;
let county: string;

describe.skipIf(!postgresBin())('two clerks on one PostgreSQL server', () => {
  beforeAll(async () => {
    pg = startPostgres();
    a = await clerk(pg.url);
    b = await clerk(pg.url);
    await a.call('regions.setHome', { code: '6103' });
    county = (await b.call('regions.list', { search: '凤县' })).rows[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await a?.db.destroy();
    await b?.db.destroy();
    pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the second save with the first clerk’s values, and the audit log holds only the first change', async () => {
    const created = await a.call('schools.create', { name: '凤县双石铺镇中心小学', regionId: county, stage: 'primary', students: 600 });
    const mine = await a.call('schools.get', { id: created.id });
    const theirs = await b.call('schools.get', { id: created.id });
    await a.call('schools.update', { id: mine.id, rowVersion: mine.rowVersion, draft: draftOf(mine, { students: 640 }) });
    const refused = await b.reply('schools.update', { id: theirs.id, rowVersion: theirs.rowVersion, draft: draftOf(theirs, { students: 580, principal: '赵红' }) });
    expect(refused).toMatchObject({
      ok: false,
      code: 'edit_conflict',
      message: '此记录已被他人修改',
      current: { students: 640, principal: null, rowVersion: 2 },
    });
    expect(await b.call('schools.get', { id: created.id })).toMatchObject({ students: 640, principal: null, rowVersion: 2 });
    const updates = await a.db('audit_log').where({ entity: 'schools', record_id: created.id, action: 'update' });
    expect(updates).toHaveLength(1);
    expect(JSON.parse(String(updates[0].after))).toMatchObject({ students: 640 });
    expect((await b.call('auditLog.verify', {})) as unknown).toMatchObject({ ok: true });
  });

  it('decides two saves in flight at once in the database: the one that waited is refused', async () => {
    const created = await a.call('schools.create', { name: '凤县留凤关镇中心小学', regionId: county, stage: 'primary', students: 300 });
    const loaded = await a.call('schools.get', { id: created.id });

    // Clerk A's save is under way: its transaction has written the row and not committed.
    const trx = await a.db.transaction();
    await schoolRepository(trx).update(trx, created.id, draftOf(loaded, { students: 310 }), { operator: '甲', now: clock.now() }, loaded.rowVersion);

    // Clerk B saves from the same version meanwhile: the UPDATE waits for A's row lock.
    let settled = false;
    const pending = b
      .reply('schools.update', { id: created.id, rowVersion: loaded.rowVersion, draft: draftOf(loaded, { students: 290 }) })
      .finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);

    await trx.commit();
    expect(await pending).toMatchObject({ ok: false, code: 'edit_conflict', current: { students: 310, rowVersion: 2 } });
    expect(await a.call('schools.get', { id: created.id })).toMatchObject({ students: 310, rowVersion: 2 });
    expect(await a.db('audit_log').where({ entity: 'schools', record_id: created.id, action: 'update' })).toHaveLength(1);
  });

  it('lets the waiting save through when the first one rolls back', async () => {
    const created = await a.call('schools.create', { name: '凤县河口镇中心小学', regionId: county, stage: 'primary', students: 200 });
    const loaded = await a.call('schools.get', { id: created.id });
    const trx = await a.db.transaction();
    await schoolRepository(trx).update(trx, created.id, draftOf(loaded, { students: 210 }), { operator: '甲', now: clock.now() }, loaded.rowVersion);
    const pending = b.reply('schools.update', { id: created.id, rowVersion: loaded.rowVersion, draft: draftOf(loaded, { students: 190 }) });
    await new Promise((r) => setTimeout(r, 200));
    await trx.rollback();
    expect(await pending).toMatchObject({ ok: true, value: { students: 190, rowVersion: 2 } });
  });

  it('shows each clerk the other’s committed work in lists and counts', async () => {
    const before = (await b.call('schools.list', { regionId: county })).total;
    await a.call('schools.create', { name: '凤县坪坎镇中心小学', regionId: county, stage: 'primary' });
    expect((await b.call('schools.list', { regionId: county })).total).toBe(before + 1);
    expect(await b.call('system.stats', {})).toMatchObject({ schools: before + 1 });
  });
});
