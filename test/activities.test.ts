import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args } from '../electron/api/contract';
import { indexForSearch } from '../db/search';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

// The clerk's today is 2026-11-22 (makeLedger's default).
let w: AllianceWorld;
beforeEach(async () => {
  w = await makeAllianceWorld();
});
afterEach(() => w.close());

type Draft = Args<'activities.create'>;

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    allianceId: w.alliances.weibin,
    date: '2024-10-15',
    category: 'teaching_research',
    form: '同课异构',
    title: '初中数学同课异构',
    hostSchoolId: w.schools.qingjiang,
    participatingSchoolIds: [w.schools.jingerlu, w.schools.guozhen],
    participants: 36,
    ...overrides,
  };
}

const upload = (name: string, text: string, mime = 'image/png') =>
  w.call('attachments.upload', { name, mime, dataBase64: Buffer.from(text).toString('base64') });

const titles = async (args: Args<'activities.list'> = {}) =>
  (await w.call('activities.list', { pageSize: 100, ...args })).rows.map((a) => a.title);

describe('activities: recording', () => {
  it('records an activity with its host, participating schools and an attachment', async () => {
    const photo = await upload('签到表.png', 'sign-in sheet');
    const created = await w.call('activities.create', {
      ...draft(),
      isLeadershipVisit: true,
      summary: '两校教师同上一节课，课后集体评议',
      attachmentIds: [photo.id],
    });
    expect(created).toMatchObject({
      allianceName: '渭滨区城乡教育联盟',
      date: '2024-10-15',
      term: '2024-2025-1',
      category: 'teaching_research',
      form: '同课异构',
      title: '初中数学同课异构',
      hostSchoolName: '清姜路小学',
      participants: 36,
      isLeadershipVisit: true,
      isOnline: false,
      summary: '两校教师同上一节课，课后集体评议',
    });
    expect(created.participatingSchools.map((s) => s.name)).toEqual(['经二路小学', '虢镇小学']);
    expect(created.attachments.map((a) => a.originalName)).toEqual(['签到表.png']);

    const listed = await w.call('activities.list', {});
    expect(listed.total).toBe(1);
    expect(listed.rows[0]).toEqual(created);
  });

  it('derives the term from the date, with no term in the summer holiday', async () => {
    for (const [date, title] of [
      ['2024-10-15', '秋季学期'],
      ['2025-01-20', '期末'],
      ['2025-03-01', '春季学期'],
      ['2025-08-01', '暑期'],
    ] as const) {
      await w.call('activities.create', draft({ date, title }));
    }
    const rows = (await w.call('activities.list', { sortOrder: 'asc' })).rows;
    expect(rows.map((a) => [a.date, a.term])).toEqual([
      ['2024-10-15', '2024-2025-1'],
      ['2025-01-20', '2024-2025-1'],
      ['2025-03-01', '2024-2025-2'],
      ['2025-08-01', null],
    ]);
  });

  it('follows the term boundaries in 设置, in the derived term and in the term filter', async () => {
    await w.call('activities.create', draft({ date: '2025-03-01', title: '春季学期' }));
    await w.call('activities.create', draft({ date: '2025-08-05', title: '暑期补课' }));
    expect(await titles({ term: '2024-2025-2' })).toEqual(['春季学期']);

    // This bureau's second term runs to 10 August.
    await w.call('settings.update', { terms: { firstStart: '09-01', firstEnd: '01-31', secondStart: '02-01', secondEnd: '08-10' } });
    expect(await titles({ term: '2024-2025-2' })).toEqual(['暑期补课', '春季学期']);
    const summer = (await w.call('activities.list', { search: '暑期补课' })).rows[0]!;
    expect(summer.term).toBe('2024-2025-2');
  });

  it('lists the terms that hold activities, newest first, for the term filter', async () => {
    expect(await w.call('activities.terms', {})).toEqual([]);
    await w.call('activities.create', draft({ date: '2023-11-02', title: '早' }));
    await w.call('activities.create', draft({ date: '2025-03-01', title: '晚' }));
    expect(await w.call('activities.terms', {})).toEqual(['2024-2025-2', '2024-2025-1', '2023-2024-2', '2023-2024-1']);
    expect(await w.call('activities.terms', { allianceId: w.alliances.fengxian })).toEqual([]);
  });
});

describe('activities: what is refused', () => {
  const counts = async () => ({
    activities: await w.rows('activities', true),
    links: await w.rows('activity_schools', true),
    audit: await w.rows('audit_log', true),
    search: await w.rows('search_entries', true),
  });

  it('refuses a participating school that is not a member of the alliance, in Chinese, and writes nothing', async () => {
    const before = await counts();
    const reply = await w.reply('activities.create', draft({ participatingSchoolIds: [w.schools.jingerlu, w.schools.dongrenbao] }));
    expect(reply).toMatchObject({
      ok: false,
      code: 'invalid',
      message: '参与学校“东仁堡小学”不是该联盟的成员校，请先在联盟中添加该校',
      fieldErrors: { participatingSchoolIds: '参与学校“东仁堡小学”不是该联盟的成员校，请先在联盟中添加该校' },
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a host school outside the alliance', async () => {
    const reply = await w.reply('activities.create', draft({ hostSchoolId: w.schools.fengzhou }));
    expect(reply).toMatchObject({ ok: false, fieldErrors: { hostSchoolId: '承办学校“凤州小学”不是该联盟的成员校，请先在联盟中添加该校' } });
  });

  it('accepts a member that has since left (clerks record what happened) and schools of a member county', async () => {
    const members = await w.call('alliances.members', { allianceId: w.alliances.weibin });
    const guozhen = members.rows.find((m) => m.schoolName === '虢镇小学')!;
    await w.call('alliances.updateMember', { id: guozhen.id, rowVersion: guozhen.rowVersion, terms: { role: 'member', leftOn: '2025-07-31' } });
    await w.call('activities.create', draft({ date: '2024-10-15' }));

    const counties = await w.call(
      'activities.create',
      draft({ allianceId: w.alliances.counties, hostSchoolId: w.schools.taibai, participatingSchoolIds: [w.schools.fengzhou] }),
    );
    expect(counties.participatingSchools.map((s) => s.name)).toEqual(['凤州小学']);
  });

  it('refuses a missing title, an unknown category and a date more than a year ahead, in Chinese', async () => {
    const reply = await w.reply('activities.create', { ...draft(), title: ' ', category: 'party' });
    expect(reply).toMatchObject({ ok: false, fieldErrors: { title: '请填写活动主题', category: '请选择活动类别' } });
    const future = await w.reply('activities.create', draft({ date: '2027-11-23' }));
    expect(future).toMatchObject({ ok: false, fieldErrors: { date: '活动日期不能晚于 2027-11-22（今天起一年内）' } });
    expect((await w.reply('activities.create', draft({ date: '2027-11-22' }))).ok).toBe(true);
    const noDate = await w.reply('activities.create', { ...draft(), date: '2024-02-30' });
    expect(noDate).toMatchObject({ ok: false, fieldErrors: { date: '日期不存在' } });
  });

  it('refuses the same title on the same day in one alliance', async () => {
    await w.call('activities.create', draft());
    const reply = await w.reply('activities.create', draft());
    expect(reply).toMatchObject({ ok: false, code: 'duplicate', fieldErrors: { title: '该联盟在同一天已有同一主题的活动' } });
    expect((await w.reply('activities.create', draft({ allianceId: w.alliances.fengxian, hostSchoolId: null, participatingSchoolIds: [] }))).ok).toBe(true);
  });
});

describe('activities: free-text search', () => {
  beforeEach(async () => {
    await w.call('activities.create', draft({ title: '语文教研活动', form: '集体备课', summary: '围绕大单元教学开展研讨' }));
    await w.call('activities.create', draft({ title: '数学送教', form: '送教送研', date: '2024-11-05', summary: '送课到虢镇' }));
    // 教 ends the title and 研 starts the summary: no 教研 here.
    await w.call('activities.create', draft({ title: '书法进课堂之教', form: null, date: '2024-12-01', summary: '研学旅行安排' }));
    await w.call('activities.create', {
      ...draft({ allianceId: w.alliances.fengxian, hostSchoolId: w.schools.fengzhou, participatingSchoolIds: [w.schools.guozhen] }),
      title: '山区学校体育联赛',
      category: 'student_activity',
      form: '其他',
      summary: null,
    });
  });

  it('finds two-character words in titles, forms and summaries', async () => {
    expect(await titles({ search: '教研' })).toEqual(['语文教研活动']);
    expect(await titles({ search: '送教' })).toEqual(['数学送教']);
    expect(await titles({ search: '单元' })).toEqual(['语文教研活动']);
    expect(await titles({ search: '研学' })).toEqual(['书法进课堂之教']);
  });

  it('does not match a word across two fields', async () => {
    expect(await titles({ search: '之教研' })).toEqual([]);
    expect(await titles({ search: '教研学' })).toEqual([]);
  });

  it('finds activities by the names of their alliance and schools', async () => {
    expect(await titles({ search: '凤县山区' })).toEqual(['山区学校体育联赛']);
    expect(await titles({ search: '凤州' })).toEqual(['山区学校体育联赛']);
    expect((await titles({ search: '虢镇小学' })).length).toBe(4);
    expect(await titles({ search: '渭滨区' })).toEqual(['书法进课堂之教', '数学送教', '语文教研活动']);
  });

  it('follows a renamed school or alliance in the search', async () => {
    const school = await w.call('schools.get', { id: w.schools.guozhen });
    await w.call('schools.update', { id: school.id, rowVersion: school.rowVersion, draft: { ...school, name: '陈仓区虢镇第一小学' } });
    expect(await titles({ search: '虢镇小学' })).toEqual([]);
    expect((await titles({ search: '虢镇第一小学' })).length).toBe(4);
    const alliance = await w.call('alliances.get', { id: w.alliances.fengxian });
    const { id, createdAt, updatedAt, memberCount, crossRegion, regionNames, leadSchoolName, leadRegionName, ...kept } = alliance;
    await w.call('alliances.update', { id, rowVersion: alliance.rowVersion, draft: { ...kept, name: '凤县城乡学校共同体' } });
    expect(await titles({ search: '凤县山区' })).toEqual([]);
    expect(await titles({ search: '城乡学校共同体' })).toEqual(['山区学校体育联赛']);
  });

  it('finds activities written in bulk (imports, sample data) once their search entry is written', async () => {
    const id = randomUUID();
    const stamp = '2026-11-22T02:00:00.000Z';
    await w.db('activities').insert({
      id, alliance_id: w.alliances.weibin, date: '2024-12-20', category: 'culture', title: '批量写入的书法展', created_at: stamp, updated_at: stamp,
    });
    await indexForSearch(w.db, 'activities', id, '批量写入的书法展');
    expect(await titles({ search: '书法展' })).toEqual(['批量写入的书法展']);
  });

  it('combines search with the other filters and counts in SQL', async () => {
    const page = await w.call('activities.list', { search: '小学', allianceId: w.alliances.weibin, pageSize: 2 });
    expect(page.total).toBe(3);
    expect(page.rows.map((a) => a.title)).toEqual(['书法进课堂之教', '数学送教']);
    expect(await titles({ search: '小学', category: 'student_activity' })).toEqual(['山区学校体育联赛']);
    expect(await titles({ search: '!!!' })).toHaveLength(4); // nothing searchable: no filter
  });
});

describe('activities: changing and deleting', () => {
  it('replaces the participating schools and re-indexes the search text on update', async () => {
    const created = await w.call('activities.create', draft({ title: '语文教研活动' }));
    const updated = await w.call('activities.update', {
      id: created.id,
      rowVersion: created.rowVersion,
      draft: { ...draft({ title: '英语听课评课', participatingSchoolIds: [w.schools.guozhen] }) },
    });
    expect(updated.participatingSchools.map((s) => s.name)).toEqual(['虢镇小学']);
    expect(updated.title).toBe('英语听课评课');
    expect(await titles({ search: '教研' })).toEqual([]);
    expect(await titles({ search: '英语' })).toEqual(['英语听课评课']);
    expect(await titles({ search: '经二路' })).toEqual([]);
    // The removed link is kept, soft-deleted, so two copies of a ledger can merge.
    const links = await w.db('activity_schools').where({ activity_id: created.id }).select('school_id', 'deleted_at');
    expect(links.filter((l) => l.deleted_at === null).map((l) => l.school_id)).toEqual([w.schools.guozhen]);
    expect(links).toHaveLength(2);

    const audits = await w.audits('activities');
    expect(audits.map((a) => [a.action, a.operator])).toEqual([
      ['create', '王科员'],
      ['update', '王科员'],
    ]);
    const update = audits[1]!;
    expect(JSON.parse(update.before).participating_school_ids).toEqual([w.schools.jingerlu, w.schools.guozhen]);
    expect(JSON.parse(update.after)).toMatchObject({ title: '英语听课评课', participating_school_ids: [w.schools.guozhen] });
  });

  it('writes no audit row for an update that changes nothing', async () => {
    const created = await w.call('activities.create', draft());
    await w.call('activities.update', { id: created.id, rowVersion: created.rowVersion, draft: draft() });
    expect((await w.audits('activities')).map((a) => a.action)).toEqual(['create']);
  });

  it('a refused update leaves the activity as it was', async () => {
    const created = await w.call('activities.create', draft());
    const reply = await w.reply('activities.update', {
      id: created.id,
      rowVersion: created.rowVersion,
      draft: draft({ title: '改了', participatingSchoolIds: [w.schools.dongrenbao] }),
    });
    expect(reply.ok).toBe(false);
    expect(await w.call('activities.get', { id: created.id })).toEqual(created);
  });

  it('deletes to the recycle bin and restores from it, back into the list and the search', async () => {
    const created = await w.call('activities.create', draft({ title: '语文教研活动' }));
    await w.call('activities.delete', { id: created.id });
    expect(await titles()).toEqual([]);
    expect(await titles({ search: '教研' })).toEqual([]);
    expect(await w.reply('activities.get', { id: created.id })).toMatchObject({ ok: false, message: '交流活动不存在或已删除' });
    const bin = await w.call('recycleBin.list', { entity: 'activities' });
    expect(bin.rows.map((r) => r.label)).toEqual(['2024-10-15 语文教研活动']);

    await w.call('recycleBin.restore', { entity: 'activities', id: created.id });
    expect(await titles({ search: '教研' })).toEqual(['语文教研活动']);
    expect((await w.call('activities.get', { id: created.id })).participatingSchools).toHaveLength(2);
    expect((await w.audits('activities')).map((a) => a.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('hides the activities of a deleted alliance', async () => {
    await w.call('activities.create', draft({ title: '渭滨活动' }));
    await w.call('activities.create', draft({ allianceId: w.alliances.fengxian, hostSchoolId: null, participatingSchoolIds: [], title: '凤县活动' }));
    await w.call('alliances.delete', { id: w.alliances.weibin });
    const page = await w.call('activities.list', {});
    expect([page.total, page.rows.map((a) => a.title)]).toEqual([1, ['凤县活动']]);
    expect(await titles({ search: '活动' })).toEqual(['凤县活动']);
    // The counts on the home screen agree with the lists.
    expect((await w.call('system.stats', {})).activities).toBe(1);
    expect(await w.reply('activities.create', draft({ title: '新活动' }))).toMatchObject({
      ok: false,
      fieldErrors: { allianceId: '所选联盟不存在或已删除' },
    });
  });
});

describe('activities: the list', () => {
  it('refuses a term whose two years are not consecutive, in Chinese', async () => {
    expect(await w.reply('activities.list', { term: '2024-2026-1' })).toMatchObject({
      ok: false,
      fieldErrors: { term: '学年的两个年份应相邻，例如 2024-2025' },
    });
  });

  it('filters by alliance, county, category, leadership visit, school and dates', async () => {
    await w.call('activities.create', draft({ title: 'A', date: '2024-09-10', isLeadershipVisit: true, category: 'management' }));
    await w.call('activities.create', draft({ title: 'B', date: '2025-03-10', participatingSchoolIds: [w.schools.jingerlu] }));
    await w.call('activities.create', {
      ...draft({ allianceId: w.alliances.fengxian, hostSchoolId: w.schools.fengzhou, participatingSchoolIds: [] }),
      title: 'C',
      date: '2025-04-10',
    });
    expect(await titles({ allianceId: w.alliances.fengxian })).toEqual(['C']);
    expect(await titles({ regionId: w.county('凤县') })).toEqual(['C']);
    // 虢镇小学 (陈仓区) is a member of both alliances.
    expect(await titles({ regionId: w.county('陈仓区') })).toEqual(['C', 'B', 'A']);
    expect(await titles({ category: 'management' })).toEqual(['A']);
    expect(await titles({ form: '同课异构' })).toEqual(['C', 'B', 'A']);
    expect(await titles({ form: '互访' })).toEqual([]);
    expect(await titles({ leadershipVisit: true })).toEqual(['A']);
    expect(await titles({ leadershipVisit: false })).toEqual(['C', 'B']);
    expect(await titles({ schoolId: w.schools.guozhen })).toEqual(['A']);
    expect(await titles({ schoolId: w.schools.fengzhou })).toEqual(['C']);
    expect(await titles({ from: '2025-01-01', to: '2025-03-31' })).toEqual(['B']);
    expect(await titles({ term: '2024-2025-2', to: '2025-03-31' })).toEqual(['B']);
    const wrongOrder = await w.reply('activities.list', { from: '2025-03-01', to: '2025-01-01' });
    expect(wrongOrder).toMatchObject({ ok: false, fieldErrors: { to: '结束日期不能早于开始日期' } });
  });

  it('pages and sorts in SQL, newest first by default', async () => {
    for (let i = 1; i <= 25; i++) {
      const day = String(i).padStart(2, '0');
      await w.call('activities.create', draft({ title: `活动${day}`, date: `2024-10-${day}`, participants: (i * 7) % 10 }));
    }
    const page2 = await w.call('activities.list', { page: 2, pageSize: 10 });
    expect(page2.total).toBe(25);
    expect(page2.rows.map((a) => a.title)).toEqual(
      Array.from({ length: 10 }, (_, k) => `活动${String(15 - k).padStart(2, '0')}`),
    );
    expect((await w.call('activities.list', { page: 3, pageSize: 10 })).rows).toHaveLength(5);
    expect((await titles({ sortBy: 'title', sortOrder: 'asc' })).slice(0, 3)).toEqual(['活动01', '活动02', '活动03']);
    const byParticipants = (await w.call('activities.list', { sortBy: 'participants', sortOrder: 'desc', pageSize: 3 })).rows;
    expect(byParticipants.map((a) => [a.participants, a.date])).toEqual([
      [9, '2024-10-17'],
      [9, '2024-10-07'],
      [8, '2024-10-24'],
    ]);
    await w.call('activities.create', draft({ allianceId: w.alliances.fengxian, hostSchoolId: null, participatingSchoolIds: [], title: '凤' }));
    const byAlliance = await w.call('activities.list', { sortBy: 'alliance', sortOrder: 'asc', pageSize: 1 });
    expect(byAlliance.rows[0]!.allianceName).toBe('凤县山区学校联盟');
    expect(byAlliance.total).toBe(26);
  });
});

describe('activities: attachments', () => {
  it('stores a file by its content hash in the data folder, once however often it is uploaded', async () => {
    const a = await upload('现场照片.jpg', 'the same photo', 'image/jpeg');
    const b = await upload('现场照片（副本）.jpg', 'the same photo', 'image/jpeg');
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    const file = path.join(w.dir, 'attachments', a.sha256.slice(0, 2), a.sha256);
    expect(fs.readFileSync(file, 'utf8')).toBe('the same photo');
    expect(fs.readdirSync(path.join(w.dir, 'attachments', a.sha256.slice(0, 2)))).toEqual([a.sha256]);

    const got = await w.call('attachments.get', { id: b.id });
    expect(got.originalName).toBe('现场照片（副本）.jpg');
    expect(Buffer.from(got.dataBase64, 'base64').toString()).toBe('the same photo');
  });

  it('links and unlinks attachments of an activity', async () => {
    const created = await w.call('activities.create', draft());
    const sheet = await upload('签到表.pdf', '%PDF-1.4', 'application/pdf');
    const linked = await w.call('activities.addAttachment', { activityId: created.id, attachmentId: sheet.id });
    expect(linked.attachments.map((x) => x.originalName)).toEqual(['签到表.pdf']);
    // Linking twice changes nothing.
    await w.call('activities.addAttachment', { activityId: created.id, attachmentId: sheet.id });
    const unlinked = await w.call('activities.removeAttachment', { activityId: created.id, attachmentId: sheet.id });
    expect(unlinked.attachments).toEqual([]);
    expect(await w.reply('activities.removeAttachment', { activityId: created.id, attachmentId: sheet.id })).toMatchObject({
      ok: false,
      message: '该活动的附件不存在或已删除',
    });
    // An update that does not mention attachments keeps them; one that lists them replaces them.
    await w.call('activities.addAttachment', { activityId: created.id, attachmentId: sheet.id });
    const kept = await w.call('activities.update', { id: created.id, rowVersion: (await w.call('activities.get', { id: created.id })).rowVersion, draft: draft({ title: '改名' }) });
    expect(kept.attachments).toHaveLength(1);
    const none = await w.call('activities.update', { id: created.id, rowVersion: kept.rowVersion, draft: { ...draft({ title: '改名' }), attachmentIds: [] } });
    expect(none.attachments).toEqual([]);
  });

  it('refuses an attachment id that was never uploaded', async () => {
    const reply = await w.reply('activities.create', { ...draft(), attachmentIds: ['6f1c1d1e-0000-4000-8000-000000000000'] });
    expect(reply).toMatchObject({ ok: false, fieldErrors: { attachmentIds: '附件不存在或已删除，请重新上传' } });
  });
});
