// 此记录已被他人修改, end to end (issue 10): a clerk edits a school in the form; meanwhile a
// colleague saves the same school through the API; the clerk's 保存 is refused with a
// dialog that lists 你的修改 against 当前值, nothing is overwritten, and
// 以当前值为准重新编辑 puts the colleague's values into the form to edit from.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../electron/api/common';
import type { Args, Method, Output } from '../../electron/api/contract';
import { makeAllianceWorld } from '../support/alliance-world';
import { openDrawer, openMenu, screenshot, startApp, type RunningApp } from './app';

let app: RunningApp;
let dataDir: string;
let evaluationId: string;
let leaves: { id: string; name: string }[];

/** The colleague: the same ledger through the app's own API (the data folder is the app's while it runs). */
async function colleague<M extends Method>(method: M, args: Args<M>): Promise<Output<M>> {
  const url = new URL(app.url);
  const res = await fetch(new URL('api/call', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': url.searchParams.get('token') ?? '' },
    body: JSON.stringify({ method, args }),
  });
  const reply = (await res.json()) as Reply<Output<M>>;
  if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
  return reply.value;
}

beforeAll(async () => {
  const w = await makeAllianceWorld();
  const s = await w.call('schools.get', { id: w.schools.qingjiang });
  await w.call('schools.update', {
    id: s.id,
    rowVersion: s.rowVersion,
    draft: { name: s.name, regionId: s.regionId, stage: s.stage, students: 1200, teachers: 80, principal: '张伟' },
  });
  const year = new Date().getFullYear();
  const template = await w.call('evaluationTemplates.create', {
    name: `${year}年度联盟考核`,
    year,
    targetType: 'alliance',
    totalScore: 100,
    gradeBands: [{ name: '合格', min: 60 }, { name: '不合格', min: 0 }],
    indicators: [{ name: '组织管理', children: [{ name: '制度建设', maxScore: 40 }, { name: '领导互访', maxScore: 60 }] }],
  });
  leaves = template.indicators[0]!.children.map((c) => ({ id: c.id, name: c.name }));
  evaluationId = (await w.call('evaluations.start', { templateId: template.id, year, targetId: w.alliances.weibin })).id;
  await w.db.destroy();
  dataDir = w.dir;
  app = await startApp({ dataDir });
}, 180_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(app.page, `failed-conflict-${ctx.task.name}`);
});
afterAll(async () => {
  await app?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('two clerks editing the same school', () => {
  it('refuses the stale save with 此记录已被他人修改 and shows 你的修改 against 当前值', async () => {
    const { page } = app;
    await openMenu(page, '学校');
    await page.locator('.ant-table-row').filter({ hasText: '清姜路小学' }).getByText('编辑', { exact: true }).click();
    const drawer = openDrawer(page);
    await expect.poll(() => drawer.getByLabel('学生数').inputValue()).toBe('1200');

    // Meanwhile the colleague saves the same school.
    const loaded = (await colleague('schools.list', { search: '清姜路' })).rows[0]!;
    await colleague('schools.update', {
      id: loaded.id,
      rowVersion: loaded.rowVersion,
      draft: { name: loaded.name, regionId: loaded.regionId, stage: loaded.stage, students: 1260, teachers: 80, principal: '刘明' },
    });

    // The clerk, still on the old values, changes 学生数 and 校长 and saves.
    await drawer.getByLabel('学生数').fill('1250');
    await drawer.getByLabel('校长').fill('王芳');
    await drawer.getByRole('button', { name: '保存' }).click();

    const dialog = page.locator('.ant-modal-confirm');
    await dialog.locator('.ant-modal-confirm-title').filter({ hasText: '此记录已被他人修改' }).waitFor();
    const rows = dialog.locator('.ant-table-row');
    await expect.poll(() => rows.allInnerTexts()).toEqual([
      expect.stringMatching(/学生数\s+1250\s+1260/),
      expect.stringMatching(/校长\s+王芳\s+刘明/),
    ]);
    await page.waitForTimeout(400); // the dialog zooms in
    await screenshot(page, 'conflict-dialog');

    // Nothing was overwritten: the colleague's values stand.
    expect(await colleague('schools.get', { id: loaded.id })).toMatchObject({ students: 1260, principal: '刘明', rowVersion: 3 });

    // 以当前值为准重新编辑: the form now holds the colleague's values; the clerk's change goes on top.
    await dialog.getByRole('button', { name: '以当前值为准重新编辑' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => drawer.getByLabel('学生数').inputValue()).toBe('1260');
    await expect.poll(() => drawer.getByLabel('校长').inputValue()).toBe('刘明');
    await screenshot(page, 'conflict-reloaded');
    await drawer.getByLabel('校长').fill('王芳');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    expect(await colleague('schools.get', { id: loaded.id })).toMatchObject({ students: 1260, principal: '王芳', rowVersion: 4 });
    await page.locator('.ant-table-row').filter({ hasText: '清姜路小学' }).getByText('1,260').waitFor();
  });
});

describe('two evaluators scoring the same alliance', () => {
  it('refuses the second 保存草稿 and lists the scores that differ', async () => {
    const { page } = app;
    await page.evaluate((id) => ((globalThis as unknown as { location: { hash: string } }).location.hash = `#/evaluations/${id}`), evaluationId);
    const box = (name: string) => page.getByLabel(`得分：${name}`, { exact: true });
    await box('制度建设').waitFor();

    // The colleague scores first, through the API.
    const loaded = await colleague('evaluations.get', { id: evaluationId });
    await colleague('evaluations.save', {
      id: evaluationId,
      rowVersion: loaded.rowVersion,
      evaluators: '市督导室 李强',
      scores: { [leaves[0]!.id]: { score: 35, note: null }, [leaves[1]!.id]: { score: 50, note: null } },
    });

    await box('制度建设').fill('30');
    await box('领导互访').fill('50');
    await page.locator('button:visible').filter({ hasText: /^\s*保存草稿\s*$/ }).click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.locator('.ant-modal-confirm-title').filter({ hasText: '此记录已被他人修改' }).waitFor();
    // 领导互访 is the same on both sides, so only 制度建设 and 评价人 are listed.
    await expect.poll(() => dialog.locator('.ant-table-row').allInnerTexts()).toEqual([
      expect.stringMatching(/评价人\s+（空）\s+市督导室 李强/),
      expect.stringMatching(/制度建设（得分）\s+30\s+35/),
    ]);
    await page.waitForTimeout(400);
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await screenshot(page, 'conflict-scoring');
    expect((await colleague('evaluations.get', { id: evaluationId })).scores[leaves[0]!.id]).toEqual({ score: 35, note: null });

    await dialog.getByRole('button', { name: '以当前值为准重新编辑' }).click();
    await expect.poll(() => box('制度建设').inputValue()).toBe('35');
    await box('制度建设').fill('32');
    await page.locator('button:visible').filter({ hasText: /^\s*保存草稿\s*$/ }).click();
    await expect.poll(async () => (await colleague('evaluations.get', { id: evaluationId })).scores[leaves[0]!.id]?.score).toBe(32);
  });
});
