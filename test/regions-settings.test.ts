import { afterEach, describe, expect, it } from 'vitest';
import { termLabel, termOf, termRange, termsBetween } from '../electron/api/terms';
import { defaultSettings } from '../electron/api/settings';
import { makeLedger, type TestLedger } from './support/ledger';

let ledger: TestLedger;
afterEach(() => ledger?.close());

describe('first run: the bureau picks its own region', () => {
  it('creates Baoji city with its twelve counties and their GB/T 2260 codes', async () => {
    ledger = await makeLedger();
    expect((await ledger.call('system.status', {})).homeChosen).toBe(false);
    const { home, created } = await ledger.call('regions.setHome', { code: '6103' });
    expect(home).toMatchObject({ name: '宝鸡市', code: '610300', level: 'city', parentName: '陕西省' });
    expect(created).toBe(14);
    const counties = await ledger.call('regions.list', { level: 'county', pageSize: 100 });
    expect(counties.total).toBe(12);
    expect(counties.rows.find((r) => r.name === '凤县')).toMatchObject({ code: '610330', parentName: '宝鸡市' });
    expect((await ledger.call('system.status', {})).homeChosen).toBe(true);
    expect((await ledger.call('settings.get', {})).homeRegionId).toBe(home.id);
  });

  it('does not duplicate regions when chosen twice', async () => {
    ledger = await makeLedger();
    await ledger.call('regions.setHome', { code: '6103' });
    const again = await ledger.call('regions.setHome', { code: '610330' });
    expect(again.created).toBe(0);
    expect(again.home.name).toBe('凤县');
  });

  it('hangs a municipality district directly on the municipality', async () => {
    ledger = await makeLedger();
    const { home } = await ledger.call('regions.setHome', { code: '110108' });
    expect(home).toMatchObject({ name: '海淀区', parentName: '北京市' });
  });

  it('refuses an unknown division code in Chinese', async () => {
    ledger = await makeLedger();
    expect(await ledger.reply('regions.setHome', { code: '9999' })).toMatchObject({ ok: false, message: '未找到该行政区划' });
    expect(await ledger.reply('regions.setHome', { code: 'abc' })).toMatchObject({
      ok: false,
      message: '输入有误：请选择本局所在的行政区划',
    });
  });

  it('keeps a region with schools out of the recycle bin', async () => {
    ledger = await makeLedger();
    await ledger.call('regions.setHome', { code: '6103' });
    const [fengxian] = (await ledger.call('regions.list', { search: '凤县' })).rows;
    await ledger.call('schools.create', { name: '凤县双石铺镇中心小学', regionId: fengxian!.id, stage: 'primary' });
    expect(await ledger.reply('regions.delete', { id: fengxian!.id })).toMatchObject({
      ok: false,
      code: 'conflict',
      message: '该区划下还有 1 所学校，请先移走或删除这些学校',
    });
  });

  it('adds a development zone without a national code', async () => {
    ledger = await makeLedger();
    const { home } = await ledger.call('regions.setHome', { code: '6103' });
    const zone = await ledger.call('regions.create', { name: '高新区', level: 'county', parentId: home.id, code: '' });
    expect(zone).toMatchObject({ name: '高新区', code: null, parentName: '宝鸡市' });
  });
});

describe('settings', () => {
  it('starts from the defaults of domain.md', async () => {
    ledger = await makeLedger();
    expect(await ledger.call('settings.get', {})).toEqual({ ...defaultSettings, rowVersion: expect.any(Number) });
  });

  it('changes only what is sent and writes the change to the audit log', async () => {
    ledger = await makeLedger();
    await ledger.call('settings.update', { reportingUnit: '宝鸡市教育局', operatorName: '李明' });
    ledger.clock.set('2026-11-22T10:05:00');
    await ledger.call('settings.update', { coverageTarget: 90 });
    const s = await ledger.call('settings.get', {});
    expect(s).toMatchObject({ reportingUnit: '宝鸡市教育局', operatorName: '李明', coverageTarget: 90 });
    const log = await ledger.call('auditLog.list', { entity: 'settings' });
    expect(log.rows[0]).toMatchObject({ operator: '李明', after: { coverageTarget: 90 }, before: { coverageTarget: 85 } });
  });

  it('refuses term boundaries that overlap, in Chinese, and keeps the old ones', async () => {
    ledger = await makeLedger();
    const r = await ledger.reply('settings.update', {
      terms: { firstStart: '09-01', firstEnd: '02-15', secondStart: '02-01', secondEnd: '07-31' },
    });
    expect(r).toMatchObject({ ok: false, fieldErrors: { 'terms.secondStart': '第二学期开始应晚于第一学期结束' } });
    expect((await ledger.call('settings.get', {})).terms).toEqual(defaultSettings.terms);
  });

  it('refuses unknown settings', async () => {
    ledger = await makeLedger();
    expect(await ledger.reply('settings.update', { colour: 'red' })).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('terms', () => {
  const b = defaultSettings.terms;
  it('derives the term from a date, with the summer holiday in none', () => {
    expect(termOf('2024-09-01', b)).toBe('2024-2025-1');
    expect(termOf('2025-01-31', b)).toBe('2024-2025-1');
    expect(termOf('2025-02-01', b)).toBe('2024-2025-2');
    expect(termOf('2025-07-31', b)).toBe('2024-2025-2');
    expect(termOf('2025-08-15', b)).toBeNull();
  });
  it('follows changed boundaries', () => {
    const late = { ...b, firstStart: '09-10', secondStart: '02-20' };
    expect(termOf('2024-09-05', late)).toBeNull();
    expect(termOf('2025-02-10', late)).toBeNull();
  });
  it('gives date ranges and Chinese names', () => {
    expect(termRange('2024-2025-1', b)).toEqual({ from: '2024-09-01', to: '2025-01-31' });
    expect(termRange('2023-2024-2', { ...b, secondEnd: '02-29' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(termLabel('2024-2025-2')).toBe('2024-2025学年第二学期');
    expect(termsBetween('2024-03-01', '2025-03-01', b)).toEqual(['2024-2025-2', '2024-2025-1', '2023-2024-2']);
  });
});
