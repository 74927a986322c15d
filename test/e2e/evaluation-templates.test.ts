// 评价模板 and 表彰 end to end: a clerk builds a template in the tree editor, is told in
// Chinese when the indicators do not add up to the total, fixes it and finds the template
// in the list; then records an award for a teacher.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDrawer, openMenu, saveDrawer, screenshot, startApp, choose, type RunningApp } from './app';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(app.page, `failed-evaluation-templates-${ctx.task.name}`);
});
afterAll(async () => {
  await app?.stop();
});

const templateName = '2026年度城乡教育联盟考核评价（测试）';

describe('an evaluation template', () => {
  it('is refused while its indicators do not add up to the total', async () => {
    const { page } = app;
    await choose(page, '本局所在行政区划', '宝鸡', '陕西省 / 宝鸡市');
    await page.getByRole('button', { name: '开始使用' }).click();
    await openMenu(page, '评价模板');
    await page.getByRole('button', { name: '新建模板' }).click();
    await page.getByRole('heading', { name: '新建评价模板' }).waitFor();

    await page.getByLabel('模板名称').fill(templateName);
    // The editor opens with one 一级指标 and one 二级指标 under it.
    await page.getByLabel('一级指标名称').nth(0).fill('组织管理');
    await page.getByLabel('二级指标名称').nth(0).fill('制度建设');
    await page.getByLabel('二级指标分值').nth(0).fill('20');
    await page.getByRole('button', { name: '添加二级指标' }).first().click();
    await page.getByLabel('二级指标名称').nth(1).fill('工作计划与总结');
    await page.getByLabel('二级指标分值').nth(1).fill('30');
    await page.getByRole('button', { name: '添加一级指标' }).click();
    await page.getByLabel('一级指标名称').nth(1).fill('教育教学');
    await page.getByLabel('一级指标分值').first().fill('40');
    await page.getByLabel('一级指标分值').first().blur();
    await expect(page.getByTestId('indicator-sum').innerText()).resolves.toContain('各指标分值合计 90 / 总分 100');

    await page.getByRole('button', { name: '保存模板' }).first().click();
    await page.getByText('模板未保存，请修改以下内容：').waitFor();
    // Beside 总分 and in the summary above the form.
    await expect(page.getByText('总分 100 与各指标分值之和 90 不一致').count()).resolves.toBeGreaterThanOrEqual(2);
    await screenshot(page, 'evaluation-templates-editor-error-e2e');
  });

  it('saves once fixed and is listed with its indicator count', async () => {
    const { page } = app;
    await page.getByLabel('一级指标分值').first().fill('50');
    await page.getByLabel('一级指标分值').first().blur();
    await expect(page.getByTestId('indicator-sum').innerText()).resolves.toContain('各指标分值合计 100 / 总分 100');
    await page.getByRole('button', { name: '保存模板' }).first().click();
    await page.getByText('已创建评价模板').waitFor();
    await page.getByRole('heading', { name: templateName }).waitFor();
    await page.getByText('第1版').waitFor();
    await screenshot(page, 'evaluation-templates-editor-e2e');

    await page.getByRole('button', { name: '返回列表' }).click();
    const row = page.getByRole('row').filter({ hasText: templateName });
    await row.waitFor();
    // Two 二级指标 and a 一级指标 scored directly: three scoring items.
    await expect(row.getByRole('cell').nth(4).innerText()).resolves.toBe('3');
    await expect(row.innerText()).resolves.toContain('第1版');
    await screenshot(page, 'evaluation-templates-list-e2e');
  });
});

describe('an award', () => {
  it('is recorded for a teacher with its document number', async () => {
    const { page } = app;
    await openMenu(page, '表彰');
    await page.getByRole('button', { name: '登记表彰' }).click();
    const form = openDrawer(page);
    await form.getByLabel('表彰名称').fill('优秀教师');
    await form.getByText('个人', { exact: true }).click();
    await form.getByLabel('姓名').fill('李春梅');
    await form.getByLabel('发文单位').fill('宝鸡市教育局');
    await form.getByLabel('文号').fill('宝教发〔2026〕18号');
    await saveDrawer(page);
    await page.locator('.ant-drawer-content-wrapper').first().waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: '李春梅' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('宝教发〔2026〕18号');
    await screenshot(page, 'awards-e2e');
  });
});
