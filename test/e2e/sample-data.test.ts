// An empty ledger offers 载入示例数据: the clerk loads the county-scale sample with a
// progress bar, then every main screen shows realistic data (screenshots in test/artifacts/).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { choose, openMenu, screenshot, startApp, type RunningApp } from './app';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(app.page, `failed-sample-${ctx.task.name}`);
});
afterAll(async () => {
  await app?.stop();
});

describe('sample data from the home screen', () => {
  it('loads with a progress bar and fills the counts', async () => {
    const { page } = app;
    await choose(page, '本局所在行政区划', '宝鸡', '陕西省 / 宝鸡市');
    await page.getByRole('button', { name: '开始使用' }).click();
    await page.getByRole('button', { name: '载入示例数据' }).click();
    await page.getByText('正在处理').waitFor();
    await screenshot(page, 'sample-progress');
    await page.getByText(/示例数据已载入：\d+ 所学校/).waitFor({ timeout: 120_000 });
    await page.getByText('台账还是空的').waitFor({ state: 'detached' });
    const alliances = page.locator('.ant-card').filter({ hasText: '联盟' }).first();
    await expect(alliances.innerText()).resolves.toMatch(/[1-9]\d/);
    await screenshot(page, 'home');
  });

  it('shows every ledger with data', async () => {
    const { page } = app;
    for (const [menu, name] of [
      ['联盟', 'alliances-sample'],
      ['交流活动', 'activities-sample'],
      ['教师交流', 'teacher-exchanges-sample'],
      ['课程共享', 'shared-courses-sample'],
      ['合作项目', 'cooperation-projects-sample'],
      ['学校', 'schools-sample'],
      ['行政区划', 'regions-sample'],
    ] as const) {
      await openMenu(page, menu);
      await page.locator('.ant-table-row').first().waitFor();
      await screenshot(page, name);
    }
  });

  it('opens a county alliance with its member counties', async () => {
    const { page } = app;
    await openMenu(page, '联盟');
    await page.getByPlaceholder(/联盟名称/).first().fill('凤县');
    await page.getByPlaceholder(/联盟名称/).first().press('Enter');
    await page.getByRole('link', { name: /渭滨区.*凤县/ }).first().click();
    await page.getByText('主任县区').first().waitFor();
    await screenshot(page, 'county-alliance-detail');
  });
});
