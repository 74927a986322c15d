// The steps of `npm start`, each small enough to test on its own: is a build output older
// than its sources, can the Electron binary be had, did Electron start.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The newest modification time under these files and folders (0 when none exist). */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) {
        if (entry !== 'node_modules' && !entry.startsWith('.')) visit(path.join(p, entry));
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/** A build output is stale when it is missing or older than any of its sources. */
export function isStale(output: string, sources: string[]): boolean {
  let built: number;
  try {
    built = fs.statSync(output).mtimeMs;
  } catch {
    return true;
  }
  return newestMtime(sources) > built;
}

/**
 * The Electron executable inside the `electron` package, or null when it has not been
 * downloaded: the package installs without it and fetches it on first use (and that
 * fetch needs the internet).
 */
export function electronBinary(electronDir: string): string | null {
  let relative: string;
  try {
    relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (!relative) return null;
  const binary = path.join(electronDir, 'dist', relative);
  return fs.existsSync(binary) ? binary : null;
}

/**
 * Runs `work` while holding a lock file, so that two launchers started at once (an
 * end-to-end test and a clerk, or two test files) do not build into one folder together.
 * A lock whose process has died is taken over.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number.parseInt(readOr(file, ''), 10);
    if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`等待另一个构建结束超时（${file}）`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    return await work();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
  error?: Error;
}

/** Runs a command to its end with a time limit, collecting its output. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv; echo?: boolean },
): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    let child: ChildProcess;
    try {
      child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, signal: null, output, timedOut, error: error as Error });
      return;
    }
    const collect = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString();
      if (options.echo) to.write(chunk);
    };
    child.stdout?.on('data', (c: Buffer) => collect(c, process.stdout));
    child.stderr?.on('data', (c: Buffer) => collect(c, process.stderr));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, output, timedOut, error });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, timedOut });
    });
  });
}

/**
 * Finds the Electron binary, trying its download once when it is missing. Returns the
 * binary, or null with the reason the download failed (offline machines: "fetch failed").
 */
export async function obtainElectron(
  electronDir: string,
  options: { timeoutMs?: number } = {},
): Promise<{ binary: string } | { binary: null; reason: string }> {
  const present = electronBinary(electronDir);
  if (present) return { binary: present };
  const installer = path.join(electronDir, 'install.js');
  if (!fs.existsSync(installer)) return { binary: null, reason: '未安装 electron 包' };
  const result = await run(process.execPath, [installer], { cwd: electronDir, timeoutMs: options.timeoutMs ?? 60_000 });
  const binary = electronBinary(electronDir);
  if (binary) return { binary };
  return { binary: null, reason: installFailure(result) };
}

function installFailure(result: RunResult): string {
  if (result.timedOut) return '下载 Electron 超时';
  if (result.error) return result.error.message;
  const lines = result.output.split('\n').map((l) => l.trim());
  const cause = lines.find((l) => /fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|Error/.test(l));
  return cause ?? `安装程序退出码 ${result.code}`;
}

export type DesktopStart =
  | { started: true; exited: Promise<number> }
  | { started: false; reason: string };

/**
 * Starts Electron and watches it for a moment: a binary that cannot run here (no display,
 * missing libraries) fails within seconds, and then browser mode takes over. A clean
 * exit counts as started — a second instance hands over to the first and exits 0.
 */
export function startDesktop(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; graceMs?: number },
): Promise<DesktopStart> {
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
      process.stderr.write(chunk);
    });
    const exited = new Promise<number>((done) => {
      child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
    });
    const settle = (value: DesktopStart) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    child.on('error', (error) => settle({ started: false, reason: error.message }));
    void exited.then((code) => {
      if (code === 0) settle({ started: true, exited });
      else settle({ started: false, reason: lastLine(stderr) ?? `退出码 ${code}` });
    });
    const timer = setTimeout(() => settle({ started: true, exited }), options.graceMs ?? 5000);
    forwardSignals(child);
  });
}

function lastLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
}

function forwardSignals(child: ChildProcess): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const forward = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on(signal, forward);
    child.on('close', () => process.removeListener(signal, forward));
  }
}
