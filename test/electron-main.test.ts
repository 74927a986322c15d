// The desktop lifecycle, run against the electron stand-in with a real data folder and a
// real SQLite database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app, FakeBrowserWindow, ipcMain, protocol, session } from './support/electron-stand-in';
import { acquireDataLock, dataLockBusyMessage } from '../electron/main/data-lock';
import { databaseFile, lockFile } from '../electron/main/paths';
import { started } from '../electron/main/main';

vi.mock('electron', async () => (await import('./support/electron-stand-in.js')).electron);

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-userdata-'));
const savedDataDir = process.env.LEDGER_DATA_DIR;

beforeAll(async () => {
  delete process.env.LEDGER_DATA_DIR;
  app.userData = userData;
  app.appPath = '/opt/教育联盟台账/resources/app.asar';
  app.becomeReady();
  await started;
});
afterAll(() => {
  if (savedDataDir !== undefined) process.env.LEDGER_DATA_DIR = savedDataDir;
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('starting the desktop app', () => {
  it('opens one hardened window on app://ledger/ with the built preload', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loaded).toEqual(['app://ledger/']);
    expect(win.options.webPreferences).toMatchObject({
      preload: path.join(app.appPath, 'dist', 'node', 'electron', 'preload', 'preload.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(win.webContents.windowOpenHandler).not.toBeNull();
    expect(session.defaultSession.headersListener).not.toBeNull();
    expect(protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(ipcMain.handlers.has('ledger:call')).toBe(true);
  });

  it('creates the database in the user-data folder and holds the data-folder lock', async () => {
    expect(fs.existsSync(databaseFile(userData))).toBe(true);
    expect(fs.readFileSync(lockFile(userData), 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireDataLock(userData)).toThrow(dataLockBusyMessage);
    const reply = await ipcMain.handlers.get('ledger:call')!(
      { sender: FakeBrowserWindow.instances[0]!.webContents, senderFrame: { url: 'app://ledger/' } },
      'c1',
      'system.status',
      {},
    );
    expect(reply).toMatchObject({ ok: true, value: { empty: true, dataDir: userData } });
  });

  it('brings the first window back when the app is started a second time', () => {
    const win = FakeBrowserWindow.instances[0]!;
    win.minimized = true;
    app.emit('second-instance', {}, [], '/');
    expect(win.calls).toEqual(expect.arrayContaining(['restore', 'show', 'focus']));
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('closes the database and releases the lock before quitting', async () => {
    const quitsBefore = app.quitCalls;
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quitCalls).toBe(quitsBefore + 1));
    expect(fs.existsSync(lockFile(userData))).toBe(false);
    expect(ipcMain.handlers.has('ledger:call')).toBe(false);
    // The second quit goes through: nothing is left to close.
    const again = { defaultPrevented: false, preventDefault: () => (again.defaultPrevented = true) };
    app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
