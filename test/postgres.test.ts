// The same migrations and repositories on a real PostgreSQL server: the schema builds on an
// empty database, the foundation's writes and lists work, and the audit log is append-only
// (UPDATE, DELETE and TRUNCATE refused). Runs in the postgres project, on the run's server.
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { makeContext } from '../electron/main/runtime';
import { openDatabase, type Db } from '../db/connection';
import { freshPostgresDatabase } from './support/test-database';

let pg: { url: string; drop(): Promise<void> };
let db: Db;
const dir = fs.mkdtempSync(`${os.tmpdir()}/ledger-pgctx-`);
const call = async (method: string, args: unknown) => {
  const r = await dispatch(handlers, method, args, makeContext(db, dir, { error: (e) => console.error(e), info: () => {} }));
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value as never;
};

beforeAll(async () => {
  pg = await freshPostgresDatabase({ migrated: false });
  db = await openDatabase(pg.url);
}, 60_000);
afterAll(async () => {
  await db?.destroy();
  await pg?.drop();
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

  it('scores, ranks and freezes evaluations, and gathers the evidence, in PostgreSQL\'s SQL too', async () => {
    const county = ((await call('regions.list', { search: '凤县' })) as { rows: { id: string }[] }).rows[0]!.id;
    const school = async (name: string) => ((await call('schools.create', { name, regionId: county, stage: 'primary' })) as { id: string }).id;
    const alliance = async (name: string, lead: string) =>
      ((await call('alliances.create', { name, kind: 'school_alliance', leadSchoolId: lead, establishedOn: '2024-09-01' })) as { id: string }).id;
    const a = await alliance('凤州联盟', await school('凤州小学'));
    const b = await alliance('留凤关联盟', await school('留凤关小学'));
    const t = (await call('evaluationTemplates.create', {
      name: '凤县联盟考核',
      targetType: 'alliance',
      totalScore: 10,
      gradeBands: [{ name: '优秀', min: 9 }, { name: '合格', min: 6 }, { name: '不合格', min: 0 }],
      indicators: [{ name: '管理', children: [{ name: '方案', maxScore: 4.5 }, { name: '制度', maxScore: 5.5 }] }],
    })) as { id: string; rowVersion: number; indicators: { children: { id: string }[] }[] };
    const [x, y] = t.indicators[0]!.children.map((c) => c.id) as [string, string];
    for (const [target, scores] of [[a, [4.5, 4.5]], [b, [4, 5]]] as const) {
      const e = (await call('evaluations.start', { templateId: t.id, year: 2025, targetId: target })) as { id: string; rowVersion: number };
      await call('evaluations.submit', { id: e.id, rowVersion: e.rowVersion, scores: { [x]: { score: scores[0], note: null }, [y]: { score: scores[1], note: null } } });
    }
    const results = (await call('evaluations.results', { templateId: t.id, year: 2025 })) as {
      page: { rows: { targetName: string; total: number; rank: number; grade: string; scores: number[] }[] };
    };
    expect(results.page.rows.map((r) => [r.targetName, r.total, r.rank, r.grade, r.scores])).toEqual([
      ['凤州联盟', 9, 1, '优秀', [9]],
      ['留凤关联盟', 9, 1, '优秀', [9]],
    ]);
    const v2 = (await call('evaluationTemplates.update', {
      id: t.id,
      rowVersion: t.rowVersion,
      draft: { name: '凤县联盟考核', targetType: 'alliance', totalScore: 10, gradeBands: [{ name: '合格', min: 6 }], indicators: [{ name: '管理', maxScore: 10 }] },
    })) as { version: number };
    expect(v2.version).toBe(2);
    const evidence = (await call('evaluations.evidence', { year: 2025, targetType: 'alliance', targetId: a })) as { activityTotal: number; teacherExchanges: unknown };
    expect(evidence).toMatchObject({ activityTotal: 0, teacherExchanges: { count: 0, people: 0, days: 0 } });
  });
  it('keeps the audit log append-only and hash-chained on PostgreSQL too', async () => {
    const rows = await db('audit_log').orderBy('seq');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    await expect(db('audit_log').where({ seq: 1 }).update({ operator: '别人' })).rejects.toThrow('操作日志不可修改');
    await expect(db('audit_log').where({ seq: 1 }).delete()).rejects.toThrow('操作日志不可修改');
    await expect(db.raw('TRUNCATE audit_log')).rejects.toThrow('操作日志不可修改');
    expect(await call('auditLog.verify', {})).toEqual({ ok: true, checked: rows.length, firstBroken: null });
    const status = (await call('backups.status', {})) as { available: boolean; reason: string };
    expect(status).toMatchObject({ available: false, reason: expect.stringContaining('PostgreSQL') });
  });
});
