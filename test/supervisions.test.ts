import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args } from '../electron/api/contract';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

let w: AllianceWorld;
beforeEach(async () => {
  w = await makeAllianceWorld({ today: '2025-10-20' });
});
afterEach(() => w.close());

type Draft = Args<'supervisions.create'>;
const supervision = (over: Partial<Draft> = {}): Draft => ({
  kind: 'special',
  date: '2025-09-20',
  targetAllianceId: w.alliances.weibin,
  inspectors: '张督学、李督学',
  findings: '联盟活动记录不全；城乡学校互访次数不足',
  rating: '良',
  conclusion: 'needs_rectification',
  ...over,
});

async function notice(supervisionId: string, over: Partial<Args<'rectifications.create'>> = {}) {
  return w.call('rectifications.create', {
    supervisionId,
    number: '宝教督改〔2025〕3号',
    issuedOn: '2025-09-26',
    deadline: '2025-10-31',
    items: '补齐活动台账；制定互访计划',
    ...over,
  });
}

describe('supervisions', () => {
  it('records a supervision of an alliance, a school or a county, named by its target', async () => {
    const a = await w.call('supervisions.create', supervision());
    expect(a).toMatchObject({
      targetKind: 'alliance',
      targetLabel: '渭滨区城乡教育联盟',
      inspectors: '张督学、李督学',
      conclusion: 'needs_rectification',
      rectificationCount: 0,
      openRectifications: 0,
    });
    const s = await w.call(
      'supervisions.create',
      supervision({ kind: 'routine_visit', date: '2025-09-10', targetAllianceId: null, targetSchoolId: w.schools.fengzhou, conclusion: 'pass' }),
    );
    expect(s).toMatchObject({ targetKind: 'school', targetLabel: '凤州小学', targetSchoolName: '凤州小学' });
    const r = await w.call(
      'supervisions.create',
      supervision({ kind: 'annual', targetAllianceId: undefined, targetRegionId: w.county('太白县'), date: '2025-06-01' }),
    );
    expect(r).toMatchObject({ targetKind: 'region', targetLabel: '太白县', targetRegionName: '太白县' });

    const list = await w.call('supervisions.list', {});
    expect(list.total).toBe(3);
    expect(list.rows.map((x) => x.targetLabel)).toEqual(['渭滨区城乡教育联盟', '凤州小学', '太白县']);
    const schools = await w.call('supervisions.list', { search: '凤州' });
    expect(schools.rows.map((x) => x.id)).toEqual([s.id]);
  });

  it('refuses a supervision with no target or two targets, in Chinese, writing nothing', async () => {
    const none = await w.reply('supervisions.create', supervision({ targetAllianceId: null }));
    expect(none.ok ? null : none.fieldErrors).toMatchObject({ target: '请选择督导对象：联盟、学校或县区' });
    const two = await w.reply('supervisions.create', supervision({ targetSchoolId: w.schools.fengzhou }));
    expect(two.ok ? null : two.message).toContain('督导对象只能选一个：联盟、学校或县区');
    const bad = await w.reply('supervisions.create', supervision({ kind: 'party' as never, date: '2025-02-30' }));
    expect(bad.ok ? null : bad.fieldErrors).toMatchObject({ kind: '请选择督导类型', date: '日期不存在' });
    expect(await w.rows('supervisions', true)).toBe(0);
  });

  it('moves a notice from issued to reported to verified, refusing wrong steps without changing anything', async () => {
    const sv = await w.call('supervisions.create', supervision());
    const n = await notice(sv.id);
    expect(n).toMatchObject({ status: 'issued', reportedOn: null, verifiedOn: null, targetLabel: '渭滨区城乡教育联盟' });

    const early = await w.reply('rectifications.report', { id: n.id, reportedOn: '2025-09-01' });
    expect(early.ok ? null : early.message).toBe('报告日期不能早于下发日期');
    const reported = await w.call('rectifications.report', { id: n.id, reportedOn: '2025-10-15' });
    expect(reported).toMatchObject({ status: 'reported', reportedOn: '2025-10-15' });
    const again = await w.reply('rectifications.report', { id: n.id, reportedOn: '2025-10-16' });
    expect(again.ok ? null : again.message).toBe('该整改通知书已报告整改，不能重复报告');

    const noVerifier = await w.reply('rectifications.verify', { id: n.id, verifiedOn: '2025-10-18', verifier: ' ' });
    expect(noVerifier.ok ? null : noVerifier.fieldErrors).toMatchObject({ verifier: '请填写复查人' });
    const noDate = await w.reply('rectifications.verify', { id: n.id, verifier: '张督学' });
    expect(noDate.ok ? null : noDate.fieldErrors).toMatchObject({ verifiedOn: '请填写复查日期' });
    const beforeReport = await w.reply('rectifications.verify', { id: n.id, verifiedOn: '2025-10-10', verifier: '张督学' });
    expect(beforeReport.ok ? null : beforeReport.message).toBe('复查日期不能早于报告整改日期');
    expect(await w.call('rectifications.get', { id: n.id })).toEqual(reported);

    const verified = await w.call('rectifications.verify', { id: n.id, verifiedOn: '2025-10-18', verifier: '张督学' });
    expect(verified).toMatchObject({ status: 'verified', verifiedOn: '2025-10-18', verifier: '张督学', daysLeft: null, overdueDays: null });
    const twice = await w.reply('rectifications.verify', { id: n.id, verifiedOn: '2025-10-19', verifier: '李督学' });
    expect(twice.ok ? null : twice.message).toBe('该整改通知书已复查销号，不能重复复查');
    const late = await w.reply('rectifications.report', { id: n.id, reportedOn: '2025-10-19' });
    expect(late.ok ? null : late.message).toBe('该整改通知书已复查销号，不能再报告整改');
    expect(await w.call('rectifications.get', { id: n.id })).toEqual(verified);

    const actions = (await w.audits('rectifications')).map((a) => a.action);
    expect(actions).toEqual(['create', 'update', 'update']);
  });

  it('lets a 复查 verify an issued notice directly, with a date and a verifier', async () => {
    const sv = await w.call('supervisions.create', supervision());
    const n = await notice(sv.id);
    const v = await w.call('rectifications.verify', { id: n.id, verifiedOn: '2025-10-20', verifier: '李督学' });
    expect(v).toMatchObject({ status: 'verified', reportedOn: null, verifiedOn: '2025-10-20' });
    expect(await w.call('supervisions.get', { id: sv.id })).toMatchObject({ rectificationCount: 1, openRectifications: 0 });
  });

  it('shows days left and days overdue against today, and filters overdue and due-soon notices', async () => {
    const sv = await w.call('supervisions.create', supervision());
    const soon = await notice(sv.id, { number: '宝教督改〔2025〕4号', deadline: '2025-10-25' });
    const today = await notice(sv.id, { number: '宝教督改〔2025〕5号', deadline: '2025-10-20' });
    const late = await notice(sv.id, { number: '宝教督改〔2025〕6号', deadline: '2025-10-12' });
    const far = await notice(sv.id, { number: '宝教督改〔2025〕7号', deadline: '2025-12-31' });

    const all = await w.call('rectifications.list', { supervisionId: sv.id });
    expect(all.rows.map((r) => [r.number, r.daysLeft, r.overdueDays])).toEqual([
      ['宝教督改〔2025〕6号', -8, 8],
      ['宝教督改〔2025〕5号', 0, 0],
      ['宝教督改〔2025〕4号', 5, 0],
      ['宝教督改〔2025〕7号', 72, 0],
    ]);
    expect((await w.call('rectifications.list', { overdue: true })).rows.map((r) => r.id)).toEqual([late.id]);
    expect((await w.call('rectifications.list', { dueWithinDays: 7 })).rows.map((r) => r.id)).toEqual([
      late.id,
      today.id,
      soon.id,
    ]);
    expect((await w.call('rectifications.list', { search: '7号' })).rows.map((r) => r.id)).toEqual([far.id]);

    // A day later the clock moves on.
    w.clock.set('2025-10-21');
    expect((await w.call('rectifications.get', { id: today.id })).overdueDays).toBe(1);
    expect(await w.call('supervisions.get', { id: sv.id })).toMatchObject({ rectificationCount: 4, openRectifications: 4 });
  });

  it('sets a deadline of 限期15个工作日 over the National Day holiday, honouring 设置 corrections', async () => {
    const sv = await w.call('supervisions.create', supervision());
    expect(await w.call('rectifications.deadlineFrom', { issuedOn: '2025-09-30', workingDays: 15 })).toEqual({
      deadline: '2025-10-28',
    });
    const n = await notice(sv.id, { issuedOn: '2025-09-30', deadline: undefined, workingDays: 15 });
    expect(n.deadline).toBe('2025-10-28');

    await w.call('settings.update', { workdayCorrections: [{ date: '2025-10-09', kind: 'holiday' }] });
    expect((await w.call('rectifications.deadlineFrom', { issuedOn: '2025-09-30', workingDays: 15 })).deadline).toBe(
      '2025-10-29',
    );

    const both = await w.reply('rectifications.create', {
      supervisionId: sv.id,
      number: '宝教督改〔2025〕9号',
      issuedOn: '2025-09-30',
      deadline: '2025-10-31',
      workingDays: 10,
    });
    expect(both.ok ? null : both.fieldErrors).toMatchObject({ deadline: '整改期限只能填一种：日期或工作日数' });
    const neither = await w.reply('rectifications.create', { supervisionId: sv.id, number: '9号', issuedOn: '2025-09-30' });
    expect(neither.ok ? null : neither.fieldErrors).toMatchObject({ deadline: '请填写整改期限：日期或工作日数' });
    const before = await w.reply('rectifications.create', {
      supervisionId: sv.id,
      number: '9号',
      issuedOn: '2025-09-30',
      deadline: '2025-09-01',
    });
    expect(before.ok ? null : before.fieldErrors).toMatchObject({ deadline: '整改期限不能早于下发日期' });
    expect(await w.rows('rectifications', true)).toBe(1);
  });

  it('keeps the calendar corrections in 设置, refusing a day listed twice', async () => {
    expect((await w.call('settings.get', {})).workdayCorrections).toEqual([]);
    const twice = await w.reply('settings.update', {
      workdayCorrections: [
        { date: '2027-01-01', kind: 'holiday' },
        { date: '2027-01-01', kind: 'workday' },
      ],
    });
    expect(twice.ok ? null : twice.message).toContain('日历调整中有重复的日期');
    const saved = await w.call('settings.update', { workdayCorrections: [{ date: '2027-01-01', kind: 'holiday' }] });
    expect(saved.workdayCorrections).toEqual([{ date: '2027-01-01', kind: 'holiday' }]);
    // 2027 is beyond the package: New Year's Day counts as off only because of the correction.
    expect((await w.call('rectifications.deadlineFrom', { issuedOn: '2026-12-31', workingDays: 1 })).deadline).toBe('2027-01-04');
  });

  it('records interviews under a supervision', async () => {
    const sv = await w.call('supervisions.create', supervision());
    const i = await w.call('interviews.create', {
      supervisionId: sv.id,
      date: '2025-10-10',
      interviewees: '清姜路小学校长 刘明',
      content: '就联盟活动开展不力进行约谈',
      followUp: '一个月内提交整改报告',
    });
    expect(i).toMatchObject({ interviewees: '清姜路小学校长 刘明', followUp: '一个月内提交整改报告' });
    const edited = await w.call('interviews.update', { id: i.id, rowVersion: i.rowVersion, draft: { ...i, followUp: '已提交整改报告' } });
    expect(edited.followUp).toBe('已提交整改报告');
    const bad = await w.reply('interviews.create', { supervisionId: sv.id, date: '2025-10-10', interviewees: '' });
    expect(bad.ok ? null : bad.fieldErrors).toMatchObject({ interviewees: '请填写约谈对象' });
    expect((await w.call('interviews.list', { supervisionId: sv.id })).total).toBe(1);
    await w.call('interviews.delete', { id: i.id });
    expect((await w.call('interviews.list', { supervisionId: sv.id })).total).toBe(0);
  });

  it('deletes a supervision to the recycle bin with its notices hidden, and restores it', async () => {
    const sv = await w.call('supervisions.create', supervision());
    await notice(sv.id);
    await w.call('supervisions.delete', { id: sv.id });
    expect((await w.call('supervisions.list', {})).total).toBe(0);
    expect((await w.call('rectifications.list', {})).total).toBe(0);
    const missing = await w.reply('supervisions.get', { id: sv.id });
    expect(missing.ok ? null : missing.message).toBe('督导记录不存在或已删除');
    const orphan = await w.reply('rectifications.create', {
      supervisionId: sv.id,
      number: '10号',
      issuedOn: '2025-10-01',
      deadline: '2025-10-31',
    });
    expect(orphan.ok ? null : orphan.message).toBe('督导记录不存在或已删除');

    await w.call('recycleBin.restore', { entity: 'supervisions', id: sv.id });
    expect(await w.call('supervisions.get', { id: sv.id })).toMatchObject({ rectificationCount: 1, openRectifications: 1 });
    expect((await w.call('rectifications.list', {})).total).toBe(1);
    expect((await w.audits('supervisions')).map((a) => a.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('hides supervisions of a deleted alliance', async () => {
    await w.call('supervisions.create', supervision());
    await w.call('supervisions.create', supervision({ targetAllianceId: null, targetSchoolId: w.schools.fengzhou }));
    await w.call('alliances.delete', { id: w.alliances.weibin });
    expect((await w.call('supervisions.list', {})).rows.map((s) => s.targetLabel)).toEqual(['凤州小学']);
  });
});
