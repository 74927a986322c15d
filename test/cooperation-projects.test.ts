import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args } from '../electron/api/contract';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

let w: AllianceWorld;
beforeEach(async () => {
  w = await makeAllianceWorld({ today: '2025-03-10' });
});
afterEach(() => w.close());

type Draft = Args<'cooperationProjects.create'>;
const project = (over: Partial<Draft> = {}): Draft => ({
  allianceId: w.alliances.weibin,
  year: 2024,
  name: '城乡学校同步课堂建设',
  lead: '清姜路小学 刘校长',
  status: 'ongoing',
  outcome: null,
  ...over,
});

describe('cooperation projects', () => {
  it('records, edits and audits a project of an alliance', async () => {
    const p = await w.call('cooperationProjects.create', project());
    expect(p).toMatchObject({ allianceName: '渭滨区城乡教育联盟', year: 2024, status: 'ongoing', outcome: null });
    const done = await w.call('cooperationProjects.update', {
      id: p.id,
      rowVersion: p.rowVersion,
      draft: project({ status: 'finished', outcome: '建成同步课堂教室 3 间，开课 48 节' }),
    });
    expect(done).toMatchObject({ status: 'finished', outcome: '建成同步课堂教室 3 间，开课 48 节' });
    expect(await w.call('cooperationProjects.get', { id: p.id })).toEqual(done);
    const trail = await w.audits('cooperation_projects');
    expect(trail.map((a) => a.action).sort()).toEqual(['create', 'update']);
    expect(trail.every((a) => a.operator === '王科员')).toBe(true);
  });

  it('refuses a project without year or name, with an unknown status, or for a deleted alliance, writing nothing', async () => {
    const bad = await w.reply('cooperationProjects.create', { ...project({ name: '  ', status: 'paused' as never }), year: undefined });
    expect(bad.ok ? null : bad.fieldErrors).toMatchObject({ year: '请填写年度', name: '请填写项目名称', status: '请选择项目状态' });
    const far = await w.reply('cooperationProjects.create', project({ year: 1990 }));
    expect(far.ok ? null : far.fieldErrors).toEqual({ year: '年度应在 2000—2100 之间' });

    await w.call('alliances.delete', { id: w.alliances.fengxian });
    const gone = await w.reply('cooperationProjects.create', project({ allianceId: w.alliances.fengxian }));
    expect(gone).toMatchObject({ ok: false, message: '所选联盟不存在或已删除' });
    expect(await w.rows('cooperation_projects', true)).toBe(0);
    expect(await w.audits('cooperation_projects')).toHaveLength(0);
  });

  it('filters by year, status, alliance, county and text, and pages', async () => {
    await w.call('cooperationProjects.create', project());
    await w.call('cooperationProjects.create', project({ year: 2025, name: '乡村学校少年宫共建', status: 'planned' }));
    await w.call('cooperationProjects.create', project({ year: 2025, allianceId: w.alliances.fengxian, name: '山区学校音乐送教', lead: '凤州小学' }));
    await w.call('cooperationProjects.create', project({ year: 2025, allianceId: w.alliances.counties, name: '县域教研联合体', lead: '凤县教研室' }));
    const names = async (q: Args<'cooperationProjects.list'>) => (await w.call('cooperationProjects.list', q)).rows.map((p) => p.name);

    expect(await names({ year: 2024 })).toEqual(['城乡学校同步课堂建设']);
    expect(await names({ year: 2025, status: 'planned' })).toEqual(['乡村学校少年宫共建']);
    expect(await names({ allianceId: w.alliances.fengxian })).toEqual(['山区学校音乐送教']);
    expect(await names({ search: '教研室' })).toEqual(['县域教研联合体']);
    // 太白县 is a member county of the county alliance; 陈仓区 has 虢镇小学 in two alliances.
    expect(await names({ regionId: w.county('太白县') })).toEqual(['县域教研联合体']);
    expect((await names({ regionId: w.county('陈仓区') })).sort()).toEqual(['乡村学校少年宫共建', '城乡学校同步课堂建设', '山区学校音乐送教'].sort());

    const page = await w.call('cooperationProjects.list', { pageSize: 3, page: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((p) => p.year)).toEqual([2024]);
  });

  it('counts the active alliances that have no cooperation project in the year', async () => {
    // Three active alliances; one more is dissolved and one was founded only in 2026.
    await w.call('alliances.create', { name: '已撤销联盟', kind: 'school_alliance', status: 'dissolved', dissolvedOn: '2024-06-30' });
    await w.call('alliances.create', { name: '新成立联盟', kind: 'school_alliance', establishedOn: '2026-03-01' });
    expect(await w.call('cooperationProjects.missing', { year: 2025 })).toEqual({
      year: 2025,
      count: 3,
      total: 3,
      examples: [
        { id: w.alliances.counties, name: '凤县—太白县区联盟' },
        { id: w.alliances.fengxian, name: '凤县山区学校联盟' },
        { id: w.alliances.weibin, name: '渭滨区城乡教育联盟' },
      ],
    });

    await w.call('cooperationProjects.create', project({ year: 2025 }));
    const second = await w.call('cooperationProjects.create', project({ year: 2025, name: '第二个项目' }));
    const gone = await w.call('cooperationProjects.create', project({ year: 2025, allianceId: w.alliances.fengxian }));
    await w.call('cooperationProjects.delete', { id: gone.id });
    const gap = await w.call('cooperationProjects.missing', { year: 2025 });
    expect([gap.count, gap.total]).toEqual([2, 3]);
    expect(gap.examples.map((a) => a.name)).toEqual(['凤县—太白县区联盟', '凤县山区学校联盟']);
    expect(second.year).toBe(2025);

    // In 2026 the new alliance counts too; in one county only the alliances with members there.
    expect((await w.call('cooperationProjects.missing', { year: 2026 })).total).toBe(4);
    expect(await w.call('cooperationProjects.missing', { year: 2025, regionId: w.county('凤县') })).toMatchObject({ count: 2, total: 2 });
    expect(await w.call('cooperationProjects.missing', { year: 2025, regionId: w.county('渭滨区') })).toMatchObject({ count: 0, total: 1 });
  });

  it('deletes to the recycle bin and restores from it', async () => {
    const p = await w.call('cooperationProjects.create', project());
    await w.call('cooperationProjects.delete', { id: p.id });
    expect((await w.call('cooperationProjects.list', {})).total).toBe(0);
    expect((await w.call('recycleBin.list', { entity: 'cooperation_projects' })).rows).toMatchObject([
      { id: p.id, label: '2024 城乡学校同步课堂建设' },
    ]);
    await w.call('recycleBin.restore', { entity: 'cooperation_projects', id: p.id });
    expect((await w.call('cooperationProjects.list', { year: 2024 })).rows.map((r) => r.id)).toEqual([p.id]);
    expect(await w.audits('cooperation_projects', 'restore')).toHaveLength(1);
  });
});
