// A new clerk's first session, in real Chromium through browser mode: pick the bureau's
// region, create a school, an alliance with members and an activity, reload, and find
// them all again. Screenshots of every main screen go to test/artifacts/.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { choose, openDrawer, openMenu, saveDrawer, screenshot, startApp, type RunningApp } from './app';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(app.page, `failed-${ctx.task.name}`);
});
afterAll(async () => {
  await app?.stop();
});

describe('a new clerk', () => {
  it('picks the bureau region on first run', async () => {
    const { page } = app;
    await page.getByText('欢迎使用教育联盟台账').waitFor();
    await screenshot(page, 'setup');
    await choose(page, '本局所在行政区划', '宝鸡', '陕西省 / 宝鸡市');
    await page.getByLabel('填报单位').fill('宝鸡市教育局');
    await page.getByLabel('操作人姓名').fill('王科员');
    await page.getByRole('button', { name: '开始使用' }).click();
    await page.getByText('台账还是空的').waitFor();
    await page.getByText('宝鸡市教育局 · 操作人：王科员').waitFor();
    await screenshot(page, 'home-empty');
  });

  it('creates two schools and finds one by its county', async () => {
    const { page } = app;
    await openMenu(page, '学校');
    for (const [name, county] of [
      ['宝鸡市渭滨区清姜路小学', '渭滨区'],
      ['凤县双石铺镇中心小学', '凤县'],
    ] as const) {
      await page.getByRole('button', { name: '新增学校' }).click();
      const form = openDrawer(page);
      await form.getByLabel('学校名称').fill(name);
      await choose(form, '所在县（市、区）', county);
      await choose(form, '学段', '小学', '小学');
      await saveDrawer(page);
      await page.getByRole('cell', { name }).waitFor();
    }
    // A missing field is reported beside it, in Chinese.
    await page.getByRole('button', { name: '新增学校' }).click();
    await openDrawer(page).getByRole('button', { name: '保存' }).click();
    await openDrawer(page).getByText('请填写学校名称').waitFor();
    await screenshot(page, 'school-form-errors');
    await openDrawer(page).getByRole('button', { name: '取消' }).click();
    await screenshot(page, 'schools');
  });

  it('creates a cross-county alliance with a lead school and a member', async () => {
    const { page } = app;
    await openMenu(page, '联盟');
    await page.getByRole('button', { name: '新增联盟' }).click();
    const form = openDrawer(page);
    await form.getByLabel('联盟名称').fill('清姜路小学城乡教育联盟');
    await choose(form, '联盟类型', '学校联盟', '学校联盟');
    await choose(form, '牵头学校', '清姜', '宝鸡市渭滨区清姜路小学');
    await choose(form, '成员学校', '双石铺', '凤县双石铺镇中心小学');
    await page.keyboard.press('Escape');
    await screenshot(page, 'alliance-form');
    await saveDrawer(page);
    const row = page.getByRole('row').filter({ hasText: '清姜路小学城乡教育联盟' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('跨区域');
    await screenshot(page, 'alliances');
    await row.getByRole('link', { name: '清姜路小学城乡教育联盟' }).click();
    await page.getByRole('cell', { name: '凤县双石铺镇中心小学' }).waitFor();
    await screenshot(page, 'alliance-detail');
  });

  it('records an activity of the alliance with a participating school', async () => {
    const { page } = app;
    await openMenu(page, '交流活动');
    await page.getByRole('button', { name: '登记活动' }).click();
    const form = openDrawer(page);
    await choose(form, '所属联盟', '清姜', '清姜路小学城乡教育联盟');
    const date = form.getByLabel('活动日期');
    await date.click();
    await date.fill('2026-10-15');
    await date.press('Enter');
    await form.getByText('属于 2026-2027学年第一学期').waitFor();
    await form.getByLabel('活动主题').fill('三年级数学同课异构');
    await choose(form, '活动类别', '教研交流', '教研交流');
    await choose(form, '承办学校', '清姜', '宝鸡市渭滨区清姜路小学');
    await choose(form, '参与学校', '双石铺', '凤县双石铺镇中心小学');
    await page.keyboard.press('Escape');
    await form.getByLabel('参与人数').fill('24');
    await screenshot(page, 'activity-form');
    await saveDrawer(page);
    await page.getByText('三年级数学同课异构').waitFor();
    await screenshot(page, 'activities');
  });

  it('finds everything again after a reload', async () => {
    const { page } = app;
    await page.reload();
    await openMenu(page, '学校');
    await page.getByRole('cell', { name: '凤县双石铺镇中心小学' }).waitFor();
    await page.getByPlaceholder('校名、标识码、校长、地址').fill('清姜');
    await page.getByPlaceholder('校名、标识码、校长、地址').press('Enter');
    await page.getByText('共 1 条').waitFor();
    await openMenu(page, '联盟');
    const row = page.getByRole('row').filter({ hasText: '清姜路小学城乡教育联盟' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/2/);
    await row.getByRole('link', { name: '清姜路小学城乡教育联盟' }).click();
    await page.getByRole('tab', { name: /交流活动/ }).click();
    await page.getByText('三年级数学同课异构').waitFor();
    await screenshot(page, 'alliance-activities-tab');
    await openMenu(page, '交流活动');
    await page.getByPlaceholder('主题、内容、成效、学校或联盟名称').fill('同课异构');
    await page.getByPlaceholder('主题、内容、成效、学校或联盟名称').press('Enter');
    await page.getByText('三年级数学同课异构').waitFor();
  });

  it('shows every other main screen', async () => {
    const { page } = app;
    for (const [menu, name] of [
      ['教师交流', 'teacher-exchanges-empty'],
      ['课程共享', 'shared-courses-empty'],
      ['合作项目', 'cooperation-projects-empty'],
      ['行政区划', 'regions'],
      ['设置', 'settings'],
      ['回收站', 'recycle-bin'],
      ['操作日志', 'audit-log'],
      ['问题清单', 'planned-problems'],
    ] as const) {
      await openMenu(page, menu);
      await screenshot(page, name);
    }
    await openMenu(page, '操作日志');
    await page.getByRole('cell', { name: '王科员' }).first().waitFor();
  });
});
