// Scratch: which calls the home page makes and how long each takes (not part of the bench).
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium';
const dir = process.argv[2]!;
const child = spawn('npx', ['tsx', 'electron/launcher/start.ts'], { env: { ...process.env, LEDGER_BROWSER: '1', LEDGER_PORT: '0', LEDGER_DATA_DIR: dir, LEDGER_NO_OPEN: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve) => {
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c; const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out); if (m) resolve(m[0]); });
});
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
for (let i = 0; i < 3; i++) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const t0 = Date.now();
  const log: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) (r as any)._t = Date.now(); });
  page.on('requestfinished', (r) => { if (r.url().includes('/api/')) log.push(`${((r as any)._t - t0)}ms +${Date.now() - (r as any)._t}ms ${(r.postData() ?? '').slice(0, 60)}`); });
  await page.goto(url);
  await page.locator('[data-chart] canvas').first().waitFor({ state: 'visible' });
  console.log(`load ${Date.now() - t0} ms`);
  if (i === 2) console.log(log.join('\n'));
  await context.close();
}
await browser.close();
child.kill();
process.exit(0);
