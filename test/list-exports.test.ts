// 导出 Excel from a list screen: the file holds exactly the rows the list's query selects,
// in its order, with labels instead of codes, real dates and numbers, and a 合计 where
// numbers add.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

let w: AllianceWorld;
beforeEach(async () => {
  w = await makeAllianceWorld({ today: '2025-03-10' });
});
afterEach(() => w.close());

async function sheetOf(payload: { fileName: string; dataBase64: string }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(payload.dataBase64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** The data rows under the header (row 3), without the 合计 and footer rows. */
function dataRows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n <= 3) return;
    const values = (row.values as unknown[]).slice(1);
    if (typeof values[0] !== 'number') return;
    out.push(values);
  });
  return out;
}

describe('lists.export', () => {
  it('exports the problem list with its filter and sort, labels and dates, and nothing else', async () => {
    const p = (description: string, dueOn: string, allianceId = w.alliances.weibin) =>
      w.call('problems.create', { allianceId, description, dueOn, owner: '李校长' });
    await p('=教研不足', '2025-03-01');
    await p('交流偏少', '2025-05-01');
    await p('凤县的问题', '2025-04-01', w.alliances.fengxian);
    const file = await w.call('lists.export', { list: 'problems', query: { allianceId: w.alliances.weibin, sortBy: 'dueOn', sortOrder: 'desc' } });
    expect(file.fileName).toBe('问题清单（2025-03-10导出）.xlsx');
    const ws = await sheetOf(file);
    expect(ws.getCell('A1').value).toBe('问题清单（2025-03-10导出）');
    expect((ws.getRow(3).values as unknown[]).slice(1, 5)).toEqual(['序号', '联盟名称', '学校', '问题描述']);
    const rows = dataRows(ws);
    expect(rows.map((r) => [r[0], r[1], r[3], r[7], r[8], r[10]])).toEqual([
      [1, '渭滨区城乡教育联盟', '交流偏少', '李校长', '未完成', undefined],
      [2, '渭滨区城乡教育联盟', '=教研不足', '李校长', '未完成', 9],
    ]);
    // A formula-looking description stays text; the deadline is a real date.
    const description = ws.getRow(5).getCell(4);
    expect(description.type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(5).getCell(7).value).toEqual(new Date(Date.UTC(2025, 2, 1)));
  });

  it('sums the numbers that add, over every page of the list', async () => {
    for (let i = 1; i <= 3; i++) {
      await w.call('teacherExchanges.create', {
        allianceId: w.alliances.weibin,
        teacherName: `教师${i}`,
        fromSchoolId: w.schools.qingjiang,
        toSchoolId: w.schools.guozhen,
        kind: 'support_teaching',
        startOn: '2025-01-01',
        endOn: '2025-01-10',
        hours: 12.5,
        status: 'finished',
      });
    }
    const ws = await sheetOf(await w.call('lists.export', { list: 'teacherExchanges', query: { pageSize: 1 } }));
    const rows = dataRows(ws);
    expect(rows).toHaveLength(3);
    let total: unknown[] = [];
    ws.eachRow((row) => {
      if ((row.values as unknown[])[1] === '合计') total = (row.values as unknown[]).slice(1);
    });
    expect(total[9]).toBe(30); // 天数
    expect(total[10]).toBe(37.5); // 课时/小时
    expect(rows.map((r) => r[6])).toEqual(['支教', '支教', '支教']);
  });

  it('exports the counties of 行政区划 with their school counts added up', async () => {
    const ws = await sheetOf(await w.call('lists.export', { list: 'regions', query: { level: 'county', search: '县' } }));
    const rows = dataRows(ws);
    expect(rows.map((r) => r[1])).toContain('凤县');
    expect(rows.every((r) => r[3] === '县级')).toBe(true);
    let total: unknown[] = [];
    ws.eachRow((row) => {
      if ((row.values as unknown[])[1] === '合计') total = (row.values as unknown[]).slice(1);
    });
    const schoolsInCounties = rows.reduce((n, r) => n + Number(r[5] ?? 0), 0);
    expect(schoolsInCounties).toBe(2); // 凤州小学, 太白县咀头小学
    expect(total[5]).toBe(schoolsInCounties);
  });

  it('refuses a query the list itself would refuse, in Chinese', async () => {
    const r = await w.reply('lists.export', { list: 'activities', query: { from: '2025-03-01', to: '2025-01-01' } });
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { 'query.to': '结束日期不能早于开始日期' } });
    expect(await w.reply('lists.export', { list: 'nothing', query: {} })).toMatchObject({ ok: false, code: 'invalid' });
  });
});
