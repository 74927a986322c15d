// `npm start`: builds what is out of date, then opens the desktop window; when the Electron
// binary cannot be had (offline machines) or does not start (no display), the same UI is
// served in browser mode and its address printed (architecture.md, "Three doors").
// LEDGER_BROWSER=1 goes straight to browser mode; LEDGER_PORT and LEDGER_DATA_DIR apply.
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../http/server';
import { dataDir } from '../main/paths';
import { isStale, obtainElectron, run, startDesktop, withFileLock } from './launch-steps';

const root = path.resolve(__dirname, '..', '..');
const rendererOut = path.join(root, 'dist', 'renderer');
const mainOut = path.join(root, 'dist', 'node', 'electron', 'main', 'main.js');
const buildLock = path.join(root, 'dist', '.build.lock');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  await buildRenderer();
  if (process.env.LEDGER_BROWSER === '1') return browserMode('浏览器模式已启动，请在浏览器中打开：');

  const electron = await obtainElectron(electronDir());
  if (electron.binary === null) {
    say(`（Electron 运行文件不可用：${electron.reason}）`);
    return browserMode('未找到 Electron 运行文件，已改用浏览器模式，请在浏览器中打开：');
  }
  if (!(await buildMain())) return browserMode('桌面程序编译失败，已改用浏览器模式，请在浏览器中打开：');

  say('正在启动桌面窗口……');
  const env = { ...process.env };
  // Set by some shells and tools; it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const desktop = await startDesktop(electron.binary, [root], { cwd: root, env });
  if (desktop.started) return desktop.exited;
  say(`（Electron 无法启动：${desktop.reason}）`);
  return browserMode('Electron 无法启动，已改用浏览器模式，请在浏览器中打开：');
}

function electronDir(): string {
  // package.json only: requiring 'electron' itself would start its download.
  return path.dirname(require.resolve('electron/package.json', { paths: [root] }));
}

async function buildRenderer(): Promise<void> {
  const sources = [
    path.join(root, 'renderer'),
    path.join(root, 'electron', 'api'),
    ...['vite.config.mts', 'vite.config.ts', 'package.json'].map((f) => path.join(root, f)),
  ];
  const index = path.join(rendererOut, 'index.html');
  if (!isStale(index, sources)) return;
  // Another launcher may be building right now: wait for it, then look again.
  await withFileLock(buildLock, async () => {
    if (isStale(index, sources)) await viteBuild();
  });
}

async function viteBuild(): Promise<void> {
  say('正在构建界面（vite build）……');
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [root] })), 'bin', 'vite.js');
  const result = await run(process.execPath, [vite, 'build'], { cwd: root, timeoutMs: 10 * 60_000, echo: true });
  if (result.code !== 0 || !fs.existsSync(path.join(rendererOut, 'index.html'))) {
    throw new Error(`界面构建失败（vite build 退出码 ${result.code ?? result.signal}）`);
  }
}

/** Compiles the main process (CommonJS, dist/node) when any of its sources is newer. */
async function buildMain(): Promise<boolean> {
  const sources = ['electron', 'db', 'tsconfig.node.json', 'tsconfig.base.json'].map((p) => path.join(root, p));
  if (!isStale(mainOut, sources)) return true;
  return withFileLock(buildLock, async () => (isStale(mainOut, sources) ? compileMain() : true));
}

async function compileMain(): Promise<boolean> {
  say('正在编译桌面程序（npm run build:main）……');
  const started = Date.now();
  const npm = process.env.npm_execpath;
  const result = npm
    ? await run(process.execPath, [npm, 'run', 'build:main'], { cwd: root, timeoutMs: 5 * 60_000, echo: true })
    : await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:main'], {
        cwd: root,
        timeoutMs: 5 * 60_000,
        echo: true,
      });
  // tsc still writes its output when it reports type errors; a fresh main.js is usable.
  const fresh = fs.existsSync(mainOut) && fs.statSync(mainOut).mtimeMs >= started - 1000;
  if (result.code !== 0 && fresh) say('（编译时有类型错误，已继续启动）');
  return fresh;
}

async function browserMode(explanation: string): Promise<number> {
  const portText = process.env.LEDGER_PORT;
  const port = portText ? Number(portText) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw new Error(`LEDGER_PORT 应为端口号：${portText}`);
  }
  const server = await startServer({ dataDir: dataDir(), staticDir: rendererOut, ...(port !== undefined ? { port } : {}) });
  say(explanation);
  say(server.url);
  say('按 Ctrl-C 退出。');
  return new Promise<number>((resolve) => {
    let closing = false;
    const stop = () => {
      if (closing) return;
      closing = true;
      server.close().then(
        () => resolve(0),
        (e: unknown) => {
          process.stderr.write(`关闭服务时出错：${e instanceof Error ? e.message : String(e)}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`启动失败：${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
