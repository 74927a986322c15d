import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args } from '../electron/api/contract';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

let w: AllianceWorld;
beforeEach(async () => {
  w = await makeAllianceWorld({ today: '2025-03-10' });
});
afterEach(() => w.close());

type Draft = Args<'teacherExchanges.create'>;
const exchange = (over: Partial<Draft> = {}): Draft => ({
  allianceId: w.alliances.weibin,
  teacherName: '张明',
  subject: '数学',
  fromSchoolId: w.schools.qingjiang,
  toSchoolId: w.schools.guozhen,
  kind: 'support_teaching',
  startOn: '2024-09-01',
  endOn: '2025-01-31',
  hours: 120,
  status: 'finished',
  ...over,
});

/** Six exchanges in two alliances, the numbers of the summary worked out by hand below. */
async function fillLedger() {
  const { fengxian } = w.alliances;
  const { qingjiang, jingerlu, guozhen, fengzhou } = w.schools;
  const made = {
    // 153 days (Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31), 120 h
    e1: await w.call('teacherExchanges.create', exchange()),
    // the same teacher again: 5 days, 20 h
    e2: await w.call('teacherExchanges.create', exchange({ toSchoolId: jingerlu, startOn: '2025-02-10', endOn: '2025-02-14', hours: 20 })),
    // ongoing without an end: 2025-03-01 .. today 2025-03-10 = 10 days, 16.5 h
    e3: await w.call(
      'teacherExchanges.create',
      exchange({ teacherName: '李娟', subject: '语文', fromSchoolId: guozhen, toSchoolId: qingjiang, kind: 'shadowing', startOn: '2025-03-01', endOn: null, hours: 16.5, status: 'ongoing' }),
    ),
    // planned rotation for a school year: 334 days, hours not known yet
    e4: await w.call(
      'teacherExchanges.create',
      exchange({ teacherName: '王磊', subject: '英语', fromSchoolId: jingerlu, toSchoolId: guozhen, kind: 'rotation', startOn: '2025-09-01', endOn: '2026-07-31', hours: null, status: 'planned' }),
    ),
    // one day of 送教, 4 h
    e5: await w.call(
      'teacherExchanges.create',
      exchange({ allianceId: fengxian, teacherName: '赵琴', subject: '音乐', fromSchoolId: fengzhou, toSchoolId: guozhen, kind: 'visiting_teaching', startOn: '2024-11-05', endOn: '2024-11-05', hours: 4 }),
    ),
    // another 李 from another school: Oct 8..31 = 24 + 30 + 27 = 81 days, 60 h
    e6: await w.call(
      'teacherExchanges.create',
      exchange({ allianceId: fengxian, teacherName: '李强', subject: '体育', fromSchoolId: fengzhou, toSchoolId: guozhen, startOn: '2024-10-08', endOn: '2024-12-27', hours: 60 }),
    ),
  };
  return made;
}

const names = (page: { rows: { teacherName: string; startOn: string }[] }) => page.rows.map((r) => `${r.teacherName} ${r.startOn}`);

describe('teacher exchanges', () => {
  it('records an exchange with the schools and alliance by name, and audits it under the operator', async () => {
    const e = await w.call('teacherExchanges.create', exchange());
    expect(e).toMatchObject({
      allianceName: '渭滨区城乡教育联盟',
      teacherName: '张明',
      subject: '数学',
      fromSchoolName: '清姜路小学',
      toSchoolName: '虢镇小学',
      kind: 'support_teaching',
      days: 153,
      hours: 120,
      status: 'finished',
    });
    expect(await w.call('teacherExchanges.get', { id: e.id })).toEqual(e);
    const audit = await w.audits('teacher_exchanges');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', operator: '王科员', record_id: e.id });
  });

  it('refuses the same school on both sides, an end before the start and negative hours, in Chinese, writing nothing', async () => {
    const same = await w.reply('teacherExchanges.create', exchange({ toSchoolId: w.schools.qingjiang }));
    expect(same).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { toSchoolId: '派出学校和接收学校不能是同一所学校' } });

    const backwards = await w.reply('teacherExchanges.create', exchange({ startOn: '2025-03-01', endOn: '2025-02-28' }));
    expect(backwards).toMatchObject({ ok: false, fieldErrors: { endOn: '结束日期不能早于开始日期' } });

    const bad = await w.reply('teacherExchanges.create', { ...exchange({ hours: -2, kind: 'holiday' as never }), teacherName: ' ', allianceId: undefined });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.fieldErrors).toMatchObject({
      allianceId: '请选择联盟',
      teacherName: '请填写教师姓名',
      kind: '请选择交流类型',
      hours: '课时/小时不能为负数',
    });
    expect(await w.rows('teacher_exchanges', true)).toBe(0);
    expect(await w.audits('teacher_exchanges')).toHaveLength(0);
  });

  it('refuses a school that is not a member of the alliance, naming both, and writes nothing', async () => {
    const r = await w.reply('teacherExchanges.create', exchange({ toSchoolId: w.schools.dongrenbao }));
    expect(r).toMatchObject({
      ok: false,
      code: 'invalid',
      message: '接收学校“东仁堡小学”不是联盟“渭滨区城乡教育联盟”的成员校，请先在联盟中添加该校或另选学校',
      fieldErrors: { toSchoolId: '接收学校“东仁堡小学”不是联盟“渭滨区城乡教育联盟”的成员校，请先在联盟中添加该校或另选学校' },
    });
    // 凤州小学 is a member of another alliance, not of this one.
    const other = await w.reply('teacherExchanges.create', exchange({ fromSchoolId: w.schools.fengzhou }));
    expect(other.ok ? null : other.fieldErrors).toEqual({
      fromSchoolId: '派出学校“凤州小学”不是联盟“渭滨区城乡教育联盟”的成员校，请先在联盟中添加该校或另选学校',
    });
    expect(await w.rows('teacher_exchanges', true)).toBe(0);
    expect(await w.audits('teacher_exchanges')).toHaveLength(0);
  });

  it('refuses a school that had left the alliance before the exchange began, and accepts an earlier exchange', async () => {
    const members = await w.call('alliances.members', { allianceId: w.alliances.weibin });
    const guozhen = members.rows.find((m) => m.schoolId === w.schools.guozhen)!;
    await w.call('alliances.updateMember', { id: guozhen.id, rowVersion: guozhen.rowVersion, terms: { role: 'member', joinedOn: '2022-09-01', leftOn: '2024-12-31' } });

    const late = await w.reply('teacherExchanges.create', exchange({ startOn: '2025-02-10', endOn: '2025-02-14' }));
    expect(late).toMatchObject({ ok: false, message: '接收学校“虢镇小学”已于 2024-12-31 退出联盟“渭滨区城乡教育联盟”' });
    const early = await w.call('teacherExchanges.create', exchange({ startOn: '2024-09-01', endOn: '2024-12-20' }));
    expect(early.days).toBe(111);
  });

  it('accepts schools lying in the member counties of a county alliance', async () => {
    const e = await w.call(
      'teacherExchanges.create',
      exchange({ allianceId: w.alliances.counties, fromSchoolId: w.schools.fengzhou, toSchoolId: w.schools.taibai, kind: 'visiting_teaching', startOn: '2024-10-10', endOn: '2024-10-11' }),
    );
    expect(e).toMatchObject({ allianceName: '凤县—太白县区联盟', days: 2 });
    const outside = await w.reply('teacherExchanges.create', exchange({ allianceId: w.alliances.counties, fromSchoolId: w.schools.fengzhou, toSchoolId: w.schools.guozhen }));
    expect(outside.ok ? null : outside.message).toBe('接收学校“虢镇小学”不是联盟“凤县—太白县区联盟”的成员校，请先在联盟中添加该校或另选学校');
  });

  it('derives days from the dates, counting an ongoing exchange without an end up to today', async () => {
    const { e1, e3, e5 } = await fillLedger();
    expect([e1.days, e3.days, e5.days]).toEqual([153, 10, 1]);
    const planned = await w.call('teacherExchanges.create', exchange({ startOn: '2025-04-01', endOn: null, status: 'planned' }));
    expect(planned.days).toBeNull();

    w.clock.set('2025-03-20');
    expect((await w.call('teacherExchanges.get', { id: e3.id })).days).toBe(20);

    const byDays = await w.call('teacherExchanges.list', { sortBy: 'days', sortOrder: 'desc', status: 'finished' });
    expect(byDays.rows.map((r) => r.days)).toEqual([153, 81, 5, 1]);
  });

  it('adds up people by kind, days and hours per alliance, matching the ledger counted by hand', async () => {
    await fillLedger();
    const all = await w.call('teacherExchanges.summary', {});
    expect(all.rows).toEqual([
      {
        allianceId: w.alliances.fengxian,
        allianceName: '凤县山区学校联盟',
        exchanges: 2,
        teachers: 2,
        byKind: { support_teaching: 1, shadowing: 0, rotation: 0, visiting_teaching: 1 },
        totalDays: 82,
        totalHours: 64,
      },
      {
        allianceId: w.alliances.weibin,
        allianceName: '渭滨区城乡教育联盟',
        // 张明 twice counts as one person
        exchanges: 4,
        teachers: 3,
        byKind: { support_teaching: 1, shadowing: 1, rotation: 1, visiting_teaching: 0 },
        totalDays: 153 + 5 + 10 + 334,
        totalHours: 156.5,
      },
    ]);
    // Two teachers named 李 from different schools are two people.
    expect(all.totals).toEqual({
      exchanges: 6,
      teachers: 5,
      byKind: { support_teaching: 2, shadowing: 1, rotation: 1, visiting_teaching: 1 },
      totalDays: 584,
      totalHours: 220.5,
    });

    // 2024-2025学年第一学期: the exchanges overlapping 2024-09-01 .. 2025-01-31.
    const term = await w.call('teacherExchanges.summary', { from: '2024-09-01', to: '2025-01-31' });
    expect(term.rows.map((r) => [r.allianceName, r.exchanges, r.totalDays, r.totalHours])).toEqual([
      ['凤县山区学校联盟', 2, 82, 64],
      ['渭滨区城乡教育联盟', 1, 153, 120],
    ]);

    const one = await w.call('teacherExchanges.summary', { allianceId: w.alliances.fengxian });
    expect(one.rows).toHaveLength(1);
    expect(one.totals.byKind).toEqual({ support_teaching: 1, shadowing: 0, rotation: 0, visiting_teaching: 1 });

    const bad = await w.reply('teacherExchanges.summary', { from: '2025-02-01', to: '2025-01-01' });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { to: '结束日期不能早于开始日期' } });
  });

  it('filters by teacher or subject, alliance, county, kind, status, term and year, and pages', async () => {
    await fillLedger();
    const list = (q: Args<'teacherExchanges.list'>) => w.call('teacherExchanges.list', { sortBy: 'startOn', sortOrder: 'asc', ...q });

    expect(names(await list({ search: '李' }))).toEqual(['李强 2024-10-08', '李娟 2025-03-01']);
    expect(names(await list({ search: '数学' }))).toEqual(['张明 2024-09-01', '张明 2025-02-10']);
    expect((await list({ allianceId: w.alliances.fengxian })).total).toBe(2);
    expect((await list({ kind: 'support_teaching' })).total).toBe(3);
    expect(names(await list({ status: 'ongoing' }))).toEqual(['李娟 2025-03-01']);

    // Sending or receiving school in the county; a city reaches its counties.
    expect((await list({ regionId: w.county('凤县') })).total).toBe(2);
    expect((await list({ regionId: w.county('陈仓区') })).total).toBe(5);
    const city = (await w.call('regions.list', { level: 'city' })).rows[0]!;
    expect((await list({ regionId: city.id })).total).toBe(6);

    // A term or a year catches every exchange whose span overlaps it.
    expect(names(await list({ term: '2024-2025-1' }))).toEqual(['张明 2024-09-01', '李强 2024-10-08', '赵琴 2024-11-05']);
    expect(names(await list({ term: '2024-2025-2' }))).toEqual(['张明 2025-02-10', '李娟 2025-03-01']);
    expect(names(await list({ year: 2025 }))).toEqual(['张明 2024-09-01', '张明 2025-02-10', '李娟 2025-03-01', '王磊 2025-09-01']);
    expect((await w.reply('teacherExchanges.list', { term: '2024-2025-1', year: 2025 })).ok).toBe(false);

    const page2 = await list({ pageSize: 4, page: 2 });
    expect(page2.total).toBe(6);
    expect(names(page2)).toEqual(['李娟 2025-03-01', '王磊 2025-09-01']);

    const newest = await w.call('teacherExchanges.list', {});
    expect(newest.rows[0]!.teacherName).toBe('王磊');
    const byAlliance = await list({ sortBy: 'alliance' });
    expect(byAlliance.rows.map((r) => r.allianceName).slice(0, 2)).toEqual(['凤县山区学校联盟', '凤县山区学校联盟']);
  });

  it('updates an exchange with a before/after audit, and a refused update leaves it as it was', async () => {
    const e = await w.call('teacherExchanges.create', exchange({ status: 'ongoing', endOn: null }));
    const done = await w.call('teacherExchanges.update', { id: e.id, rowVersion: e.rowVersion, draft: exchange({ status: 'finished', endOn: '2024-12-31', hours: 96 }) });
    expect(done).toMatchObject({ status: 'finished', endOn: '2024-12-31', days: 122, hours: 96 });
    const [update] = await w.audits('teacher_exchanges', 'update');
    expect(JSON.parse(update.before)).toMatchObject({ status: 'ongoing', end_on: null });
    expect(JSON.parse(update.after)).toMatchObject({ status: 'finished', end_on: '2024-12-31' });

    const refused = await w.reply('teacherExchanges.update', { id: e.id, rowVersion: done.rowVersion, draft: exchange({ toSchoolId: w.schools.dongrenbao }) });
    expect(refused.ok).toBe(false);
    expect(await w.call('teacherExchanges.get', { id: e.id })).toEqual(done);
    expect(await w.audits('teacher_exchanges', 'update')).toHaveLength(1);

    const missing = await w.reply('teacherExchanges.update', { id: '00000000-0000-4000-8000-000000000000', rowVersion: 1, draft: exchange() });
    expect(missing).toMatchObject({ ok: false, code: 'not_found', message: '教师交流记录不存在或已删除' });
  });

  it('deletes to the recycle bin and restores from it, out of and back into the list and the summary', async () => {
    const { e5 } = await fillLedger();
    await w.call('teacherExchanges.delete', { id: e5.id });
    expect((await w.call('teacherExchanges.list', {})).total).toBe(5);
    expect((await w.call('teacherExchanges.summary', {})).totals.exchanges).toBe(5);
    expect((await w.reply('teacherExchanges.get', { id: e5.id })).ok).toBe(false);

    const bin = await w.call('recycleBin.list', { entity: 'teacher_exchanges' });
    expect(bin.rows).toMatchObject([{ id: e5.id, label: '赵琴 2024-11-05' }]);
    await w.call('recycleBin.restore', { entity: 'teacher_exchanges', id: e5.id });
    expect(await w.call('teacherExchanges.get', { id: e5.id })).toMatchObject({ teacherName: '赵琴', days: 1 });
    expect((await w.call('teacherExchanges.summary', {})).totals.exchanges).toBe(6);
    const trail = (await w.audits('teacher_exchanges')).filter((a) => a.record_id === e5.id).map((a) => a.action);
    expect(trail.sort()).toEqual(['create', 'delete', 'restore']);
  });

  it('hides the exchanges of a deleted alliance and refuses new ones for it', async () => {
    await fillLedger();
    await w.call('alliances.delete', { id: w.alliances.fengxian });
    expect((await w.call('teacherExchanges.list', {})).total).toBe(4);
    expect((await w.call('teacherExchanges.summary', {})).rows.map((r) => r.allianceName)).toEqual(['渭滨区城乡教育联盟']);
    const r = await w.reply(
      'teacherExchanges.create',
      exchange({ allianceId: w.alliances.fengxian, fromSchoolId: w.schools.fengzhou, toSchoolId: w.schools.guozhen }),
    );
    expect(r).toMatchObject({ ok: false, message: '所选联盟不存在或已删除', fieldErrors: { allianceId: '所选联盟不存在或已删除' } });
  });
});
