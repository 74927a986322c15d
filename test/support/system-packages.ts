// `npm test`'s pretest step: the Debian packages the end-to-end and report tests use.
// As root on Debian it installs what is missing (saying so); elsewhere it names what to
// install, and fails only without Chromium, which the end-to-end tests cannot do without.
// Quick when everything is present: file checks first, no apt-get at all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { postgresBin } from './postgres';

export interface Requirement {
  /** The Debian package that provides it. */
  debPackage: string;
  /** What it is, in Chinese and English. */
  label: string;
  /** Tests cannot run at all without it. */
  essential: boolean;
  present(): boolean;
}

export const requirements: Requirement[] = [
  {
    debPackage: 'chromium',
    label: 'Chromium 浏览器（端到端测试 / end-to-end tests）',
    essential: true,
    present: () => isExecutable('/usr/bin/chromium'),
  },
  {
    debPackage: 'postgresql',
    label: 'PostgreSQL 服务器（同一套迁移在 PostgreSQL 上运行的测试 / migrations on a real PostgreSQL）',
    essential: true,
    present: () => postgresBin() !== null,
  },
  {
    debPackage: 'fonts-wqy-microhei',
    label: '中文字体（截图中的汉字 / a CJK font for screenshots）',
    essential: false,
    present: () =>
      fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') || commandOutput('fc-list', [':lang=zh', 'family']) !== '',
  },
  {
    debPackage: 'libreoffice-calc-nogui',
    label: 'LibreOffice Calc（报表转 PDF / reports to PDF）',
    essential: false,
    present: () => onPath('soffice'),
  },
  {
    debPackage: 'poppler-utils',
    label: 'pdftoppm（PDF 转图片 / PDF pages to PNG）',
    essential: false,
    present: () => onPath('pdftoppm'),
  },
  {
    debPackage: 'fonts-crosextra-carlito',
    label: 'Carlito 字体（Calibri 字宽 / Calibri metrics）',
    essential: false,
    present: () =>
      fs.existsSync('/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf') ||
      commandOutput('fc-list', ['Carlito', 'family']) !== '',
  },
];

export type Plan =
  | { action: 'none' }
  | { action: 'install'; packages: string[] }
  | { action: 'advise'; packages: string[]; fail: boolean };

/** What to do about the missing requirements on this kind of machine. */
export function plan(missing: Requirement[], machine: { debian: boolean; root: boolean }): Plan {
  if (missing.length === 0) return { action: 'none' };
  const packages = missing.map((r) => r.debPackage);
  if (machine.debian && machine.root) return { action: 'install', packages };
  return { action: 'advise', packages, fail: missing.some((r) => r.essential) };
}

export function installCommand(packages: string[]): string[] {
  return ['apt-get', 'install', '-y', '--no-install-recommends', ...packages];
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, command)));
}

function commandOutput(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 ? result.stdout.trim() : '';
}

function say(line: string): void {
  process.stdout.write(`[system-packages] ${line}\n`);
}

function aptGet(args: string[]): boolean {
  say(`$ ${args.join(' ')}`);
  const result = spawnSync(args[0]!, args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

export function main(): number {
  const missing = requirements.filter((r) => !r.present());
  const machine = {
    debian: fs.existsSync('/etc/debian_version'),
    root: typeof process.getuid === 'function' && process.getuid() === 0,
  };
  const todo = plan(missing, machine);
  if (todo.action === 'none') return 0;

  for (const r of missing) say(`缺少 / missing: ${r.label} — ${r.debPackage}`);
  if (todo.action === 'advise') {
    say(`请安装 / please install: sudo apt-get install --no-install-recommends ${todo.packages.join(' ')}`);
    if (todo.fail) say('没有 Chromium，端到端测试无法运行 / Chromium is required for the end-to-end tests.');
    else say('缺少的软件包只影响部分测试，继续 / the missing packages affect only some tests; continuing.');
    return todo.fail ? 1 : 0;
  }

  say(`正在用 apt-get 安装缺少的软件包 / installing with apt-get: ${todo.packages.join(' ')}`);
  if (!aptGet(['apt-get', 'update']) || !aptGet(installCommand(todo.packages))) {
    say('apt-get 失败 / apt-get failed.');
  }
  const stillMissing = requirements.filter((r) => !r.present());
  for (const r of stillMissing) say(`仍然缺少 / still missing: ${r.label} — ${r.debPackage}`);
  if (stillMissing.length === 0) say('已全部安装 / all installed.');
  return stillMissing.some((r) => r.essential) ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  process.exitCode = main();
}
