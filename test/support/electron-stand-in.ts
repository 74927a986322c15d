// The one sanctioned fake (architecture.md): a stand-in for the `electron` module that
// records what the main process asks of it — window options, IPC handlers, protocol and
// session calls — so that tests can drive them. Everything behind the handlers is real.
// Use: vi.mock('electron', async () => (await import('./support/electron-stand-in')).electron)
type Listener = (...args: any[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, fn: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(name, wrapped);
      return fn(...args);
    };
    return this.on(name, wrapped);
  }
  removeListener(name: string, fn: Listener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((l) => l !== fn),
    );
    return this;
  }
  emit(name: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(name) ?? [];
    for (const fn of list) fn(...args);
    return list.length > 0;
  }
}

/** An Electron-style event whose preventDefault is observable. */
export function fakeEvent<T extends object>(fields: T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

let nextContentsId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  get session() {
    return session.defaultSession;
  }
}

export class FakeBrowserWindow extends Emitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  readonly calls: string[] = [];
  minimized = false;
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.calls.push('restore');
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
}

export const ipcMain = Object.assign(new Emitter(), {
  handlers: new Map<string, Listener>(),
  handle(channel: string, fn: Listener) {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, fn);
  },
  removeHandler(channel: string) {
    ipcMain.handlers.delete(channel);
  },
});

export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]) {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, fn: (request: Request) => Response | Promise<Response>) {
    protocol.handlers.set(scheme, fn);
  },
  unhandle(scheme: string) {
    protocol.handlers.delete(scheme);
  },
};

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

export const session = {
  defaultSession: {
    headersListener: null as HeadersListener | null,
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    webRequest: {
      onHeadersReceived(listener: HeadersListener) {
        session.defaultSession.headersListener = listener;
      },
    },
    setPermissionRequestHandler(fn: Listener) {
      session.defaultSession.permissionRequestHandler = fn;
    },
    setPermissionCheckHandler(fn: Listener) {
      session.defaultSession.permissionCheckHandler = fn;
    },
  },
};

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export const app = Object.assign(new Emitter(), {
  /** whenReady() waits until the test calls becomeReady(), as Electron waits for its own start. */
  ready: deferred(),
  becomeReady() {
    app.ready.resolve();
  },
  userData: '',
  appPath: '',
  singleInstance: true,
  quitCalls: 0,
  exitCodes: [] as number[],
  requestSingleInstanceLock() {
    return app.singleInstance;
  },
  whenReady() {
    return app.ready.promise;
  },
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`stand-in has no path '${name}'`);
    return app.userData;
  },
  getAppPath() {
    return app.appPath;
  },
  quit() {
    app.quitCalls++;
  },
  exit(code: number) {
    app.exitCodes.push(code);
  },
  isPackaged: false,
});

export const dialog = {
  errors: [] as { title: string; content: string }[],
  messages: [] as { type?: string; title?: string; message: string }[],
  showErrorBox(title: string, content: string) {
    dialog.errors.push({ title, content });
  },
  showMessageBoxSync(options: { type?: string; title?: string; message: string }) {
    dialog.messages.push(options);
    return 0;
  },
};

/**
 * Electron's safeStorage: a reversible scrambling (not encryption) that keeps the plain
 * text out of the bytes, so a test can check that a file never holds the password.
 * `available` = false plays a system without a keyring.
 */
export const safeStorage = {
  available: true,
  encrypted: [] as string[],
  isEncryptionAvailable() {
    return safeStorage.available;
  },
  encryptString(plainText: string): Buffer {
    if (!safeStorage.available) throw new Error('Encryption is not available.');
    safeStorage.encrypted.push(plainText);
    const bytes = Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a);
    return Buffer.concat([Buffer.from('v10'), bytes]);
  },
  decryptString(encrypted: Buffer): string {
    if (!safeStorage.available) throw new Error('Decryption is not available.');
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string) {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

/** System notifications: records each one shown. */
export class FakeNotification extends Emitter {
  static shown: { title: string; body: string }[] = [];
  static isSupported() {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    FakeNotification.shown.push(this.options);
  }
}

/** Preload side. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed.set(key, api);
  },
};

export const ipcRenderer = Object.assign(new Emitter(), {
  invoked: [] as { channel: string; args: unknown[] }[],
  sent: [] as { channel: string; args: unknown[] }[],
  invokeReply: undefined as unknown,
  invoke(channel: string, ...args: unknown[]) {
    ipcRenderer.invoked.push({ channel, args });
    return Promise.resolve(ipcRenderer.invokeReply);
  },
  send(channel: string, ...args: unknown[]) {
    ipcRenderer.sent.push({ channel, args });
  },
});

/** Forgets everything recorded, between tests. */
export function resetElectron(): void {
  FakeBrowserWindow.instances.length = 0;
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession.headersListener = null;
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  app.listeners.clear();
  app.ready = deferred();
  app.singleInstance = true;
  app.quitCalls = 0;
  app.exitCodes.length = 0;
  dialog.errors.length = 0;
  dialog.messages.length = 0;
  safeStorage.available = true;
  safeStorage.encrypted.length = 0;
  shell.opened.length = 0;
  FakeNotification.shown.length = 0;
  contextBridge.exposed.clear();
  ipcRenderer.listeners.clear();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.sent.length = 0;
}

export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  protocol,
  session,
  dialog,
  safeStorage,
  shell,
  Notification: FakeNotification,
  /** Reachable through the mocked module too, for tests that reload modules. */
  resetElectron,
};
