// 考核评价 end to end, as the issue asks: an evaluator scores an alliance with the ledger's
// evidence beside the form, is refused an out-of-range score, submits, and finds the
// alliance ranked above one submitted earlier.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultGradeBands } from '../../electron/api/evaluations';
import { makeAllianceWorld } from '../support/alliance-world';
import { openMenu, screenshot, startApp, type RunningApp } from './app';

/** The little of the page's globals these tests touch (the Node tsconfig has no DOM). */
interface Browser {
  document: { querySelector(s: string): { className: string } | null };
  location: { hash: string };
}
const hashOf = (app: RunningApp) => app.page.evaluate(() => (globalThis as unknown as Browser).location.hash);
const goToHash = (app: RunningApp, hash: string) =>
  app.page.evaluate((h) => ((globalThis as unknown as Browser).location.hash = h), hash);

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const year = now.getFullYear();
const templateName = `${year}年度城乡教育联盟考核评价`;

/**
 * The ledger before the app opens: Baoji's schools and three alliances, this year's
 * template (2 一级指标, 3 二级指标, 100 分), some ledger records of 渭滨区城乡教育联盟, and
 * 凤县山区学校联盟 already submitted with 85 分, 凤县—太白县区联盟 a draft.
 */
async function seedLedger(): Promise<string> {
  const w = await makeAllianceWorld({ today });
  const template = await w.call('evaluationTemplates.create', {
    name: templateName,
    year,
    targetType: 'alliance',
    totalScore: 100,
    gradeBands: defaultGradeBands(100),
    indicators: [
      {
        code: '一',
        name: '组织管理',
        children: [
          { code: '1.1', name: '制度建设', maxScore: 30, scoringRule: '有联盟章程、年度工作计划和总结，每缺一项扣 10 分。' },
          { code: '1.2', name: '领导互访', maxScore: 30, scoringRule: '每学期校级领导互访不少于 2 次，每少一次扣 5 分；无记录不得分。' },
        ],
      },
      {
        code: '二',
        name: '交流成效',
        children: [
          {
            code: '2.1',
            name: '教师交流与课程共享',
            maxScore: 40,
            scoringRule: '城区学校向乡村学校派出支教教师，开展课程共享；按交流人数、天数和共享课时综合评定，台账不全酌情扣分。',
          },
        ],
      },
    ],
  });
  // Another template the evaluator must not pick by mistake.
  await w.call('evaluationTemplates.create', {
    name: `${year}年度城乡教育联盟示范学校评估`,
    year,
    targetType: 'school',
    totalScore: 100,
    gradeBands: defaultGradeBands(100),
    indicators: [{ name: '示范引领', maxScore: 100 }],
  });
  const [l1, l2, l3] = template.indicators.flatMap((t) => t.children.map((c) => c.id));

  const earlier = await w.call('evaluations.start', { templateId: template.id, year, targetId: w.alliances.fengxian });
  await w.call('evaluations.submit', {
    id: earlier.id,
    rowVersion: earlier.rowVersion,
    evaluators: '县教育局考核组',
    scores: { [l1!]: { score: 25, note: null }, [l2!]: { score: 25, note: '第二学期互访 1 次' }, [l3!]: { score: 35, note: null } },
  });
  // 凤县—太白县区联盟 is half scored: a draft, listed after the ranked ones without a rank.
  const draft = await w.call('evaluations.start', { templateId: template.id, year, targetId: w.alliances.counties });
  await w.call('evaluations.save', { id: draft.id, rowVersion: draft.rowVersion, scores: { [l1!]: { score: 20, note: null } } });

  const { weibin } = w.alliances;
  const { qingjiang, jingerlu, guozhen } = w.schools;
  const activity = (date: string, category: 'teaching_research' | 'party_building', title: string, isLeadershipVisit = false) =>
    w.call('activities.create', { allianceId: weibin, date, category, title, hostSchoolId: qingjiang, participatingSchoolIds: [jingerlu], isLeadershipVisit });
  await activity(`${year}-03-12`, 'teaching_research', '同课异构：小学数学', true);
  await activity(`${year}-04-16`, 'teaching_research', '联片教研：语文阅读教学');
  await activity(`${year}-05-20`, 'party_building', '党建共建主题党日', true);
  await w.call('teacherExchanges.create', {
    allianceId: weibin,
    teacherName: '张丽',
    subject: '数学',
    fromSchoolId: qingjiang,
    toSchoolId: guozhen,
    kind: 'support_teaching',
    startOn: `${year}-03-01`,
    endOn: `${year}-06-30`,
    status: 'finished',
  });
  await w.call('sharedCourses.create', {
    allianceId: weibin,
    name: '小学科学实验课',
    providerSchoolId: qingjiang,
    receivingSchoolIds: [guozhen],
    term: `${year - 1}-${year}-2`,
    hours: 16,
  });
  await w.db.destroy();
  return w.dir;
}

let app: RunningApp;
let dataDir: string;
beforeAll(async () => {
  dataDir = await seedLedger();
  app = await startApp({ dataDir });
}, 180_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(app.page, `failed-evaluations-${ctx.task.name}`);
});
afterAll(async () => {
  await app?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const scoreBox = (app: RunningApp, indicator: string) => app.page.getByLabel(`得分：${indicator}`, { exact: true });
/** The message antd shows under a table cell's field. */
const fieldError = (app: RunningApp, indicator: string) =>
  app.page.locator('.ant-form-item').filter({ has: scoreBox(app, indicator) }).locator('.ant-form-item-explain-error');
/**
 * Presses a button of the confirmation dialog that is open. A click that lands while the
 * dialog is still zooming in can be lost on a busy machine, so it tries again until the
 * dialog has closed.
 */
async function confirmDialog(app: RunningApp, words: string) {
  const dialog = app.page.locator('.ant-modal-confirm');
  for (let attempt = 0; attempt < 3; attempt++) {
    await button(dialog, words).click({ timeout: 5000 }).catch(() => undefined);
    // Gone, or on its way out (a dialog that is closing must not be pressed twice).
    const closed = await app.page
      .waitForFunction(() => {
        const d = (globalThis as unknown as Browser).document.querySelector('.ant-modal-confirm');
        return !d || d.className.includes('leave');
      }, null, { timeout: 5000 })
      .then(() => true, () => false);
    if (closed) return;
  }
  throw new Error(`the dialog did not close after ${words}`);
}
/** Waits for the toasts to fade, so a screenshot shows the screen as the clerk reads it. */
const quiet = (app: RunningApp) =>
  app.page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
/**
 * A button by its words. Not by role: antd keeps a hidden 'loading' icon in a button whose
 * loading just ended, which joins its accessible name until the animation has run.
 */
const button = (scope: RunningApp['page'] | ReturnType<RunningApp['page']['locator']>, words: string) =>
  scope.locator('button:visible').filter({ hasText: new RegExp(`^\\s*${words}\\s*$`) });
/** Waits until exactly this message shows under the indicator's 得分 box. */
const seeError = (app: RunningApp, indicator: string, message: string) =>
  fieldError(app, indicator).filter({ hasText: new RegExp(`^${message}$`) }).waitFor();

describe('scoring an alliance for the year', () => {
  it('lists the alliances of the chosen template with their status', async () => {
    const { page } = app;
    await openMenu(page, '考核评价');
    await page.getByLabel('评价模板').click();
    await page.locator('.ant-select-item-option').filter({ hasText: templateName }).click();
    const rows = page.locator('.ant-table-row');
    await rows.filter({ hasText: '渭滨区城乡教育联盟' }).getByText('未开始').waitFor();
    await rows.filter({ hasText: '凤县山区学校联盟' }).getByText('已提交').waitFor();
    await expect(rows.filter({ hasText: '凤县山区学校联盟' }).innerText()).resolves.toMatch(/3\/3[\s\S]*85[\s\S]*良好/);
    await expect(rows.filter({ hasText: '凤县—太白县区联盟' }).innerText()).resolves.toMatch(/草稿[\s\S]*1\/3[\s\S]*20/);
    // The year and template stay in the address, so a reload or a link lands here again.
    expect(page.url()).toContain(`year=${year}`);
    expect(page.url()).toContain('templateId=');
    await screenshot(page, 'evaluations-candidates');
  });

  it('filters the list by name and by status', async () => {
    const { page } = app;
    const listHash = await hashOf(app);
    const rows = page.locator('.ant-table-row');
    await page.getByPlaceholder('联盟名称').fill('渭滨');
    await page.getByPlaceholder('联盟名称').press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    await goToHash(app, listHash);
    // The unfiltered list first, so the next check cannot pass on the name filter's stale row.
    await expect.poll(() => rows.count()).toBe(3);
    await page.locator('.ant-select').filter({ hasText: '评价状态' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '草稿' }).click();
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('凤县—太白县区联盟')]);
    await goToHash(app, listHash);
    await expect.poll(() => rows.count()).toBe(3);
  });

  it('refuses an out-of-range score and a non-number, in Chinese', async () => {
    const { page } = app;
    await page.locator('.ant-table-row').filter({ hasText: '渭滨区城乡教育联盟' }).getByText('评分', { exact: true }).click();
    await page.getByText('评分表').waitFor();
    await scoreBox(app, '制度建设').fill('35');
    await seeError(app, '制度建设', '得分应在 0 至 30 之间');
    await scoreBox(app, '制度建设').fill('2八');
    await seeError(app, '制度建设', '请输入数字');
    await scoreBox(app, '制度建设').fill('28');
    await expect.poll(() => fieldError(app, '制度建设').count(), { timeout: 5000 }).toBe(0);
    // Leaving with unsaved scores asks first; staying keeps them.
    await page.getByText('← 考核评价').click();
    await page.locator('.ant-modal-confirm-title').filter({ hasText: '评分还没有保存，确定离开？' }).waitFor();
    await confirmDialog(app, '留下');
    await expect(scoreBox(app, '制度建设').inputValue()).resolves.toBe('28');
  });

  it('refuses to submit while an indicator is not scored, and shows the evidence', async () => {
    const { page } = app;
    await scoreBox(app, '领导互访').fill('29');
    await button(page, '提交').click();
    // The server's refusal lands under the blank field.
    await seeError(app, '教师交流与课程共享', '请打分');
    await scoreBox(app, '教师交流与课程共享').fill('38');
    await page.getByLabel('扣分说明：教师交流与课程共享').fill('送教记录缺两次');
    await page.getByLabel('评价人').fill('县教育局考核组');
    const evidence = page.locator('.ant-card').filter({ hasText: '台账佐证' });
    await evidence.getByText('交流活动（共 3 次）').waitFor();
    await expect(evidence.innerText()).resolves.toMatch(/教研交流\s*2 次/);
    await expect(evidence.innerText()).resolves.toMatch(/课时\s*16 课时/);
    await expect(page.locator('.ant-descriptions').innerText()).resolves.toMatch(/95[\s\S]*优秀/);
    await quiet(app);
    await screenshot(page, 'evaluations-scoring');
  });

  it('submits, then the bureau locks it', async () => {
    const { page } = app;
    await button(page, '提交').click();
    await confirmDialog(app, '提交');
    await page.getByText('已提交的评价只能查看').waitFor();
    await page.getByText('第 1 名').waitFor();
    await expect(scoreBox(app, '制度建设').count()).resolves.toBe(0);
    await button(page, '锁定').click();
    await button(page.locator('.ant-popconfirm'), '锁定').click();
    await page.getByText('这份评价已由局里锁定，不可再修改。').waitFor();
    await expect(button(page, '退回修改').count()).resolves.toBe(0);
    await quiet(app);
    await screenshot(page, 'evaluations-locked');
  });

  it('ranks it first in the results, ahead of the alliance submitted earlier', async () => {
    const { page } = app;
    await page.getByText('← 考核评价').click();
    await page.getByRole('tab', { name: '评价结果' }).click();
    const rows = page.locator('.evaluation-results .ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    await page.locator('.evaluation-results th').filter({ hasText: '组织管理（60）' }).waitFor();
    const weibin = rows.filter({ hasText: '渭滨区城乡教育联盟' });
    await weibin.waitFor();
    const cells = async (row: typeof weibin) => (await row.locator('td').allInnerTexts()).map((t) => t.trim());
    // 排名, 名称, 地区, 组织管理, 交流成效, 总分, 等次, 状态
    expect(await cells(weibin)).toEqual(expect.arrayContaining(['1', '渭滨区城乡教育联盟', '57', '38', '95', '优秀', '已锁定']));
    expect((await cells(weibin))[0]).toBe('1');
    const fengxian = rows.filter({ hasText: '凤县山区学校联盟' });
    expect((await cells(fengxian))[0]).toBe('2');
    expect(await cells(fengxian)).toEqual(expect.arrayContaining(['85', '良好', '已提交']));
    await expect(rows.first().innerText()).resolves.toContain('渭滨区城乡教育联盟');
    await expect(page.getByText(/已提交 2 份/).innerText()).resolves.toBeTruthy();
    // The draft follows the ranked ones, without a rank.
    const counties = rows.nth(2);
    await expect(counties.innerText()).resolves.toContain('凤县—太白县区联盟');
    expect((await cells(counties))[0]).toBe('—');
    expect(await cells(counties)).toEqual(expect.arrayContaining(['20', '草稿']));
    await quiet(app);
    await screenshot(page, 'evaluations-results');
  });

  it('locks every submitted evaluation at once', async () => {
    const { page } = app;
    await button(page, '锁定全部已提交').click();
    await confirmDialog(app, '全部锁定');
    await page.getByText('已锁定 1 份评价').waitFor();
    const fengxian = page.locator('.ant-table-row').filter({ hasText: '凤县山区学校联盟' });
    await fengxian.getByText('已锁定').waitFor();
  });

  it('says so when a year has no template', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: '年度', exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: `${year - 1} 年` }).click();
    await page.getByText(`${year - 1} 年度还没有评价模板`).waitFor();
    expect(page.url()).not.toContain('templateId=');
  });
});
