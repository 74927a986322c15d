// The desktop door: Electron's main process. One instance per user (a second start focuses
// the first window), one process per data folder (the data lock, shared with browser
// mode), the database opened once, and the renderer served from app://ledger/.
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { networkShareWarning } from '../../db/connection';
import { startAutoBackups } from './auto-backup';
import { appUrl, registerAppScheme, serveRenderer } from './app-protocol';
import { acquireDataLock, type DataLock } from './data-lock';
import { registerIpc } from './ipc';
import { notifyReminders } from './startup-notice';
import { dataDir, logFile, workingDatabaseFile } from './paths';
import { fileLogger, makeContext, openLedger, systemClock, type OpenLedger } from './runtime';
import { contentSecurityPolicy, hardenWindow, windowOptions, windowTitle } from './window';

/** Where `npm run build` puts things, relative to the app folder (package.json's). */
export function builtFiles(appPath: string) {
  return {
    preload: path.join(appPath, 'dist', 'node', 'electron', 'preload', 'preload.js'),
    renderer: path.join(appPath, 'dist', 'renderer'),
  };
}

interface Desktop {
  window: BrowserWindow | null;
  db: OpenLedger | null;
  lock: DataLock | null;
  disposeIpc: (() => void) | null;
  stopAutoBackups: (() => Promise<void>) | null;
}

const desktop: Desktop = { window: null, db: null, lock: null, disposeIpc: null, stopAutoBackups: null };

/** Resolves when the first window has been created (or the app gave up and quit). */
export const started: Promise<void> = launch();

async function launch(): Promise<void> {
  // Must happen before 'ready'.
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusWindow);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!desktop.db && !desktop.lock) return;
    event.preventDefault();
    void shutDown().finally(() => app.quit());
  });
  try {
    await app.whenReady();
    await open();
  } catch (e) {
    dialog.showErrorBox(windowTitle, `无法启动：${e instanceof Error ? e.message : String(e)}`);
    await shutDown();
    app.exit(1);
  }
}

async function open(): Promise<void> {
  const dir = dataDir(app.getPath('userData'));
  desktop.lock = acquireDataLock(dir);
  const log = fileLogger(logFile(dir));
  const ledger = await openLedger(workingDatabaseFile(dir), { create: true });
  desktop.db = ledger;
  const shareWarning = networkShareWarning(ledger.file);
  if (shareWarning) {
    log.info(shareWarning);
    dialog.showMessageBoxSync({ type: 'warning', title: windowTitle, message: shareWarning });
  }
  desktop.disposeIpc = registerIpc({ db: ledger.db, ledger, dataDir: dir, log });
  desktop.stopAutoBackups = startAutoBackups(() => makeContext(ledger.db, dir, log, systemClock, ledger));
  const files = builtFiles(app.getAppPath());
  // The CSP goes on the app's own responses too: webRequest does not see every scheme.
  serveRenderer(files.renderer, { 'Content-Security-Policy': contentSecurityPolicy });
  createWindow(files.preload);
  log.info(`desktop started, data folder ${dir}`);
  await notifyReminders(makeContext(ledger.db, dir, log), showReminders);
}

function createWindow(preload: string): void {
  const win = new BrowserWindow(windowOptions(preload));
  hardenWindow(win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (desktop.window === win) desktop.window = null;
  });
  desktop.window = win;
  void win.loadURL(appUrl);
}

/** Clicking the start-up notification opens 提醒中心. */
function showReminders(): void {
  focusWindow();
  void desktop.window?.loadURL(`${appUrl}#/reminders`);
}

function focusWindow(): void {
  const win = desktop.window;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function shutDown(): Promise<void> {
  desktop.disposeIpc?.();
  desktop.disposeIpc = null;
  const stopAutoBackups = desktop.stopAutoBackups;
  desktop.stopAutoBackups = null;
  const db = desktop.db;
  desktop.db = null;
  try {
    await stopAutoBackups?.();
    await db?.close();
  } finally {
    desktop.lock?.release();
    desktop.lock = null;
  }
}
