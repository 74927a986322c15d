// The desktop app on a shared PostgreSQL server: the data folder's connection settings name
// the server and hold the password only as Electron's safeStorage ciphertext (the stand-in's
// here); the app opens the server as the clerk's own login, and saving a new password
// through 设置 encrypts it with the app's safeStorage.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app, dialog, FakeBrowserWindow, ipcMain, safeStorage } from './support/electron-stand-in';
import { connectionFile } from '../electron/main/paths';
import { started } from '../electron/main/main';
import { openDatabase } from '../db/connection';
import { startPostgres, type TestPostgres } from './support/postgres';
import { addLogin } from './support/postgres-logins';

vi.mock('electron', async () => (await import('./support/electron-stand-in.js')).electron);

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-userdata-pg-'));
const savedDataDir = process.env.LEDGER_DATA_DIR;
let pg: TestPostgres;
let port: number;

const call = (method: string, args: unknown = {}) =>
  ipcMain.handlers.get('ledger:call')!(
    { sender: FakeBrowserWindow.instances[0]!.webContents, senderFrame: { url: 'app://ledger/' } },
    'c1',
    method,
    args,
  ) as Promise<{ ok: boolean; value?: any; message?: string }>;

beforeAll(async () => {
  delete process.env.LEDGER_DATA_DIR;
  pg = startPostgres();
  port = Number(new URL(pg.url).port);
  const owner = await openDatabase(pg.url);
  await addLogin(owner, 'li', 'li-secret', 'ledger_reviewer');
  await owner.destroy();
  // What an earlier 保存并切换 left in the data folder.
  const encryptedPassword = safeStorage.encryptString('li-secret').toString('base64');
  fs.writeFileSync(
    connectionFile(userData),
    JSON.stringify({ kind: 'postgres', host: '127.0.0.1', port, database: 'ledger', user: 'li', ssl: 'off', encryptedPassword }),
  );
  app.userData = userData;
  app.appPath = '/opt/教育联盟台账/resources/app.asar';
  app.becomeReady();
  await started;
}, 90_000);
afterAll(async () => {
  app.emit('will-quit', { preventDefault() {} });
  await new Promise((r) => setTimeout(r, 300));
  pg?.stop();
  if (savedDataDir !== undefined) process.env.LEDGER_DATA_DIR = savedDataDir;
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('the desktop app with a saved PostgreSQL connection', () => {
  it('opens the server as the clerk\'s own login, with the password safeStorage decrypted', async () => {
    expect(dialog.messages).toEqual([]);
    const status = await call('system.status');
    expect(status.value.access).toEqual({ engine: 'postgres', login: 'li', role: 'reviewer', canLock: true, canRestore: true, canEditSettings: false });
    expect((await call('connection.get')).value).toMatchObject({ passwordSource: 'stored', passwordStored: true, canStorePassword: true, switchable: true });
    expect(fs.existsSync(path.join(userData, 'ledger.sqlite'))).toBe(false);
  });

  it('encrypts a newly entered password with the app\'s safeStorage and never writes it', async () => {
    const reply = await call('connection.save', { kind: 'postgres', host: '127.0.0.1', port, database: 'ledger', user: 'li', ssl: 'off', password: 'li-secret' });
    expect(reply).toMatchObject({ ok: true, value: { passwordStored: true, passwordSource: 'entered' } });
    expect(safeStorage.encrypted.filter((p) => p === 'li-secret')).toHaveLength(2);
    const file = fs.readFileSync(connectionFile(userData), 'utf8');
    expect(file).not.toContain('li-secret');
    expect(safeStorage.decryptString(Buffer.from(JSON.parse(file).encryptedPassword, 'base64'))).toBe('li-secret');
  });
});
