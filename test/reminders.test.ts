// 提醒中心: the reminder rules of domain.md at their boundaries, the clerk's decisions
// (done / snoozed, per key) and hand-written reminders. Records of other features are
// written straight into their tables, as the engine reads them.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../electron/api/dispatch';
import type { Reminder } from '../electron/api/reminders';
import { defaultReminderRules } from '../electron/api/settings';
import { handlers } from '../electron/handlers';
import { makeContext } from '../electron/main/runtime';
import { computeReminders, type ReminderFacts } from '../electron/services/reminders';
import { openDatabase } from '../db/connection';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

let world: AllianceWorld;
afterEach(async () => world?.close());

const stamp = '2026-01-01T00:00:00.000Z';
async function insert(table: string, values: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  await world.db(table).insert({ id, created_at: stamp, updated_at: stamp, deleted_at: null, ...values });
  return id;
}
const softDelete = (table: string, id: string) => world.db(table).where({ id }).update({ deleted_at: stamp });

async function on(today: string, includeHandled = false): Promise<Reminder[]> {
  return world.call('reminders.forDay', { today, includeHandled });
}
async function ofRule(today: string, rule: Reminder['rule']) {
  return (await on(today)).filter((r) => r.rule === rule);
}
const severityOf = async (today: string, key: string) => (await on(today)).find((r) => r.key === key)?.severity ?? null;

let activityN = 0;
function activity(allianceId: string, date: string, visit = false) {
  return insert('activities', {
    alliance_id: allianceId,
    date,
    category: 'joint_research',
    title: `活动${++activityN}`,
    is_leadership_visit: visit,
  });
}

describe('deadlines of problems', () => {
  async function problem(dueOn: string, extra: Record<string, unknown> = {}) {
    return insert('problems', {
      alliance_id: world.alliances.weibin,
      description: '校级领导互访未达到每学期1次',
      due_on: dueOn,
      owner: '李老师',
      status: 'open',
      ...extra,
    });
  }

  it('is due soon on the deadline and N days before it, overdue the day after, nothing at N+1', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    const id = await problem('2026-12-04');
    const key = `deadline-problem:${id}`;
    expect(await severityOf('2026-11-19', key)).toBeNull(); // 15 days before
    expect(await severityOf('2026-11-20', key)).toBe('due_soon'); // 14 days before
    expect(await severityOf('2026-12-04', key)).toBe('due_soon'); // due today
    expect(await severityOf('2026-12-05', key)).toBe('overdue');
    const [r] = await ofRule('2026-12-05', 'deadline-problem');
    expect(r).toMatchObject({ entity: 'problem', recordId: id, allianceName: '渭滨区城乡教育联盟', dueOn: '2026-12-04' });
    expect(r!.message).toContain('已逾期1天');
    expect(r!.message).toContain('李老师');
  });

  it('counts days across a leap day', async () => {
    world = await makeAllianceWorld({ today: '2028-02-28' });
    const id = await problem('2028-03-14');
    const key = `deadline-problem:${id}`;
    expect(await severityOf('2028-02-28', key)).toBeNull(); // 15 days before, 2028 has 29 February
    expect(await severityOf('2028-02-29', key)).toBe('due_soon');
    const leap = await problem('2028-02-29');
    expect(await severityOf('2028-02-29', `deadline-problem:${leap}`)).toBe('due_soon');
    expect(await severityOf('2028-03-01', `deadline-problem:${leap}`)).toBe('overdue');
  });

  it('raises nothing for done, soft-deleted problems or problems of a deleted alliance', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    await problem('2026-11-01', { status: 'done', done_on: '2026-10-30' });
    const deleted = await problem('2026-11-01');
    await softDelete('problems', deleted);
    await insert('problems', { alliance_id: world.alliances.fengxian, description: '问题', due_on: '2026-11-01', owner: '王', status: 'open' });
    await world.call('alliances.delete', { id: world.alliances.fengxian });
    expect(await ofRule('2026-11-20', 'deadline-problem')).toEqual([]);
  });
});

describe('rectification notices', () => {
  it('is overdue after the deadline, and a reported notice waits for 复查 until verified', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    const supervision = await insert('supervisions', { kind: 'special', date: '2026-09-10', target_alliance_id: world.alliances.weibin });
    const issued = await insert('rectifications', {
      supervision_id: supervision,
      number: '宝教督整〔2026〕1号',
      issued_on: '2026-09-15',
      deadline: '2026-11-15',
      status: 'issued',
    });
    const reported = await insert('rectifications', {
      supervision_id: supervision,
      number: '宝教督整〔2026〕2号',
      issued_on: '2026-09-15',
      deadline: '2026-11-15',
      status: 'reported',
      reported_on: '2026-11-10',
    });
    await insert('rectifications', {
      supervision_id: supervision,
      number: '宝教督整〔2026〕3号',
      issued_on: '2026-09-15',
      deadline: '2026-11-15',
      status: 'verified',
      reported_on: '2026-11-10',
      verified_on: '2026-11-12',
    });
    const list = (await on('2026-11-20')).filter((r) => r.entity === 'rectification');
    expect(list.map((r) => [r.key, r.severity])).toEqual([
      [`deadline-rectification:${issued}`, 'overdue'],
      [`rectification-verify:${reported}`, 'notice'],
    ]);
    expect(list[0]).toMatchObject({ parentId: supervision, allianceName: '渭滨区城乡教育联盟' });
    expect(list[1]!.message).toContain('待复查');
    expect(await severityOf('2026-11-01', `deadline-rectification:${issued}`)).toBe('due_soon');
  });
});

describe('term quotas', () => {
  it('is due soon when the term (spanning the new year) ends within N days and the alliance is below quota', async () => {
    world = await makeAllianceWorld({ today: '2027-01-20' });
    // 2026-2027-1 runs 2026-09-01 … 2027-01-31.
    await activity(world.alliances.weibin, '2026-10-10');
    await activity(world.alliances.weibin, '2027-01-05', true);
    await activity(world.alliances.fengxian, '2026-12-01');
    const deleted = await activity(world.alliances.fengxian, '2026-12-02', true);
    await softDelete('activities', deleted);
    const term = '2026-2027-1';
    const keys = (r: Reminder[]) => r.filter((x) => x.period === term).map((x) => x.key).sort();

    expect(keys(await on('2027-01-16'))).toEqual([]); // 15 days before the end
    const soon = (await on('2027-01-17')).filter((x) => x.period === term);
    expect(soon.map((x) => x.key).sort()).toEqual(
      [
        `quota-activities:${world.alliances.counties}:${term}`,
        `quota-activities:${world.alliances.fengxian}:${term}`,
        `quota-visits:${world.alliances.counties}:${term}`,
        `quota-visits:${world.alliances.fengxian}:${term}`,
      ].sort(),
    );
    expect(soon.every((x) => x.severity === 'due_soon' && x.dueOn === '2027-01-31')).toBe(true);
    const feng = soon.find((x) => x.key.startsWith(`quota-activities:${world.alliances.fengxian}`))!;
    expect(feng.message).toContain('只开展了1次联合交流活动');
    expect(feng.message).toContain('2026-2027学年第一学期');
    // The last day of the term is still due soon.
    expect(await severityOf('2027-01-31', `quota-visits:${world.alliances.fengxian}:${term}`)).toBe('due_soon');
    // The day after, the term has ended below quota: overdue, under the same key.
    expect(await severityOf('2027-02-01', `quota-visits:${world.alliances.fengxian}:${term}`)).toBe('overdue');
  });

  it('looks back on the most recently ended term only', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    // 2025-2026-2 (2026-02-01 … 2026-07-31) is the most recently ended term on 2026-11-20.
    await activity(world.alliances.weibin, '2026-03-01', true);
    await activity(world.alliances.weibin, '2026-04-01');
    await activity(world.alliances.fengxian, '2026-03-01');
    const overdue = (await on('2026-11-20')).filter((r) => r.rule.startsWith('quota-'));
    expect(new Set(overdue.map((r) => r.period))).toEqual(new Set(['2025-2026-2']));
    expect(overdue.every((r) => r.severity === 'overdue' && r.dueOn === '2026-07-31')).toBe(true);
    expect(overdue.filter((r) => r.allianceId === world.alliances.weibin)).toEqual([]);
    expect(overdue.filter((r) => r.allianceId === world.alliances.fengxian).map((r) => r.rule).sort()).toEqual(['quota-activities', 'quota-visits']);
    // In the summer holiday the same term is the one looked back on.
    expect((await ofRule('2026-08-15', 'quota-visits')).map((r) => r.period)).toContain('2025-2026-2');
  });

  it('only counts alliances active during the term, and a deleted alliance raises nothing', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    await world.db('alliances').where({ id: world.alliances.fengxian }).update({ established_on: '2026-09-01' });
    await world.db('alliances').where({ id: world.alliances.counties }).update({ status: 'dissolved', dissolved_on: '2026-01-15' });
    await world.call('alliances.delete', { id: world.alliances.weibin });
    expect((await ofRule('2026-11-20', 'quota-activities')).map((r) => r.allianceName)).toEqual([]);
  });

  it('follows the quotas and thresholds of 设置, and ends on a leap day when the terms say so', async () => {
    world = await makeAllianceWorld({ today: '2028-02-20' });
    await world.call('settings.update', {
      terms: { firstStart: '09-01', firstEnd: '02-29', secondStart: '03-01', secondEnd: '07-31' },
      reminderRules: { ...defaultReminderRules, quotas: { activitiesPerTerm: 1, visitsPerTerm: 0 } },
    });
    await activity(world.alliances.weibin, '2027-10-01');
    const soon = (await ofRule('2028-02-20', 'quota-activities')).filter((r) => r.period === '2027-2028-1');
    expect(soon.map((r) => [r.allianceName, r.dueOn, r.severity]).sort()).toEqual([
      ['凤县—太白县区联盟', '2028-02-29', 'due_soon'],
      ['凤县山区学校联盟', '2028-02-29', 'due_soon'],
    ]);
    expect(await ofRule('2028-02-20', 'quota-visits')).toEqual([]);
  });
});

describe('cooperation projects, plans and evaluations', () => {
  it('asks for a cooperation project from 1 December when an alliance has none in the year', async () => {
    world = await makeAllianceWorld({ today: '2026-12-01' });
    await world.call('cooperationProjects.create', { allianceId: world.alliances.weibin, year: 2026, name: '城乡同步课堂' });
    expect(await ofRule('2026-11-30', 'cooperation-project')).toEqual([]);
    const list = await ofRule('2026-12-01', 'cooperation-project');
    expect(list.map((r) => r.key).sort()).toEqual(
      [`cooperation-project:${world.alliances.fengxian}:2026`, `cooperation-project:${world.alliances.counties}:2026`].sort(),
    );
    expect(list.every((r) => r.severity === 'due_soon' && r.dueOn === '2026-12-31')).toBe(true);
  });

  it('wants the implementation plan filed within 30 days of establishment', async () => {
    world = await makeAllianceWorld({ today: '2026-11-01' });
    const id = (
      await world.call('alliances.create', {
        name: '金台区新联盟',
        kind: 'school_alliance',
        leadSchoolId: world.schools.dongrenbao,
        establishedOn: '2026-10-01',
        members: [{ schoolId: world.schools.qingjiang }],
      })
    ).id;
    expect(await severityOf('2026-10-31', `implementation-plan:${id}`)).toBeNull();
    expect(await severityOf('2026-11-01', `implementation-plan:${id}`)).toBe('overdue');
    await world.db('alliances').where({ id }).update({ plan_filed_on: '2026-11-01' });
    expect(await severityOf('2026-11-01', `implementation-plan:${id}`)).toBeNull();
  });

  it('wants the annual plan of the school year filed by its due date', async () => {
    world = await makeAllianceWorld({ today: '2026-10-17' });
    const key = `annual-plan:${world.alliances.weibin}:2026-2027`;
    expect(await severityOf('2026-10-16', key)).toBeNull();
    expect(await severityOf('2026-10-17', key)).toBe('due_soon');
    expect(await severityOf('2026-11-01', key)).toBe('overdue');
    await insert('annual_plans', { alliance_id: world.alliances.weibin, school_year: '2026-2027', filed_on: '2026-10-20' });
    expect(await severityOf('2026-11-01', key)).toBeNull();
  });

  it('flags evaluations still in draft within N days of the deadline or after it', async () => {
    world = await makeAllianceWorld({ today: '2026-12-17' });
    const template = await insert('evaluation_templates', { name: '联盟考核', target_type: 'alliance', total_score: 100, grade_bands: '[]' });
    const draft = await insert('evaluations', { template_id: template, target_alliance_id: world.alliances.weibin, year: 2026, status: 'draft' });
    await insert('evaluations', { template_id: template, target_alliance_id: world.alliances.fengxian, year: 2026, status: 'submitted' });
    const key = `evaluation-draft:${draft}:2026`;
    expect(await severityOf('2026-12-16', key)).toBeNull();
    expect(await severityOf('2026-12-17', key)).toBe('due_soon');
    expect(await severityOf('2027-01-05', key)).toBe('overdue');
    expect((await ofRule('2027-01-05', 'evaluation-draft')).map((r) => r.key)).toEqual([key]);
  });

  it('switches a rule off and refuses a negative threshold in Chinese', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    expect((await ofRule('2026-11-20', 'implementation-plan')).length).toBe(3);
    await world.call('settings.update', {
      reminderRules: { ...defaultReminderRules, implementationPlan: { enabled: false, days: 30 } },
    });
    expect(await ofRule('2026-11-20', 'implementation-plan')).toEqual([]);
    const r = await world.reply('settings.update', { reminderRules: { ...defaultReminderRules, annualPlan: { enabled: true, days: -1 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.values(r.fieldErrors ?? {})).toContain('天数不能为负数');
    expect((await world.call('settings.get', {})).reminderRules.annualPlan.days).toBe(14);
  });
});

describe('the clerk’s decisions', () => {
  it('keeps done and snoozed across reopening the ledger, and shows a snoozed one again on its day', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    const keyW = `implementation-plan:${world.alliances.weibin}`;
    const keyF = `implementation-plan:${world.alliances.fengxian}`;
    await world.call('reminders.markDone', { key: keyW, note: '已电话催报' });
    await world.call('reminders.snooze', { key: keyF, until: '2026-11-25' });
    const before = await world.call('reminders.counts', {});

    await world.db.destroy();
    const db = await openDatabase(world.file);
    const ctx = makeContext(db, world.dir, { error: () => undefined, info: () => undefined }, world.clock);
    world.db = db;
    const forDay = async (today: string, includeHandled = false) => {
      const r = await dispatch(handlers, 'reminders.forDay', { today, includeHandled }, ctx);
      if (!r.ok) throw new Error(r.message);
      return (r.value as Reminder[]).filter((x) => x.rule === 'implementation-plan');
    };
    expect((await forDay('2026-11-20')).map((r) => r.key)).toEqual([`implementation-plan:${world.alliances.counties}`]);
    const all = await forDay('2026-11-20', true);
    expect(all.find((r) => r.key === keyW)).toMatchObject({ state: 'done', note: '已电话催报' });
    expect(all.find((r) => r.key === keyF)).toMatchObject({ state: 'snoozed', snoozedUntil: '2026-11-25' });
    expect((await forDay('2026-11-24')).map((r) => r.key)).not.toContain(keyF);
    expect((await forDay('2026-11-25')).map((r) => r.key)).toContain(keyF);
    const counts = await dispatch(handlers, 'reminders.counts', {}, ctx);
    expect(counts.ok && counts.value).toEqual(before);

    await dispatch(handlers, 'reminders.reopen', { key: keyW }, ctx);
    expect((await forDay('2026-11-20')).map((r) => r.key)).toContain(keyW);
  });

  it('marks one term done without hiding the next term', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    const ended = `quota-visits:${world.alliances.fengxian}:2025-2026-2`;
    await world.call('reminders.markDone', { key: ended });
    expect(await severityOf('2026-11-20', ended)).toBeNull();
    expect(await severityOf('2027-02-01', `quota-visits:${world.alliances.fengxian}:2026-2027-1`)).toBe('overdue');
    // Marking done twice keeps one live decision per key.
    await world.call('reminders.snooze', { key: ended, until: '2026-12-01' });
    expect(await world.rows('reminder_states')).toBe(1);
  });

  it('shows reminders a clerk writes by hand with the others', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    const refused = await world.reply('reminders.addManual', { title: ' ', dueOn: '2026-11-31' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.fieldErrors).toMatchObject({ title: '请填写提醒内容', dueOn: '日期不存在' });
    expect(await world.rows('manual_reminders')).toBe(0);

    const m = await world.call('reminders.addManual', { title: '收齐各联盟年度工作总结', dueOn: '2026-11-25' });
    const [r] = await ofRule('2026-11-20', 'manual');
    expect(r).toMatchObject({ key: `manual:${m.id}`, severity: 'due_soon', message: '收齐各联盟年度工作总结' });
    await world.call('reminders.updateManual', { id: m.id, rowVersion: m.rowVersion, draft: { title: '收齐年度工作总结', dueOn: '2026-11-10' } });
    expect((await ofRule('2026-11-20', 'manual'))[0]).toMatchObject({ severity: 'overdue', message: '收齐年度工作总结' });
    await world.call('reminders.deleteManual', { id: m.id });
    expect(await ofRule('2026-11-20', 'manual')).toEqual([]);
  });

  it('counts overdue and due-soon reminders for the menu', async () => {
    world = await makeAllianceWorld({ today: '2026-11-20' });
    await world.call('reminders.addManual', { title: '月底前报送统计表', dueOn: '2026-11-30' });
    const list = await world.call('reminders.forDay', {});
    const counts = await world.call('reminders.counts', {});
    expect(counts).toEqual({
      overdue: list.filter((r) => r.severity === 'overdue').length,
      dueSoon: list.filter((r) => r.severity === 'due_soon').length,
      notice: list.filter((r) => r.severity === 'notice').length,
    });
    expect(counts.dueSoon).toBe(1);
  });
});

describe('computeReminders (pure)', () => {
  it('derives the same stable keys for the same facts', () => {
    const facts: ReminderFacts = {
      problems: [{ id: 'p1', allianceId: 'a1', allianceName: '甲联盟', description: '问题', dueOn: '2026-11-20', owner: '张' }],
      rectifications: [],
      quotaTerms: [{ term: '2026-2027-1', from: '2026-09-01', to: '2027-01-31', counts: [{ allianceId: 'a1', allianceName: '甲联盟', activities: 0, visits: 0 }] }],
      cooperationGaps: null,
      unfiledImplementationPlans: [],
      unfiledAnnualPlans: null,
      evaluationDrafts: [],
      manual: [],
    };
    const a = computeReminders(facts, defaultReminderRules, '2027-01-20');
    const b = computeReminders(facts, defaultReminderRules, '2027-01-20');
    expect(a.map((r) => r.key)).toEqual(['deadline-problem:p1', 'quota-activities:a1:2026-2027-1', 'quota-visits:a1:2026-2027-1']);
    expect(b).toEqual(a);
  });
});
