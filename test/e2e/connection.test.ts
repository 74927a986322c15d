// 设置 → 数据库连接 end to end in Chromium: a clerk points the app (browser mode, so no
// safeStorage) at the office's PostgreSQL server, is told about a wrong password, tests and
// saves, and then works as their own login: settings read-only, no 恢复 in 回收站.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/handlers';
import { makeContext } from '../../electron/main/runtime';
import { openDatabase } from '../../db/connection';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { addLogin } from '../support/postgres-logins';
import { artifacts, screenshot, startApp, type RunningApp } from './app';

const go = (page: RunningApp['page'], hash: string) =>
  page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);

let pg: TestPostgres;
let app: RunningApp;
let port: number;

beforeAll(async () => {
  pg = startPostgres();
  port = Number(new URL(pg.url).port);
  const owner = await openDatabase(pg.url);
  const quiet = { error: () => {}, info: () => {} };
  await dispatch(handlers, 'regions.setHome', { code: '6103' }, makeContext(owner, os.tmpdir(), quiet));
  await addLogin(owner, 'wang', 'wang-secret', 'ledger_clerk');
  await owner.destroy();
  // The clerk's own computer: a local ledger that has been set up.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-conn-'));
  const local = await openDatabase(path.join(dataDir, 'ledger.sqlite'), { create: true });
  await dispatch(handlers, 'regions.setHome', { code: '6103' }, makeContext(local, dataDir, quiet));
  await local.destroy();
  app = await startApp({ dataDir });
}, 180_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(app.page, `failed-connection-${ctx.task.name}`);
});
afterAll(async () => {
  await app?.stop();
  pg?.stop();
});

describe('设置 → 数据库连接', () => {
  it('tests a PostgreSQL connection, names a wrong password, saves and switches the app to the server', async () => {
    const { page } = app;
    await go(page, '#/settings');
    const card = page.locator('#connection');
    await card.locator('label.ant-radio-wrapper').filter({ hasText: 'PostgreSQL 服务器' }).click();
    await card.getByLabel('服务器地址').fill('127.0.0.1');
    await card.getByLabel('端口').fill(String(port));
    await card.getByLabel('数据库名称').fill('ledger');
    await card.getByLabel('登录账号').fill('wang');
    await card.getByLabel('密码').fill('wrong');
    await card.getByRole('button', { name: '测试连接' }).click();
    await expect.poll(() => card.locator('.ant-alert-error').textContent()).toContain('密码错误：用户“wang”的密码不正确');
    await expect(card.getByText('本机无法加密保存密码，密码不会被保存').isVisible()).resolves.toBe(true);
    await card.scrollIntoViewIfNeeded();
    fs.mkdirSync(artifacts, { recursive: true });
    await card.screenshot({ path: path.join(artifacts, 'connection-wrong-password.png') });

    await card.getByLabel('密码').fill('wang-secret');
    await card.getByRole('button', { name: '测试连接' }).click();
    await expect.poll(() => card.locator('.ant-alert-success').textContent()).toMatch(/连接成功：PostgreSQL 1\d\.\d+，登录账号“wang”。/);
    await card.screenshot({ path: path.join(artifacts, 'connection-tested.png') });
    await card.getByRole('button', { name: '保存并切换' }).click();
    await expect.poll(() => card.textContent()).toContain(`当前使用：PostgreSQL wang@127.0.0.1:${port}/ledger（使用本次输入的密码，未保存）`);
    // The settings file on this computer holds no password.
    const saved = fs.readFileSync(path.join(app.dataDir, 'connection.json'), 'utf8');
    expect(saved).not.toContain('wang-secret');
    expect(JSON.parse(saved)).toEqual({ kind: 'postgres', host: '127.0.0.1', port, database: 'ledger', user: 'wang', ssl: 'off' });
    // As a clerk (ledger_clerk): settings only to read.
    await expect.poll(() => page.getByText('当前登录：wang（办事员），只能查看设置').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '保存设置' }).count()).toBe(0);
    expect(await page.getByLabel('填报单位').isDisabled()).toBe(true);
    // The password typed in serves for the rest of this run (kept in memory only).
    await card.getByRole('button', { name: '测试连接' }).click();
    await expect.poll(() => card.locator('.ant-alert-success').textContent()).toContain('连接成功');
    await card.screenshot({ path: path.join(artifacts, 'connection-saved.png') });
    await screenshot(page, 'connection-settings-clerk');
  });

  it('hides 恢复 in 回收站 from a clerk', async () => {
    const { page } = app;
    await go(page, '#/recycle-bin');
    await expect.poll(() => page.getByText('恢复需要审核员或管理员权限').isVisible()).toBe(true);
    expect(await page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
  });

  it('hides 锁定全部已提交 in 考核评价 from a clerk', async () => {
    const { page } = app;
    await go(page, '#/evaluations');
    await expect.poll(() => page.getByText('按年度和评价模板逐一打分').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '锁定全部已提交' }).count()).toBe(0);
  });
});
