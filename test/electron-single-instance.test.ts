// A second start of the desktop app hands over to the first one and quits, and a data
// folder held by browser mode stops the desktop app with a Chinese message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, dialog, FakeBrowserWindow, resetElectron } from './support/electron-stand-in';
import { acquireDataLock } from '../electron/main/data-lock';

vi.mock('electron', async () => (await import('./support/electron-stand-in')).electron);

let userData: string;
beforeEach(() => {
  vi.resetModules();
  resetElectron();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-userdata-'));
  vi.stubEnv('LEDGER_DATA_DIR', '');
  app.userData = userData;
  app.appPath = userData;
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('the desktop app’s locks', () => {
  it('quits at once when another instance already runs', async () => {
    app.singleInstance = false;
    const { started } = await import('../electron/main/main');
    await started;
    expect(app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fs.readdirSync(userData)).toEqual([]);
  });

  it('refuses a data folder that browser mode is using, saying so in Chinese', async () => {
    const serverLock = acquireDataLock(userData);
    try {
      const { started } = await import('../electron/main/main');
      await started;
      expect(dialog.errors).toEqual([
        { title: '教育联盟台账', content: '无法启动：另一个台账程序（或浏览器模式服务）正在使用此数据文件夹' },
      ]);
      expect(app.exitCodes).toEqual([1]);
      expect(FakeBrowserWindow.instances).toHaveLength(0);
      expect(fs.existsSync(path.join(userData, 'ledger.lock'))).toBe(true);
    } finally {
      serverLock.release();
    }
  });
});
