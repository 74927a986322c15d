// The preload exposes exactly one bridge — call, cancel, onProgress — and nothing of
// ipcRenderer itself.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contextBridge, ipcRenderer } from './support/electron-stand-in';
import type { LedgerBridge } from '../electron/api/bridge';
import '../electron/preload/preload';

vi.mock('electron', async () => (await import('./support/electron-stand-in.js')).electron);

let ledger: LedgerBridge;
beforeAll(() => {
  ledger = contextBridge.exposed.get('ledger') as LedgerBridge;
});

describe('the preload bridge', () => {
  it('exposes window.ledger with call, cancel and onProgress only', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['ledger']);
    expect(Object.keys(ledger).sort()).toEqual(['call', 'cancel', 'onProgress']);
  });

  it('sends a call over ledger:call and returns the main process’s reply', async () => {
    ipcRenderer.invokeReply = { ok: true, value: { regions: 3 } };
    await expect(ledger.call('system.stats', {}, 'c-1')).resolves.toEqual({ ok: true, value: { regions: 3 } });
    expect(ipcRenderer.invoked.at(-1)).toEqual({ channel: 'ledger:call', args: ['c-1', 'system.stats', {}] });
  });

  it('cancels by call id', () => {
    ledger.cancel('c-2');
    expect(ipcRenderer.sent.at(-1)).toEqual({ channel: 'ledger:cancel', args: ['c-2'] });
  });

  it('hands the page progress without the IPC event, until it unsubscribes', () => {
    const seen: unknown[][] = [];
    const stop = ledger.onProgress((...args) => seen.push(args));
    const progress = { phase: '导入', done: 5, total: 10 };
    ipcRenderer.emit('ledger:progress', { sender: 'the event must not leak' }, 'c-3', progress);
    expect(seen).toEqual([['c-3', progress]]);
    stop();
    ipcRenderer.emit('ledger:progress', {}, 'c-3', progress);
    expect(seen).toHaveLength(1);
  });

  it('needs nothing but electron at run time, as a sandboxed preload must', () => {
    const source = fs.readFileSync(path.join(__dirname, '../electron/preload/preload.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron']);
    expect(source).not.toMatch(/\brequire\(/);
  });
});
