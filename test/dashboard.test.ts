// 首页 dashboard: every figure is an SQL aggregate; here each is checked against a small
// Baoji world whose numbers are counted by hand, and against what the lists and the other
// summaries say about the same data.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../electron/api/dashboard';
import { defaultGradeBands } from '../electron/api/evaluations';
import { binsOf, termAt } from '../electron/services/dashboard/summary';
import { defaultSettings } from '../electron/api/settings';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

// Today is Thursday 20 November 2025, in 2025-2026学年第一学期.
let w: AllianceWorld;
let s: DashboardSummary;

beforeAll(async () => {
  w = await makeAllianceWorld({ today: '2025-11-20' });
  const { weibin, fengxian, counties } = w.alliances;
  const activity = (allianceId: string, date: string, category: string, isLeadershipVisit = false) =>
    w.call('activities.create', {
      allianceId,
      date,
      category: category as never,
      title: `${date} ${category}`,
      participatingSchoolIds: [],
      participants: 20,
      isLeadershipVisit,
    });
  await activity(weibin, '2024-12-05', 'other'); // 2024-2025-1, not a 2025 month
  await activity(weibin, '2025-03-10', 'teaching_research');
  await activity(weibin, '2025-04-15', 'management', true);
  await activity(fengxian, '2025-03-20', 'teaching_research');
  await activity(fengxian, '2025-09-15', 'management', true);
  await activity(fengxian, '2025-11-01', 'culture');
  await activity(weibin, '2025-10-09', 'teaching_research');
  await activity(weibin, '2025-10-20', 'party_building', true);

  const exchange = (teacherName: string, from: string, to: string, kind: string, startOn: string, endOn: string, hours: number) =>
    w.call('teacherExchanges.create', { allianceId: weibin, teacherName, fromSchoolId: from, toSchoolId: to, kind: kind as never, startOn, endOn, hours, status: 'finished' });
  const { qingjiang, jingerlu, guozhen } = w.schools;
  await exchange('张红', qingjiang, guozhen, 'support_teaching', '2025-03-01', '2025-03-10', 20);
  await exchange('张红', qingjiang, guozhen, 'support_teaching', '2025-09-01', '2025-09-05', 10);
  await exchange('李明', jingerlu, qingjiang, 'shadowing', '2025-10-01', '2025-10-14', 8);
  await exchange('王芳', qingjiang, jingerlu, 'rotation', '2024-03-01', '2024-03-05', 6); // another year

  const sup = await w.call('supervisions.create', { kind: 'special', date: '2025-05-01', targetAllianceId: weibin });
  const notice = (number: string, issuedOn: string, deadline: string) =>
    w.call('rectifications.create', { supervisionId: sup.id, number, issuedOn, deadline });
  await notice('宝教督整〔2025〕1号', '2025-05-10', '2025-06-10'); // issued, overdue
  const b = await notice('宝教督整〔2025〕2号', '2025-06-01', '2025-12-31');
  await w.call('rectifications.report', { id: b.id, reportedOn: '2025-07-01' });
  const c = await notice('宝教督整〔2025〕3号', '2025-06-05', '2025-07-01');
  await w.call('rectifications.verify', { id: c.id, verifiedOn: '2025-07-02', verifier: '张明' });
  await notice('宝教督整〔2024〕9号', '2024-11-01', '2024-12-01'); // last year, still open and overdue

  const t = await w.call('evaluationTemplates.create', {
    name: '2025年度城乡教育联盟考核',
    year: 2025,
    targetType: 'alliance',
    totalScore: 100,
    gradeBands: defaultGradeBands(100),
    indicators: [{ name: '组织管理', children: [{ name: '实施方案', maxScore: 50 }, { name: '教师交流', maxScore: 50 }] }],
  });
  const [l1, l2] = t.indicators[0]!.children.map((c) => c.id);
  const evaluate = async (allianceId: string, a: number, bb: number, submit: boolean) => {
    const e = await w.call('evaluations.start', { templateId: t.id, year: 2025, targetId: allianceId });
    await w.call(submit ? 'evaluations.submit' : 'evaluations.save', {
      id: e.id,
      rowVersion: e.rowVersion,
      scores: { [l1!]: { score: a, note: null }, [l2!]: { score: bb, note: null } },
    });
  };
  await evaluate(weibin, 45, 47, true); // 92 优秀
  await evaluate(fengxian, 40, 35, true); // 75 合格
  await evaluate(counties, 10, null as never, false); // a draft
  s = await w.call('dashboard.summary', { year: 2025 });
}, 60_000);
afterAll(() => w.close());

describe('headline', () => {
  it('counts compulsory schools, those in an alliance, and the alliances at today', () => {
    // 太白县's school is only in a county alliance, 东仁堡小学 in none.
    expect(s.asOf).toBe('2025-11-20');
    expect(s.headline).toMatchObject({ schools: 6, covered: 4, coverageRate: 66.67, alliances: 3 });
  });

  it('counts this term’s activities, the year’s exchange teachers, days and hours, and open notices', () => {
    expect(s.headline).toMatchObject({
      term: '2025-2026-1',
      termActivities: 4,
      exchangeTeachers: 2,
      exchangeDays: 29,
      exchangeHours: 38,
      openRectifications: 3,
      overdueRectifications: 2,
    });
  });

  it('agrees with the lists and the teacher-exchange summary', async () => {
    const term = await w.call('activities.list', { term: '2025-2026-1', pageSize: 1 });
    expect(s.headline.termActivities).toBe(term.total);
    const ex = await w.call('teacherExchanges.summary', { from: '2025-01-01', to: '2025-12-31' });
    expect([s.headline.exchangeTeachers, s.headline.exchangeDays, s.headline.exchangeHours]).toEqual([ex.totals.teachers, ex.totals.totalDays, ex.totals.totalHours]);
    const overdue = await w.call('rectifications.list', { overdue: true, pageSize: 1 });
    expect(s.headline.overdueRectifications).toBe(overdue.total);
  });
});

describe('charts', () => {
  it('gives each county its coverage with the target from 设置', async () => {
    expect(s.coverageTarget).toBe(85);
    expect(s.coverageLevel).toBe('county');
    const rows = Object.fromEntries(s.coverage.filter((r) => r.schools > 0).map((r) => [r.regionName, [r.covered, r.schools, r.rate]]));
    expect(rows).toEqual({ 渭滨区: [2, 2, 100], 金台区: [0, 1, 0], 陈仓区: [1, 1, 100], 凤县: [1, 1, 100], 太白县: [0, 1, 0] });
    await w.call('settings.update', { coverageTarget: 90 });
    expect((await w.call('dashboard.summary', { year: 2025 })).coverageTarget).toBe(90);
    await w.call('settings.update', { coverageTarget: 85 });
  });

  it('counts the year’s activities by month and category, leaving out December 2024', async () => {
    expect(s.activities).toEqual([
      { month: 3, category: 'teaching_research', count: 2 },
      { month: 4, category: 'management', count: 1 },
      { month: 9, category: 'management', count: 1 },
      { month: 10, category: 'party_building', count: 1 },
      { month: 10, category: 'teaching_research', count: 1 },
      { month: 11, category: 'culture', count: 1 },
    ]);
    const march = await w.call('activities.list', { from: '2025-03-01', to: '2025-03-31', category: 'teaching_research', pageSize: 1 });
    expect(march.total).toBe(2);
  });

  it('shows per term how many running alliances met the activity and leadership-visit quotas', () => {
    expect(s.quotas).toEqual({ activitiesPerTerm: 2, visitsPerTerm: 1 });
    expect(s.quotaTerms).toEqual([
      { term: '2024-2025-1', alliances: 3, meetActivities: 0, meetVisits: 0, meetBoth: 0 },
      { term: '2024-2025-2', alliances: 3, meetActivities: 1, meetVisits: 1, meetBoth: 1 },
      { term: '2025-2026-1', alliances: 3, meetActivities: 2, meetVisits: 2, meetBoth: 2 },
    ]);
  });

  it('agrees with the reminders about the term that ended below quota', async () => {
    // 2024-2025-2 ended on 31 July; two of three alliances fell short of the activity quota.
    const reminders = await w.call('reminders.forDay', { today: '2025-08-10' });
    const short = reminders.filter((r) => r.rule === 'quota-activities' && r.period === '2024-2025-2');
    const term = s.quotaTerms.find((t) => t.term === '2024-2025-2')!;
    expect(short).toHaveLength(term.alliances - term.meetActivities);
  });

  it('counts teacher exchanges by kind: teachers once, days and hours summed', () => {
    const byKind = Object.fromEntries(s.exchanges.map((e) => [e.kind, [e.teachers, e.exchanges, e.days, e.hours]]));
    expect(byKind).toEqual({ support_teaching: [1, 2, 15, 30], shadowing: [1, 1, 14, 8], rotation: [0, 0, 0, 0], visiting_teaching: [0, 0, 0, 0] });
  });

  it('bins the submitted totals of the year’s template and grades them as the results page does', async () => {
    const e = s.evaluation!;
    expect(e).toMatchObject({ templateName: '2025年度城乡教育联盟考核', totalScore: 100, evaluated: 2, drafts: 1 });
    expect(e.bins.filter((b) => b.count).map((b) => [b.from, b.to, b.count])).toEqual([
      [70, 80, 1],
      [90, 100, 1],
    ]);
    expect(e.grades).toEqual([
      { grade: '优秀', count: 1 },
      { grade: '良好', count: 0 },
      { grade: '合格', count: 1 },
      { grade: '不合格', count: 0 },
    ]);
    const results = await w.call('evaluations.results', { templateId: e.templateId, year: 2025, pageSize: 1 });
    expect(e.grades).toEqual(results.gradeCounts);
  });

  it('counts the year’s notices by status, and those past their deadline unverified', () => {
    expect(s.rectifications).toEqual({ issued: 1, reported: 1, verified: 1, overdue: 1 });
  });
});

describe('a chosen county', () => {
  it('narrows every chart to the alliances, schools and notices of 凤县', async () => {
    const f = await w.call('dashboard.summary', { year: 2025, regionId: w.county('凤县') });
    expect(f.coverage.map((r) => [r.regionName, r.covered, r.schools])).toEqual([['凤县', 1, 1]]);
    // 凤县山区学校联盟 and 凤县—太白县区联盟 (凤县 is its lead county).
    expect(f.headline).toMatchObject({ schools: 1, covered: 1, alliances: 2, termActivities: 2, exchangeTeachers: 0, openRectifications: 0 });
    expect(f.activities.reduce((n, a) => n + a.count, 0)).toBe(3);
    expect(f.quotaTerms.at(-1)).toEqual({ term: '2025-2026-1', alliances: 2, meetActivities: 1, meetVisits: 1, meetBoth: 1 });
    expect(f.evaluation?.evaluated).toBe(1);
    expect(f.rectifications).toEqual({ issued: 0, reported: 0, verified: 0, overdue: 0 });
  });

  it('refuses a year outside the ledger’s range in Chinese', async () => {
    const r = await w.reply('dashboard.summary', { year: 1999 });
    expect(r).toMatchObject({ ok: false, fieldErrors: { year: '年度应在 2000 至 2100 之间' } });
  });

  it('has no evaluation chart for a year without evaluations', async () => {
    expect((await w.call('dashboard.summary', { year: 2024 })).evaluation).toBeNull();
  });
});

describe('pure helpers', () => {
  it('takes the last ended term in the summer holiday', () => {
    expect(termAt('2025-08-10', defaultSettings.terms)).toBe('2024-2025-2');
    expect(termAt('2025-02-01', defaultSettings.terms)).toBe('2024-2025-2');
  });

  it('puts a full score into the top bin and 89.99 below 90', () => {
    const bins = binsOf({ totalScore: 100, totals: [{ total: 100, count: 1 }, { total: 89.99, count: 2 }, { total: 0, count: 1 }] });
    expect(bins[9]!.count).toBe(1);
    expect(bins[8]!.count).toBe(2);
    expect(bins[0]!.count).toBe(1);
  });
});

// A 1×1 PNG, as a canvas would hand over.
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('导出图表', () => {
  it('writes a 图表 workbook with each chart’s image beside its numbers', async () => {
    const file = await w.call('dashboard.exportCharts', {
      title: '2025年教育联盟工作概览',
      charts: [
        { title: '各县覆盖率', pngBase64: png, table: { columns: ['县（市、区）', '覆盖率(%)'], rows: [['渭滨区', 100], ['金台区', 0]] } },
        { title: '教师交流', pngBase64: png, table: { columns: ['交流类型', '人数'], rows: [['支教', 1]] } },
      ],
    });
    expect(file.fileName).toBe('2025年教育联盟工作概览_图表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as never);
    const ws = wb.getWorksheet('图表')!;
    expect(ws.getCell('A1').value).toBe('2025年教育联盟工作概览');
    expect(ws.getImages()).toHaveLength(2);
    const values = (ws.getSheetValues() as unknown[][]).flat().filter((v) => v !== undefined && v !== null);
    expect(values).toEqual(expect.arrayContaining(['各县覆盖率', '县（市、区）', '覆盖率(%)', '渭滨区', 100, '金台区', '教师交流', '支教']));
  });

  it('refuses an image that is not a PNG and names the chart', async () => {
    const r = await w.reply('dashboard.exportCharts', {
      title: '概览',
      charts: [{ title: '各县覆盖率', pngBase64: Buffer.from('not a png').toString('base64'), table: { columns: ['县'], rows: [] } }],
    });
    expect(r).toMatchObject({ ok: false, message: '图表“各县覆盖率”的图片不是 PNG 格式' });
  });
});
