// The IPC door: the electron stand-in records ipcMain's handlers; the dispatcher, the
// handlers and the SQLite database behind them are real.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, ipcMain, resetElectron } from './support/electron-stand-in';
import type { Reply } from '../electron/api/common';
import { cancelled } from '../electron/api/errors';
import { openDatabase, type Db } from '../db/connection';
import { databaseFile } from '../electron/main/paths';
import { fileLogger } from '../electron/main/runtime';
import { handlers } from '../electron/handlers';
import { registerIpc } from '../electron/main/ipc';

vi.mock('electron', async () => (await import('./support/electron-stand-in.js')).electron);


let dir: string;
let db: Db;
let dispose: () => void;

beforeEach(async () => {
  resetElectron();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-ipc-'));
  db = await openDatabase(databaseFile(dir), { create: true });
});
afterEach(async () => {
  dispose?.();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What Electron hands the handler: the sending page and the frame the message came from. */
function from(url: string, sender = new FakeWebContents()) {
  return { sender, senderFrame: { url } };
}

function call(event: ReturnType<typeof from>, callId: string, method: string, args?: unknown): Promise<Reply<any>> {
  const handler = ipcMain.handlers.get('ledger:call');
  if (!handler) throw new Error('ledger:call is not registered');
  return handler(event, callId, method, args) as Promise<Reply<any>>;
}

function cancel(event: ReturnType<typeof from>, callId: string): void {
  ipcMain.emit('ledger:cancel', event, callId);
}

describe('the ledger:call channel', () => {
  it('answers the app’s own page from the real database', async () => {
    dispose = registerIpc({ db, dataDir: dir, log: fileLogger(null) });
    const reply = await call(from('app://ledger/dashboard'), 'c1', 'system.stats', {});
    expect(reply).toEqual({ ok: true, value: expect.objectContaining({ regions: 0, schools: 0, alliances: 0 }) });
  });

  it('writes through the real handlers and reads the result back', async () => {
    dispose = registerIpc({ db, dataDir: dir, log: fileLogger(null) });
    const page = from('app://ledger/');
    const created = await call(page, 'c1', 'regions.create', { name: '宝鸡市', code: '610300', level: 'city' });
    expect(created).toMatchObject({ ok: true, value: { name: '宝鸡市' } });
    const stats = await call(page, 'c2', 'system.stats', {});
    expect(stats).toMatchObject({ ok: true, value: { regions: 1 } });
  });

  it('refuses a page from any other origin and changes nothing', async () => {
    dispose = registerIpc({ db, dataDir: dir, log: fileLogger(null) });
    for (const url of ['https://example.com/', 'file:///tmp/x.html', 'http://127.0.0.1:5170/', 'app://other/', '']) {
      const reply = await call(from(url), 'c1', 'regions.create', { name: '宝鸡市', level: 'city' });
      expect(reply, url).toEqual({ ok: false, code: 'unauthorized', message: '拒绝来自非本应用页面的请求' });
    }
    const frameGone = await call({ sender: new FakeWebContents(), senderFrame: null } as never, 'c2', 'system.stats');
    expect(frameGone).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(await db('regions').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('validates input at the door with a Chinese message', async () => {
    dispose = registerIpc({ db, dataDir: dir, log: fileLogger(null) });
    const reply = await call(from('app://ledger/'), 'c1', 'regions.create', { name: '', level: 'city' });
    expect(reply).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { name: '请填写名称' } });
    expect(await call(from('app://ledger/'), 'c2', 'no.such.method', {})).toMatchObject({
      ok: false,
      code: 'unknown_method',
      message: '未知的操作：no.such.method',
    });
    expect(await call(from('app://ledger/'), 42 as never, 'system.stats', {})).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('long work over IPC', () => {
  /**
   * The real handler map, with sample.load replaced by work that reports progress until it
   * is cancelled — it tests the transport's progress and abort wiring, not sample data.
   */
  const slowSample: typeof handlers = {
    ...handlers,
    'sample.load': async (_input, ctx) => {
      for (let done = 0; ; done++) {
        if (ctx.signal?.aborted) throw cancelled();
        ctx.progress?.({ phase: '生成示例数据', done, total: 1000 });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };

  it('forwards progress to the page that asked and stops when that page cancels', async () => {
    dispose = registerIpc({ db, dataDir: dir, log: fileLogger(null), handlers: slowSample });
    const page = from('app://ledger/');
    const pending = call(page, 'load-1', 'sample.load', { scale: 'county' });
    await vi.waitFor(() => expect(page.sender.sent.length).toBeGreaterThan(2));
    expect(page.sender.sent[0]).toEqual({
      channel: 'ledger:progress',
      args: ['load-1', { phase: '生成示例数据', done: 0, total: 1000 }],
    });

    // Another page cannot cancel it, even with the same call id; a foreign origin neither.
    cancel(from('app://ledger/'), 'load-1');
    cancel(from('https://example.com/', page.sender), 'load-1');
    const before = page.sender.sent.length;
    await vi.waitFor(() => expect(page.sender.sent.length).toBeGreaterThan(before + 2));

    cancel(page, 'load-1');
    expect(await pending).toEqual({ ok: false, code: 'cancelled', message: '操作已取消' });
  });

  it('reports a cancelled call as cancelled even when the work fails with a plain error', async () => {
    const errors: unknown[] = [];
    dispose = registerIpc({
      db,
      dataDir: dir,
      log: { error: (e: unknown) => errors.push(e), info: () => {} },
      handlers: {
        ...handlers,
        'sample.load': (_input, ctx) =>
          new Promise((_resolve, reject) => ctx.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
      },
    });
    const page = from('app://ledger/');
    const pending = call(page, 'load-2', 'sample.load', {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    cancel(page, 'load-2');
    expect(await pending).toMatchObject({ ok: false, code: 'cancelled' });
  });

  it('removes its handlers when disposed, aborting calls still running', async () => {
    dispose = registerIpc({ db, dataDir: dir, log: fileLogger(null), handlers: slowSample });
    const pending = call(from('app://ledger/'), 'load-3', 'sample.load', {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    dispose();
    expect(await pending).toMatchObject({ ok: false, code: 'cancelled' });
    expect(ipcMain.handlers.has('ledger:call')).toBe(false);
    expect(ipcMain.listeners.get('ledger:cancel') ?? []).toHaveLength(0);
  });
});
