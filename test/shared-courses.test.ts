import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args } from '../electron/api/contract';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

let w: AllianceWorld;
beforeEach(async () => {
  w = await makeAllianceWorld({ today: '2025-03-10' });
});
afterEach(() => w.close());

type Draft = Args<'sharedCourses.create'>;
const course = (over: Partial<Draft> = {}): Draft => ({
  allianceId: w.alliances.weibin,
  name: '秦岭自然科学课',
  providerSchoolId: w.schools.qingjiang,
  receivingSchoolIds: [w.schools.guozhen, w.schools.jingerlu],
  term: '2024-2025-1',
  hours: 16,
  studentsReached: 320,
  ...over,
});

describe('shared courses', () => {
  it('records a course with its receiving schools in one go, named and labelled for the clerk', async () => {
    const c = await w.call('sharedCourses.create', course());
    expect(c).toMatchObject({
      allianceName: '渭滨区城乡教育联盟',
      name: '秦岭自然科学课',
      providerSchoolName: '清姜路小学',
      term: '2024-2025-1',
      termLabel: '2024-2025学年第一学期',
      hours: 16,
      studentsReached: 320,
    });
    expect(c.receivingSchools.map((s) => s.name).sort()).toEqual(['经二路小学', '虢镇小学'].sort());
    expect(await w.call('sharedCourses.get', { id: c.id })).toEqual(c);
    expect(await w.audits('shared_courses', 'create')).toHaveLength(1);
    expect(await w.audits('shared_course_schools', 'create')).toHaveLength(2);
    expect((await w.audits('shared_courses'))[0]).toMatchObject({ operator: '王科员' });
  });

  it('refuses bad input and non-member schools in Chinese, writing neither the course nor its schools', async () => {
    const both = await w.reply('sharedCourses.create', course({ receivingSchoolIds: [w.schools.qingjiang, w.schools.guozhen] }));
    expect(both).toMatchObject({ ok: false, fieldErrors: { receivingSchoolIds: '提供课程的学校不能同时是接收学校' } });

    const bad = await w.reply('sharedCourses.create', { ...course({ hours: -1, studentsReached: 2.5 }), name: '', term: undefined });
    expect(bad.ok ? null : bad.fieldErrors).toMatchObject({
      name: '请填写课程名称',
      term: '请选择学期',
      hours: '课时不能为负数',
      studentsReached: '受益学生数应为整数',
    });
    const oddTerm = await w.reply('sharedCourses.create', course({ term: '2024-2026-1' }));
    expect(oddTerm.ok ? null : oddTerm.fieldErrors).toEqual({ term: '学年的两个年份应相邻，例如 2024-2025' });

    // The second receiving school is outside the alliance: the first one must not be written either.
    const outsider = await w.reply('sharedCourses.create', course({ receivingSchoolIds: [w.schools.guozhen, w.schools.dongrenbao] }));
    expect(outsider).toMatchObject({
      ok: false,
      message: '接收学校“东仁堡小学”不是联盟“渭滨区城乡教育联盟”的成员校，请先在联盟中添加该校或另选学校',
    });
    expect(await w.rows('shared_courses', true)).toBe(0);
    expect(await w.rows('shared_course_schools', true)).toBe(0);
    expect(await w.audits('shared_courses')).toHaveLength(0);
  });

  it('replaces the receiving schools on update, auditing each change', async () => {
    const c = await w.call('sharedCourses.create', course());
    const updated = await w.call('sharedCourses.update', {
      id: c.id,
      rowVersion: c.rowVersion,
      draft: course({ receivingSchoolIds: [w.schools.guozhen], hours: 18 }),
    });
    expect(updated.receivingSchools).toEqual([{ id: w.schools.guozhen, name: '虢镇小学' }]);
    expect(updated.hours).toBe(18);
    expect(await w.audits('shared_course_schools', 'delete')).toHaveLength(1);
    expect(await w.audits('shared_courses', 'update')).toHaveLength(1);

    // Only the schools change: the course still shows as changed.
    w.clock.set('2025-03-11');
    const again = await w.call('sharedCourses.update', {
      id: c.id,
      rowVersion: updated.rowVersion,
      draft: course({ receivingSchoolIds: [w.schools.guozhen, w.schools.jingerlu], hours: 18 }),
    });
    expect(again.receivingSchools.map((s) => s.name)).toContain('经二路小学');
    expect(again.updatedAt > updated.updatedAt).toBe(true);
    expect(await w.rows('shared_course_schools')).toBe(2);
  });

  it('filters by term, alliance, county of provider or receiver and name, and pages', async () => {
    await w.call('sharedCourses.create', course());
    await w.call('sharedCourses.create', course({ name: '书法课', term: '2024-2025-2', receivingSchoolIds: [w.schools.jingerlu] }));
    await w.call('sharedCourses.create', course({ name: '航模课', term: '2023-2024-2', providerSchoolId: null, receivingSchoolIds: [w.schools.guozhen] }));
    await w.call(
      'sharedCourses.create',
      course({ allianceId: w.alliances.fengxian, name: '羌族剪纸', providerSchoolId: w.schools.fengzhou, receivingSchoolIds: [w.schools.guozhen] }),
    );
    const names = async (q: Args<'sharedCourses.list'>) => (await w.call('sharedCourses.list', q)).rows.map((c) => c.name);

    // Newest term first, then by name.
    expect(await names({})).toEqual(['书法课', '秦岭自然科学课', '羌族剪纸', '航模课']);
    expect(await names({ term: '2024-2025-1' })).toEqual(['秦岭自然科学课', '羌族剪纸']);
    expect(await names({ allianceId: w.alliances.fengxian })).toEqual(['羌族剪纸']);
    expect(await names({ search: '剪纸' })).toEqual(['羌族剪纸']);
    // 凤县: the provider 凤州小学; 陈仓区: 虢镇小学 receives three courses.
    expect(await names({ regionId: w.county('凤县') })).toEqual(['羌族剪纸']);
    expect(await names({ regionId: w.county('陈仓区') })).toEqual(['秦岭自然科学课', '羌族剪纸', '航模课']);
    expect(await names({ sortBy: 'studentsReached', sortOrder: 'asc', pageSize: 2, page: 2 })).toHaveLength(2);

    const page = await w.call('sharedCourses.list', { pageSize: 3, page: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((c) => [c.name, c.providerSchoolName, c.receivingSchools.length])).toEqual([['航模课', null, 1]]);
  });

  it('deletes a course to the recycle bin and restores it with its receiving schools', async () => {
    const c = await w.call('sharedCourses.create', course());
    await w.call('sharedCourses.delete', { id: c.id });
    expect((await w.call('sharedCourses.list', {})).total).toBe(0);
    expect((await w.call('recycleBin.list', { entity: 'shared_courses' })).rows).toMatchObject([{ id: c.id, label: '秦岭自然科学课' }]);
    await w.call('recycleBin.restore', { entity: 'shared_courses', id: c.id });
    const back = await w.call('sharedCourses.get', { id: c.id });
    expect(back.receivingSchools).toHaveLength(2);
    expect((await w.audits('shared_courses', 'restore'))).toHaveLength(1);
    expect((await w.reply('sharedCourses.delete', { id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({
      ok: false,
      message: '共享课程不存在或已删除',
    });
  });
});
