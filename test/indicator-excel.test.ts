// 评价指标 as Excel: a template's indicator tree exported as a printable workbook that reads
// back into the same tree, and the sheets clerks really send (title rows, synonyms, merged
// 一级指标, scores as text, 合计 rows) read into a tree the editor can save.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { templateDraft, topMax, type EvaluationTemplate, type Indicator } from '../electron/api/evaluations';
import { readIndicatorSheet, writeIndicatorWorkbook } from '../electron/services/evaluation/indicator-excel';
import { looksLikeFormula } from '../electron/services/export/safe-cell';

const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicator-excel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let nextId = 1;
const node = (code: string | null, name: string, maxScore: number, scoringRule: string | null, children: Indicator[] = []): Indicator => ({
  id: `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`,
  code,
  name,
  maxScore: children.length ? topMax({ children }) : maxScore,
  scoringRule,
  children,
});

function template(): EvaluationTemplate {
  const indicators = [
    node('1', '组织管理', 0, null, [
      node('1.1', '机构健全', 4, '成立联盟工作领导小组，明确牵头校和成员校职责，得 4 分；缺一项扣 2 分。'),
      node('1.2', '制度完善', 4, '有联盟章程、年度工作计划和总结，每缺一项扣 1.5 分，扣完为止。'),
      node('1.3', '经费保障', 2, '统筹安排联盟工作经费，专款专用。'),
    ]),
    node('2', '教育教学', 0, '以学期为单位考核，材料以台账记录为准。', [
      node('2.1', '联合教研', 10, '每学期开展联合教研不少于 4 次，每少 1 次扣 2.5 分；\n有活动方案、过程记录和成效总结。'),
      node('2.2', '同步课堂', 8.5, '利用“三个课堂”开展同步教学，每周不少于 1 节。'),
      node('2.3', '=SUM(A1)', 6.5, '-1 分/次：未按计划开展的扣分'),
    ]),
    node('3', '师资交流', 0, null, [
      node('3.1', '校级领导互访', 5, '每学期互访不少于 2 次。'),
      node('3.2', '教师轮岗交流', 10, '交流教师人数不低于符合交流条件教师总数的 10%，其中骨干教师不低于 20%。'),
      node('3.3', '送教下乡', 5.25, '@提示：以送教记录为准。'),
    ]),
    node('4', '特色与成效', 24.75, '形成可推广的联盟特色做法，获市级及以上表彰的加满分；群众满意度调查结果纳入考核。'),
    node('5', '问题整改', 0, null, [node(null, '督导问题按期整改', 10, '逾期一项扣 2 分。'), node(null, '问题清单销号', 10, null)]),
  ];
  return {
    id: '00000000-0000-4000-8000-000000000999',
    createdAt: '2024-01-05T08:00:00.000Z',
    rowVersion: 1,
    updatedAt: '2024-01-06T08:00:00.000Z',
    name: '2024年度城乡教育联盟考核',
    year: 2024,
    targetType: 'alliance',
    totalScore: 100,
    gradeBands: [
      { name: '优秀', min: 90 },
      { name: '良好', min: 80 },
      { name: '合格', min: 60 },
      { name: '不合格', min: 0 },
    ],
    version: 2,
    previousVersionId: null,
    isSample: false,
    frozen: false,
    latest: true,
    evaluationCount: 0,
    indicators,
  };
}

/** The tree as the editor's draft holds it: no ids, a 一级指标's score its own or its children's sum. */
const asDraft = (indicators: Indicator[]) =>
  indicators.map((t) => ({
    code: t.code,
    name: t.name,
    maxScore: t.maxScore,
    scoringRule: t.scoringRule,
    children: t.children.map((c) => ({ code: c.code, name: c.name, maxScore: c.maxScore, scoringRule: c.scoringRule })),
  }));

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('exporting a template and reading it back', () => {
  it('reads the exported workbook back into the same tree, which the editor can save as is', async () => {
    const t = template();
    expect(t.indicators.reduce((s, i) => s + i.maxScore, 0)).toBe(100);
    const read = await readIndicatorSheet(await writeIndicatorWorkbook(t), '2024年度城乡教育联盟考核评价指标.xlsx');
    expect(read.errors).toEqual([]);
    expect(read.sheet).toBe('评价指标');
    expect(read.title).toBe('2024年度城乡教育联盟考核评价指标');
    expect(read.totalScore).toBe(100);
    expect(read.indicators).toEqual(asDraft(t.indicators));
    const saved = templateDraft.parse({ name: t.name, year: t.year, targetType: t.targetType, totalScore: read.totalScore, gradeBands: t.gradeBands, indicators: read.indicators });
    expect(saved.indicators.map((i) => i.name)).toEqual(['组织管理', '教育教学', '师资交流', '特色与成效', '问题整改']);
    expect(saved.indicators[1]!.children.map((c) => [c.code, c.name, c.maxScore])).toEqual([
      ['2.1', '联合教研', 10],
      ['2.2', '同步课堂', 8.5],
      ['2.3', '=SUM(A1)', 6.5],
    ]);
  });

  it('writes text that looks like a formula as text, never as a formula', async () => {
    const wb = await load(await writeIndicatorWorkbook(template()));
    const ws = wb.getWorksheet('评价指标')!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && looksLikeFormula(c.value) && cells.push(c))));
    expect(cells.map((c) => c.value)).toEqual(['=SUM(A1)', '-1 分/次：未按计划开展的扣分', '@提示：以送教记录为准。']);
    for (const c of cells) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
      // Text format: Excel and WPS keep it text even when the clerk edits the cell.
      expect(c.numFmt).toBe('@');
    }
    expect(looksLikeFormula('+86 0917')).toBe(true);
    expect(looksLikeFormula('\t制表符')).toBe(true);
    expect(looksLikeFormula('联合教研')).toBe(false);
  });

  it('lays the sheet out for printing: merged title and 一级指标, numbers, wrap, frozen header, A4 landscape', async () => {
    const wb = await load(await writeIndicatorWorkbook(template()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评价指标', '等次划分']);
    const ws = wb.getWorksheet('评价指标')!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    // Title, subtitle, each 一级指标 over its own row and its 二级指标 (rows 4–7, 8–11, 12–15, 17–19), 合计.
    expect([...merges].sort()).toEqual(['A1:E1', 'A2:E2', 'A20:C20', 'B12:B15', 'B17:B19', 'B4:B7', 'B8:B11'].sort());
    expect(ws.getCell('A1').value).toBe('2024年度城乡教育联盟考核评价指标');
    expect(ws.getCell('A2').value).toBe('评价对象：联盟　　年度：2024 年　　总分：100 分　　版本：第 2 版');
    expect(ws.getRow(3).values).toEqual([undefined, '编号', '一级指标', '二级指标', '分值', '评分标准']);
    // A 一级指标 row shows its subtotal; 二级指标 rows their own scores, all real numbers.
    expect([4, 5, 6, 7, 16, 20].map((r) => ws.getCell(r, 4).value)).toEqual([10, 4, 4, 2, 24.75, 100]);
    for (let r = 4; r <= 20; r++) {
      expect(ws.getCell(r, 4).type).toBe(ExcelJS.ValueType.Number);
      expect(ws.getCell(r, 4).numFmt ?? 'General').toBe('General');
    }
    expect(ws.getCell('A20').value).toBe('合计');
    expect(ws.getCell('E8').value).toBe('以学期为单位考核，材料以台账记录为准。');
    expect(ws.getCell('E9').alignment?.wrapText).toBe(true);
    expect(ws.getCell('C9').alignment?.wrapText).toBe(true);
    // A multi-line rule gets a taller row.
    expect(ws.getRow(9).height).toBeGreaterThan(ws.getRow(10).height!);
    expect(ws.getColumn(5).width).toBeGreaterThanOrEqual(30);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(14);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    });
    expect(ws.headerFooter.oddFooter).toContain('&P');

    const bands = wb.getWorksheet('等次划分')!;
    const rows: unknown[][] = [];
    bands.eachRow((row, n) => n > 2 && rows.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]));
    expect(bands.getRow(2).values).toEqual([undefined, '等次', '最低分', '分数范围']);
    expect(rows).toEqual([
      ['优秀', 90, '90 分及以上'],
      ['良好', 80, '80 分（含）至 90 分（不含）'],
      ['合格', 60, '60 分（含）至 80 分（不含）'],
      ['不合格', 0, '低于 60 分'],
    ]);
    expect(bands.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
  });

  const hasLibreOffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasLibreOffice)('prints on one A4 landscape page wide with every Chinese name, in LibreOffice', async () => {
    const out = path.join(dir, 'print');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, '评价指标.xlsx');
    fs.writeFileSync(file, await writeIndicatorWorkbook(template()));
    const converted = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, file],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(converted.status, converted.stderr).toBe(0);
    const pdf = path.join(out, '评价指标.pdf');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    // One page per sheet, landscape A4 (842 × 595 pt).
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const text = spawnSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).stdout;
    for (const words of ['2024年度城乡教育联盟考核评价指标', '组织管理', '教师轮岗交流', '=SUM(A1)', '合计', '100', '第 1 页，共 2 页']) {
      expect(text).toContain(words);
    }
    const artifacts = path.join(root, 'test', 'artifacts');
    fs.mkdirSync(artifacts, { recursive: true });
    for (const [page, name] of [
      [1, 'indicator-export'],
      [2, 'indicator-export-grades'],
    ] as const) {
      const png = spawnSync('pdftoppm', ['-png', '-r', '110', '-f', String(page), '-l', String(page), '-singlefile', pdf, path.join(artifacts, name)]);
      expect(png.status).toBe(0);
    }
    expect(fs.statSync(path.join(artifacts, 'indicator-export.png')).size).toBeGreaterThan(10_000);
  });
});

describe('reading the sheets clerks send', () => {
  /** Two merged title rows, a header in another order with synonyms, 一级指标 merged down. */
  async function messyWorkbook(): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填表说明', { state: 'hidden' }).addRow(['请按要求填写']);
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['宝鸡市2024年城乡教育联盟考核评价细则']);
    ws.mergeCells(1, 1, 1, 6);
    ws.addRow(['（试行）']);
    ws.mergeCells(2, 1, 2, 6);
    ws.addRow(['序号', '评分细则', ' 评价要点 ', '分　值（分）', '评价　维度', '备注']);
    ws.addRow([1, '每学期不少于 4 次', '联合教研', '5分', '教研共同体', '重点']);
    ws.addRow([2, '每周不少于 1 节', '同步课堂', 10, null, null]);
    ws.mergeCells(4, 5, 5, 5);
    ws.addRow([]);
    ws.addRow([3, '人数达标', '教师轮岗', '１０', '师资交流', null]);
    ws.addRow([4, null, '跟岗学习', '5.5', null, '新增']);
    ws.mergeCells(7, 5, 8, 5);
    ws.addRow([5, '获市级表彰', null, 20, '　特色发展 ', null]);
    ws.addRow(['合  计', null, null, 50.5, null, null]);
    ws.mergeCells(10, 1, 10, 3);
    return wb;
  }

  const messyTree = [
    {
      code: null,
      name: '教研共同体',
      maxScore: 15,
      scoringRule: null,
      children: [
        { code: '1', name: '联合教研', maxScore: 5, scoringRule: '每学期不少于 4 次' },
        { code: '2', name: '同步课堂', maxScore: 10, scoringRule: '每周不少于 1 节' },
      ],
    },
    {
      code: null,
      name: '师资交流',
      maxScore: 15.5,
      scoringRule: null,
      children: [
        { code: '3', name: '教师轮岗', maxScore: 10, scoringRule: '人数达标' },
        { code: '4', name: '跟岗学习', maxScore: 5.5, scoringRule: null },
      ],
    },
    { code: '5', name: '特色发展', maxScore: 20, scoringRule: '获市级表彰', children: [] },
  ];

  it('reads a hand-made sheet: title rows, synonyms, columns out of order, merged 一级指标, scores as text, 合计', async () => {
    const read = await readIndicatorSheet(await bytesOf(await messyWorkbook()), '考核细则.xlsx');
    expect(read.errors).toEqual([]);
    expect(read.sheet).toBe('Sheet1');
    expect(read.title).toBe('宝鸡市2024年城乡教育联盟考核评价细则');
    expect(read.totalScore).toBe(50.5);
    expect(read.indicators).toEqual(messyTree);
    const saved = templateDraft.parse({ name: '考核细则', targetType: 'alliance', totalScore: read.totalScore, gradeBands: [{ name: '合格', min: 30 }], indicators: read.indicators });
    expect(saved.indicators).toHaveLength(3);
  });

  it('reads the same sheet saved as CSV (UTF-8 with BOM), the 一级指标 left blank under its first row', async () => {
    const csv = [
      '宝鸡市2024年城乡教育联盟考核评价细则,,,,,',
      '序号,评分细则, 评价要点 ,分　值（分）,评价　维度,备注',
      '1,每学期不少于 4 次,联合教研,5分,教研共同体,重点',
      '2,每周不少于 1 节,同步课堂,10,,',
      ',,,,,',
      '3,人数达标,教师轮岗,１０,师资交流,',
      '4,,跟岗学习,5.5,,新增',
      '5,获市级表彰,,20,　特色发展 ,',
      '合  计,,,50.5,,',
    ].join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
    const read = await readIndicatorSheet(bytes, '考核细则.csv');
    expect(read.errors).toEqual([]);
    expect(read.sheet).toBe('考核细则');
    expect(read.title).toBe('宝鸡市2024年城乡教育联盟考核评价细则');
    expect(read.totalScore).toBe(50.5);
    expect(read.indicators).toEqual(messyTree);
  });

  it('gives a 序号 merged like the 一级指标 to the 一级指标', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评价指标');
    ws.addRow(['序号', '考核项目', '考核内容', '满分', '考核标准']);
    ws.addRow(['一', '组织领导', '领导小组', 3, '有文件']);
    ws.addRow([null, null, '工作计划', 2, '有计划']);
    ws.mergeCells('A2:A3');
    ws.mergeCells('B2:B3');
    ws.addRow(['二', '教学研究', '联合教研', 5, null]);
    const read = await readIndicatorSheet(await bytesOf(wb), 'x.xlsx');
    expect(read.errors).toEqual([]);
    expect(read.title).toBeNull();
    expect(read.indicators.map((t) => [t.code, t.name, t.children?.map((c) => c.code)])).toEqual([
      ['一', '组织领导', [null, null]],
      ['二', '教学研究', [null]],
    ]);
  });

  /** A plain sheet: header on row 1 as written in `header`, then the rows. */
  async function plain(header: string[], rows: ExcelJS.CellValue[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评价指标');
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    return bytesOf(wb);
  }

  it('reports a score that is not a number with its sheet, Excel row and column as written', async () => {
    const bytes = await plain(
      ['编号', '一级指标', '二级指标', '分　值'],
      [
        ['1', '组织管理', '机构健全', 5],
        ['2', '教学研究', '联合教研', '十分'],
        ['3', '教学研究', '同步课堂', '5分'],
        ['合计', null, null, 99],
      ],
    );
    const read = await readIndicatorSheet(bytes, '指标.xlsx');
    expect(read.errors).toEqual([{ sheet: '评价指标', row: 3, column: '分　值', message: '分值应为数字' }]);
    // The tree is still there for the preview; the 一级指标 written on each row stays one.
    expect(read.indicators.map((t) => [t.name, t.children?.length])).toEqual([
      ['组织管理', 1],
      ['教学研究', 2],
    ]);
  });

  it('reports a 一级指标 whose 分值 is not the sum of its 二级指标, on its row', async () => {
    const bytes = await plain(
      ['一级指标', '二级指标', '分值'],
      [
        ['组织管理', null, 20],
        [null, '机构健全', 10],
        [null, '制度完善', 5],
        ['特色发展', null, 10],
      ],
    );
    const read = await readIndicatorSheet(bytes, '指标.xlsx');
    expect(read.errors).toEqual([
      { sheet: '评价指标', row: 2, column: '分值', message: '一级指标“组织管理”的分值 20 与其二级指标分值之和 15 不一致' },
    ]);
  });

  it('reports a 合计 that differs from the sum of the indicators', async () => {
    const bytes = await plain(
      ['一级指标', '二级指标', '分值', '评分标准'],
      [
        ['组织管理', '机构健全', 10, '有文件'],
        [null, '制度完善', 5, null],
        ['特色发展', null, '10', null],
        [],
        ['总计：', null, '100分', null],
      ],
    );
    const read = await readIndicatorSheet(bytes, '指标.xlsx');
    expect(read.totalScore).toBe(25);
    expect(read.errors).toEqual([{ sheet: '评价指标', row: 6, column: '分值', message: '总计 100 与各指标分值之和 25 不一致' }]);
  });

  it('reports a 二级指标 with no 一级指标 above it, a missing score, and repeated codes', async () => {
    const bytes = await plain(
      ['指标编号', '一级', '二级', '分数'],
      [
        ['A1', null, '机构健全', 10],
        ['A2', '组织管理', '制度完善', null],
        ['A2', null, '经费保障', 3],
      ],
    );
    const read = await readIndicatorSheet(bytes, '指标.xlsx');
    expect(read.errors).toEqual([
      { sheet: '评价指标', row: 2, column: '一级', message: '二级指标“机构健全”前面没有一级指标，请填写一级指标' },
      { sheet: '评价指标', row: 3, column: '分数', message: '未填写分值' },
      { sheet: '评价指标', row: 4, column: '指标编号', message: '编号“A2”与“制度完善”重复' },
    ]);
  });

  it('says clearly when no header can be found, and refuses old .xls files', async () => {
    const bytes = await plain(['学校名称', '联系人', '电话'], [['经二路小学', '张明', '0917-1234567']]);
    await expect(readIndicatorSheet(bytes, '名单.xlsx')).rejects.toThrow(
      '工作表“评价指标”的前 10 行中没有找到表头：缺少列 一级指标、二级指标、分值。请检查表头是否与模板一致',
    );
    await expect(readIndicatorSheet(bytes, '指标.xls')).rejects.toThrow(/另存为” \.xlsx/);
  });
});
