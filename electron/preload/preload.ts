// The sandboxed preload: exposes exactly the LedgerBridge on window.ledger. A sandboxed
// preload may only require 'electron', so everything else here is a type import. The
// channel names repeat electron/main/ipc.ts, which cannot be imported from here.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Progress, Reply } from '../api/common';
import type { LedgerBridge } from '../api/bridge';

const bridge: LedgerBridge = {
  call: (method: string, args: unknown, callId: string): Promise<Reply<unknown>> =>
    ipcRenderer.invoke('ledger:call', callId, method, args),
  cancel: (callId: string): void => ipcRenderer.send('ledger:cancel', callId),
  onProgress(listener) {
    // The page gets the call id and the progress, never the IPC event (it holds `sender`).
    const forward = (_event: IpcRendererEvent, callId: string, progress: Progress) => listener(callId, progress);
    ipcRenderer.on('ledger:progress', forward);
    return () => {
      ipcRenderer.removeListener('ledger:progress', forward);
    };
  },
};

contextBridge.exposeInMainWorld('ledger', bridge);
