// One process per data folder: the desktop window and the browser-mode server both take
// this lock, so two processes never write one SQLite file. The lock file holds the
// owner's pid; a lock left behind by a process that no longer runs is taken over.
// No `electron` import: the loopback server uses it too.
import fs from 'node:fs';
import path from 'node:path';
import { lockFile } from './paths';

export const dataLockBusyMessage = '另一个台账程序（或浏览器模式服务）正在使用此数据文件夹';

export class DataLockBusyError extends Error {
  readonly code = 'data_folder_busy';
  constructor(
    readonly file: string,
    readonly ownerPid: number,
  ) {
    super(dataLockBusyMessage);
    this.name = 'DataLockBusyError';
  }
}

export interface DataLock {
  /** The lock file's path. */
  readonly file: string;
  /** Removes the lock file if this process still owns it; safe to call twice. */
  release(): void;
}

/** Lock files this process holds, so that a second server in one process is refused too. */
const held = new Set<string>();

/** A lock file younger than this with no pid yet is being written by its new owner. */
const writingGraceMs = 2000;

export function acquireDataLock(dir: string): DataLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.resolve(lockFile(dir));
  if (held.has(file)) throw new DataLockBusyError(file, process.pid);
  // Two tries: the second follows removing a stale lock; if another process wins that
  // race, its lock is live and we report it.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' creates the file only if it does not exist: atomic on local file systems.
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return ownedLock(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readOwner(file);
    // Our own pid in a lock we do not hold is left from an earlier run whose pid was reused.
    if (owner !== null && owner !== process.pid && isAlive(owner)) throw new DataLockBusyError(file, owner);
    if (owner === null && isFresh(file)) throw new DataLockBusyError(file, 0);
    removeStale(file, owner);
  }
  throw new DataLockBusyError(file, readOwner(file) ?? 0);
}

function ownedLock(file: string): DataLock {
  held.add(file);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(file);
    process.removeListener('exit', release);
    if (readOwner(file) !== process.pid) return;
    try {
      fs.unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  };
  // A normal exit (including process.exit) must not leave the folder locked.
  process.on('exit', release);
  return { file, release };
}

/** The pid in the lock file; null when the file is missing, empty or garbled. */
function readOwner(file: string): number | null {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(content.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isFresh(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < writingGraceMs;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user — still alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeStale(file: string, expectedOwner: number | null): void {
  // Only remove the file if it still names the dead owner, so a lock just taken by a
  // live process is not deleted from under it.
  if (readOwner(file) !== expectedOwner) return;
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
