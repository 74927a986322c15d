// `npm start`: its steps on their own, and the whole launcher in browser mode against a
// temporary data folder.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary, isStale, obtainElectron, startDesktop, withFileLock } from '../electron/launcher/launch-steps';
import { lockFile } from '../electron/main/paths';

const root = path.resolve(__dirname, '..');
const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-launch-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function touch(file: string, secondsAgo: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, '');
  const t = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(file, t, t);
}

/** A stand-in `electron` package folder whose install.js does what the test says. */
function electronPackage(installScript: string): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'install.js'), installScript);
  return dir;
}

describe('rebuilding only what is out of date', () => {
  it('rebuilds when the output is missing or older than any source', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist', 'index.html');
    const src = path.join(dir, 'src');
    touch(path.join(src, 'features', 'a.tsx'), 100);
    expect(isStale(out, [src])).toBe(true);
    touch(out, 50);
    expect(isStale(out, [src])).toBe(false);
    touch(path.join(src, 'features', 'b.tsx'), 10);
    expect(isStale(out, [src, path.join(dir, 'no-such-file')])).toBe(true);
  });
});

describe('two launchers building at once', () => {
  it('take turns, so one build never empties the folder under the other', async () => {
    const lock = path.join(tempDir(), 'dist', '.build.lock');
    const events: string[] = [];
    const build = (name: string) =>
      withFileLock(lock, async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        events.push(`${name} end`);
      });
    await Promise.all([build('a'), build('b')]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('take over a lock left by a launcher that was killed', async () => {
    const lock = path.join(tempDir(), '.build.lock');
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    fs.writeFileSync(lock, `${dead.pid}\n`);
    await expect(withFileLock(lock, async () => 'built', { timeoutMs: 2000 })).resolves.toBe('built');
  });
});

describe('getting the Electron binary', () => {
  it('finds the binary that path.txt names', () => {
    const dir = tempDir();
    expect(electronBinary(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir)).toBeNull();
    touch(path.join(dir, 'dist', 'electron'), 0);
    expect(electronBinary(dir)).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('tries the download once and reports why it failed (offline: fetch failed)', async () => {
    const dir = electronPackage("console.error('RequestError: fetch failed'); process.exit(1);");
    await expect(obtainElectron(dir)).resolves.toEqual({ binary: null, reason: 'RequestError: fetch failed' });
  });

  it('gives up on a download that hangs', async () => {
    const dir = electronPackage('setTimeout(() => {}, 60000);');
    await expect(obtainElectron(dir, { timeoutMs: 300 })).resolves.toEqual({ binary: null, reason: '下载 Electron 超时' });
  });

  it('uses the binary once the download succeeds', async () => {
    const dir = electronPackage(
      "const fs = require('fs'); fs.mkdirSync(__dirname + '/dist'); fs.writeFileSync(__dirname + '/dist/electron', ''); fs.writeFileSync(__dirname + '/path.txt', 'electron');",
    );
    await expect(obtainElectron(dir)).resolves.toEqual({ binary: path.join(dir, 'dist', 'electron') });
  });
});

describe('starting Electron', () => {
  it('counts a binary that fails at once as not started, with its last words', async () => {
    const result = await startDesktop(process.execPath, ['-e', "console.error('Missing X server or $DISPLAY'); process.exit(1)"], {
      cwd: root,
    });
    expect(result).toEqual({ started: false, reason: 'Missing X server or $DISPLAY' });
  });

  it('counts a process still running after the grace period as started', async () => {
    const result = await startDesktop(process.execPath, ['-e', 'setTimeout(() => process.exit(3), 600)'], {
      cwd: root,
      graceMs: 200,
    });
    expect(result.started).toBe(true);
    if (result.started) await expect(result.exited).resolves.toBe(3);
  });

  it('counts a clean quick exit (a second instance handing over) as started', async () => {
    const result = await startDesktop(process.execPath, ['-e', ''], { cwd: root });
    expect(result.started).toBe(true);
  });
});

/** Runs `npm start`'s script directly (node with tsx), so that signals reach it. */
function launch(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; lines: () => string[]; url: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'launcher', 'start.ts')], {
    cwd: root,
    env: { ...process.env, LEDGER_PORT: '0', ...env },
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const url = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m.exec(out);
      if (match) resolve(match[0]);
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`launcher exited (${code}) before printing its address:\n${out}\n${err}`)));
  });
  return { child, lines: () => out.split('\n'), url };
}

async function callApi(url: string, method: string): Promise<unknown> {
  const u = new URL(url);
  const response = await fetch(new URL('/api/call', u), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledger-token': u.searchParams.get('token')! },
    body: JSON.stringify({ method, args: {} }),
  });
  return response.json();
}

describe('npm start in browser mode', () => {
  it('serves the UI and the API from the data folder, and lets go of it on SIGTERM', async () => {
    const data = tempDir();
    const { child, lines, url } = launch({ LEDGER_BROWSER: '1', LEDGER_DATA_DIR: data });
    const address = await url;
    expect(lines()).toContain('浏览器模式已启动，请在浏览器中打开：');

    const page = await fetch(address);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await callApi(address, 'system.status')).toMatchObject({ ok: true, value: { empty: true, dataDir: data } });
    expect(fs.readFileSync(lockFile(data), 'utf8').trim()).toBe(String(child.pid));

    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(fs.existsSync(lockFile(data))).toBe(false);
  });

  it.skipIf(electronBinary(path.join(root, 'node_modules', 'electron')) !== null)(
    'falls back to browser mode when the Electron binary cannot be downloaded',
    async () => {
      const data = tempDir();
      // An unreachable mirror and an empty download cache make the download fail at once,
      // online or not, and leave node_modules/electron as it was.
      const { child, lines, url } = launch({
        LEDGER_DATA_DIR: data,
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        // npm passes an .npmrc electron_mirror (common with npmmirror) this way; it wins.
        npm_config_electron_mirror: 'http://127.0.0.1:9/',
        electron_config_cache: tempDir(),
      });
      const address = await url;
      expect(lines()).toContain('未找到 Electron 运行文件，已改用浏览器模式，请在浏览器中打开：');
      expect(await callApi(address, 'system.stats')).toMatchObject({ ok: true, value: { schools: 0 } });
      child.kill('SIGINT');
      await new Promise((resolve) => child.on('exit', resolve));
      expect(fs.existsSync(lockFile(data))).toBe(false);
    },
  );
});
