// 提醒中心 end to end, as the issue asks: a rectification notice due tomorrow shows in
// 提醒中心 and in the menu's count; once verified (复查销号) it is gone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { choose, openDrawer, openMenu, saveDrawer, screenshot, startApp, type RunningApp } from './app';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(app.page, `failed-reminders-${ctx.task.name}`);
});
afterAll(async () => {
  await app?.stop();
});

const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

async function typeDate(scope: ReturnType<typeof openDrawer>, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

const menuCount = (app: RunningApp) => app.page.locator('.ant-menu-item').filter({ hasText: '提醒' }).locator('.ant-badge');

describe('a rectification notice in 提醒中心', () => {
  it('shows a notice due tomorrow as due soon, with the count in the menu', async () => {
    const { page } = app;
    await choose(page, '本局所在行政区划', '宝鸡', '陕西省 / 宝鸡市');
    await page.getByRole('button', { name: '开始使用' }).click();
    await openMenu(page, '督导');
    await page.getByRole('button', { name: '登记督导' }).click();
    const form = openDrawer(page);
    await choose(form, '督导类型', '专项督导', '专项督导');
    await typeDate(form, '督导日期', day(0));
    await form.getByText('县区', { exact: true }).click();
    await choose(form, '督导的县区', '渭滨', '渭滨区');
    await saveDrawer(page);
    // A new supervision opens on its own page, ready for its notices.
    await page.getByRole('button', { name: '登记整改通知书' }).click();
    const notice = openDrawer(page);
    await notice.getByLabel('文号').fill('宝教督整〔2026〕1号');
    await typeDate(notice, '下发日期', day(0));
    await notice.getByText('指定日期').click();
    await typeDate(notice, '整改期限（日期）', day(1));
    await saveDrawer(page);
    await page.getByText('宝教督整〔2026〕1号').first().waitFor();
    await screenshot(page, 'supervision-detail-e2e');

    await openMenu(page, '提醒');
    await page.getByText(/宝教督整〔2026〕1号/).first().waitFor();
    await page.getByText('即将到期').first().waitFor();
    await expect(menuCount(app).innerText()).resolves.toBe('1');
    await screenshot(page, 'reminders-e2e');
  });

  it('is gone once the notice is verified', async () => {
    const { page } = app;
    await openMenu(page, '督导');
    await page.getByRole('link', { name: day(0) }).first().click();
    await page.getByText('复查销号').first().click();
    const dialog = page.getByRole('dialog').filter({ hasText: '复查人' });
    // The 复查日期 comes filled in with today.
    await expect(dialog.getByLabel('复查日期').inputValue()).resolves.toBe(day(0));
    await dialog.getByLabel('复查人').fill('李督学');
    await dialog.getByRole('button', { name: '复查销号' }).click();
    await page.getByText('已复查销号').waitFor();
    await openMenu(page, '提醒');
    await page.getByText(/宝教督整〔2026〕1号/).waitFor({ state: 'detached' });
    await expect(menuCount(app).count()).resolves.toBe(0);
    await screenshot(page, 'reminders-empty');
    await openMenu(page, '问题清单');
    await screenshot(page, 'problems-empty');
  });
});
