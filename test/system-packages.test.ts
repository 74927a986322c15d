// The pretest step's decisions: install as root on Debian, advise elsewhere, and fail only
// without Chromium.
import { describe, expect, it } from 'vitest';
import { installCommand, plan, requirements, type Requirement } from './support/system-packages';

const byPackage = (name: string) => requirements.find((r) => r.debPackage === name)!;

describe('the system packages the tests use', () => {
  it('are the ones the README and architecture name', () => {
    expect(requirements.map((r) => r.debPackage)).toEqual([
      'chromium',
      'postgresql',
      'fonts-wqy-microhei',
      'libreoffice-calc-nogui',
      'poppler-utils',
      'fonts-crosextra-carlito',
    ]);
    expect(requirements.filter((r) => r.essential).map((r) => r.debPackage)).toEqual(['chromium', 'postgresql']);
  });

  it('does nothing when everything is present', () => {
    expect(plan([], { debian: true, root: true })).toEqual({ action: 'none' });
  });

  it('installs what is missing when running as root on Debian', () => {
    const missing: Requirement[] = [byPackage('chromium'), byPackage('poppler-utils')];
    expect(plan(missing, { debian: true, root: true })).toEqual({ action: 'install', packages: ['chromium', 'poppler-utils'] });
    expect(installCommand(['chromium', 'poppler-utils'])).toEqual([
      'apt-get',
      'install',
      '-y',
      '--no-install-recommends',
      'chromium',
      'poppler-utils',
    ]);
  });

  it('only advises elsewhere, failing only when Chromium is missing', () => {
    expect(plan([byPackage('fonts-crosextra-carlito')], { debian: true, root: false })).toEqual({
      action: 'advise',
      packages: ['fonts-crosextra-carlito'],
      fail: false,
    });
    expect(plan([byPackage('chromium')], { debian: false, root: true })).toEqual({
      action: 'advise',
      packages: ['chromium'],
      fail: true,
    });
  });

  it('checks this machine in well under a second', () => {
    const started = performance.now();
    for (const r of requirements) expect(typeof r.present()).toBe('boolean');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
