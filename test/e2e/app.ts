// Starts the app the way a clerk does (`npm start`), in browser mode, on a fresh data
// folder, and drives Debian's Chromium against it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium';

export const root = path.resolve(__dirname, '..', '..');
export const artifacts = path.join(root, 'test', 'artifacts');

export interface RunningApp {
  url: string;
  dataDir: string;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

/** The app on a fresh data folder loaded with the sample ledger of a scale (as `npm run ledger -- sample`). */
export async function startSampleApp(scale: 'county' | 'city' = 'county'): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ledger-e2e-${scale}-`));
  const sample = spawnSync(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    ['electron/cli/main.ts', 'sample', '--db', path.join(dataDir, 'ledger.sqlite'), '--scale', scale, '--json'],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  if (sample.status !== 0) throw new Error(`sample failed: ${sample.stderr}`);
  return startApp({ dataDir });
}

export async function startApp(options: { dataDir?: string } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['electron/launcher/start.ts'], {
    cwd: root,
    env: { ...process.env, LEDGER_BROWSER: '1', LEDGER_PORT: '0', LEDGER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await urlFrom(child);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  return {
    url,
    dataDir,
    browser,
    page,
    async stop() {
      await browser.close();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      if (problems.length) throw new Error(`页面脚本错误：${problems.join('; ')}`);
    },
  };
}

function urlFrom(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL in time:\n${out}\n${err}`)), 120_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}\n${err}`));
    });
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.waitForLoadState('networkidle');
  // A table that is refetching is dimmed under a spinner; shoot what the clerk reads.
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/**
 * Picks an option in an antd Select (or Cascader) found by its form label within `scope`
 * (the page or an open drawer), searching by text as a clerk types.
 */
export async function choose(scope: Page | Locator, label: string, search: string, option?: string): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const wanted = option ?? search;
  const input = scope.getByLabel(label, { exact: true });
  // `has` matches relative to each form item, so it takes an unscoped locator.
  const field = scope.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
  // Dropdowns animate and re-filter as the text arrives; on a busy machine a click can land
  // on a list that is being replaced, so check the choice took and try again if not.
  for (let attempt = 0; attempt < 3; attempt++) {
    await input.click();
    if (await input.isEditable()) await input.fill(search);
    const item = page
      .locator('.ant-select-item-option:visible, .ant-cascader-menu-item:visible')
      .filter({ hasText: wanted })
      .first();
    await item.waitFor();
    await page.waitForTimeout(150);
    await item.click();
    const squeeze = (t: string) => t.replace(/\s+/g, '');
    for (let i = 0; i < 20; i++) {
      if (squeeze(await field.innerText()).includes(squeeze(wanted))) return;
      await page.waitForTimeout(100);
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not choose ${wanted} for ${label}`);
}

/** The drawer form that is open now (closing drawers animate out and linger briefly). */
export function openDrawer(page: Page): Locator {
  return page.locator('.ant-drawer-open .ant-drawer-content-wrapper').first();
}

/** Clicks 保存 in the open drawer and waits for it to close. */
export async function saveDrawer(page: Page): Promise<void> {
  await openDrawer(page).getByRole('button', { name: '保存' }).click();
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
}

/** Goes to a screen through the menu, as a clerk would. */
export async function openMenu(page: Page, label: string): Promise<void> {
  // An item may carry a count badge after its label (提醒 3).
  const item = page.locator('.ant-menu-item').filter({ hasText: new RegExp(`^${label}\\s*\\d*$`) });
  await item.click();
  // The new screen is there once the menu marks it and its title shows.
  await page.locator('.ant-menu-item-selected').filter({ hasText: label }).waitFor();
  await page.locator('h4').first().waitFor();
  await page.waitForLoadState('networkidle');
}
