// The packaged binary's Electron fuses: electron-builder flips them from
// electron-builder.yml when it packs the app, so the shipped exe cannot be turned into a
// plain Node runtime or a debugger target, and runs only its own integrity-checked asar.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..');
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

describe('the packaged app’s Electron fuses', () => {
  it('cannot be run as Node, inspected, or fed NODE_OPTIONS', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
    });
  });

  it('loads only app.asar and checks its integrity', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('gives file:// pages no extra privileges (the app is served from app://)', () => {
    expect(config.electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('spells every fuse the way electron-builder’s schema knows it', async () => {
    const requireFromBuilder = createRequire(require.resolve('electron-builder/package.json'));
    const { getConfig, validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = requireFromBuilder('builder-util');
    const loaded = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...loaded, electronFuses: { ...loaded.electronFuses, runAsnode: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow();
  });
});
