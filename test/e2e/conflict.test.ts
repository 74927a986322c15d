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
