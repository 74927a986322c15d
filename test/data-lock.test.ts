import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataLock, dataLockBusyMessage, DataLockBusyError } from '../electron/main/data-lock';
import { lockFile } from '../electron/main/paths';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A pid that surely belongs to no running process: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('the data-folder lock', () => {
  it('writes its pid into ledger.lock and removes the file on release', () => {
    const dir = tempDir();
    const lock = acquireDataLock(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    lock.release();
  });

  it('creates a data folder that does not exist yet', () => {
    const dir = path.join(tempDir(), 'nested', '数据');
    const lock = acquireDataLock(dir);
    expect(fs.existsSync(lockFile(dir))).toBe(true);
    lock.release();
  });

  it('refuses a second holder in the same process with the Chinese message', () => {
    const dir = tempDir();
    const lock = acquireDataLock(dir);
    expect(() => acquireDataLock(dir)).toThrow(dataLockBusyMessage);
    lock.release();
    acquireDataLock(dir).release();
  });

  it('refuses a folder held by another live process', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(lockFile(dir), `${child.pid}\n`);
      let error: unknown;
      try {
        acquireDataLock(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataLockBusyError);
      expect((error as Error).message).toBe('另一个台账程序（或浏览器模式服务）正在使用此数据文件夹');
      expect((error as DataLockBusyError).ownerPid).toBe(child.pid);
      expect(fs.readFileSync(lockFile(dir), 'utf8').trim()).toBe(String(child.pid));
    } finally {
      child.kill();
    }
  });

  it('takes over a lock left behind by a process that no longer runs', async () => {
    const dir = tempDir();
    fs.writeFileSync(lockFile(dir), `${await deadPid()}\n`);
    const lock = acquireDataLock(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('takes over an old empty lock file but not one being written this instant', () => {
    const dir = tempDir();
    fs.writeFileSync(lockFile(dir), '');
    expect(() => acquireDataLock(dir)).toThrow(dataLockBusyMessage);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFile(dir), old, old);
    acquireDataLock(dir).release();
  });

  it('does not delete a lock that another process took after ours was released', () => {
    const dir = tempDir();
    const lock = acquireDataLock(dir);
    fs.writeFileSync(lockFile(dir), '999999999\n');
    lock.release();
    expect(fs.readFileSync(lockFile(dir), 'utf8').trim()).toBe('999999999');
  });
});
