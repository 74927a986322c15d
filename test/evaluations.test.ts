import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args } from '../electron/api/contract';
import { defaultGradeBands, gradeOf, type EvaluationTemplate } from '../electron/api/evaluations';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

// Today is Monday 22 December 2025: the 2025 evaluations are due by 31 December.
let w: AllianceWorld;
beforeEach(async () => {
  w = await makeAllianceWorld({ today: '2025-12-22' });
});
afterEach(() => w.close());

type TemplateArgs = Args<'evaluationTemplates.create'>;

/** 组织管理 (two leaves of 10 and 20) and 教师交流 (a leaf 一级指标 of 70): 100 in all. */
const template = (over: Partial<TemplateArgs> = {}): TemplateArgs => ({
  name: '2025年度城乡教育联盟考核',
  year: 2025,
  targetType: 'alliance',
  totalScore: 100,
  gradeBands: defaultGradeBands(100),
  indicators: [
    {
      code: 'A',
      name: '组织管理',
      scoringRule: null,
      children: [
        { code: 'A1', name: '实施方案', maxScore: 10, scoringRule: '有方案、已备案得满分；未备案扣5分' },
        { code: 'A2', name: '工作制度', maxScore: 20, scoringRule: '制度健全得满分' },
      ],
    },
    { code: 'B', name: '教师交流', maxScore: 70, scoringRule: '交流人数达到要求得满分', children: [] },
  ],
  ...over,
});

async function leaves(t: EvaluationTemplate) {
  const [a, b] = t.indicators;
  return { a1: a!.children[0]!.id, a2: a!.children[1]!.id, b: b!.id };
}

/** Starts, scores and (unless told otherwise) submits an alliance's evaluation. */
async function score(templateId: string, allianceId: string, scores: [number | null, number | null, number | null], submit = true) {
  const t = await w.call('evaluationTemplates.get', { id: templateId });
  const l = await leaves(t);
  const e = await w.call('evaluations.start', { templateId, year: 2025, targetId: allianceId });
  const sheet = {
    id: e.id,
    rowVersion: e.rowVersion,
    evaluators: '市教育局督导室 张明',
    scores: {
      [l.a1]: { score: scores[0], note: null },
      [l.a2]: { score: scores[1], note: null },
      [l.b]: { score: scores[2], note: null },
    },
  };
  return w.call(submit ? 'evaluations.submit' : 'evaluations.save', sheet);
}

describe('grade bands', () => {
  it('grades exactly 90 as 优秀 and 89.5 as 良好, 60 as 合格 and 59.99 as 不合格', () => {
    const bands = defaultGradeBands(100);
    expect(gradeOf(90, bands)).toBe('优秀');
    expect(gradeOf(89.5, bands)).toBe('良好');
    expect(gradeOf(89.99999999, bands)).toBe('优秀'); // a float sum of two-decimal scores is 90
    expect(gradeOf(60, bands)).toBe('合格');
    expect(gradeOf(59.99, bands)).toBe('不合格');
    expect(gradeOf(0, bands)).toBe('不合格');
  });

  it('scales the default bands to the template total', () => {
    expect(defaultGradeBands(150).map((b) => [b.name, b.min])).toEqual([
      ['优秀', 135],
      ['良好', 120],
      ['合格', 90],
      ['不合格', 0],
    ]);
  });

  it('gives no grade below every band of a template with award bands', () => {
    const bands = [
      { name: '一等奖', min: 90 },
      { name: '二等奖', min: 80 },
      { name: '三等奖', min: 70 },
    ];
    expect(gradeOf(85, bands)).toBe('二等奖');
    expect(gradeOf(69.5, bands)).toBeNull();
  });
});

describe('templates', () => {
  it('saves the indicator tree with each 一级指标 max as the sum of its 二级指标', async () => {
    const t = await w.call('evaluationTemplates.create', template());
    expect(t).toMatchObject({ name: '2025年度城乡教育联盟考核', version: 1, frozen: false, latest: true, totalScore: 100 });
    expect(t.indicators.map((i) => [i.code, i.name, i.maxScore, i.children.length])).toEqual([
      ['A', '组织管理', 30, 2],
      ['B', '教师交流', 70, 0],
    ]);
    expect(t.gradeBands.map((b) => b.name)).toEqual(['优秀', '良好', '合格', '不合格']);
  });

  it('refuses a total that differs from the sum of the leaves, and writes nothing', async () => {
    const r = await w.reply('evaluationTemplates.create', template({ totalScore: 90 }));
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { totalScore: '总分 90 与各指标分值之和 100 不一致' } });
    expect(await w.rows('evaluation_templates')).toBe(0);
    expect(await w.rows('indicators')).toBe(0);
  });

  it('refuses a 一级指标 without 二级指标 and without a max, duplicate codes, and a band above the total', async () => {
    const bad = template({
      gradeBands: [
        { name: '优秀', min: 120 },
        { name: '合格', min: 60 },
      ],
    });
    bad.indicators[1] = { code: 'A1', name: '教师交流', children: [] };
    const r = await w.reply('evaluationTemplates.create', bad);
    if (r.ok) throw new Error('accepted');
    expect(r.fieldErrors).toMatchObject({
      'indicators.1.maxScore': '一级指标“教师交流”没有二级指标，请填写分值',
      'indicators.1.code': '编号“A1”与“实施方案”重复',
      'gradeBands.0.min': '等次“优秀”的分数线不能高于总分 100',
    });
  });

  it('edits an unfrozen template in place, keeping the draft scores of indicators that stay', async () => {
    const t = await w.call('evaluationTemplates.create', template());
    const l = await leaves(t);
    const draft = await score(t.id, w.alliances.weibin, [8, 15, null], false);
    expect(draft.total).toBe(23);

    // 工作制度 is dropped and its 20 points go to 实施方案.
    const a = t.indicators[0]!;
    const edited = await w.call('evaluationTemplates.update', {
      id: t.id,
      rowVersion: t.rowVersion,
      draft: template({
        indicators: [
          { id: a.id, code: 'A', name: '组织管理', scoringRule: null, children: [{ id: l.a1, code: 'A1', name: '实施方案', maxScore: 30, scoringRule: null }] },
          { id: l.b, code: 'B', name: '教师交流', maxScore: 70, scoringRule: null, children: [] },
        ],
      }),
    });
    expect(edited.id).toBe(t.id);
    expect(edited.version).toBe(1);
    const after = await w.call('evaluations.get', { id: draft.id });
    expect(after.scores).toEqual({ [l.a1]: { score: 8, note: null } });
    expect(after).toMatchObject({ total: 8, leafCount: 2, scoredCount: 1 });
  });

  it('freezes a template once an evaluation on it is submitted: saving makes version 2 and the old evaluation keeps version 1', async () => {
    const t = await w.call('evaluationTemplates.create', template());
    const submitted = await score(t.id, w.alliances.weibin, [10, 18, 60]);
    expect((await w.call('evaluationTemplates.get', { id: t.id })).frozen).toBe(true);

    const changed = template();
    changed.indicators[1] = { code: 'B', name: '教师交流与培训', maxScore: 70, scoringRule: '新的评分标准', children: [] };
    const v2 = await w.call('evaluationTemplates.update', { id: t.id, rowVersion: t.rowVersion, draft: changed });
    expect(v2).toMatchObject({ version: 2, previousVersionId: t.id, frozen: false, latest: true });
    expect(v2.id).not.toBe(t.id);

    const v1 = await w.call('evaluationTemplates.get', { id: t.id });
    expect(v1).toMatchObject({ latest: false, frozen: true });
    expect(v1.indicators[1]!.name).toBe('教师交流');
    const kept = await w.call('evaluations.get', { id: submitted.id });
    expect(kept).toMatchObject({ templateId: t.id, total: 88, grade: '良好', status: 'submitted' });

    // The old version can no longer be edited, nor used to start new evaluations.
    expect(await w.reply('evaluationTemplates.update', { id: t.id, rowVersion: (await w.call('evaluationTemplates.get', { id: t.id })).rowVersion, draft: template() })).toMatchObject({
      ok: false,
      code: 'conflict',
      message: '这是历史版本，已有第2版，历史版本不能修改',
    });
    expect(await w.reply('evaluations.start', { templateId: t.id, year: 2025, targetId: w.alliances.fengxian })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const list = await w.call('evaluationTemplates.list', {});
    expect(list.rows.map((r) => [r.name, r.version])).toEqual([['2025年度城乡教育联盟考核', 2]]);
    const all = await w.call('evaluationTemplates.list', { includeOldVersions: true });
    expect(all.rows.map((r) => r.version)).toEqual([2, 1]);
  });

  it('refuses to delete a template that evaluations use, and copies one as a new template', async () => {
    const t = await w.call('evaluationTemplates.create', template());
    await score(t.id, w.alliances.weibin, [1, 1, 1], false);
    expect(await w.reply('evaluationTemplates.delete', { id: t.id })).toMatchObject({
      ok: false,
      code: 'conflict',
      message: '已有 1 份考核评价使用此模板，不能删除',
    });
    const copy = await w.call('evaluationTemplates.copy', { id: t.id, name: '2026年度城乡教育联盟考核', year: 2026 });
    expect(copy).toMatchObject({ version: 1, year: 2026, isSample: false, evaluationCount: 0, totalScore: 100 });
    expect(copy.indicators.map((i) => [i.name, i.maxScore])).toEqual([
      ['组织管理', 30],
      ['教师交流', 70],
    ]);
    expect(copy.indicators[0]!.id).not.toBe(t.indicators[0]!.id);
  });
});

describe('scoring', () => {
  let t: EvaluationTemplate;
  beforeEach(async () => {
    t = await w.call('evaluationTemplates.create', template());
  });

  it('refuses a score above the leaf max, a negative score and a non-number, and changes nothing', async () => {
    const l = await leaves(t);
    const e = await w.call('evaluations.start', { templateId: t.id, year: 2025, targetId: w.alliances.weibin });
    const over = await w.reply('evaluations.save', { id: e.id, rowVersion: e.rowVersion, scores: { [l.a1]: { score: 10.5, note: null } } });
    expect(over).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { [`scores.${l.a1}.score`]: '“实施方案”的得分不能超过满分 10 分' } });
    const negative = await w.reply('evaluations.save', { id: e.id, rowVersion: e.rowVersion, scores: { [l.a1]: { score: -1, note: null } } });
    expect(negative).toMatchObject({ ok: false, fieldErrors: { [`scores.${l.a1}.score`]: '得分不能为负数' } });
    const text = await w.reply('evaluations.save', { id: e.id, rowVersion: e.rowVersion, scores: { [l.a1]: { score: '九分', note: null } } });
    expect(text).toMatchObject({ ok: false, fieldErrors: { [`scores.${l.a1}.score`]: '得分应为数字' } });
    const finer = await w.reply('evaluations.save', { id: e.id, rowVersion: e.rowVersion, scores: { [l.a1]: { score: 9.125, note: null } } });
    expect(finer).toMatchObject({ ok: false, fieldErrors: { [`scores.${l.a1}.score`]: '得分最多保留两位小数' } });
    // A 一级指标 with 二级指标 is not scored itself.
    const parent = await w.reply('evaluations.save', { id: e.id, rowVersion: e.rowVersion, scores: { [t.indicators[0]!.id]: { score: 5, note: null } } });
    expect(parent).toMatchObject({ ok: false, code: 'invalid' });
    expect(await w.rows('evaluation_scores')).toBe(0);
  });

  it('keeps a draft with blanks, and submits only when every leaf is scored', async () => {
    const draft = await score(t.id, w.alliances.weibin, [9.5, null, 60], false);
    expect(draft).toMatchObject({ status: 'draft', total: 69.5, grade: null, rank: null, scoredCount: 2, leafCount: 3 });
    const l = await leaves(t);
    const refused = await w.reply('evaluations.submit', { id: draft.id, rowVersion: draft.rowVersion, scores: {} });
    expect(refused).toMatchObject({
      ok: false,
      code: 'invalid',
      message: '还有 1 项指标未打分，全部打分后才能提交',
      fieldErrors: { [`scores.${l.a2}.score`]: '请打分' },
    });
    expect((await w.call('evaluations.get', { id: draft.id })).status).toBe('draft');
    const done = await w.call('evaluations.submit', { id: draft.id, rowVersion: draft.rowVersion, scores: { [l.a2]: { score: 20, note: '制度齐全' } } });
    expect(done).toMatchObject({ status: 'submitted', total: 89.5, grade: '良好', rank: 1, submittedAt: w.clock.now().toISOString() });
    expect(done.scores[l.a2]).toEqual({ score: 20, note: '制度齐全' });
  });

  it('returns the same draft when started twice, and one evaluation per alliance, template and year', async () => {
    const a = await w.call('evaluations.start', { templateId: t.id, year: 2025, targetId: w.alliances.weibin });
    const b = await w.call('evaluations.start', { templateId: t.id, year: 2025, targetId: w.alliances.weibin });
    expect(b.id).toBe(a.id);
    expect(await w.rows('evaluations')).toBe(1);
    expect(await w.reply('evaluations.start', { templateId: t.id, year: 2024, targetId: w.alliances.weibin })).toMatchObject({
      ok: false,
      message: '模板“2025年度城乡教育联盟考核”用于 2025 年度，不能用于 2024 年度',
    });
  });

  it('changes a submitted evaluation only after 退回修改, and a locked one never', async () => {
    const e = await score(t.id, w.alliances.weibin, [10, 20, 60]);
    const l = await leaves(t);
    expect(await w.reply('evaluations.save', { id: e.id, rowVersion: e.rowVersion, scores: { [l.a1]: { score: 5, note: null } } })).toMatchObject({
      ok: false,
      code: 'conflict',
      message: '该考核评价已提交，如需修改请先“退回修改”',
    });
    expect((await w.call('evaluations.reopen', { id: e.id })).status).toBe('draft');
    await w.call('evaluations.submit', { id: e.id, rowVersion: (await w.call('evaluations.get', { id: e.id })).rowVersion, scores: {} });
    const locked = await w.call('evaluations.lock', { id: e.id });
    expect(locked).toMatchObject({ status: 'locked', lockedAt: w.clock.now().toISOString(), total: 90, grade: '优秀' });
    for (const method of ['evaluations.save', 'evaluations.submit'] as const) {
      expect(await w.reply(method, { id: e.id, rowVersion: locked.rowVersion, scores: { [l.a1]: { score: 5, note: null } } })).toMatchObject({
        ok: false,
        message: '该考核评价已锁定，不能再修改',
      });
    }
    expect(await w.reply('evaluations.reopen', { id: e.id })).toMatchObject({ ok: false, message: '该考核评价已锁定，不能退回修改' });
    expect(await w.reply('evaluations.delete', { id: e.id })).toMatchObject({ ok: false, code: 'conflict' });
    expect((await w.call('evaluations.get', { id: e.id })).scores[l.a1]!.score).toBe(10);
  });

  it('deletes only drafts, into 回收站 under the alliance\u2019s name, and restores them with their scores', async () => {
    const e = await score(t.id, w.alliances.weibin, [8, null, null], false);
    await w.call('evaluations.delete', { id: e.id });
    expect(await w.reply('evaluations.get', { id: e.id })).toMatchObject({ ok: false, code: 'not_found' });
    const bin = await w.call('recycleBin.list', { entity: 'evaluations' });
    expect(bin.rows.map((r) => r.label)).toEqual(['2025 年度考核评价 · 渭滨区城乡教育联盟']);
    await w.call('recycleBin.restore', { entity: 'evaluations', id: e.id });
    expect(await w.call('evaluations.get', { id: e.id })).toMatchObject({ total: 8, status: 'draft' });
  });

  it('audits score changes under the operator, one row per save', async () => {
    const e = await score(t.id, w.alliances.weibin, [8, null, null], false);
    const l = await leaves(t);
    await w.call('evaluations.save', { id: e.id, rowVersion: e.rowVersion, scores: { [l.a1]: { score: 9, note: '方案备案迟了一周' } } });
    const rows = await w.audits('evaluation_scores');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ operator: '王科员', record_id: e.id, action: 'update' });
    expect(JSON.parse(rows[1].after)).toEqual({ [l.a1]: { score: 9, note: '方案备案迟了一周' } });
    expect(JSON.parse(rows[1].before)).toEqual({ [l.a1]: { score: 8, note: null } });
  });
});

describe('ranking and results', () => {
  it('ranks ties together and skips the next rank; drafts are listed unranked after', async () => {
    const t = await w.call('evaluationTemplates.create', template());
    const third = await w.call('alliances.create', {
      name: '陈仓区城乡教育联盟',
      kind: 'school_alliance',
      leadSchoolId: w.schools.guozhen,
      establishedOn: '2024-09-01',
    });
    const fourth = await w.call('alliances.create', { name: '金台区城乡教育联盟', kind: 'school_alliance', leadSchoolId: w.schools.dongrenbao });
    await score(t.id, w.alliances.weibin, [10, 20, 60]); // 90
    await score(t.id, w.alliances.fengxian, [9, 20, 60.5]); // 89.5
    await score(t.id, third.id, [10, 19.5, 60.5]); // 90
    await score(t.id, fourth.id, [5, null, null], false); // draft

    const results = await w.call('evaluations.results', { templateId: t.id, year: 2025 });
    expect(results.dimensions.map((d) => [d.name, d.maxScore])).toEqual([
      ['组织管理', 30],
      ['教师交流', 70],
    ]);
    expect(results.page.rows.map((r) => [r.targetName, r.rank, r.total, r.grade, r.status, r.scores])).toEqual([
      ['渭滨区城乡教育联盟', 1, 90, '优秀', 'submitted', [30, 60]],
      ['陈仓区城乡教育联盟', 1, 90, '优秀', 'submitted', [29.5, 60.5]],
      ['凤县山区学校联盟', 3, 89.5, '良好', 'submitted', [29, 60.5]],
      ['金台区城乡教育联盟', null, 5, null, 'draft', [5, null]],
    ]);
    expect(results.gradeCounts).toEqual([
      { grade: '优秀', count: 2 },
      { grade: '良好', count: 1 },
      { grade: '合格', count: 0 },
      { grade: '不合格', count: 0 },
    ]);

    const candidates = await w.call('evaluations.candidates', { templateId: t.id, year: 2025, sortBy: 'name' });
    expect(candidates.rows.map((c) => [c.targetName, c.status, c.rank])).toEqual([
      ['凤县—太白县区联盟', null, null],
      ['凤县山区学校联盟', 'submitted', 3],
      ['金台区城乡教育联盟', 'draft', null],
      ['陈仓区城乡教育联盟', 'submitted', 1],
      ['渭滨区城乡教育联盟', 'submitted', 1],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en')));
    const notStarted = await w.call('evaluations.candidates', { templateId: t.id, year: 2025, status: 'none' });
    expect(notStarted.rows.map((c) => c.targetName)).toEqual(['凤县—太白县区联盟']);
    // 2022: only the alliances established by then.
    const y2022 = await w.call('evaluations.candidates', { templateId: (await w.call('evaluationTemplates.copy', { id: t.id, name: '通用考核', year: null })).id, year: 2022 });
    expect(y2022.rows.map((c) => c.targetName).sort()).toEqual(['凤县—太白县区联盟', '渭滨区城乡教育联盟', '金台区城乡教育联盟'].sort());
  });

  it('locks every submitted evaluation of a template and year at once', async () => {
    const t = await w.call('evaluationTemplates.create', template());
    await score(t.id, w.alliances.weibin, [10, 20, 60]);
    await score(t.id, w.alliances.fengxian, [1, 1, 1], false);
    expect(await w.call('evaluations.lockAll', { templateId: t.id, year: 2025 })).toEqual({ locked: 1 });
    const rows = (await w.call('evaluations.results', { templateId: t.id, year: 2025 })).page.rows;
    expect(rows.map((r) => r.status)).toEqual(['locked', 'draft']);
  });
});

describe('evidence beside the form', () => {
  it('sums the alliance\u2019s year: activities by category, visits per term, exchange people and days, course hours, problems, rectifications', async () => {
    const a = w.alliances.weibin;
    const activity = (date: string, category: 'teaching_research' | 'management', visit = false) =>
      w.call('activities.create', {
        allianceId: a,
        date,
        category,
        title: `${date} 活动`,
        hostSchoolId: w.schools.qingjiang,
        participatingSchoolIds: [w.schools.jingerlu],
        isLeadershipVisit: visit,
      });
    await activity('2025-03-12', 'teaching_research');
    await activity('2025-05-20', 'teaching_research', true);
    await activity('2025-10-09', 'management', true);
    await activity('2026-01-10', 'management', true); // 2025-2026-1, but not in 2025
    await activity('2024-12-30', 'management'); // not in 2025
    await w.call('teacherExchanges.create', {
      allianceId: a,
      teacherName: '刘芳',
      fromSchoolId: w.schools.qingjiang,
      toSchoolId: w.schools.guozhen,
      kind: 'support_teaching',
      startOn: '2024-12-01',
      endOn: '2025-01-10', // 10 days in 2025
      status: 'finished',
    });
    await w.call('teacherExchanges.create', {
      allianceId: a,
      teacherName: '刘芳',
      fromSchoolId: w.schools.qingjiang,
      toSchoolId: w.schools.jingerlu,
      kind: 'rotation',
      startOn: '2025-12-01',
      status: 'ongoing', // 1–22 December: 22 days so far
    });
    await w.call('sharedCourses.create', { allianceId: a, name: '书法', term: '2025-2026-1', hours: 16, receivingSchoolIds: [w.schools.guozhen] });
    await w.call('sharedCourses.create', { allianceId: a, name: '科学实验', term: '2024-2025-1', hours: 8, receivingSchoolIds: [w.schools.guozhen] });
    const p = (description: string, dueOn: string) =>
      w.call('problems.create', { allianceId: a, description, dueOn, owner: '李校长' });
    const closed = await p('教研不足', '2025-06-30');
    await w.call('problems.close', { id: closed.id, rowVersion: closed.rowVersion, doneOn: '2025-06-20' });
    await p('交流偏少', '2025-12-01'); // overdue
    await p('课程不足', '2026-03-01'); // open

    const e = await w.call('evaluations.evidence', { year: 2025, targetType: 'alliance', targetId: a });
    expect(e.activityTotal).toBe(3);
    expect(e.activities.find((x) => x.category === 'teaching_research')).toMatchObject({ label: '教研交流', count: 2 });
    expect(e.activities.find((x) => x.category === 'management')?.count).toBe(1);
    expect(e.leadershipVisits.map((v) => [v.label, v.count, v.quota])).toEqual([
      ['2024-2025学年第一学期', 0, 1],
      ['2024-2025学年第二学期', 1, 1],
      ['2025-2026学年第一学期', 2, 1],
    ]);
    expect(e.teacherExchanges).toEqual({ count: 2, people: 1, days: 32 });
    // Courses of the terms overlapping 2025 (2024-2025-1 runs into January 2025).
    expect(e.sharedCourses).toEqual({ count: 2, hours: 24 });
    expect(e.problems).toEqual({ closedInYear: 1, open: 2, overdue: 1 });
    expect(e.rectifications).toEqual({ issuedInYear: 0, open: 0, overdue: 0 });

    const school = await w.call('evaluations.evidence', { year: 2025, targetType: 'school', targetId: w.schools.guozhen });
    expect(school.teacherExchanges).toMatchObject({ count: 1, days: 10 });
    expect(school.sharedCourses.hours).toBe(24);
  });
});

describe('awards', () => {
  it('records awards to an alliance, a school and a person with their document number, and lists them by year', async () => {
    const base = { year: 2025, issuingBody: '宝鸡市教育局', documentNumber: '宝市教发〔2026〕3号', awardedOn: '2026-01-15' };
    await w.call('awards.create', { ...base, title: '优秀城乡教育联盟', targetType: 'alliance', allianceId: w.alliances.weibin });
    await w.call('awards.create', { ...base, title: '城乡教育联盟示范学校', targetType: 'school', schoolId: w.schools.qingjiang });
    const person = await w.call('awards.create', { ...base, title: '优秀教师', targetType: 'person', personName: '刘芳', schoolId: w.schools.qingjiang, allianceId: w.alliances.weibin });
    expect(person).toMatchObject({ targetType: 'person', personName: '刘芳', schoolName: '清姜路小学', allianceId: null });
    const list = await w.call('awards.list', { year: 2025, sortBy: 'title', sortOrder: 'asc' });
    expect(list.rows.map((r) => [r.title, r.targetType, r.allianceName ?? r.personName ?? r.schoolName])).toEqual([
      ['优秀城乡教育联盟', 'alliance', '渭滨区城乡教育联盟'],
      ['优秀教师', 'person', '刘芳'],
      ['城乡教育联盟示范学校', 'school', '清姜路小学'],
    ].sort((a, b) => String(a[0]) < String(b[0]) ? -1 : 1));
    expect((await w.call('awards.list', { targetType: 'person' })).rows).toHaveLength(1);
  });

  it('refuses an award without its target', async () => {
    const r = await w.reply('awards.create', { year: 2025, title: '优秀城乡教育联盟', targetType: 'alliance' });
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { allianceId: '请选择受表彰的联盟' } });
    expect(await w.rows('awards')).toBe(0);
  });
});
