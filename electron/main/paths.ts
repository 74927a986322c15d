// Paths in one place: the data folder is the desktop app's user-data folder, and
// LEDGER_DATA_DIR overrides it (tests, portable installs). Nothing else builds a path to
// the database. No `electron` import here: browser mode and the CLI use it too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Electron names the user-data folder after package.json's productName. */
export const productName = '教育联盟台账';

export function dataDir(electronUserData?: string): string {
  const override = process.env.LEDGER_DATA_DIR;
  if (override) return path.resolve(override);
  if (electronUserData) return electronUserData;
  return path.join(appDataRoot(), productName);
}

function appDataRoot(): string {
  if (process.platform === 'win32') return process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}

export function databaseFile(dir: string): string {
  return path.join(dir, 'ledger.sqlite');
}

/** 设置 → 数据库连接: local file or PostgreSQL server (electron/main/connection-settings.ts). */
export function connectionFile(dir: string): string {
  return path.join(dir, 'connection.json');
}

/** 督导包 opened on a laptop live here; open.json names the one that is the working database. */
export function packagesDir(dir: string): string {
  return path.join(dir, 'packages');
}

export function openPackageStateFile(dir: string): string {
  return path.join(packagesDir(dir), 'open.json');
}

/** The database a door opens at start: the open 督导包 when there is one, else the ledger. */
export function workingDatabaseFile(dir: string): string {
  try {
    const state = JSON.parse(fs.readFileSync(openPackageStateFile(dir), 'utf8')) as { file?: unknown };
    if (typeof state.file === 'string' && fs.existsSync(path.join(packagesDir(dir), path.basename(state.file)))) {
      return path.join(packagesDir(dir), path.basename(state.file));
    }
  } catch {
    // No package open (or an unreadable note): the ledger.
  }
  return databaseFile(dir);
}

export function lockFile(dir: string): string {
  return path.join(dir, 'ledger.lock');
}

export function logFile(dir: string): string {
  return path.join(dir, 'ledger.log');
}
