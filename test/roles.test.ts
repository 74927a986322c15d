// Who may do what on a shared PostgreSQL server: each clerk connects with their own login,
// and the database itself — not only the app — refuses locking, restoring and settings to
// a login whose group role does not allow them. The audit log names each login.
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../electron/api/common';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { makeContext } from '../electron/main/runtime';
import { openDatabase, type Db } from '../db/connection';
import { startPostgres, type TestPostgres } from './support/postgres';
import { addLogin } from './support/postgres-logins';
import { makeLedger } from './support/ledger';

let pg: TestPostgres;
const dir = fs.mkdtempSync(`${os.tmpdir()}/ledger-roles-`);
const clock = { now: () => new Date('2026-11-23T09:00:00') };
const dbs: Record<'owner' | 'wang' | 'li' | 'zhao', Db> = {} as never;
const ids = { school: '', evaluation: '', evaluation2: '' };

type Who = keyof typeof dbs;
const reply = (who: Who, method: string, args: unknown): Promise<Reply<any>> =>
  dispatch(handlers, method, args, makeContext(dbs[who], dir, { error: () => {}, info: () => {} }, clock));
const call = async (who: Who, method: string, args: unknown): Promise<any> => {
  const r = await reply(who, method, args);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
};
const loginUrl = (user: string) => pg.url.replace('//ledger@', `//${user}:${user}-secret@`);

beforeAll(async () => {
  pg = startPostgres();
  dbs.owner = await openDatabase(pg.url);
  // The administrator's setup (README): one login per clerk, each granted one group role.
  await addLogin(dbs.owner, 'wang', 'wang-secret', 'ledger_clerk');
  await addLogin(dbs.owner, 'li', 'li-secret', 'ledger_reviewer');
  await addLogin(dbs.owner, 'zhao', 'zhao-secret', 'ledger_admin');
  dbs.wang = await openDatabase(loginUrl('wang'));
  dbs.li = await openDatabase(loginUrl('li'));
  dbs.zhao = await openDatabase(loginUrl('zhao'));

  await call('owner', 'regions.setHome', { code: '6103' });
  const county = (await call('owner', 'regions.list', { search: '凤县' })).rows[0].id as string;
  const school = async (name: string) => (await call('owner', 'schools.create', { name, regionId: county, stage: 'primary' })).id as string;
  ids.school = await school('凤县双石铺镇中心小学');
  const a = (await call('owner', 'alliances.create', { name: '凤州联盟', kind: 'school_alliance', leadSchoolId: await school('凤州小学'), establishedOn: '2024-09-01' })).id;
  const b = (await call('owner', 'alliances.create', { name: '留凤关联盟', kind: 'school_alliance', leadSchoolId: await school('留凤关小学'), establishedOn: '2024-09-01' })).id;
  const t = await call('owner', 'evaluationTemplates.create', {
    name: '凤县联盟考核', targetType: 'alliance', totalScore: 10,
    gradeBands: [{ name: '合格', min: 6 }, { name: '不合格', min: 0 }],
    indicators: [{ name: '管理', maxScore: 10 }],
  });
  const leaf = t.indicators[0].id as string;
  for (const [target, key] of [[a, 'evaluation'], [b, 'evaluation2']] as const) {
    const e = await call('owner', 'evaluations.start', { templateId: t.id, year: 2026, targetId: target });
    await call('owner', 'evaluations.submit', { id: e.id, rowVersion: e.rowVersion, scores: { [leaf]: { score: 8, note: null } } });
    ids[key] = e.id;
  }
}, 90_000);

afterAll(async () => {
  for (const db of Object.values(dbs)) await db?.destroy();
  pg?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a clerk (ledger_clerk)', () => {
  it('keeps the ledger and is named by login in the audit log', async () => {
    const { regionId, rowVersion } = await call('wang', 'schools.get', { id: ids.school });
    const renamed = await call('wang', 'schools.update', { id: ids.school, rowVersion, draft: { name: '凤县双石铺镇中心小学（新校区）', regionId, stage: 'primary' } });
    await call('wang', 'schools.update', { id: ids.school, rowVersion: renamed.rowVersion, draft: { name: '凤县双石铺镇中心小学', regionId, stage: 'primary' } });
    await call('wang', 'schools.delete', { id: ids.school });
    const log = await call('wang', 'auditLog.list', { recordId: ids.school });
    expect(log.rows.map((r: { operator: string; action: string }) => `${r.operator} ${r.action}`)).toEqual(expect.arrayContaining(['wang update', 'wang delete']));
  });

  it('is told it needs a reviewer to lock, and the evaluation stays submitted', async () => {
    expect(await reply('wang', 'evaluations.lock', { id: ids.evaluation })).toEqual({
      ok: false, code: 'forbidden', message: '需要审核员权限：锁定或解锁考核评价（当前登录：wang）',
    });
    expect(await reply('wang', 'evaluations.lockAll', { templateId: (await call('wang', 'evaluations.get', { id: ids.evaluation })).templateId, year: 2026 }))
      .toMatchObject({ ok: false, code: 'forbidden' });
    expect((await call('wang', 'evaluations.get', { id: ids.evaluation })).status).toBe('submitted');
  });

  it('cannot lock through its own connection either: the database refuses the SQL', async () => {
    await expect(dbs.wang('evaluations').where({ id: ids.evaluation }).update({ status: 'locked', locked_at: '2026-11-23T01:00:00Z' }))
      .rejects.toMatchObject({ code: '42501', message: expect.stringContaining('需要审核员权限') });
    await expect(dbs.wang('evaluations').where({ id: ids.evaluation }).update({ locked_at: '2026-11-23T01:00:00Z' })).rejects.toMatchObject({ code: '42501' });
  });

  it('cannot restore from 回收站, by the app or by SQL', async () => {
    expect(await reply('wang', 'recycleBin.restore', { entity: 'schools', id: ids.school })).toMatchObject({
      ok: false, code: 'forbidden', message: expect.stringContaining('需要审核员权限：从回收站恢复'),
    });
    await expect(dbs.wang('schools').where({ id: ids.school }).update({ deleted_at: null })).rejects.toMatchObject({ code: '42501' });
    expect((await dbs.owner('schools').where({ id: ids.school }).first('deleted_at')).deleted_at).not.toBeNull();
  });

  it('cannot change settings, by the app or by SQL, and settings stay as they were', async () => {
    expect(await reply('wang', 'settings.update', { reportingUnit: '王某的单位' })).toEqual({
      ok: false, code: 'forbidden', message: '需要管理员权限：修改设置（当前登录：wang）',
    });
    await expect(dbs.wang('settings').insert({ key: 'reportingUnit', value: '"王某"', updated_at: 'x' }).onConflict('key').merge()).rejects.toMatchObject({ code: '42501' });
    await expect(dbs.wang('settings').delete()).rejects.toMatchObject({ code: '42501' });
    await expect(dbs.wang.raw('TRUNCATE settings')).rejects.toMatchObject({ code: '42501' });
    expect((await call('wang', 'settings.get', {})).reportingUnit).toBe('');
  });

  it('cannot write an audit row in someone else\'s name, nor touch the schema or the migrations', async () => {
    const row = { id: 'forged', at: '2026-11-23', operator: 'zhao', entity: 'schools', record_id: 'x', action: 'update', seq: 999999, prev_hash: 'x', hash: 'x' };
    await expect(dbs.wang('audit_log').insert(row)).rejects.toMatchObject({ code: '42501' });
    await expect(dbs.wang.raw('DROP TABLE schools CASCADE')).rejects.toMatchObject({ code: '42501' });
    await expect(dbs.wang('knex_migrations').delete()).rejects.toMatchObject({ code: '42501' });
  });

  it('reports what it may do, so the app hides the rest', async () => {
    expect((await call('wang', 'system.status', {})).access).toEqual({
      engine: 'postgres', login: 'wang', role: 'clerk', canLock: false, canRestore: false, canEditSettings: false,
    });
  });
});

describe('a reviewer (ledger_reviewer)', () => {
  it('locks evaluations and restores from 回收站, named in the audit log', async () => {
    expect((await call('li', 'evaluations.lock', { id: ids.evaluation })).status).toBe('locked');
    await call('li', 'recycleBin.restore', { entity: 'schools', id: ids.school });
    expect((await call('li', 'schools.get', { id: ids.school })).name).toBe('凤县双石铺镇中心小学');
    const log = await call('li', 'auditLog.list', { operator: 'li' });
    expect(log.rows.map((r: { entity: string; action: string }) => `${r.entity} ${r.action}`)).toEqual(
      expect.arrayContaining(['evaluations update', 'schools restore']),
    );
  });

  it('may not change settings', async () => {
    expect(await reply('li', 'settings.update', { coverageTarget: 90 })).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('需要管理员权限') });
    expect((await call('li', 'system.status', {})).access).toEqual({
      engine: 'postgres', login: 'li', role: 'reviewer', canLock: true, canRestore: true, canEditSettings: false,
    });
  });
});

describe('an administrator (ledger_admin)', () => {
  it('changes settings, locks and restores, and the audit log shows every login', async () => {
    expect((await call('zhao', 'settings.update', { reportingUnit: '凤县教育局' })).reportingUnit).toBe('凤县教育局');
    expect((await call('zhao', 'evaluations.lock', { id: ids.evaluation2 })).status).toBe('locked');
    expect((await call('zhao', 'system.status', {})).access).toMatchObject({ login: 'zhao', role: 'admin', canLock: true, canRestore: true, canEditSettings: true });
    const operators = (await dbs.owner('audit_log').distinct('operator').pluck('operator')).sort();
    expect(operators).toEqual(['ledger', 'li', 'wang', 'zhao']);
    expect(await call('zhao', 'auditLog.verify', {})).toMatchObject({ ok: true, firstBroken: null });
  });

  it('leaves the owner who runs migrations able to do everything', async () => {
    expect((await call('owner', 'system.status', {})).access).toEqual({
      engine: 'postgres', login: 'ledger', role: 'owner', canLock: true, canRestore: true, canEditSettings: true,
    });
  });
});

describe('several ledgers on one server', () => {
  it('migrate at the same moment and share the server\'s roles', async () => {
    // A fresh server, so that the roles are created by whichever migration comes first.
    const fresh = startPostgres();
    const admin = await openDatabase(fresh.url, { migrations: [] });
    const names = ['ledger_a', 'ledger_b', 'ledger_c', 'ledger_d'];
    for (const n of names) await admin.raw(`CREATE DATABASE ${n}`);
    await admin.destroy();
    const opened = await Promise.all(names.map((n) => openDatabase(fresh.url.replace(/\/ledger$/, `/${n}`))));
    try {
      for (const db of opened) {
        const { rows } = await db.raw(`SELECT has_table_privilege('ledger_clerk', 'schools', 'UPDATE') AS may`);
        expect(rows[0].may).toBe(true);
      }
    } finally {
      await Promise.all(opened.map((db) => db.destroy()));
      fresh.stop();
    }
  }, 60_000);
});

describe('on SQLite', () => {
  it('lets the one clerk at the desk do everything, and names them from 设置 in the audit log', async () => {
    const ledger = await makeLedger();
    try {
      expect((await ledger.call('system.status', {})).access).toEqual({
        engine: 'sqlite', login: null, role: 'owner', canLock: true, canRestore: true, canEditSettings: true,
      });
      await ledger.call('settings.update', { operatorName: '王老师' });
      await ledger.call('settings.update', { reportingUnit: '凤县教育局' });
      const log = await ledger.call('auditLog.list', { entity: 'settings' });
      expect(log.rows[0]!.operator).toBe('王老师');
    } finally {
      await ledger.close();
    }
  });
});
