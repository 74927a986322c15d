// 导入学校、联盟及成员、交流活动、教师交流、评价指标: messy sheets as schools really send
// them are read right, names are matched to the ledger (never guessed), every bad row is
// reported with its Excel row and header, and importing the same file twice adds nothing.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportKind } from '../electron/api/imports';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
type Cell = ExcelJS.CellValue;

let world: AllianceWorld;
beforeEach(async () => {
  world = await makeAllianceWorld({ today: '2024-06-01' });
});
afterEach(() => world.close());

/** An .xlsx as schools send it back: a merged title row and a 填报单位 line above the header. */
async function xlsx(name: string, header: string[], rows: Cell[][], sheet = 'Sheet1'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow([`${name.replace(/\.xlsx$/, '')}`]);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(['填报单位：（盖章）', null, null, '填报日期：2024年6月1日']);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const file = path.join(world.dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const args = (kind: ImportKind, file: string) => ({
  kind,
  fileName: path.basename(file),
  dataBase64: fs.readFileSync(file).toString('base64'),
});

describe('导入学校', () => {
  const header = ['序号', ' 校　名 ', '县（市、区）', '学段', '学校标识码', '城乡类型', '是否薄弱校', '在校生数', '教师数', '校长', '联系电话', '备注'];
  const rows = (): Cell[][] => [
    [1, '　新建路小学 ', '渭滨区', '小学', 3161000001, '城区', '否', '1,200', '８０', '李华', 9173210000, ''],
    [2, '经二路小学', ' 渭滨区', '小学', '', '城区', '是', 950, 60, '', '', '已有学校'],
    [],
    [3, '陈仓区实验初级中学', '陈仓区', '初级中学', '3161000003', '镇区', '否', '', '', '', '', ''],
    [4, '麟游县九年制学校', '麟游县', '九年制', null, '农村', '否', 300, 30, '', '', ''],
    ['合计', '', '', '', '', '', '', 2450, 170],
  ];

  it('creates and updates schools from a messy sheet and skips them all on a second import', async () => {
    const file = await xlsx('学校名单.xlsx', header, rows());
    const preview = await world.call('imports.preview', args('schools', file));
    expect(preview).toMatchObject({ headerRow: 3, rows: { create: 3, update: 1, skip: 0 }, errors: [] });
    expect(preview.columns).toEqual([' 校　名 '.trim(), '县（市、区）', '学段', '学校标识码', '城乡类型', '是否薄弱校', '在校生数', '教师数', '校长', '联系电话']);
    await world.call('imports.commit', args('schools', file));

    const list = await world.call('schools.list', { pageSize: 50 });
    const byName = new Map(list.rows.map((s) => [s.name, s]));
    expect(byName.get('新建路小学')).toMatchObject({ code: '3161000001', regionName: '渭滨区', stage: 'primary', locality: 'urban', students: 1200, teachers: 80, phone: '9173210000' });
    expect(byName.get('经二路小学')).toMatchObject({ isWeak: true, students: 950, teachers: 60 });
    expect(byName.get('陈仓区实验初级中学')).toMatchObject({ stage: 'junior', locality: 'town', code: '3161000003' });
    expect(byName.get('麟游县九年制学校')).toMatchObject({ stage: 'nine_year', locality: 'rural' });
    expect(await world.audits('schools', 'update')).toHaveLength(1);

    const again = await world.call('imports.commit', args('schools', file));
    expect(again.rows).toEqual({ create: 0, update: 0, skip: 4 });
    expect(await world.rows('schools')).toBe(9);
  });

  it('matches a school by its code first, so a renamed school is updated, not duplicated', async () => {
    await world.call('imports.commit', args('schools', await xlsx('a.xlsx', header, rows())));
    const renamed = rows();
    renamed[0] = [1, '新建路第一小学', '渭滨区', '小学', '3161000001', '城区', '否', 1200, 80, '李华', 9173210000, ''];
    const result = await world.call('imports.commit', args('schools', await xlsx('b.xlsx', header, renamed)));
    expect(result.rows).toEqual({ create: 0, update: 1, skip: 3 });
    const school = (await world.call('schools.list', { search: '新建路', pageSize: 5 })).rows;
    expect(school).toMatchObject([{ name: '新建路第一小学', formerNames: ['新建路小学'] }]);
  });

  it('reports unknown counties, unknown stages and a school twice in the file, writing nothing', async () => {
    const bad = rows();
    bad[0] = [1, '新建路小学', '不存在县', '小学', '', '', '', '', '', '', '', ''];
    bad[1] = [2, '经二路小学', '渭滨区', '大学', '', '城郊', '也许', '很多', '', '', '', ''];
    bad[4] = [5, '陈仓区实验初级中学', '陈仓区', '初中', '', '', '', '', '', '', '', ''];
    const preview = await world.call('imports.preview', args('schools', await xlsx('bad.xlsx', header, bad)));
    expect(preview.errors).toEqual([
      { sheet: 'Sheet1', row: 4, column: '县（市、区）', message: '县区“不存在县”不在本台账的行政区划中' },
      { sheet: 'Sheet1', row: 5, column: '学段', message: '“大学”无法识别，应为 幼儿园、小学、初中、九年一贯制、高中、完全中学、十二年一贯制、特殊教育、中职 之一' },
      { sheet: 'Sheet1', row: 5, column: '城乡类型', message: '“城郊”无法识别，应为 城区、镇区、乡村 之一' },
      { sheet: 'Sheet1', row: 5, column: '是否薄弱校', message: '“也许”应填“是”或“否”' },
      { sheet: 'Sheet1', row: 5, column: '在校生数', message: '“很多”不是数字' },
      { sheet: 'Sheet1', row: 8, column: '校　名'.trim(), message: '与第 7 行是同一所学校，请合并为一行' },
    ]);
    const refused = await world.reply('imports.commit', args('schools', await xlsx('bad.xlsx', header, bad)));
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    expect(await world.rows('schools')).toBe(6);
  });
});

describe('导入联盟及成员', () => {
  const header = ['联盟名称', '联盟类型', '学校名称', '角色', '办学模式', '成立时间', '加入时间', '所在县区'];

  it('creates school and county alliances with their members and adds a member to a stored one', async () => {
    const file = await xlsx('联盟名册.xlsx', header, [
      ['金台区学校联盟', '学校联盟', '东仁堡小学', '牵头校', '紧密型、引领型', '2024/3/1', '', ''],
      ['金台区学校联盟', '学校联盟', '清姜路小学', '成员校', '紧密型，引领型', '2024年3月1日', '2024.3.5', '渭滨区'],
      ['宝鸡东部县区联盟', '县区联盟', '', '主任县区', '', 45352, '', '陈仓区'],
      ['宝鸡东部县区联盟', '县区联盟', null, '成员', '', '', '', '凤县'],
      ['凤县山区学校联盟', '学校联盟', ' 东仁堡小学', '成员校', '', '', '2024-05-01', ''],
      ['合计', '3 个联盟'],
    ]);
    const preview = await world.call('imports.preview', args('alliances', file));
    expect(preview).toMatchObject({ rows: { create: 5, update: 0, skip: 0 }, errors: [] });
    await world.call('imports.commit', args('alliances', file));

    const list = (await world.call('alliances.list', { pageSize: 50 })).rows;
    const jintai = list.find((a) => a.name === '金台区学校联盟')!;
    expect(jintai).toMatchObject({ kind: 'school_alliance', modes: ['close', 'leading'], leadSchoolName: '东仁堡小学', establishedOn: '2024-03-01', memberCount: 2, crossRegion: true });
    const members = (await world.call('alliances.members', { allianceId: jintai.id })).rows;
    expect(members.find((m) => m.schoolName === '清姜路小学')).toMatchObject({ role: 'member', joinedOn: '2024-03-05' });
    const counties = list.find((a) => a.name === '宝鸡东部县区联盟')!;
    expect(counties).toMatchObject({ kind: 'county_alliance', leadRegionName: '陈仓区', establishedOn: '2024-03-01', memberCount: 2 });
    const fengxian = (await world.call('alliances.members', { allianceId: world.alliances.fengxian })).rows;
    expect(fengxian.map((m) => m.schoolName).sort()).toEqual(['东仁堡小学', '凤州小学', '虢镇小学'].sort());

    const again = await world.call('imports.commit', args('alliances', file));
    expect(again.rows).toEqual({ create: 0, update: 0, skip: 5 });
    expect(await world.rows('alliances')).toBe(5);
    expect(await world.rows('alliance_members')).toBe(12);
  });

  it('changes the lead of a stored alliance and a member’s joined date', async () => {
    const file = await xlsx('变更.xlsx', header, [
      ['渭滨区城乡教育联盟', '学校联盟', '经二路小学', '牵头校', '', '', '', ''],
      ['渭滨区城乡教育联盟', '学校联盟', '清姜路小学', '成员校', '', '', '', ''],
      ['渭滨区城乡教育联盟', '学校联盟', '虢镇小学', '成员校', '', '', '2023-09-01', ''],
    ]);
    const result = await world.call('imports.commit', args('alliances', file));
    expect(result.rows).toEqual({ create: 0, update: 3, skip: 0 });
    const weibin = await world.call('alliances.get', { id: world.alliances.weibin });
    expect(weibin.leadSchoolName).toBe('经二路小学');
    const members = (await world.call('alliances.members', { allianceId: world.alliances.weibin })).rows;
    expect(members.find((m) => m.schoolName === '清姜路小学')?.role).toBe('member');
    expect(members.find((m) => m.schoolName === '虢镇小学')?.joinedOn).toBe('2023-09-01');
    expect((await world.call('imports.preview', args('alliances', file))).rows).toEqual({ create: 0, update: 0, skip: 3 });
  });

  it('refuses to guess between two schools of one name, two leads, or a school in a county alliance', async () => {
    await world.call('schools.create', { name: '东仁堡小学', regionId: world.county('渭滨区'), stage: 'primary' });
    const file = await xlsx('bad.xlsx', header, [
      ['新联盟', '学校联盟', '东仁堡小学', '牵头校', '', '', '', '金台区'],
      ['新联盟', '学校联盟', '清姜路小学', '牵头校', '', '', '', ''],
      ['新联盟', '学校联盟', '经二路小学', '组长', '松散型', '', '', ''],
      ['凤县—太白县区联盟', '县区联盟', '凤州小学', '成员', '', '', '', ''],
      ['另一联盟', '', '凤州小学', '成员校', '', '', '', ''],
      ['第三联盟', '教育集团', '东仁堡小学', '成员校', '', '', '', ''],
    ]);
    const preview = await world.call('imports.preview', args('alliances', file));
    expect(preview.errors).toEqual([
      { sheet: 'Sheet1', row: 5, column: '角色', message: '联盟“新联盟”已在第 4 行有牵头校“东仁堡小学”，每个联盟只能有一个牵头' },
      { sheet: 'Sheet1', row: 6, column: '角色', message: '“组长”无法识别，应为 牵头校、成员校 之一' },
      { sheet: 'Sheet1', row: 6, column: '办学模式', message: '办学模式“松散型”不在列表中，应为 紧密型、引领型、项目型、融合型、共建型、托管、一校多区（可在“设置”中添加）' },
      { sheet: 'Sheet1', row: 7, column: '学校名称', message: '县区联盟的成员是县区：请把“学校名称”留空，在“所在县区”填写成员县区' },
      { sheet: 'Sheet1', row: 8, column: '联盟类型', message: '联盟“另一联盟”不在台账中，新建联盟请填写联盟类型' },
      { sheet: 'Sheet1', row: 9, column: '学校名称', message: '有 2 所名为“东仁堡小学”的学校（金台区、渭滨区），请填写所在县区以区分' },
    ]);
    expect(await world.rows('alliances')).toBe(3);
  });
});

describe('导入交流活动', () => {
  const header = ['序号', '所属联盟', '活动时间', '活动类型', '活动主题', '活动形式', '承办学校', '参与学校', '参加人数', '校级领导互访', '活动成效'];
  const rows = (): Cell[][] => [
    [1, '渭滨区城乡教育联盟', utc(2024, 3, 5), '教研交流', '小学数学同课异构', '同课异构', '清姜路小学', '经二路小学、虢镇小学', '45', '否', '形成教学案例 3 篇'],
    [2, '渭滨区城乡教育联盟', 45363, '党建', '党建共建活动', '互访', '经二路小学', '清姜路小学，虢镇小学', 20, '是', ''],
    [3, '渭滨区城乡教育联盟', '2024.3.19', '教研交流', '语文集体备课', '集体备课', '', '经二路小学；清姜路小学', '', '', ''],
    [4, '凤县山区学校联盟', '2024年3月26日', '学生活动', '研学实践', '研学', '凤州小学', '虢镇小学', 60, '否', ''],
    [5, '凤县—太白县区联盟', '2024/4/2', '教师交流', '送教下乡', '送教送研', '凤州小学', '太白县咀头小学', 12, '否', ''],
    [],
    ['合计', '', '', '', '', '', '', '', 137],
  ];

  it('reads every date spelling, several schools in one cell and 是/否, and skips them all the second time', async () => {
    const file = await xlsx('活动台账.xlsx', header, rows());
    const preview = await world.call('imports.preview', args('activities', file));
    expect(preview).toMatchObject({ rows: { create: 5, update: 0, skip: 0 }, errors: [] });
    await world.call('imports.commit', args('activities', file));
    const list = (await world.call('activities.list', { pageSize: 50, sortBy: 'date', sortOrder: 'asc' })).rows;
    expect(list.map((a) => a.date)).toEqual(['2024-03-05', '2024-03-12', '2024-03-19', '2024-03-26', '2024-04-02']);
    expect(list[0]).toMatchObject({ category: 'teaching_research', participants: 45, hostSchoolName: '清姜路小学', isLeadershipVisit: false, outcome: '形成教学案例 3 篇' });
    expect(list[0]!.participatingSchools.map((s) => s.name).sort()).toEqual(['经二路小学', '虢镇小学'].sort());
    expect(list[1]).toMatchObject({ category: 'party_building', isLeadershipVisit: true });
    expect(list[1]!.participatingSchools).toHaveLength(2);
    // A county alliance's schools are the schools of its member counties.
    expect(list[4]!.participatingSchools.map((s) => s.name)).toEqual(['太白县咀头小学']);

    expect((await world.call('imports.commit', args('activities', file))).rows).toEqual({ create: 0, update: 0, skip: 5 });
    const changed = rows();
    changed[2] = [3, '渭滨区城乡教育联盟', '2024.3.19', '教研交流', '语文集体备课', '集体备课', '', '经二路小学', 18, '', ''];
    const result = await world.call('imports.commit', args('activities', await xlsx('改.xlsx', header, changed)));
    expect(result.rows).toEqual({ create: 0, update: 1, skip: 4 });
    expect(await world.rows('activities')).toBe(5);
  });

  it('checks the file again at commit when the ledger changed after the preview', async () => {
    const file = await xlsx('活动台账.xlsx', header, rows());
    expect((await world.call('imports.preview', args('activities', file))).errors).toEqual([]);
    // Between 预览 and 确认导入 another clerk deletes the alliance the first rows name.
    await world.call('alliances.delete', { id: world.alliances.weibin });
    await expect(world.call('imports.commit', args('activities', file))).rejects.toThrow(/未导入任何数据.*渭滨区城乡教育联盟/);
    expect(await world.rows('activities')).toBe(0);
  });

  it('reports schools outside the alliance, unknown categories and a far-future date', async () => {
    const bad = rows();
    bad[0] = [1, '渭滨区城乡教育联盟', utc(2024, 3, 5), '座谈', '小学数学同课异构', '', '东仁堡小学', '经二路小学、凤州小学', '四十', '否', ''];
    bad[3] = [4, '凤县山区学校联盟', '2026年3月26日', '学生活动', '研学实践', '', '', '', '', '', ''];
    const preview = await world.call('imports.preview', args('activities', await xlsx('bad.xlsx', header, bad)));
    expect(preview.errors).toEqual([
      { sheet: 'Sheet1', row: 4, column: '活动类型', message: '“座谈”无法识别，应为 党建交流、理念引领、教师交流、教研交流、管理协作、学生活动、课程共享、文化活动、其他 之一' },
      { sheet: 'Sheet1', row: 4, column: '承办学校', message: '承办学校“东仁堡小学”不是联盟“渭滨区城乡教育联盟”的成员校' },
      { sheet: 'Sheet1', row: 4, column: '参与学校', message: '参与学校“凤州小学”不是联盟“渭滨区城乡教育联盟”的成员校' },
      { sheet: 'Sheet1', row: 4, column: '参加人数', message: '“四十”不是数字' },
      { sheet: 'Sheet1', row: 7, column: '活动时间', message: '活动日期 2026-03-26 晚于 2025-06-01（今天起一年内），请检查是否写错年份' },
    ]);
  });

  it('reads a CSV saved by Chinese Excel in GBK', async () => {
    const csv = ['联盟名称,活动日期,活动类别,活动主题,参与学校', '渭滨区城乡教育联盟,2024/3/5,教研交流,"数学教研,第一次",经二路小学、虢镇小学', ',,,,', '合计,,,,'].join('\r\n');
    const file = path.join(world.dir, '活动.csv');
    fs.writeFileSync(file, iconv.encode(csv, 'gbk'));
    await world.call('imports.commit', args('activities', file));
    const list = (await world.call('activities.list', {})).rows;
    expect(list).toMatchObject([{ title: '数学教研,第一次', date: '2024-03-05' }]);
  });
});

describe('导入教师交流', () => {
  const header = ['联盟名称', '姓名', '任教学科', '派出学校', '接收学校', '交流方式', '开始时间', '结束时间', '课时', '状态'];

  it('creates exchanges, derives a blank status from the dates, and skips them the second time', async () => {
    const file = await xlsx('教师交流.xlsx', header, [
      ['渭滨区城乡教育联盟', '王芳', '数学', '清姜路小学', '虢镇小学', '支教', '2023-09-01', '2024-01-20', '120', ''],
      ['渭滨区城乡教育联盟', '李　明', '语文', '经二路小学', '清姜路小学', '跟岗学习', '2024年3月1日', '', '30课时', '进行中'],
      ['凤县山区学校联盟', '赵敏', '', '凤州小学', '虢镇小学', '送教', 45536, '', '', ''],
    ]);
    const preview = await world.call('imports.preview', args('teacher-exchanges', file));
    expect(preview).toMatchObject({ rows: { create: 3 }, errors: [] });
    await world.call('imports.commit', args('teacher-exchanges', file));
    const list = (await world.call('teacherExchanges.list', { pageSize: 10, sortBy: 'startOn', sortOrder: 'asc' })).rows;
    expect(list).toMatchObject([
      { teacherName: '王芳', kind: 'support_teaching', hours: 120, status: 'finished', fromSchoolName: '清姜路小学' },
      { teacherName: '李　明', kind: 'shadowing', hours: 30, status: 'ongoing' },
      { teacherName: '赵敏', kind: 'visiting_teaching', startOn: '2024-09-01', status: 'planned' },
    ]);
    expect((await world.call('imports.commit', args('teacher-exchanges', file))).rows).toEqual({ create: 0, update: 0, skip: 3 });
  });

  it('reports a school sending to itself and a school outside the alliance', async () => {
    const file = await xlsx('bad.xlsx', header, [
      ['渭滨区城乡教育联盟', '王芳', '数学', '清姜路小学', '清姜路小学', '支教', '2023-09-01', '', '', ''],
      ['渭滨区城乡教育联盟', '李明', '语文', '凤州小学', '清姜路小学', '轮岗', '2023-09-01', '2023-08-01', '', '已结束'],
    ]);
    const preview = await world.call('imports.preview', args('teacher-exchanges', file));
    expect(preview.errors).toEqual([
      { sheet: 'Sheet1', row: 4, column: '接收学校', message: '派出学校和接收学校不能是同一所学校' },
      { sheet: 'Sheet1', row: 5, column: '派出学校', message: '派出学校“凤州小学”不是联盟“渭滨区城乡教育联盟”的成员校' },
    ]);
  });
});

describe('导入评价指标', () => {
  /** The 一级指标 merged over its 二级指标, scores as text, a 合计 row. */
  async function indicatorFile(name: string, tweak?: (rows: Cell[][]) => void): Promise<string> {
    const rows: Cell[][] = [
      ['A', '组织管理', '制度建设', '10分', '有章程和年度计划'],
      ['', '', '例会制度', '10', '每学期不少于 2 次'],
      ['B', '教育教学', '联合教研', '30', ''],
      ['', '', '教师交流', '30', ''],
      ['C', '特色创新', '', '20', '有特色项目'],
      ['合计', '', '', 100, ''],
    ];
    tweak?.(rows);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评价指标');
    ws.addRow(['2025年城乡教育联盟考核评价指标']);
    ws.mergeCells(1, 1, 1, 5);
    ws.addRow(['编号', '一级指标', '二级指标', '分值', '评分标准']);
    for (const r of rows) ws.addRow(r);
    ws.mergeCells(3, 2, 4, 2);
    ws.mergeCells(3, 1, 4, 1);
    ws.mergeCells(5, 2, 6, 2);
    ws.mergeCells(5, 1, 6, 1);
    const file = path.join(world.dir, name);
    await wb.xlsx.writeFile(file);
    return file;
  }

  it('creates one template named by the title row, counting its indicators, and skips it the second time', async () => {
    const file = await indicatorFile('指标.xlsx');
    const preview = await world.call('imports.preview', args('indicators', file));
    expect(preview).toMatchObject({ sheet: '评价指标', headerRow: 2, rows: { create: 7, update: 0, skip: 0 }, errors: [] });
    expect(preview.sample.map((s) => s.row)).toEqual([3, 3, 4, 5, 5, 6, 7]);
    await world.call('imports.commit', args('indicators', file));
    const templates = (await world.call('evaluationTemplates.list', {})).rows.filter((t) => !t.isSample);
    expect(templates).toMatchObject([{ name: '2025年城乡教育联盟考核评价指标', year: 2025, totalScore: 100, targetType: 'alliance', leafCount: 5 }]);
    const template = await world.call('evaluationTemplates.get', { id: templates[0]!.id });
    expect(template.indicators.map((t) => [t.code, t.name, t.maxScore, t.children.map((c) => c.name)])).toEqual([
      ['A', '组织管理', 20, ['制度建设', '例会制度']],
      ['B', '教育教学', 60, ['联合教研', '教师交流']],
      ['C', '特色创新', 20, []],
    ]);

    const again = await world.call('imports.commit', args('indicators', file));
    expect(again.rows).toEqual({ create: 0, update: 0, skip: 7 });
    expect((await world.call('evaluationTemplates.list', {})).rows.filter((t) => !t.isSample)).toHaveLength(1);
  });

  it('updates the same-named template in place, keeping the indicators it matches', async () => {
    await world.call('imports.commit', args('indicators', await indicatorFile('指标.xlsx')));
    const before = (await world.call('evaluationTemplates.list', {})).rows.find((t) => !t.isSample)!;
    const oldLeaf = (await world.call('evaluationTemplates.get', { id: before.id })).indicators[1]!.children[0]!;
    const file = await indicatorFile('改.xlsx', (rows) => {
      rows[2] = ['B', '教育教学', '联合教研', '25', '每月一次'];
      rows[4] = ['C', '特色创新', '', '25', '有特色项目'];
    });
    const result = await world.call('imports.commit', args('indicators', file));
    expect(result.rows).toEqual({ create: 0, update: 2, skip: 5 });
    const after = await world.call('evaluationTemplates.get', { id: before.id });
    expect(after.version).toBe(1);
    expect(after.indicators[1]!.children[0]).toMatchObject({ id: oldLeaf.id, maxScore: 25, scoringRule: '每月一次' });
  });

  it('saves a template used by a submitted evaluation as its next version', async () => {
    await world.call('imports.commit', args('indicators', await indicatorFile('指标.xlsx')));
    const first = (await world.call('evaluationTemplates.list', {})).rows.find((t) => !t.isSample)!;
    const tree = await world.call('evaluationTemplates.get', { id: first.id });
    const evaluation = await world.call('evaluations.start', { templateId: first.id, year: 2025, targetId: world.alliances.weibin });
    const leaves = tree.indicators.flatMap((t) => (t.children.length ? t.children : [t]));
    await world.call('evaluations.submit', { id: evaluation.id, rowVersion: evaluation.rowVersion, scores: Object.fromEntries(leaves.map((l) => [l.id, { score: l.maxScore, note: null }])) });

    const file = await indicatorFile('改.xlsx', (rows) => {
      rows[0] = ['A', '组织管理', '制度建设', '5', '有章程'];
      rows[4] = ['C', '特色创新', '', '25', '有特色项目'];
    });
    const preview = await world.call('imports.preview', args('indicators', file));
    expect(preview.sample[0]!.values.模板).toBe('“2025年城乡教育联盟考核评价指标”已有提交的评价，保存为第 2 版');
    await world.call('imports.commit', args('indicators', file));
    const versions = (await world.call('evaluationTemplates.list', { includeOldVersions: true })).rows.filter((t) => !t.isSample);
    expect(versions.map((t) => [t.version, t.totalScore]).sort()).toEqual([
      [1, 100],
      [2, 100],
    ]);
    expect((await world.call('evaluationTemplates.get', { id: first.id })).indicators[0]!.children[0]!.maxScore).toBe(10);
  });

  it('reports a 合计 that does not add up, on its row and column', async () => {
    const file = await indicatorFile('错.xlsx', (rows) => {
      rows[5] = ['合计', '', '', 110, ''];
    });
    const preview = await world.call('imports.preview', args('indicators', file));
    expect(preview.errors).toEqual([{ sheet: '评价指标', row: 8, column: '分值', message: '合计 110 与各指标分值之和 100 不一致' }]);
    expect(await world.reply('imports.commit', args('indicators', file))).toMatchObject({ ok: false, code: 'invalid' });
  });
});
