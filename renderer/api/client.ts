// The typed API client. Desktop: the preload bridge (IPC). Browser mode: loopback HTTP
// with the token from the page URL. Both speak the same contract and Reply envelope.
import type { Progress, Reply } from '../../electron/api/common';
import type { Args, Method, Output } from '../../electron/api/contract';
import type { LedgerBridge } from '../../electron/api/bridge';

/** A refused or failed call, with the Chinese message and per-field messages for forms. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
    /** On 'edit_conflict' (此记录已被他人修改): the record as it is now. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

interface Transport {
  call(method: string, args: unknown, options: CallOptions): Promise<Reply<unknown>>;
}

function ipcTransport(bridge: LedgerBridge): Transport {
  let seq = 0;
  return {
    async call(method, args, { onProgress, signal }) {
      const callId = `${Date.now()}-${++seq}`;
      const off = onProgress ? bridge.onProgress((id, p) => id === callId && onProgress(p)) : undefined;
      const abort = () => bridge.cancel(callId);
      signal?.addEventListener('abort', abort);
      try {
        return await bridge.call(method, args, callId);
      } finally {
        off?.();
        signal?.removeEventListener('abort', abort);
      }
    },
  };
}

const tokenKey = 'ledger-token';

/** The token arrives once in the URL; keep it for reloads and drop it from the address bar. */
function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    localStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(tokenKey) ?? localStorage.getItem(tokenKey) ?? '';
}

function httpTransport(): Transport {
  const token = browserToken();
  const headers = { 'Content-Type': 'application/json', 'X-Ledger-Token': token };
  return {
    async call(method, args, { onProgress, signal }) {
      const body = JSON.stringify({ method, args });
      if (!onProgress && !signal) {
        const res = await fetch('api/call', { method: 'POST', headers, body });
        return (await res.json()) as Reply<unknown>;
      }
      // Long work streams progress lines, then the reply; aborting the fetch cancels it.
      let res: Response;
      try {
        res = await fetch('api/stream', { method: 'POST', headers, body, signal });
      } catch (e) {
        if (signal?.aborted) return { ok: false, code: 'cancelled', message: '操作已取消' };
        throw e;
      }
      if (!res.body) return (await res.json()) as Reply<unknown>;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = JSON.parse(buffer.slice(0, nl)) as { progress?: Progress; reply?: Reply<unknown> };
            buffer = buffer.slice(nl + 1);
            if (line.progress) onProgress?.(line.progress);
            if (line.reply) return line.reply;
          }
        }
      } catch (e) {
        if (signal?.aborted) return { ok: false, code: 'cancelled', message: '操作已取消' };
        throw e;
      }
      return { ok: false, code: 'internal', message: '连接中断，操作结果未知' };
    },
  };
}

let transport: Transport | null = null;

function current(): Transport {
  transport ??= window.ledger ? ipcTransport(window.ledger) : httpTransport();
  return transport;
}

/** Call one API method; resolves with its value or rejects with an ApiError. */
export async function call<M extends Method>(method: M, args: Args<M>, options: CallOptions = {}): Promise<Output<M>> {
  let reply: Reply<unknown>;
  try {
    reply = await current().call(method, args, options);
  } catch {
    throw new ApiError('network', '无法连接到台账服务，请确认程序仍在运行');
  }
  if (!reply.ok) throw new ApiError(reply.code, reply.message, reply.fieldErrors, reply.current);
  return reply.value as Output<M>;
}
