import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBaojiLedger } from './support/ledger';

type Ledger = Awaited<ReturnType<typeof makeBaojiLedger>>;
let ledger: Ledger;

beforeEach(async () => {
  ledger = await makeBaojiLedger();
  await ledger.call('settings.update', { operatorName: '王科员' });
});
afterEach(() => ledger.close());

const school = (over: Record<string, unknown> = {}) => ({
  name: '宝鸡市渭滨区清姜路小学',
  regionId: ledger.county('渭滨区'),
  stage: 'primary' as const,
  locality: 'urban' as const,
  students: 1200,
  teachers: 80,
  ...over,
});

describe('schools', () => {
  it('creates a school and finds it again by name, county and stage', async () => {
    const created = await ledger.call('schools.create', school({ code: '2161030001' }));
    expect(created.regionName).toBe('渭滨区');
    const found = await ledger.call('schools.list', { search: '清姜', regionId: ledger.county('渭滨区'), stage: 'primary' });
    expect(found.total).toBe(1);
    expect(found.rows[0]).toMatchObject({ name: '宝鸡市渭滨区清姜路小学', code: '2161030001', students: 1200 });
  });

  it('refuses a second school of the same name in one county, and allows it in another', async () => {
    await ledger.call('schools.create', school());
    const again = await ledger.reply('schools.create', school());
    expect(again).toMatchObject({ ok: false, code: 'duplicate', message: '本县区已有同名学校' });
    expect(again.ok ? null : again.fieldErrors).toEqual({ name: '本县区已有同名学校' });
    await ledger.call('schools.create', school({ regionId: ledger.county('凤县') }));
    expect((await ledger.call('schools.list', {})).total).toBe(2);
  });

  it('refuses a school code used by another school', async () => {
    await ledger.call('schools.create', school({ code: '2161030001' }));
    const r = await ledger.reply('schools.create', school({ name: '另一所学校', code: '2161030001' }));
    expect(r).toMatchObject({ ok: false, code: 'duplicate', message: '该学校标识码已被另一所学校使用' });
  });

  it('gives field-level Chinese messages for bad input and writes nothing', async () => {
    const r = await ledger.reply('schools.create', { name: ' ', regionId: 'x', stage: 'college', students: -5, code: '123' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('invalid');
    expect(r.fieldErrors).toMatchObject({
      name: '请填写学校名称',
      regionId: '编号格式不正确',
      stage: '请选择学段',
      students: '学生数不能为负数',
      code: '学校标识码应为 10 位数字',
    });
    expect(await ledger.db('schools').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await ledger.db('audit_log').where({ entity: 'schools' }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('hides a closed school from the list from its closing date but keeps it on request', async () => {
    await ledger.call('schools.create', school({ closedOn: '2025-07-31', formerNames: ['清姜小学'] }));
    ledger.clock.set('2025-07-30');
    expect((await ledger.call('schools.list', {})).total).toBe(1);
    ledger.clock.set('2025-08-01');
    expect((await ledger.call('schools.list', {})).total).toBe(0);
    const all = await ledger.call('schools.list', { includeClosed: true });
    expect(all.rows[0]?.formerNames).toEqual(['清姜小学']);
  });

  it('records who created, changed and deleted a school in the audit log', async () => {
    const s = await ledger.call('schools.create', school());
    await ledger.call('schools.update', { id: s.id, rowVersion: s.rowVersion, draft: school({ students: 1300 }) });
    await ledger.call('schools.delete', { id: s.id });
    const log = await ledger.call('auditLog.list', { entity: 'schools', recordId: s.id });
    expect(log.rows.map((e) => e.action).sort()).toEqual(['create', 'delete', 'update']);
    expect(log.rows.every((e) => e.operator === '王科员')).toBe(true);
    const update = log.rows.find((e) => e.action === 'update')!;
    expect((update.before as { students: number }).students).toBe(1200);
    expect((update.after as { students: number }).students).toBe(1300);
  });

  it('sends a deleted school to the recycle bin and restores it', async () => {
    const s = await ledger.call('schools.create', school());
    await ledger.call('schools.delete', { id: s.id });
    expect((await ledger.call('schools.list', {})).total).toBe(0);
    const bin = await ledger.call('recycleBin.list', {});
    expect(bin.rows).toEqual([expect.objectContaining({ entity: 'schools', id: s.id, label: s.name })]);
    await ledger.call('recycleBin.restore', { entity: 'schools', id: s.id });
    expect((await ledger.call('schools.list', {})).total).toBe(1);
    expect((await ledger.call('recycleBin.list', {})).total).toBe(0);
  });

  it('refuses to restore a school whose name was taken meanwhile', async () => {
    const s = await ledger.call('schools.create', school());
    await ledger.call('schools.delete', { id: s.id });
    await ledger.call('schools.create', school());
    const r = await ledger.reply('recycleBin.restore', { entity: 'schools', id: s.id });
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('refuses a county that does not exist or was deleted, beside the field', async () => {
    const ghost = await ledger.reply('schools.create', school({ regionId: '11111111-1111-4111-8111-111111111111' }));
    expect(ghost).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { regionId: '所选行政区划不存在或已删除' } });
    const zone = await ledger.call('regions.create', { name: '临时县', level: 'county', code: null, parentId: null });
    await ledger.call('regions.delete', { id: zone.id });
    const deleted = await ledger.reply('schools.create', school({ regionId: zone.id }));
    expect(deleted).toMatchObject({ ok: false, fieldErrors: { regionId: '所选行政区划不存在或已删除' } });
    const [city] = (await ledger.call('regions.list', { level: 'city' })).rows;
    expect(await ledger.reply('schools.create', school({ regionId: city!.id }))).toMatchObject({
      ok: false,
      fieldErrors: { regionId: '请选择县（市、区）' },
    });
    expect((await ledger.call('schools.list', {})).total).toBe(0);
  });

  it('keeps the lead school of a live alliance until the alliance has another lead', async () => {
    const lead = await ledger.call('schools.create', school());
    const alliance = await ledger.call('alliances.create', { name: '清姜路小学城乡教育联盟', kind: 'school_alliance', leadSchoolId: lead.id });
    const r = await ledger.reply('schools.delete', { id: lead.id });
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
    expect(r.ok ? '' : r.message).toContain(alliance.name);
    expect((await ledger.call('schools.list', {})).total).toBe(1);
  });

  it('words type errors in Chinese too', async () => {
    const r = await ledger.reply('schools.list', { page: '2', sortOrder: 'up' });
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { page: '页码应为数字', sortOrder: '排序方向应为 asc（升序）或 desc（降序）' },
    });
  });

  it('puts schools without a student count last, whichever way the column is sorted', async () => {
    await ledger.call('schools.create', school({ name: '甲小学', students: 300 }));
    await ledger.call('schools.create', school({ name: '乙小学', students: null }));
    await ledger.call('schools.create', school({ name: '丙小学', students: 100 }));
    for (const sortOrder of ['asc', 'desc'] as const) {
      const rows = (await ledger.call('schools.list', { sortBy: 'students', sortOrder })).rows;
      expect(rows.at(-1)?.name).toBe('乙小学');
    }
  });

  it('pages and sorts in SQL', async () => {
    for (let i = 1; i <= 25; i++) {
      await ledger.call('schools.create', school({ name: `测试小学${String(i).padStart(2, '0')}`, students: i * 10 }));
    }
    const page2 = await ledger.call('schools.list', { page: 2, pageSize: 10, sortBy: 'students', sortOrder: 'desc' });
    expect(page2.total).toBe(25);
    expect(page2.rows.map((s) => s.students)).toEqual([150, 140, 130, 120, 110, 100, 90, 80, 70, 60]);
  });
});
