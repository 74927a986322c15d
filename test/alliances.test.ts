import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBaojiLedger } from './support/ledger';

type Ledger = Awaited<ReturnType<typeof makeBaojiLedger>>;
let ledger: Ledger;

// The clerk's today is 2026-11-22 (makeLedger's default).
beforeEach(async () => {
  ledger = await makeBaojiLedger();
  await ledger.call('settings.update', { operatorName: '王科员' });
});
afterEach(() => ledger.close());

async function school(name: string, county: string, stage: 'primary' | 'junior' = 'primary') {
  const s = await ledger.call('schools.create', { name, regionId: ledger.county(county), stage, locality: 'urban' });
  return s.id;
}

const rows = async (table: string) => Number((await ledger.db(table).count({ n: '*' }))[0]!.n);

describe('alliances: creating', () => {
  it('creates an alliance with its lead school, members and quality ratings in one call', async () => {
    const lead = await school('渭滨区清姜路小学', '渭滨区');
    const a = await school('渭滨区神农镇中心小学', '渭滨区');
    const b = await school('金台区东仁堡小学', '金台区');
    const created = await ledger.call('alliances.create', {
      name: '清姜路小学教育集团',
      kind: 'education_group',
      modes: ['close', '托管+'],
      leadSchoolId: lead,
      establishedOn: '2023-09-01',
      qualityRatings: [{ rating: 'city_quality', year: 2024 }],
      members: [{ schoolId: a }, { schoolId: b, joinedOn: '2024-03-01' }],
    });
    expect(created).toMatchObject({
      name: '清姜路小学教育集团',
      kind: 'education_group',
      modes: ['close', '托管+'],
      leadSchoolName: '渭滨区清姜路小学',
      memberCount: 3,
      crossRegion: true,
      qualityRatings: [{ rating: 'city_quality', year: 2024 }],
    });
    expect([...created.regionNames].sort()).toEqual(['渭滨区', '金台区'].sort());

    const members = await ledger.call('alliances.members', { allianceId: created.id });
    expect(members.rows.map((m) => [m.schoolName, m.role, m.regionName, m.joinedOn])).toEqual([
      ['渭滨区清姜路小学', 'lead', '渭滨区', '2023-09-01'],
      ...[
        ['渭滨区神农镇中心小学', 'member', '渭滨区', '2023-09-01'],
        ['金台区东仁堡小学', 'member', '金台区', '2024-03-01'],
      ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    ]);
    expect(members.rows[0]).toMatchObject({ stage: 'primary', locality: 'urban' });
  });

  it('derives cross-region only from current members, and does not count members who left', async () => {
    const lead = await school('渭滨区清姜路小学', '渭滨区');
    const near = await school('渭滨区神农镇中心小学', '渭滨区');
    const far = await school('凤县双石铺小学', '凤县');
    const created = await ledger.call('alliances.create', {
      name: '渭滨区城乡教育联盟',
      kind: 'school_alliance',
      leadSchoolId: lead,
      members: [{ schoolId: near }, { schoolId: far, joinedOn: '2022-09-01', leftOn: '2025-07-31' }],
    });
    expect(created).toMatchObject({ memberCount: 2, crossRegion: false, regionNames: ['渭滨区'] });
    const all = await ledger.call('alliances.members', { allianceId: created.id });
    expect(all.total).toBe(3);
    const current = await ledger.call('alliances.members', { allianceId: created.id, includeLeft: false });
    expect(current.rows.map((m) => m.schoolName)).not.toContain('凤县双石铺小学');
  });

  it('keeps a county alliance of counties, led by its 主任县区', async () => {
    const created = await ledger.call('alliances.create', {
      name: '渭滨—凤县县域教育联盟',
      kind: 'county_alliance',
      leadRegionId: ledger.county('渭滨区'),
      members: [{ regionId: ledger.county('凤县') }],
    });
    expect(created).toMatchObject({ leadRegionName: '渭滨区', leadSchoolId: null, memberCount: 2, crossRegion: true });
    const members = await ledger.call('alliances.members', { allianceId: created.id });
    expect(members.rows.map((m) => [m.regionName, m.role, m.schoolId])).toEqual([
      ['渭滨区', 'lead', null],
      ['凤县', 'member', null],
    ]);
  });

  it('refuses a second alliance of the same name in Chinese and writes nothing', async () => {
    const lead = await school('渭滨区清姜路小学', '渭滨区');
    const other = await school('金台区东仁堡小学', '金台区');
    await ledger.call('alliances.create', { name: '清姜路小学教育集团', kind: 'education_group', leadSchoolId: lead });
    const counts = { alliances: await rows('alliances'), members: await rows('alliance_members'), audit: await rows('audit_log') };
    const again = await ledger.reply('alliances.create', {
      name: ' 清姜路小学教育集团 ',
      kind: 'school_alliance',
      leadSchoolId: other,
      qualityRatings: [{ rating: 'province_quality', year: 2025 }],
    });
    expect(again).toMatchObject({ ok: false, code: 'duplicate', message: '已有同名联盟', fieldErrors: { name: '已有同名联盟' } });
    expect({ alliances: await rows('alliances'), members: await rows('alliance_members'), audit: await rows('audit_log') }).toEqual(counts);
    expect(await rows('alliance_quality_ratings')).toBe(0);
  });

  it('gives field-level Chinese messages for input that does not fit the kind', async () => {
    const s = await school('渭滨区清姜路小学', '渭滨区');
    const countyWithSchool = await ledger.reply('alliances.create', {
      name: '县域联盟',
      kind: 'county_alliance',
      leadSchoolId: s,
    });
    expect(countyWithSchool).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { leadSchoolId: '县区联盟由主任县区牵头，不设牵头学校' },
    });
    const schoolMemberInCounty = await ledger.reply('alliances.create', {
      name: '县域联盟',
      kind: 'county_alliance',
      leadRegionId: ledger.county('渭滨区'),
      members: [{ schoolId: s }],
    });
    expect(schoolMemberInCounty).toMatchObject({
      ok: false,
      message: '县区联盟的成员应是县（市、区），不能是学校',
      fieldErrors: { 'members.0.schoolId': '县区联盟的成员应是县（市、区），不能是学校' },
    });
    const bad = await ledger.reply('alliances.create', {
      name: '',
      kind: 'group',
      status: 'dissolved',
      qualityRatings: [{ rating: 'city_quality', year: 1990 }],
    });
    expect(bad.ok ? null : bad.fieldErrors).toMatchObject({
      name: '请填写联盟名称',
      kind: '请选择联盟类型',
      'qualityRatings.0.year': '年份不正确',
    });
    expect(await rows('alliances')).toBe(0);
    expect(await ledger.db('audit_log').whereIn('entity', ['alliances', 'alliance_members']).count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});

describe('alliances: members', () => {
  it('adds, lets leave and removes members, refusing a school that is already a member', async () => {
    const lead = await school('渭滨区清姜路小学', '渭滨区');
    const m = await school('陈仓区虢镇小学', '陈仓区');
    const { id } = await ledger.call('alliances.create', { name: '清姜路小学教育集团', kind: 'education_group', leadSchoolId: lead });

    const added = await ledger.call('alliances.addMember', { allianceId: id, member: { schoolId: m, joinedOn: '2025-09-01' } });
    expect(added).toMatchObject({ schoolName: '陈仓区虢镇小学', regionName: '陈仓区', role: 'member' });
    expect(await ledger.call('alliances.get', { id })).toMatchObject({ memberCount: 2, crossRegion: true });

    const twice = await ledger.reply('alliances.addMember', { allianceId: id, member: { schoolId: m } });
    expect(twice).toMatchObject({ ok: false, code: 'duplicate', message: '该学校已是本联盟成员' });

    const county = await ledger.reply('alliances.addMember', { allianceId: id, member: { regionId: ledger.county('凤县') } });
    expect(county).toMatchObject({ ok: false, code: 'invalid', message: '教育集团的成员应是学校；县区只能加入县区联盟' });

    const early = await ledger.reply('alliances.updateMember', { id: added.id, rowVersion: added.rowVersion, terms: { joinedOn: '2025-09-01', leftOn: '2025-01-01' } });
    expect(early).toMatchObject({ ok: false, fieldErrors: { 'terms.leftOn': '退出日期不能早于加入日期' } });

    await ledger.call('alliances.updateMember', { id: added.id, rowVersion: added.rowVersion, terms: { joinedOn: '2025-09-01', leftOn: '2026-07-31' } });
    expect(await ledger.call('alliances.get', { id })).toMatchObject({ memberCount: 1, crossRegion: false });
    // A school that left can join again: its roster row comes back.
    const back = await ledger.call('alliances.addMember', { allianceId: id, member: { schoolId: m, joinedOn: '2026-09-01' } });
    expect(back).toMatchObject({ id: added.id, joinedOn: '2026-09-01', leftOn: null });

    await ledger.call('alliances.removeMember', { id: added.id });
    expect((await ledger.call('alliances.members', { allianceId: id })).rows.map((r) => r.schoolName)).toEqual(['渭滨区清姜路小学']);
    expect((await ledger.call('recycleBin.list', { entity: 'alliance_members' })).rows[0]?.label).toBe('清姜路小学教育集团 · 陈仓区虢镇小学');
  });

  it('stops counting a closed (撤并) member school from its closing date', async () => {
    const lead = await school('渭滨区清姜路小学', '渭滨区');
    const closing = await school('凤县双石铺小学', '凤县');
    const { id } = await ledger.call('alliances.create', {
      name: '清姜路小学教育集团',
      kind: 'education_group',
      leadSchoolId: lead,
      members: [{ schoolId: closing }],
    });
    expect(await ledger.call('alliances.get', { id })).toMatchObject({ memberCount: 2, crossRegion: true });
    const s = await ledger.call('schools.get', { id: closing });
    await ledger.call('schools.update', { id: closing, rowVersion: s.rowVersion, draft: { ...s, closedOn: '2026-08-31' } });
    expect(await ledger.call('alliances.get', { id })).toMatchObject({ memberCount: 1, crossRegion: false });
    const roster = await ledger.call('alliances.members', { allianceId: id });
    expect(roster.rows.find((m) => m.schoolId === closing)).toMatchObject({ schoolClosedOn: '2026-08-31', leftOn: null });
  });

  it('moves the lead role when the lead school changes', async () => {
    const first = await school('渭滨区清姜路小学', '渭滨区');
    const second = await school('渭滨区经二路小学', '渭滨区');
    const draft = { name: '清姜路小学教育集团', kind: 'education_group' as const, leadSchoolId: first, establishedOn: '2023-09-01' };
    const { id } = await ledger.call('alliances.create', draft);
    const updated = await ledger.call('alliances.update', { id, rowVersion: (await ledger.call('alliances.get', { id })).rowVersion, draft: { ...draft, leadSchoolId: second } });
    expect(updated).toMatchObject({ leadSchoolName: '渭滨区经二路小学', memberCount: 2 });
    const roles = (await ledger.call('alliances.members', { allianceId: id })).rows.map((m) => [m.schoolName, m.role]);
    expect(roles).toEqual([
      ['渭滨区经二路小学', 'lead'],
      ['渭滨区清姜路小学', 'member'],
    ]);
    // And back through the roster: making a member lead makes it the alliance's lead.
    const old = (await ledger.call('alliances.members', { allianceId: id })).rows.find((m) => m.schoolId === first)!;
    await ledger.call('alliances.updateMember', { id: old.id, rowVersion: old.rowVersion, terms: { role: 'lead', joinedOn: '2023-09-01' } });
    expect(await ledger.call('alliances.get', { id })).toMatchObject({ leadSchoolName: '渭滨区清姜路小学' });
  });

  it('replaces quality ratings on update', async () => {
    const lead = await school('渭滨区清姜路小学', '渭滨区');
    const draft = {
      name: '清姜路小学教育集团',
      kind: 'education_group' as const,
      leadSchoolId: lead,
      qualityRatings: [
        { rating: 'city_quality' as const, year: 2023 },
        { rating: 'province_cultivation' as const, year: 2024 },
      ],
    };
    const { id } = await ledger.call('alliances.create', draft);
    const updated = await ledger.call('alliances.update', {
      id,
      rowVersion: (await ledger.call('alliances.get', { id })).rowVersion,
      draft: { ...draft, qualityRatings: [{ rating: 'city_quality', year: 2023 }, { rating: 'province_quality', year: 2025 }] },
    });
    expect(updated.qualityRatings).toEqual([
      { rating: 'city_quality', year: 2023 },
      { rating: 'province_quality', year: 2025 },
    ]);
  });
});

describe('alliances: deleting and the audit log', () => {
  it('moves a deleted alliance to 回收站 and restores it', async () => {
    const lead = await school('渭滨区清姜路小学', '渭滨区');
    const { id } = await ledger.call('alliances.create', { name: '清姜路小学教育集团', kind: 'education_group', leadSchoolId: lead });
    await ledger.call('alliances.delete', { id });
    expect((await ledger.call('alliances.list', {})).total).toBe(0);
    expect(await ledger.reply('alliances.get', { id })).toMatchObject({ ok: false, code: 'not_found', message: '联盟不存在或已删除' });
    expect((await ledger.call('schools.get', { id: lead })).allianceCount).toBe(0);
    const bin = await ledger.call('recycleBin.list', { entity: 'alliances' });
    expect(bin.rows.map((r) => r.label)).toEqual(['清姜路小学教育集团']);

    await ledger.call('recycleBin.restore', { entity: 'alliances', id });
    expect(await ledger.call('alliances.get', { id })).toMatchObject({ name: '清姜路小学教育集团', memberCount: 1 });
  });

  it('frees a deleted alliance name, and then refuses to restore a second one of that name', async () => {
    const { id } = await ledger.call('alliances.create', { name: '凤县教共体', kind: 'community' });
    await ledger.call('alliances.delete', { id });
    await ledger.call('alliances.create', { name: '凤县教共体', kind: 'community' });
    const r = await ledger.reply('recycleBin.restore', { entity: 'alliances', id });
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('writes an audit row with the operator for create, update and delete', async () => {
    const { id } = await ledger.call('alliances.create', { name: '凤县教共体', kind: 'community' });
    ledger.clock.set('2026-11-23');
    await ledger.call('alliances.update', { id, rowVersion: (await ledger.call('alliances.get', { id })).rowVersion, draft: { name: '凤县城乡教共体', kind: 'community' } });
    ledger.clock.set('2026-11-24');
    await ledger.call('alliances.delete', { id });
    const log = await ledger.call('auditLog.list', { entity: 'alliances', recordId: id });
    expect(log.rows.map((r) => [r.action, r.operator])).toEqual([
      ['delete', '王科员'],
      ['update', '王科员'],
      ['create', '王科员'],
    ]);
    expect(log.rows[1]).toMatchObject({ before: { name: '凤县教共体' }, after: { name: '凤县城乡教共体' } });
  });
});

describe('alliances: restoring members', () => {
  const leads = async (allianceId: string) =>
    (await ledger.call('alliances.members', { allianceId })).rows.filter((m) => m.role === 'lead').map((m) => m.schoolName);

  it('brings a removed lead back as the lead when the alliance has none meanwhile', async () => {
    const lead = await school('渭滨区清姜路小学', '渭滨区');
    const other = await school('凤县双石铺镇中心小学', '凤县');
    const a = await ledger.call('alliances.create', { name: '清姜联盟', kind: 'school_alliance', leadSchoolId: lead, members: [{ schoolId: other }] });
    const leadRow = (await ledger.call('alliances.members', { allianceId: a.id })).rows.find((m) => m.role === 'lead')!;
    await ledger.call('alliances.removeMember', { id: leadRow.id });
    expect((await ledger.call('alliances.get', { id: a.id })).leadSchoolId).toBeNull();
    await ledger.call('recycleBin.restore', { entity: 'alliance_members', id: leadRow.id });
    expect((await ledger.call('alliances.get', { id: a.id })).leadSchoolName).toBe('渭滨区清姜路小学');
    expect(await leads(a.id)).toEqual(['渭滨区清姜路小学']);
  });

  it('brings a removed lead back as a member when another school leads now: never two leads', async () => {
    const lead = await school('渭滨区清姜路小学', '渭滨区');
    const other = await school('凤县双石铺镇中心小学', '凤县');
    const a = await ledger.call('alliances.create', { name: '清姜联盟', kind: 'school_alliance', leadSchoolId: lead, members: [{ schoolId: other }] });
    const members = (await ledger.call('alliances.members', { allianceId: a.id })).rows;
    const leadRow = members.find((m) => m.role === 'lead')!;
    const otherRow = members.find((m) => m.role === 'member')!;
    await ledger.call('alliances.removeMember', { id: leadRow.id });
    await ledger.call('alliances.updateMember', { id: otherRow.id, rowVersion: otherRow.rowVersion, terms: { role: 'lead' } });
    await ledger.call('recycleBin.restore', { entity: 'alliance_members', id: leadRow.id });
    expect(await leads(a.id)).toEqual(['凤县双石铺镇中心小学']);
    expect((await ledger.call('alliances.get', { id: a.id })).leadSchoolName).toBe('凤县双石铺镇中心小学');
  });
});

describe('alliances: the list', () => {
  async function world() {
    const wb1 = await school('渭滨区清姜路小学', '渭滨区');
    const wb2 = await school('渭滨区经二路小学', '渭滨区');
    const jt = await school('金台区东仁堡小学', '金台区');
    const fx = await school('凤县双石铺小学', '凤县');
    const fx2 = await school('凤县凤州中学', '凤县', 'junior');
    await ledger.call('alliances.create', {
      name: '甲·清姜路教育集团',
      kind: 'education_group',
      leadSchoolId: wb1,
      establishedOn: '2021-09-01',
      members: [{ schoolId: jt }, { schoolId: fx }, { schoolId: wb2 }],
    });
    await ledger.call('alliances.create', { name: '乙·经二路联盟', kind: 'school_alliance', leadSchoolId: wb2, establishedOn: '2023-09-01' });
    await ledger.call('alliances.create', {
      name: '丙·凤县城乡联盟',
      kind: 'school_alliance',
      leadSchoolId: fx,
      establishedOn: '2022-09-01',
      members: [{ schoolId: fx2 }],
    });
    await ledger.call('alliances.create', {
      name: '丁·宝鸡县区联盟',
      kind: 'county_alliance',
      leadRegionId: ledger.county('渭滨区'),
      members: [{ regionId: ledger.county('凤县') }, { regionId: ledger.county('金台区') }],
    });
    await ledger.call('alliances.create', {
      name: '戊·已撤销联盟',
      kind: 'school_alliance',
      leadSchoolId: jt,
      status: 'dissolved',
      dissolvedOn: '2025-01-01',
    });
  }
  const names = (p: { rows: { name: string }[] }) => p.rows.map((r) => r.name);

  it('filters by county, kind, status and cross-region', async () => {
    await world();
    expect(names(await ledger.call('alliances.list', { regionId: ledger.county('凤县') })).sort()).toEqual(
      ['甲·清姜路教育集团', '丙·凤县城乡联盟', '丁·宝鸡县区联盟'].sort(),
    );
    expect(names(await ledger.call('alliances.list', { kind: 'school_alliance', status: 'active' })).sort()).toEqual(
      ['乙·经二路联盟', '丙·凤县城乡联盟'].sort(),
    );
    expect(names(await ledger.call('alliances.list', { crossRegion: true })).sort()).toEqual(['甲·清姜路教育集团', '丁·宝鸡县区联盟'].sort());
    expect((await ledger.call('alliances.list', { crossRegion: false })).total).toBe(3);
    expect(names(await ledger.call('alliances.list', { search: '凤县' }))).toEqual(['丙·凤县城乡联盟']);
    const wb2 = (await ledger.call('schools.list', { search: '经二路' })).rows[0]!.id;
    expect(names(await ledger.call('alliances.list', { schoolId: wb2 })).sort()).toEqual(['甲·清姜路教育集团', '乙·经二路联盟'].sort());
  });

  it('pages and sorts, by member count too', async () => {
    await world();
    const byCount = await ledger.call('alliances.list', { sortBy: 'memberCount', sortOrder: 'desc', pageSize: 2 });
    expect(byCount.total).toBe(5);
    expect(byCount.rows.map((r) => [r.name, r.memberCount])).toEqual([
      ['甲·清姜路教育集团', 4],
      ['丁·宝鸡县区联盟', 3],
    ]);
    const page2 = await ledger.call('alliances.list', { sortBy: 'memberCount', sortOrder: 'desc', pageSize: 2, page: 2 });
    expect(page2.rows.map((r) => r.memberCount)).toEqual([2, 1]);
    const byDate = await ledger.call('alliances.list', { sortBy: 'establishedOn', pageSize: 10, status: 'active', kind: 'school_alliance' });
    expect(names(byDate)).toEqual(['丙·凤县城乡联盟', '乙·经二路联盟']);
  });
});

describe('alliances: annual plans', () => {
  it('files one annual plan per school year, and filing again changes its date', async () => {
    const { id } = await ledger.call('alliances.create', { name: '凤县教共体', kind: 'community' });
    await ledger.call('alliances.fileAnnualPlan', { allianceId: id, schoolYear: '2025-2026', filedOn: '2025-10-20' });
    await ledger.call('alliances.fileAnnualPlan', { allianceId: id, schoolYear: '2025-2026', filedOn: '2025-10-28' });
    await ledger.call('alliances.fileAnnualPlan', { allianceId: id, schoolYear: '2026-2027', filedOn: '2026-10-09' });
    const plans = await ledger.call('alliances.annualPlans', { allianceId: id });
    expect(plans.map((p) => [p.schoolYear, p.filedOn])).toEqual([
      ['2026-2027', '2026-10-09'],
      ['2025-2026', '2025-10-28'],
    ]);
    const bad = await ledger.reply('alliances.fileAnnualPlan', { allianceId: id, schoolYear: '2025-2027', filedOn: '2025-10-01' });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { schoolYear: '学年应是相连的两年，例如 2024-2025' } });
  });
});
