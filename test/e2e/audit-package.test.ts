// 外出督导包 end to end, in real Chromium through browser mode: the office exports a package
// of one alliance; a laptop opens it (the banner shows on every screen) and records a
// supervision finding and a problem's new owner; the office changes the same problem; back
// in the office, 合并督导包 shows the conflict side by side, the clerk chooses, merges, and
// finds the laptop's finding in the office ledger.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeBaojiLedger } from '../support/ledger';
import { makeOffice } from '../support/audit-package';
import { openDrawer, openMenu, saveDrawer, screenshot, startApp, choose, type RunningApp } from './app';

let office: RunningApp;
let laptop: RunningApp;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-packages-'));
const pkg = path.join(files, '督导包.sqlite');
const back = path.join(files, '督导包-带回.sqlite');

/** A data folder holding a copy of a ledger made in-process. */
async function dataDirWith(make: () => Promise<{ db: { destroy(): Promise<void> }; file: string; dir: string }>): Promise<string> {
  const ledger = await make();
  await ledger.db.destroy();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-data-'));
  fs.copyFileSync(ledger.file, path.join(dir, 'ledger.sqlite'));
  fs.rmSync(ledger.dir, { recursive: true, force: true });
  return dir;
}

beforeAll(async () => {
  office = await startApp({ dataDir: await dataDirWith(makeOffice) });
  laptop = await startApp({
    dataDir: await dataDirWith(async () => {
      const l = await makeBaojiLedger();
      await l.call('settings.update', { operatorName: '李督导' });
      return l;
    }),
  });
}, 240_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await screenshot(office.page, `failed-office-${ctx.task.name}`);
    await screenshot(laptop.page, `failed-laptop-${ctx.task.name}`);
  }
});
afterAll(async () => {
  await office?.stop();
  await laptop?.stop();
  fs.rmSync(files, { recursive: true, force: true });
});

async function download(page: Page, click: () => Promise<void>, to: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  await file.saveAs(to);
}

async function editProblemOwner(page: Page, owner: string) {
  await openMenu(page, '问题清单');
  await page.getByRole('row').filter({ hasText: '教研活动次数不足' }).getByText('编辑').click();
  await openDrawer(page).getByLabel('责任人').fill(owner);
  await saveDrawer(page);
  await page.getByRole('row').filter({ hasText: owner }).first().waitFor();
}

describe('外出督导包', () => {
  it('exports the package of an alliance in the office', async () => {
    const { page } = office;
    await openMenu(page, '外出督导包');
    await choose(page, '联盟', '渭滨区', '渭滨区城乡教育联盟');
    await screenshot(page, 'audit-package-export');
    await download(page, () => page.getByRole('button', { name: '导出督导包…' }).click(), pkg);
    const done = page.locator('.ant-modal-confirm');
    await done.locator('.ant-modal-confirm-title').getByText('督导包已导出').waitFor();
    await done.getByText(/督导包-渭滨区城乡教育联盟-.*\.sqlite，共 \d+ 条记录/).waitFor();
    expect(fs.statSync(pkg).size).toBeGreaterThan(10_000);
    await done.getByRole('button').click();
    await done.waitFor({ state: 'detached' });
  });

  it('opens the package on the laptop, marked on every screen, and records a finding there', async () => {
    const { page } = laptop;
    await openMenu(page, '外出督导包');
    expect(await page.getByTestId('package-banner').count()).toBe(0);
    await page.locator('input[type=file]').setInputFiles(pkg);
    const banner = page.getByTestId('package-banner');
    await banner.getByText('当前打开的是督导包：渭滨区城乡教育联盟').waitFor();
    await screenshot(page, 'audit-package-open');

    await openMenu(page, '督导');
    await banner.waitFor();
    await page.getByRole('row').filter({ hasText: '课程开设不足' }).getByText('编辑').click();
    await openDrawer(page).getByLabel('主要问题').fill('课程开设不足；功能室闲置（现场核实）');
    await saveDrawer(page);
    await page.getByText('功能室闲置（现场核实）').first().waitFor();
    await screenshot(page, 'audit-package-laptop-supervisions');
    await editProblemOwner(page, '孙校长');
    await expect(banner.textContent()).resolves.toContain('渭滨区城乡教育联盟');

    await download(page, () => banner.getByRole('button', { name: '保存督导包文件' }).click(), back);
    expect(fs.existsSync(back)).toBe(true);
  });

  it('merges it back in the office: the conflict side by side, the choice applied, the finding there', async () => {
    const { page } = office;
    await editProblemOwner(page, '周主任');
    await openMenu(page, '合并督导包');
    await page.locator('input[type=file]').setInputFiles(back);
    const conflict = page.getByTestId('package-conflict');
    await conflict.getByText('教研活动次数不足').waitFor();
    await conflict.getByRole('cell', { name: '周主任' }).waitFor();
    await conflict.getByRole('cell', { name: '孙校长' }).waitFor();
    await expect(conflict.locator('th').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringMatching(/^台账（王科员，/), expect.stringMatching(/^督导包（李督导，/)]),
    );
    await page.getByText('还有 1 处冲突未选择保留哪一方').waitFor();
    expect(await page.getByRole('button', { name: '合并' }).isDisabled()).toBe(true);
    await screenshot(page, 'audit-package-merge-preview');

    await conflict.getByText('督导包', { exact: true }).click();
    await page.getByRole('button', { name: '合并' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '合并' }).click();
    await page.locator('.ant-modal-confirm-title').getByText('已合并督导包').waitFor();
    await page.getByText(/新增 0 条，修改 1 条；冲突保留台账 0 处，采用督导包 1 处/).waitFor();
    await screenshot(page, 'audit-package-merged');
    // The 确认合并 dialog may still be closing behind the result: close the result by its button.
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '知道了' }).click();
    await expect.poll(() => page.locator('.ant-modal-confirm').count()).toBe(0);

    await openMenu(page, '督导');
    await page.getByText('功能室闲置（现场核实）').first().waitFor();
    await screenshot(page, 'audit-package-office-supervisions');
    await openMenu(page, '问题清单');
    await page.getByRole('row').filter({ hasText: '教研活动次数不足' }).filter({ hasText: '孙校长' }).waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'audit-package-office-problems');
  });
});
