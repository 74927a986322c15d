// 报表导出: the workbooks a bureau hands upward, exported through the API and read back
// with exceljs — values, merges, number formats, print settings and the 合计 row checked
// against numbers the test works out from the small world it built.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

let w: AllianceWorld;

beforeAll(async () => {
  w = await makeAllianceWorld({ today: '2026-03-10' });
  await w.call('settings.update', { reportingUnit: '宝鸡市教育局' });
  const activity = (date: string, title: string, participants: number, extra: Record<string, unknown> = {}) =>
    w.call('activities.create', {
      allianceId: w.alliances.weibin,
      date,
      category: 'teaching_research',
      title,
      hostSchoolId: w.schools.qingjiang,
      participatingSchoolIds: [w.schools.jingerlu, w.schools.guozhen],
      participants,
      ...extra,
    });
  await activity('2025-03-12', '语文同课异构', 30, { form: '同课异构' });
  await activity('2025-05-20', '=HYPERLINK("http://example.com","点我")', 12, { notes: '+86 电话', outcome: '@所有人\n第二行' });
  await activity('2025-10-09', '校长互访', 8, { isLeadershipVisit: true, category: 'management' });
  await activity('2024-12-01', '上一年的活动', 99);
  await w.call('teacherExchanges.create', {
    allianceId: w.alliances.weibin,
    teacherName: '张老师',
    subject: '数学',
    fromSchoolId: w.schools.qingjiang,
    toSchoolId: w.schools.guozhen,
    kind: 'support_teaching',
    startOn: '2025-02-20',
    endOn: '2025-03-01',
    hours: 12.5,
    status: 'finished',
  });
  await w.call('teacherExchanges.create', {
    allianceId: w.alliances.weibin,
    teacherName: '李老师',
    fromSchoolId: w.schools.jingerlu,
    toSchoolId: w.schools.guozhen,
    kind: 'rotation',
    startOn: '2025-09-01',
    endOn: '2025-09-30',
    hours: 40,
    status: 'finished',
  });
});
afterAll(() => w.close());

async function exported(args: Record<string, unknown>) {
  const file = await w.call('reports.export', args as never);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
  return { file, wb };
}

/** The data rows between the header and the 合计 (or footer) row, as plain values. */
function rowsOf(ws: ExcelJS.Worksheet, firstDataRow: number): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  for (let r = firstDataRow; r <= ws.rowCount; r++) {
    const first = ws.getRow(r).getCell(1).value;
    if (typeof first !== 'number') break;
    out.push((ws.getRow(r).values as ExcelJS.CellValue[]).slice(1));
  }
  return out;
}

function rowWith(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return ws.getRow(r);
  throw new Error(`no row ${label}`);
}

describe('覆盖情况统计表', () => {
  it('counts schools and alliances per county, and an alliance spanning counties once in the 合计', async () => {
    const { file, wb } = await exported({ report: 'coverage', period: { type: 'year', year: 2025 } });
    expect(file.fileName).toBe('2025年城乡教育联盟覆盖情况统计表.xlsx');
    const ws = wb.getWorksheet('覆盖情况')!;
    expect(ws.getCell('A1').value).toBe('2025年城乡教育联盟覆盖情况统计表');
    expect(ws.getCell('A2').value).toBe('填报单位：宝鸡市教育局');
    expect(String(ws.getCell('H2').value)).toBe('统计时段：2025年1月1日—2025年12月31日');
    // Two header rows: the alliance kinds under one merged 按联盟类型.
    expect(ws.getCell('A3').value).toBe('序号');
    expect(ws.getCell('G3').value).toBe('按联盟类型');
    expect(ws.getCell('G4').value).toBe('县区联盟');
    expect(ws.getCell('H4').value).toBe('学校联盟');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A1:N1', 'A2:G2', 'H2:N2', 'A3:A4', 'G3:L3']));

    const rows = rowsOf(ws, 5);
    expect(rows).toHaveLength(12); // Baoji's twelve county-level regions
    const byCounty = new Map(rows.map((r) => [r[1], r]));
    // 渭滨区: both schools in 渭滨区城乡教育联盟.
    expect(byCounty.get('渭滨区')!.slice(2, 13)).toEqual([2, 2, 100, 1, 0, 1, 0, 0, 0, 0, 1]);
    // 陈仓区: 虢镇小学 in two school alliances, both cross-region.
    expect(byCounty.get('陈仓区')!.slice(2, 6)).toEqual([1, 1, 100, 2]);
    // 太白县: a member county of a county alliance only — its school is not covered.
    expect(byCounty.get('太白县')!.slice(2, 7)).toEqual([1, 0, 0, 1, 1]);
    expect(byCounty.get('太白县')![13]).toBe('低于目标 85%');
    expect(byCounty.get('金台区')!.slice(2, 6)).toEqual([1, 0, 0, 0]);

    const total = rowWith(ws, '合计');
    const sum = (i: number) => rows.reduce((s, r) => s + Number(r[i] ?? 0), 0);
    expect(total.getCell(3).value).toBe(sum(2));
    expect(total.getCell(4).value).toBe(sum(3));
    expect(total.getCell(3).value).toBe(6);
    expect(total.getCell(4).value).toBe(4);
    // The rate of the sums (4 / 6), not the mean of the rates.
    expect(total.getCell(5).value).toBe(66.67);
    expect(total.getCell(5).numFmt).toBe('0.00');
    // Three alliances in all, though the county rows add up to six.
    expect(sum(5)).toBe(6);
    expect(total.getCell(6).value).toBe(3);
    expect(total.getCell(7).value).toBe(1); // 县区联盟
    expect(total.getCell(8).value).toBe(2); // 学校联盟
    expect(total.getCell(13).value).toBe(3); // all three span two counties

    const footer = ws.getRow(total.number + 2).getCell(1).value; // a blank row between
    expect(String(footer)).toMatch(/^填表人：王科员.*审核人：.*联系电话：.*填报日期：2026年3月10日$/);
  });

  it('prints A4 landscape, one page wide, the header rows on every page, with page numbers and a frozen header', async () => {
    const { wb } = await exported({ report: 'coverage', period: { type: 'year', year: 2025 } });
    const ws = wb.getWorksheet('覆盖情况')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
    expect(ws.headerFooter.oddFooter).toContain('&P');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    // A Chinese header gets room for two widths per character.
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(10);
  });

  it('narrows to one county when a region is chosen', async () => {
    const { wb } = await exported({ report: 'coverage', period: { type: 'year', year: 2025 }, regionId: w.county('陈仓区') });
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('2025年陈仓区城乡教育联盟覆盖情况统计表');
    expect(rowsOf(ws, 5).map((r) => r[1])).toEqual(['陈仓区']);
  });
});

describe('交流活动台账', () => {
  it('lists the period’s activities with real dates and numbers, and sums 参与人数', async () => {
    const { wb } = await exported({ report: 'activities', period: { type: 'year', year: 2025 } });
    const ws = wb.getWorksheet('交流活动')!;
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '序号',
      '联盟名称',
      '活动日期',
      '学期',
      '活动类别',
      '活动形式',
      '活动主题',
      '承办学校',
      '参与学校',
      '参与人数',
      '校级领导互访',
      '活动成效',
      '备注',
    ]);
    const rows = rowsOf(ws, 4);
    expect(rows.map((r) => r[6])).toEqual(['语文同课异构', '=HYPERLINK("http://example.com","点我")', '校长互访']);
    const first = ws.getRow(4);
    expect(first.getCell(3).value).toEqual(new Date(Date.UTC(2025, 2, 12)));
    expect(first.getCell(3).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(4).value).toBe('2024-2025学年第二学期');
    expect(first.getCell(9).value).toBe('经二路小学、虢镇小学');
    expect(first.getCell(10).value).toBe(30);
    expect(ws.getRow(6).getCell(11).value).toBe('是');
    const total = rowWith(ws, '合计');
    expect(total.getCell(10).value).toBe(30 + 12 + 8);
  });

  it('writes text that looks like a formula as text, never as a formula', async () => {
    const { wb } = await exported({ report: 'activities', period: { type: 'year', year: 2025 } });
    const row = wb.getWorksheet('交流活动')!.getRow(5);
    for (const col of [7, 12, 13]) {
      const cell = row.getCell(col);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    }
    expect(row.getCell(13).value).toBe('+86 电话');
    expect(row.getCell(12).value).toBe('@所有人\n第二行');
  });

  it('takes a term or a from–to period', async () => {
    const term = await w.call('reports.preview', { report: 'activities', period: { type: 'term', term: '2024-2025-1' } });
    expect(term.title).toBe('2024-2025学年第一学期教育联盟交流活动台账');
    expect(term.rows.map((r) => r[6])).toEqual(['上一年的活动']);
    const range = await w.call('reports.preview', { report: 'activities', period: { type: 'range', from: '2025-05-01', to: '2025-10-31' } });
    expect(range.total).toBe(2);
    expect(range.subtitle).toBe('填报单位：宝鸡市教育局　　统计时段：2025年5月1日—2025年10月31日');
  });

  it('filters by alliance kind', async () => {
    const none = await w.call('reports.preview', { report: 'activities', period: { type: 'year', year: 2025 }, allianceKind: 'education_group' });
    expect(none.total).toBe(0);
    expect(none.rows).toEqual([]);
  });
});

describe('教师交流情况统计表', () => {
  it('has a detail sheet and a summary by alliance', async () => {
    const { wb } = await exported({ report: 'teacher-exchanges', period: { type: 'year', year: 2025 } });
    expect(wb.worksheets.map((s) => s.name)).toEqual(['教师交流明细', '教师交流汇总']);
    const detail = wb.getWorksheet('教师交流明细')!;
    const rows = rowsOf(detail, 4);
    expect(rows.map((r) => [r[2], r[6], r[9], r[10]])).toEqual([
      ['张老师', '支教', 10, 12.5],
      ['李老师', '轮岗', 30, 40],
    ]);
    expect(rowWith(detail, '合计').getCell(10).value).toBe(40);
    expect(rowWith(detail, '合计').getCell(11).value).toBe(52.5);
    const summary = wb.getWorksheet('教师交流汇总')!;
    // 支教/跟岗/轮岗/送教 under one 交流人数 header.
    expect(summary.getCell('C3').value).toBe('交流人数');
    expect(rowsOf(summary, 5)).toEqual([[1, '渭滨区城乡教育联盟', 1, 0, 1, 0, 40, 52.5]]);
  });
});

describe('refusals', () => {
  it('asks for a year for the annual reports', async () => {
    const r = await w.reply('reports.preview', { report: 'evaluation', period: { type: 'term', term: '2024-2025-1' } });
    expect(r).toMatchObject({ ok: false, fieldErrors: { period: '年度考核结果汇总表按年度统计，请选择年度' } });
  });

  it('refuses a period that ends before it starts', async () => {
    const r = await w.reply('reports.export', { report: 'activities', period: { type: 'range', from: '2025-06-01', to: '2025-05-01' } });
    expect(r).toMatchObject({ ok: false, fieldErrors: { 'period.to': '开始日期不能晚于结束日期' } });
  });

  it('says when a year has no evaluations', async () => {
    const r = await w.reply('reports.preview', { report: 'evaluation', period: { type: 'year', year: 2025 } });
    expect(r).toMatchObject({ ok: false, message: '2025 年度还没有考核评价' });
  });
});
