// The desktop window's security, checked through the electron stand-in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow } from 'electron';
import { FakeBrowserWindow, fakeEvent, protocol, resetElectron, session } from './support/electron-stand-in';
import { contentSecurityPolicy, hardenSession, hardenWindow, windowOptions } from '../electron/main/window';
import { appUrl, isAppUrl, registerAppScheme, rendererFile, serveRenderer } from '../electron/main/app-protocol';

vi.mock('electron', async () => (await import('./support/electron-stand-in.js')).electron);


beforeEach(resetElectron);

function openWindow() {
  const win = new BrowserWindow(windowOptions('/app/preload.js'));
  hardenWindow(win);
  return win as unknown as FakeBrowserWindow;
}

describe('the main window', () => {
  it('runs the page sandboxed, isolated and without Node', () => {
    const options = windowOptions('/app/dist/node/electron/preload/preload.js');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/node/electron/preload/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options).toMatchObject({ title: '教育联盟台账', width: 1280, height: 800, minWidth: 1024 });
  });

  it('stays on the app’s own pages: navigation elsewhere is prevented', () => {
    const win = openWindow();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'http://127.0.0.1:5170/', 'app://evil/']) {
      const event = fakeEvent({ url });
      win.webContents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
    const inside = fakeEvent({ url: 'app://ledger/reminders?today=2025-03-01' });
    win.webContents.emit('will-navigate', inside, inside.url);
    expect(inside.defaultPrevented).toBe(false);

    const redirect = fakeEvent({ url: 'https://example.com/' });
    win.webContents.emit('will-redirect', redirect, redirect.url);
    expect(redirect.defaultPrevented).toBe(true);
  });

  it('opens no new windows and attaches no webviews', () => {
    const win = openWindow();
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler?.({ url: 'app://ledger/' })).toEqual({ action: 'deny' });
    const attach = fakeEvent({});
    win.webContents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
  });

  it('puts the strict Content-Security-Policy on every response, replacing a weaker one', () => {
    openWindow();
    const listener = session.defaultSession.headersListener!;
    let headers: Record<string, string[]> | undefined;
    listener(
      { url: 'app://ledger/', responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy] });
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "connect-src 'self'",
    ]) {
      expect(contentSecurityPolicy).toContain(directive);
    }
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('refuses every permission request (camera, notifications, geolocation …)', () => {
    hardenSession();
    let granted: boolean | undefined;
    session.defaultSession.permissionRequestHandler!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(session.defaultSession.permissionCheckHandler!({}, 'notifications')).toBe(false);
  });
});

describe('the app:// scheme', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-renderer-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>教育联盟台账</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'main.js'), 'console.log(1)');
    fs.writeFileSync(path.join(os.tmpdir(), 'ledger-secret.txt'), 'secret');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is registered as a standard, secure scheme that supports fetch', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(appUrl).toBe('app://ledger/');
  });

  it('serves the built renderer with its content type and the CSP', async () => {
    serveRenderer(dir, { 'Content-Security-Policy': contentSecurityPolicy });
    const handler = protocol.handlers.get('app')!;
    const page = await handler(new Request('app://ledger/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await page.text()).toContain('教育联盟台账');
    const script = await handler(new Request('app://ledger/assets/main.js'));
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('falls back to index.html for the router’s screens, but not for missing assets', async () => {
    serveRenderer(dir);
    const handler = protocol.handlers.get('app')!;
    const screen = await handler(new Request('app://ledger/alliances/3?tab=members'));
    expect(await screen.text()).toContain('<title>');
    expect((await handler(new Request('app://ledger/assets/missing.js'))).status).toBe(404);
  });

  it('refuses paths that escape the renderer folder, and foreign hosts', () => {
    const secret = path.join(os.tmpdir(), 'ledger-secret.txt');
    const up = `${path.relative(dir, os.tmpdir())}/`.replace(/\//g, '%2F');
    // Encoded separators survive URL parsing and are decoded afterwards: refused.
    expect(rendererFile(dir, `app://ledger/${up}ledger-secret.txt`).kind).toBe('refused');
    expect(rendererFile(dir, 'app://ledger/..%2F..%2Fetc%2Fpasswd').kind).toBe('refused');
    expect(rendererFile(dir, 'app://ledger/assets%5c..%5c..%5cledger-secret.txt').kind).toBe('refused');
    expect(rendererFile(dir, 'app://ledger/%00').kind).toBe('refused');
    expect(rendererFile(dir, 'app://other/index.html').kind).toBe('refused');
    // Plain dot segments are resolved by the URL parser inside the app's root.
    for (const url of ['app://ledger/../ledger-secret.txt', 'app://ledger/%2e%2e/%2e%2e/ledger-secret.txt']) {
      expect(rendererFile(dir, url), url).not.toEqual({ kind: 'file', file: secret });
    }
    expect(rendererFile(dir, 'app://ledger/assets/main.js')).toEqual({ kind: 'file', file: path.join(dir, 'assets', 'main.js') });
  });

  it('knows its own origin and nothing else', () => {
    expect(isAppUrl('app://ledger/')).toBe(true);
    expect(isAppUrl('app://ledger/schools?page=2')).toBe(true);
    expect(isAppUrl('app://ledger.evil/')).toBe(false);
    expect(isAppUrl('app://user@ledger/')).toBe(false);
    expect(isAppUrl('http://ledger/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
