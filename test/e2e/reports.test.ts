// 报表导出 end to end: on a county's sample ledger the clerk chooses 交流活动台账 for 2025,
// previews its first rows, and exports it — the download is the workbook, with progress
// shown while it is written.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { choose, openMenu, screenshot, startSampleApp, type RunningApp } from './app';

let app: RunningApp;
beforeAll(async () => {
  app = await startSampleApp('county');
}, 240_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(app.page, `failed-reports-${ctx.task.name}`);
});
afterAll(async () => {
  await app?.stop();
});

describe('报表导出', () => {
  it('previews the first rows of 交流活动台账 and exports the workbook', async () => {
    const { page } = app;
    await openMenu(page, '报表导出');
    await choose(page, '报表', '交流活动台账', '交流活动台账');
    await choose(page, '统计年度', '2025年', '2025年');
    await page.getByRole('button', { name: '预览' }).click();
    const card = page.locator('.ant-card').filter({ hasText: '2025年教育联盟交流活动台账' });
    await card.getByText(/共 \d+ 行，预览前 20 行/).waitFor();
    await expect(card.locator('.ant-table-tbody tr.ant-table-row').count()).resolves.toBe(20);
    await expect(card.locator('.ant-table-thead').innerText()).resolves.toContain('校级领导互访');
    await screenshot(page, 'report-preview');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('2025年教育联盟交流活动台账.xlsx');
    const file = path.join(app.dataDir, 'downloaded.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('交流活动')!;
    expect(ws.getCell('A1').value).toBe('2025年教育联盟交流活动台账');
    const total = Number((await card.getByText(/共 \d+ 行/).innerText()).match(/共 (\d+) 行/)![1]);
    // Title, unit line, header, the rows, 合计, a blank row and the footer.
    expect(ws.rowCount).toBe(3 + total + 3);
    await page.getByText('已导出：2025年教育联盟交流活动台账.xlsx').waitFor();
  });
});
