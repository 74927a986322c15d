// Dev helper: screenshot a page of the running browser mode.
// Usage: tsx test/support/shoot.ts URL OUT.png [hashPath]
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium';

const [url, out, hash] = process.argv.slice(2);
(async () => {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  page.on('console', (m) => m.type() === 'error' && process.stderr.write(`console: ${m.text()}\n`));
  page.on('pageerror', (e) => process.stderr.write(`pageerror: ${e.message}\n`));
  await page.goto(url!);
  if (hash) {
    await page.waitForTimeout(800);
    await page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
  }
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out!, fullPage: true });
  await browser.close();
})();
