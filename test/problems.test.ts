import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args } from '../electron/api/contract';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

// Today is Monday 10 March 2025 throughout.
let w: AllianceWorld;
beforeEach(async () => {
  w = await makeAllianceWorld({ today: '2025-03-10' });
});
afterEach(() => w.close());

type Draft = Args<'problems.create'>;
const problem = (over: Partial<Draft> = {}): Draft => ({
  allianceId: w.alliances.weibin,
  schoolId: w.schools.guozhen,
  description: '虢镇小学青年教师课堂教学能力薄弱',
  goal: '一学年内青年教师过关课全部达标',
  measures: '清姜路小学骨干教师结对帮扶',
  stageTasks: '3月结对，6月过关课',
  dueOn: '2025-06-30',
  owner: '李校长',
  ...over,
});

const descriptions = (page: { rows: { description: string }[] }) => page.rows.map((r) => r.description);

describe('problem list', () => {
  it('records a problem with alliance and school by name, open by default, and audits it under the operator', async () => {
    const p = await w.call('problems.create', problem());
    expect(p).toMatchObject({
      allianceName: '渭滨区城乡教育联盟',
      schoolName: '虢镇小学',
      description: '虢镇小学青年教师课堂教学能力薄弱',
      goal: '一学年内青年教师过关课全部达标',
      stageTasks: '3月结对，6月过关课',
      dueOn: '2025-06-30',
      owner: '李校长',
      status: 'open',
      doneOn: null,
      overdueDays: null,
      dueInDays: 112,
    });
    expect(await w.call('problems.get', { id: p.id })).toEqual(p);
    const audit = await w.audits('problems');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', operator: '王科员', record_id: p.id });
  });

  it('may concern the alliance as a whole, without a school', async () => {
    const p = await w.call('problems.create', problem({ schoolId: null, description: '联盟活动记录不全' }));
    expect(p).toMatchObject({ schoolId: null, schoolName: null });
  });

  it('refuses a problem without deadline or owner, in Chinese, and writes nothing', async () => {
    const r = await w.reply('problems.create', { ...problem(), dueOn: undefined, owner: ' ' });
    expect(r).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { dueOn: '请填写完成时限', owner: '请填写责任人' },
    });
    expect(await w.rows('problems')).toBe(0);
  });

  it('refuses a school that is not a member of the alliance, and accepts one that has left it', async () => {
    const r = await w.reply('problems.create', problem({ schoolId: w.schools.dongrenbao }));
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { schoolId: '学校“东仁堡小学”不是联盟“渭滨区城乡教育联盟”的成员校，请先在联盟中添加该校或另选学校' },
    });
    expect(await w.rows('problems')).toBe(0);

    // 虢镇小学 left 渭滨 at the end of 2024: a problem about its time there still counts.
    const member = await w.db('alliance_members').where({ alliance_id: w.alliances.weibin, school_id: w.schools.guozhen }).first('id');
    await w.db('alliance_members').where({ id: member.id }).update({ left_on: '2024-12-31' });
    const p = await w.call('problems.create', problem());
    expect(p.schoolName).toBe('虢镇小学');
  });

  it('counts a school of a member county as a member of a county alliance', async () => {
    const p = await w.call('problems.create', problem({ allianceId: w.alliances.counties, schoolId: w.schools.taibai }));
    expect(p.allianceName).toBe('凤县—太白县区联盟');
  });

  describe('overdue', () => {
    it('is not overdue on the due date itself, and one day overdue the day after', async () => {
      const today = await w.call('problems.create', problem({ dueOn: '2025-03-10', description: '今天到期' }));
      const yesterday = await w.call('problems.create', problem({ dueOn: '2025-03-09', description: '昨天到期' }));
      expect(today).toMatchObject({ overdueDays: null, dueInDays: 0 });
      expect(yesterday).toMatchObject({ overdueDays: 1, dueInDays: -1 });

      expect(descriptions(await w.call('problems.list', { overdue: true }))).toEqual(['昨天到期']);
      expect(descriptions(await w.call('problems.list', { overdue: false }))).toEqual(['今天到期']);

      w.clock.set('2025-03-11');
      expect(await w.call('problems.get', { id: today.id })).toMatchObject({ overdueDays: 1 });
      expect(await w.call('problems.get', { id: yesterday.id })).toMatchObject({ overdueDays: 2 });
    });

    it('counts the days overdue across months', async () => {
      const p = await w.call('problems.create', problem({ dueOn: '2025-01-31' }));
      expect(p.overdueDays).toBe(38); // 28 days of February + 10 of March
    });

    it('is cleared by closing the problem, and back after reopening it', async () => {
      const p = await w.call('problems.create', problem({ dueOn: '2025-02-28' }));
      expect(p.overdueDays).toBe(10);
      const closed = await w.call('problems.close', { id: p.id, rowVersion: p.rowVersion, doneOn: '2025-03-05', verificationNote: '复查合格，予以销号' });
      expect(closed).toMatchObject({
        status: 'done',
        doneOn: '2025-03-05',
        verificationNote: '复查合格，予以销号',
        overdueDays: null,
        dueInDays: null,
      });
      expect((await w.call('problems.list', { overdue: true })).total).toBe(0);

      const reopened = await w.call('problems.reopen', { id: p.id });
      expect(reopened).toMatchObject({ status: 'open', doneOn: null, verificationNote: null, overdueDays: 10 });
    });
  });

  describe('due within N days', () => {
    it('includes problems due today up to N days from now, not N + 1, not overdue ones and not done ones', async () => {
      await w.call('problems.create', problem({ dueOn: '2025-03-09', description: '已逾期' }));
      await w.call('problems.create', problem({ dueOn: '2025-03-10', description: '今天' }));
      await w.call('problems.create', problem({ dueOn: '2025-03-17', description: '第7天' }));
      await w.call('problems.create', problem({ dueOn: '2025-03-18', description: '第8天' }));
      const done = await w.call('problems.create', problem({ dueOn: '2025-03-12', description: '已完成' }));
      await w.call('problems.close', { id: done.id, rowVersion: done.rowVersion, doneOn: '2025-03-10' });

      expect(descriptions(await w.call('problems.list', { dueWithinDays: 7 }))).toEqual(['今天', '第7天']);
      expect(descriptions(await w.call('problems.list', { dueWithinDays: 8 }))).toEqual(['今天', '第7天', '第8天']);
      expect(descriptions(await w.call('problems.list', { dueWithinDays: 0 }))).toEqual(['今天']);
    });

    it('refuses a negative number of days', async () => {
      expect(await w.reply('problems.list', { dueWithinDays: -1 })).toMatchObject({
        ok: false,
        fieldErrors: { dueWithinDays: '天数不能为负数' },
      });
    });
  });

  describe('closing', () => {
    it('needs a done date, not in the future, and changes nothing when refused', async () => {
      const p = await w.call('problems.create', problem());
      expect(await w.reply('problems.close', { id: p.id, rowVersion: p.rowVersion, verificationNote: '已整改' })).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { doneOn: '请填写完成日期' },
      });
      expect(await w.reply('problems.close', { id: p.id, rowVersion: p.rowVersion, doneOn: '2025-03-11' })).toMatchObject({
        ok: false,
        fieldErrors: { doneOn: '完成日期不能晚于今天（2025-03-10）' },
      });
      expect(await w.call('problems.get', { id: p.id })).toEqual(p);
      expect(await w.audits('problems', 'update')).toHaveLength(0);
    });

    it('is audited as an update with the status before and after', async () => {
      const p = await w.call('problems.create', problem());
      await w.call('problems.close', { id: p.id, rowVersion: p.rowVersion, doneOn: '2025-03-10', verificationNote: '经复查已完成' });
      const [audit] = await w.audits('problems', 'update');
      expect(audit).toMatchObject({ operator: '王科员', record_id: p.id });
      expect(JSON.parse(audit.before).status).toBe('open');
      expect(JSON.parse(audit.after)).toMatchObject({ status: 'done', done_on: '2025-03-10', verification_note: '经复查已完成' });
    });

    it('saving a problem as done through the form also needs a done date; an open one keeps none', async () => {
      const p = await w.call('problems.create', problem());
      expect(await w.reply('problems.update', { id: p.id, rowVersion: p.rowVersion, draft: problem({ status: 'done' }) })).toMatchObject({
        ok: false,
        fieldErrors: { 'draft.doneOn': '已完成的问题请填写完成日期' },
      });
      const saved = await w.call('problems.update', {
        id: p.id,
        rowVersion: p.rowVersion,
        draft: problem({ status: 'in_progress', doneOn: '2025-03-01', verificationNote: '误填' }),
      });
      expect(saved).toMatchObject({ status: 'in_progress', doneOn: null, verificationNote: null });
    });
  });

  it('edits a problem and refuses an unknown one', async () => {
    const p = await w.call('problems.create', problem());
    const saved = await w.call('problems.update', { id: p.id, rowVersion: p.rowVersion, draft: problem({ owner: '张主任', dueOn: '2025-04-30' }) });
    expect(saved).toMatchObject({ owner: '张主任', dueOn: '2025-04-30', dueInDays: 51 });
    expect(await w.reply('problems.update', { id: '00000000-0000-4000-8000-000000000000', rowVersion: 1, draft: problem() })).toMatchObject({
      ok: false,
      code: 'not_found',
      message: '问题不存在或已删除',
    });
  });

  it('deletes to the recycle bin and restores from it', async () => {
    const p = await w.call('problems.create', problem());
    await w.call('problems.delete', { id: p.id });
    expect((await w.call('problems.list', {})).total).toBe(0);
    expect(await w.reply('problems.get', { id: p.id })).toMatchObject({ ok: false, code: 'not_found' });
    expect((await w.call('recycleBin.list', { entity: 'problems' })).rows).toHaveLength(1);

    await w.call('recycleBin.restore', { entity: 'problems', id: p.id });
    expect(descriptions(await w.call('problems.list', {}))).toEqual([p.description]);
    const trail = (await w.audits('problems')).map((a) => a.action);
    expect(trail.sort()).toEqual(['create', 'delete', 'restore']);
  });

  it("leaves out problems of a deleted alliance", async () => {
    await w.call('problems.create', problem());
    await w.call('problems.create', problem({ allianceId: w.alliances.fengxian, schoolId: w.schools.fengzhou, description: '凤县问题' }));
    await w.call('alliances.delete', { id: w.alliances.weibin });
    expect(descriptions(await w.call('problems.list', {}))).toEqual(['凤县问题']);
  });

  it('filters by alliance, school, owner, status, region and search, and pages in deadline order', async () => {
    const { weibin, fengxian } = w.alliances;
    const { guozhen, jingerlu, fengzhou } = w.schools;
    await w.call('problems.create', problem({ description: 'A 教研不足', dueOn: '2025-05-01', owner: '李校长' }));
    await w.call('problems.create', problem({ description: 'B 送教次数少', schoolId: jingerlu, dueOn: '2025-04-01', owner: '张主任' }));
    const c = await w.call('problems.create', problem({ description: 'C 互访未落实', schoolId: null, dueOn: '2025-02-01', owner: '王主任', status: 'in_progress' }));
    await w.call('problems.create', problem({ allianceId: fengxian, schoolId: fengzhou, description: 'D 凤县师资', dueOn: '2025-03-20', owner: '赵校长' }));
    await w.call('problems.create', problem({ allianceId: fengxian, schoolId: guozhen, description: 'E 虢镇音体美', dueOn: '2025-07-01', owner: '李校长' }));

    expect(descriptions(await w.call('problems.list', {}))).toEqual(['C 互访未落实', 'D 凤县师资', 'B 送教次数少', 'A 教研不足', 'E 虢镇音体美']);
    expect(descriptions(await w.call('problems.list', { sortOrder: 'desc' }))[0]).toBe('E 虢镇音体美');
    expect(descriptions(await w.call('problems.list', { allianceId: weibin }))).toEqual(['C 互访未落实', 'B 送教次数少', 'A 教研不足']);
    expect(descriptions(await w.call('problems.list', { schoolId: guozhen }))).toEqual(['A 教研不足', 'E 虢镇音体美']);
    expect(descriptions(await w.call('problems.list', { owner: '李' }))).toEqual(['A 教研不足', 'E 虢镇音体美']);
    expect(descriptions(await w.call('problems.list', { status: 'in_progress' }))).toEqual(['C 互访未落实']);
    expect(descriptions(await w.call('problems.list', { search: '凤县' }))).toEqual(['D 凤县师资']);
    expect(descriptions(await w.call('problems.list', { overdue: true }))).toEqual(['C 互访未落实']);
    expect((await w.call('problems.list', { overdue: true })).rows[0]).toMatchObject({ id: c.id, overdueDays: 37 });
    // 凤县: 凤州小学's problem, and none of 渭滨's (its schools lie in 渭滨区 and 陈仓区).
    expect(descriptions(await w.call('problems.list', { regionId: w.county('凤县') }))).toEqual(['D 凤县师资']);
    // 渭滨区: its schools' problems and 渭滨 alliance's problem without a school.
    expect(descriptions(await w.call('problems.list', { regionId: w.county('渭滨区') }))).toEqual(['C 互访未落实', 'B 送教次数少']);
    expect(descriptions(await w.call('problems.list', { sortBy: 'alliance' }))).toEqual([
      'D 凤县师资',
      'E 虢镇音体美',
      'C 互访未落实',
      'B 送教次数少',
      'A 教研不足',
    ]);
    expect(descriptions(await w.call('problems.list', { sortBy: 'status' }))[4]).toBe('C 互访未落实');

    const second = await w.call('problems.list', { page: 2, pageSize: 2 });
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(descriptions(second)).toEqual(['B 送教次数少', 'A 教研不足']);
  });
});
