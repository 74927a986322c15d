// What the desktop preload puts on `window.ledger`: one call, its cancellation, and progress
// events — nothing else (no raw ipcRenderer). Types only, so the renderer can import it.
// In browser mode `window.ledger` is absent and the renderer talks HTTP instead.
import type { Progress, Reply } from './common';

export interface LedgerBridge {
  /** Runs one API method through the dispatcher; callId names it for cancel and progress. */
  call(method: string, args: unknown, callId: string): Promise<Reply<unknown>>;
  /** Asks the main process to stop the call with this id; it then replies 'cancelled'. */
  cancel(callId: string): void;
  /** Progress of long work, for every call; returns a function that unsubscribes. */
  onProgress(listener: (callId: string, progress: Progress) => void): () => void;
}

declare global {
  interface Window {
    ledger?: LedgerBridge;
  }
}
