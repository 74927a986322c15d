// The main window and its security: the renderer is sandboxed, sees only the preload's
// `window.ledger`, may not navigate away from the app's own pages or open windows, and
// runs under a strict Content-Security-Policy. No remote content is ever loaded.
import { session, type BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { isAppUrl } from './app-protocol';
import { contentSecurityPolicy } from './content-security-policy';

export const windowTitle = '教育联盟台账';

export { contentSecurityPolicy };

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: windowTitle,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    // Shown on 'ready-to-show' so the clerk never sees an empty white frame.
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Navigation, new windows, <webview> and permission prompts are all refused. */
export function hardenWindow(win: BrowserWindow): void {
  hardenSession();
  const contents = win.webContents;
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Every response carries the CSP, and no page may ask for permissions. Idempotent. */
export function hardenSession(): void {
  const s = session.defaultSession;
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    // A server's own, possibly weaker, policy must not sit beside ours.
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy];
  return out;
}
