// The IPC door: one channel carries every API call to the one dispatcher, so the contract
// needs no per-method channels. Only the app's own page may call; a call can be cancelled
// by its id, and long work streams progress back to the page that asked.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { Reply } from '../api/common';
import type { Clock, Logger } from '../api/context';
import type { Handlers } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { handlers as allHandlers } from '../handlers';
import type { Ctx, LedgerHost } from '../handlers/context';
import type { Db } from '../../db/connection';
import { isAppUrl } from './app-protocol';
import { makeContext, systemClock } from './runtime';

export const callChannel = 'ledger:call';
export const cancelChannel = 'ledger:cancel';
export const progressChannel = 'ledger:progress';

export const unauthorizedReply: Reply<never> = {
  ok: false,
  code: 'unauthorized',
  message: '拒绝来自非本应用页面的请求',
};

export interface IpcOptions {
  db: Db;
  /** The swappable ledger (恢复); when given, each call reads its current database. */
  ledger?: LedgerHost;
  dataDir: string;
  log: Logger;
  clock?: Clock;
  /** The real handler map; tests of the transport alone may pass a smaller one. */
  handlers?: Handlers<Ctx>;
}

/** Registers the IPC door and returns a function that removes it again. */
export function registerIpc(options: IpcOptions): () => void {
  const handlers = options.handlers ?? allHandlers;
  const clock = options.clock ?? systemClock;
  // Keyed by window and call id, so one page cannot cancel another page's work.
  const running = new Map<string, AbortController>();

  ipcMain.handle(callChannel, async (event: IpcMainInvokeEvent, callId: unknown, method: unknown, args: unknown) => {
    if (!fromAppPage(event)) return unauthorizedReply;
    if (typeof callId !== 'string' || typeof method !== 'string') {
      return { ok: false, code: 'invalid', message: '请求格式不正确' } satisfies Reply<never>;
    }
    const key = `${event.sender.id}:${callId}`;
    const controller = new AbortController();
    running.set(key, controller);
    const ctx: Ctx = {
      ...makeContext(options.ledger?.db ?? options.db, options.dataDir, options.log, clock, options.ledger),
      signal: controller.signal,
      progress: (p) => {
        if (!event.sender.isDestroyed()) event.sender.send(progressChannel, callId, p);
      },
    };
    try {
      const reply = await dispatch(handlers, method, args, ctx);
      // Work that stopped because it was cancelled is not an error worth a log line.
      if (!reply.ok && reply.code === 'internal' && controller.signal.aborted) {
        return { ok: false, code: 'cancelled', message: '操作已取消' } satisfies Reply<never>;
      }
      return reply;
    } finally {
      running.delete(key);
    }
  });

  const onCancel = (event: IpcMainEvent, callId: unknown) => {
    if (!fromAppPage(event) || typeof callId !== 'string') return;
    running.get(`${event.sender.id}:${callId}`)?.abort();
  };
  ipcMain.on(cancelChannel, onCancel);

  return () => {
    ipcMain.removeHandler(callChannel);
    ipcMain.removeListener(cancelChannel, onCancel);
    for (const controller of running.values()) controller.abort();
    running.clear();
  };
}

/** The frame that sent the message, not just the window: an iframe could be foreign. */
function fromAppPage(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  return isAppUrl(event.senderFrame?.url);
}
