// A second start of the desktop app hands over to the first one and quits, and a data
// folder held by a browser-mode server stops the desktop app with a Chinese message.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lockFile } from '../electron/main/paths';

vi.mock('electron', async () => (await import('./support/electron-stand-in.js')).electron);

let userData: string;
let electron: typeof import('./support/electron-stand-in').electron;

beforeEach(async () => {
  // main.ts starts on import: each test loads it, and the stand-in, afresh.
  vi.resetModules();
  // The stand-in as main.ts will see it: the mocked module, not a fresh copy of the file.
  electron = (await import('electron')) as unknown as typeof electron;
  electron.resetElectron();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-userdata-'));
  vi.stubEnv('LEDGER_DATA_DIR', '');
  electron.app.userData = userData;
  electron.app.appPath = userData;
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('the desktop app’s locks', () => {
  it('quits at once when another instance already runs', async () => {
    electron.app.singleInstance = false;
    const { started } = await import('../electron/main/main.js');
    await started;
    expect(electron.app.quitCalls).toBe(1);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(fs.readdirSync(userData)).toEqual([]);
  });

  it('refuses a data folder that a browser-mode server is using, saying so in Chinese', async () => {
    const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(lockFile(userData), `${server.pid}\n`);
      const { started } = await import('../electron/main/main.js');
      electron.app.becomeReady();
      await started;
      expect(electron.dialog.errors).toEqual([
        { title: '教育联盟台账', content: '无法启动：另一个台账程序（或浏览器模式服务）正在使用此数据文件夹' },
      ]);
      expect(electron.app.exitCodes).toEqual([1]);
      expect(electron.BrowserWindow.instances).toHaveLength(0);
      expect(fs.readFileSync(lockFile(userData), 'utf8').trim()).toBe(String(server.pid));
      expect(fs.existsSync(path.join(userData, 'ledger.sqlite'))).toBe(false);
    } finally {
      server.kill();
    }
  });
});
