// Several clerks keeping one ledger (issue 10): two connections to the same database edit
// the same record; the second save is refused with 此记录已被他人修改 and the first
// clerk's values, nothing is overwritten, and the audit log holds only the first change.
// Lists, reminders and reports through one connection see the other's committed work.
//
// The ledger comes from test/support/ledger.ts, so this runs on whichever engine that
// helper opens; the second clerk is a second knex instance on the same database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../electron/api/common';
import type { Args, Method, Output } from '../electron/api/contract';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { makeContext } from '../electron/main/runtime';
import { openDatabase, type Db } from '../db/connection';
import { migrations } from '../db/migrations';
import { versionedTables } from '../db/migrations/012-row-versions';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

interface Clerk {
  db: Db;
  call<M extends Method>(method: M, args: Args<M>): Promise<Output<M>>;
  reply<M extends Method>(method: M, args: unknown): Promise<Reply<Output<M>>>;
}

/** The database the ledger helper opened, as openDatabase takes it (a file or a postgres:// URL). */
function targetOf(db: Db): string {
  const config = db.client.config as { client: string; connection: unknown };
  if (config.client === 'pg') {
    if (typeof config.connection === 'string') return config.connection;
    const c = config.connection as { connectionString?: string; host: string; port?: number; user: string; password?: string; database: string };
    if (c.connectionString) return c.connectionString;
    const auth = c.password ? `${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}` : encodeURIComponent(c.user);
    return `postgres://${auth}@${c.host}:${c.port ?? 5432}/${c.database}`;
  }
  return (config.connection as { filename: string }).filename;
}

/** A second clerk: their own connection (own knex instance) to the same ledger. */
async function secondClerk(w: AllianceWorld): Promise<Clerk> {
  const db = await openDatabase(targetOf(w.db));
  const ctx = makeContext(db, w.dir, { error: () => undefined, info: () => undefined }, w.clock);
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

let w: AllianceWorld;
let other: Clerk;
beforeEach(async () => {
  w = await makeAllianceWorld({ today: '2025-03-10' });
  other = await secondClerk(w);
});
afterEach(async () => {
  await other?.db.destroy();
  await w?.close();
});

const schoolDraft = (s: Output<'schools.get'>, changes: Partial<Output<'schools.get'>>) => {
  const { id: _id, createdAt: _c, updatedAt: _u, rowVersion: _v, regionName: _r, allianceCount: _a, ...draft } = { ...s, ...changes };
  return draft;
};

describe('two clerks editing the same school', () => {
  it('refuses the second save with 此记录已被他人修改 and the first clerk’s values, and overwrites nothing', async () => {
    // Both open the same school.
    const mine = await w.call('schools.get', { id: w.schools.qingjiang });
    const theirs = await other.call('schools.get', { id: w.schools.qingjiang });
    expect(theirs).toEqual(mine);
    expect(mine.rowVersion).toBe(1);
    const auditsBefore = (await w.audits('schools', 'update')).length;

    // The first clerk saves 学生数 1300.
    const saved = await w.call('schools.update', { id: mine.id, rowVersion: mine.rowVersion, draft: schoolDraft(mine, { students: 1300 }) });
    expect(saved).toMatchObject({ students: 1300, rowVersion: 2 });

    // The second, still looking at version 1, changes 校长 and saves.
    const refused = await other.reply('schools.update', {
      id: theirs.id,
      rowVersion: theirs.rowVersion,
      draft: schoolDraft(theirs, { principal: '刘明' }),
    });
    expect(refused).toMatchObject({
      ok: false,
      code: 'edit_conflict',
      message: '此记录已被他人修改',
      current: { id: mine.id, students: 1300, principal: null, rowVersion: 2, regionName: '渭滨区' },
    });

    // Nothing of the refused save landed, on either connection.
    for (const clerk of [w, other]) {
      expect(await clerk.call('schools.get', { id: mine.id })).toEqual(saved);
    }
    const audits = await w.audits('schools', 'update');
    expect(audits).toHaveLength(auditsBefore + 1);
    expect(JSON.parse(String(audits.at(-1).after))).toMatchObject({ students: 1300, principal: null, row_version: 2 });

    // Editing again from the current values saves.
    const current = (refused as { current: Output<'schools.get'> }).current;
    const again = await other.call('schools.update', { id: current.id, rowVersion: current.rowVersion, draft: schoolDraft(current, { principal: '刘明' }) });
    expect(again).toMatchObject({ students: 1300, principal: '刘明', rowVersion: 3 });
  });

  it('asks for the version in Chinese, like any other missing field', async () => {
    const s = await w.call('schools.get', { id: w.schools.qingjiang });
    const reply = await w.reply('schools.update', { id: s.id, draft: schoolDraft(s, { students: 1 }) });
    expect(reply).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { rowVersion: '缺少记录版本，请关闭后重新打开再保存' } });
    expect(await w.reply('schools.update', { id: s.id, rowVersion: 0, draft: schoolDraft(s, {}) })).toMatchObject({
      ok: false,
      fieldErrors: { rowVersion: '记录版本应为正整数' },
    });
    expect((await w.call('schools.get', { id: s.id })).rowVersion).toBe(1);
  });

  it('refuses a stale save even when it changes nothing of its own, and a deleted record is 不存在或已删除', async () => {
    const s = await w.call('schools.get', { id: w.schools.dongrenbao });
    await other.call('schools.update', { id: s.id, rowVersion: s.rowVersion, draft: schoolDraft(s, { teachers: 80 }) });
    // Saving the unchanged form from the old version would put 教师数 back: refused.
    expect(await w.reply('schools.update', { id: s.id, rowVersion: s.rowVersion, draft: schoolDraft(s, {}) })).toMatchObject({
      ok: false,
      code: 'edit_conflict',
      current: { teachers: 80 },
    });
    await other.call('schools.delete', { id: s.id });
    expect(await w.reply('schools.update', { id: s.id, rowVersion: 3, draft: schoolDraft(s, {}) })).toMatchObject({
      ok: false,
      code: 'not_found',
      message: '学校不存在或已删除',
    });
  });
});

describe('the same rule everywhere a clerk edits', () => {
  it('alliances, activities, problems and their closing, and member terms', async () => {
    const alliance = await w.call('alliances.get', { id: w.alliances.fengxian });
    const { id, createdAt, updatedAt, rowVersion, memberCount, crossRegion, regionNames, leadSchoolName, leadRegionName, ...draft } = alliance;
    await other.call('alliances.update', { id, rowVersion, draft: { ...draft, notes: '山区学校结对帮扶' } });
    expect(await w.reply('alliances.update', { id, rowVersion, draft: { ...draft, name: '凤县山区教育联盟' } })).toMatchObject({
      code: 'edit_conflict',
      message: '此记录已被他人修改',
      current: { name: '凤县山区学校联盟', notes: '山区学校结对帮扶' },
    });

    const activity = await w.call('activities.create', {
      allianceId: w.alliances.weibin,
      date: '2025-03-01',
      category: 'teaching_research',
      title: '初中数学同课异构',
      hostSchoolId: w.schools.qingjiang,
      participatingSchoolIds: [w.schools.jingerlu],
    });
    const { id: aid, rowVersion: av } = activity;
    const activityDraft = {
      allianceId: w.alliances.weibin,
      date: '2025-03-01',
      category: 'teaching_research' as const,
      hostSchoolId: w.schools.qingjiang,
      participatingSchoolIds: [w.schools.jingerlu],
    };
    await other.call('activities.update', { id: aid, rowVersion: av, draft: { ...activityDraft, title: '初中数学同课异构（第二次）' } });
    expect(await w.reply('activities.update', { id: aid, rowVersion: av, draft: { ...activityDraft, title: '数学教研' } })).toMatchObject({
      code: 'edit_conflict',
      current: { title: '初中数学同课异构（第二次）' },
    });

    const problem = await w.call('problems.create', { allianceId: w.alliances.weibin, description: '集体备课不足', dueOn: '2025-03-31', owner: '李校长' });
    await other.call('problems.update', { id: problem.id, rowVersion: problem.rowVersion, draft: { allianceId: w.alliances.weibin, description: '集体备课不足', dueOn: '2025-04-30', owner: '李校长' } });
    expect(await w.reply('problems.close', { id: problem.id, rowVersion: problem.rowVersion, doneOn: '2025-03-09' })).toMatchObject({
      code: 'edit_conflict',
      current: { dueOn: '2025-04-30', status: 'open' },
    });

    const [member] = (await w.call('alliances.members', { allianceId: w.alliances.weibin })).rows.filter((m) => m.schoolId === w.schools.guozhen);
    await other.call('alliances.updateMember', { id: member!.id, rowVersion: member!.rowVersion, terms: { role: 'member', leftOn: '2025-02-28' } });
    expect(await w.reply('alliances.updateMember', { id: member!.id, rowVersion: member!.rowVersion, terms: { role: 'member', leftOn: null } })).toMatchObject({
      code: 'edit_conflict',
      current: { leftOn: '2025-02-28' },
    });
  });

  it('two clerks scoring the same evaluation: the second save is refused with the first one’s scores', async () => {
    const t = await w.call('evaluationTemplates.create', {
      name: '2025年度联盟考核',
      year: 2025,
      targetType: 'alliance',
      totalScore: 10,
      gradeBands: [{ name: '合格', min: 6 }, { name: '不合格', min: 0 }],
      indicators: [{ name: '管理', maxScore: 10 }],
    });
    const leaf = t.indicators[0]!.id;
    const e = await w.call('evaluations.start', { templateId: t.id, year: 2025, targetId: w.alliances.weibin });
    const theirs = await other.call('evaluations.get', { id: e.id });
    const saved = await w.call('evaluations.save', { id: e.id, rowVersion: e.rowVersion, scores: { [leaf]: { score: 8, note: null } } });
    const refused = await other.reply('evaluations.save', { id: e.id, rowVersion: theirs.rowVersion, scores: { [leaf]: { score: 5, note: '材料不全' } } });
    expect(refused).toMatchObject({ code: 'edit_conflict', message: '此记录已被他人修改', current: { scores: { [leaf]: { score: 8, note: null } } } });
    expect(await other.call('evaluations.get', { id: e.id })).toEqual(saved);
    expect(await w.audits('evaluation_scores', 'update')).toHaveLength(1);
  });

  it('internal writes (an attachment added, reminder states) bump the version too, so a form opened before them cannot save over them', async () => {
    const activity = await w.call('activities.create', {
      allianceId: w.alliances.weibin,
      date: '2025-03-01',
      category: 'teaching_research',
      title: '听课评课',
      hostSchoolId: w.schools.qingjiang,
    });
    const file = await w.call('attachments.upload', { name: '签到表.png', mime: 'image/png', dataBase64: Buffer.from('png').toString('base64') });
    await other.call('activities.addAttachment', { activityId: activity.id, attachmentId: file.id });
    expect((await w.call('activities.get', { id: activity.id })).rowVersion).toBe(activity.rowVersion + 1);

    await w.call('problems.create', { allianceId: w.alliances.weibin, description: '送教下乡次数不足', dueOn: '2025-03-01', owner: '王主任' });
    const [reminder] = (await w.call('reminders.forDay', {})).filter((r) => r.rule === 'deadline-problem');
    await w.call('reminders.snooze', { key: reminder!.key, until: '2025-03-12' });
    await other.call('reminders.markDone', { key: reminder!.key, note: '已电话督促' });
    const state = await w.db('reminder_states').where({ key: reminder!.key }).first();
    expect(Number(state.row_version)).toBe(2);
  });
});

describe('two clerks in 设置', () => {
  it('refuses the second full save with the first one’s settings; a single setting of its own may go without a version', async () => {
    const mine = await w.call('settings.get', {});
    const theirs = await other.call('settings.get', {});
    expect(theirs.rowVersion).toBe(mine.rowVersion);
    const saved = await w.call('settings.update', { rowVersion: mine.rowVersion, reportingUnit: '宝鸡市教育局', coverageTarget: 90 });
    expect(saved).toMatchObject({ reportingUnit: '宝鸡市教育局', coverageTarget: 90 });
    expect(saved.rowVersion).toBeGreaterThan(mine.rowVersion);
    expect(await other.reply('settings.update', { rowVersion: theirs.rowVersion, reportingUnit: '宝鸡市教育局督导室', coverageTarget: 85 })).toMatchObject({
      ok: false,
      code: 'edit_conflict',
      message: '此记录已被他人修改',
      current: { reportingUnit: '宝鸡市教育局', coverageTarget: 90, rowVersion: saved.rowVersion },
    });
    expect(await other.call('settings.get', {})).toMatchObject({ reportingUnit: '宝鸡市教育局', coverageTarget: 90 });
    // 提醒规则 saves its own setting only, so it needs no version; it still moves the version on.
    const rules = await other.call('settings.update', { reminderRules: { ...saved.reminderRules } });
    expect(rules.rowVersion).toBeGreaterThan(saved.rowVersion);
    expect(await w.reply('settings.update', { rowVersion: saved.rowVersion, coverageTarget: 80 })).toMatchObject({ code: 'edit_conflict' });
  });
});

describe('one clerk sees the other’s committed work', () => {
  it('in lists, reminders and reports', async () => {
    const before = {
      problems: (await other.call('problems.list', { allianceId: w.alliances.weibin })).total,
      reminders: (await other.call('reminders.forDay', {})).length,
      report: (await other.call('reports.preview', { report: 'problems', period: { type: 'year', year: 2025 } })).total,
    };
    await w.call('problems.create', { allianceId: w.alliances.weibin, description: '教研活动记录不全', dueOn: '2025-03-05', owner: '李校长' });
    const school = await w.call('schools.get', { id: w.schools.guozhen });
    await w.call('schools.update', { id: school.id, rowVersion: school.rowVersion, draft: schoolDraft(school, { name: '虢镇第一小学' }) });

    expect((await other.call('problems.list', { allianceId: w.alliances.weibin })).total).toBe(before.problems + 1);
    const reminders = await other.call('reminders.forDay', {});
    expect(reminders).toHaveLength(before.reminders + 1);
    expect(reminders.map((r) => r.message).join('\n')).toContain('教研活动记录不全');
    expect((await other.call('reports.preview', { report: 'problems', period: { type: 'year', year: 2025 } })).total).toBe(before.report + 1);
    expect((await other.call('schools.list', { search: '虢镇第一' })).rows.map((s) => s.name)).toEqual(['虢镇第一小学']);
  });
});

describe('the schema', () => {
  it('gives every record table a row version starting at 1', async () => {
    for (const table of versionedTables) {
      expect(await w.db.schema.hasColumn(table, 'row_version'), table).toBe(true);
    }
    const [school] = await w.db('schools').select('row_version').limit(1);
    expect(Number(school.row_version)).toBe(1);
  });

  it('gives the records of a ledger made before it version 1 when it migrates', async () => {
    const [name, m012] = migrations.find(([n]) => n === '012-row-versions')!;
    await m012.down(w.db);
    await w.db('knex_migrations').where({ name }).delete();
    expect(await w.db.schema.hasColumn('schools', 'row_version')).toBe(false);
    const reopened = await openDatabase(targetOf(w.db));
    try {
      const versions = (await reopened('schools').distinct('row_version')) as { row_version: number | string }[];
      expect(versions.map((v) => Number(v.row_version))).toEqual([1]);
      expect((await reopened('settings').select('row_version')).every((r) => Number(r.row_version) === 1)).toBe(true);
      const s = await other.call('schools.get', { id: w.schools.qingjiang });
      expect(s.rowVersion).toBe(1);
    } finally {
      await reopened.destroy();
    }
  });
});
