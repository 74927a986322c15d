// 首页 dashboard end to end, on a county's sample ledger in Chromium: the charts draw, a
// click on a coverage bar opens that county's schools, a click on an activity segment the
// activities of that category and term, and 导出图表 downloads the 图表 workbook with the
// images drawn in the window.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startSampleApp, type RunningApp } from './app';

let app: RunningApp;
beforeAll(async () => {
  app = await startSampleApp('county');
}, 240_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(app.page, `failed-dashboard-${ctx.task.name}`);
});
afterAll(async () => {
  await app?.stop();
});

const chart = (page: Page, key: string) => page.locator(`[data-chart="${key}"]`);

/** Clicks across the chart's plot until a bar takes the page elsewhere (a clerk aims at a bar). */
async function clickABar(page: Page, card: Locator): Promise<void> {
  const canvas = card.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const start = page.url();
  for (const fy of [0.7, 0.6, 0.5, 0.4]) {
    for (let fx = 0.12; fx < 0.95; fx += 0.04) {
      await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
      // The router changes the hash synchronously; Playwright learns of it a moment later.
      await page.waitForTimeout(120);
      if (page.url() !== start) return;
    }
  }
  throw new Error('no bar took a click');
}

async function openDashboard(page: Page): Promise<void> {
  await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/'));
  await chart(page, 'coverage').locator('canvas').waitFor();
  await page.waitForLoadState('networkidle');
}

describe('首页', () => {
  it('draws the headline and every chart', async () => {
    const { page } = app;
    await openDashboard(page);
    for (const label of ['义务教育学校', '运行中的联盟', '联盟覆盖率', '本学期交流活动', '教师交流人数', '未复查的整改通知书', '逾期提醒']) {
      await page.locator(`[data-tile="${label}"]`).waitFor();
    }
    for (const key of ['coverage', 'activities', 'quotas', 'exchanges', 'rectifications']) {
      const size = await chart(page, key).locator('canvas').boundingBox();
      expect(size!.width).toBeGreaterThan(200);
    }
    await expect(page.locator('[data-tile="联盟覆盖率"]').innerText()).resolves.toMatch(/\d+\.\d%/);
    await screenshot(page, 'dashboard-county');
  });

  it('opens the schools of a county from its coverage bar', async () => {
    const { page } = app;
    await openDashboard(page);
    await clickABar(page, chart(page, 'coverage'));
    expect(page.url()).toMatch(/#\/schools\?regionId=[\w-]+/);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    // The county picker shows the county the bar stood for, and the list is narrowed to it.
    const county = await page.locator('.page-toolbar .ant-select-content, .page-toolbar .ant-select-selection-item').first().innerText();
    expect(county).toMatch(/[县区市]/);
    await screenshot(page, 'dashboard-drilldown-schools');
  });

  it('opens the activities of a category and term from the monthly chart', async () => {
    const { page } = app;
    await openDashboard(page);
    await clickABar(page, chart(page, 'activities'));
    expect(page.url()).toMatch(/#\/activities\?category=\w+&term=\d{4}-\d{4}-[12]/);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  });

  it('exports the charts as a 图表 workbook with the drawn images', async () => {
    const { page } = app;
    await openDashboard(page);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出图表' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^\d{4}年教育联盟工作概览_图表\.xlsx$/);
    const file = path.join(app.dataDir, 'charts.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('图表')!;
    expect(ws.getImages().length).toBeGreaterThanOrEqual(5);
    const texts = (ws.getSheetValues() as unknown[][]).flat().filter((v) => typeof v === 'string');
    expect(texts).toEqual(expect.arrayContaining(['县（市、区）', '覆盖率(%)', '月份', '交流类型']));
  });

  it('asks for the summary once, from the small early script that runs ahead of the app’s bundle', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const summaries: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/call') && r.postData()?.includes('"dashboard.summary"')) summaries.push(r.postData()!);
      });
      const response = await page.goto(app.url.replace(/#.*$/, ''));
      const html = await response!.text();
      // early.ts is a module script of its own, loaded before the app's bundle.
      const scripts = [...html.matchAll(/<script type="module"[^>]*src="\.\/assets\/([\w-]+)\.js"/g)].map((m) => m[1]!);
      expect(scripts).toHaveLength(2);
      expect(scripts[0]).toMatch(/^early-/);
      expect(html).toMatch(/<script type="module" async[^>]*early-/);
      await chart(page, 'coverage').locator('canvas').waitFor();
      await page.waitForLoadState('networkidle');
      // The app took the early answer over instead of asking a second time.
      expect(summaries).toHaveLength(1);
    } finally {
      await page.close();
    }
  });
});
