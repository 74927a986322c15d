// 导入问题清单: the messy spreadsheets clerks really receive are read right, every row that
// cannot be understood is reported with its Excel row number and header, and nothing is
// written until the whole file is clean.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDate, parseNumber, parseYesNo } from '../electron/services/import/parse-values';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

const root = path.resolve(__dirname, '..');
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

let world: AllianceWorld;
beforeEach(async () => {
  world = await makeAllianceWorld({ today: '2024-02-01' });
});
afterEach(() => world.close());

type Cell = ExcelJS.CellValue;

/** An .xlsx the way schools send it back: two merged title rows, then the header. */
async function xlsx(name: string, header: string[], rows: Cell[][], tweak?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明', { state: 'hidden' }).addRow(['填表说明']);
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(['2024年城乡教育联盟问题清单']);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(['填报单位：（盖章）            填报日期：']);
  ws.mergeCells(2, 1, 2, header.length);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  tweak?.(ws);
  const file = path.join(world.dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Turns a custom date format into the built-in Chinese one (numFmt 31), as Excel/WPS save it. */
async function useBuiltinChineseDate(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  let styles = await zip.file('xl/styles.xml')!.async('string');
  const custom = /<numFmt numFmtId="(\d+)" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"\/>/.exec(styles);
  if (!custom) throw new Error('no custom date format to replace');
  styles = styles.replace(custom[0], '').replaceAll(`numFmtId="${custom[1]}"`, 'numFmtId="31"');
  zip.file('xl/styles.xml', styles);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

const args = (file: string, extra: Record<string, unknown> = {}) => ({
  kind: 'problems' as const,
  fileName: path.basename(file),
  dataBase64: fs.readFileSync(file).toString('base64'),
  ...extra,
});

const header = ['序号', '问　题', ' 联盟名称 ', '学校名称', '负责人', '完成时限', '工作目标（年度）', '备注', '状态'];
const messyRows = (): Cell[][] => [
  [1, '课后服务课程单一', '渭滨区城乡教育联盟', '经二路小学', '张  明', utc(2024, 3, 5), '开齐开足', '', '未开始'],
  [2, '青年教师培养不足', '渭滨区城乡教育联盟', '', '李华', 45356, '', '补报', '进行中'],
  [3, '送教下乡次数偏少', '凤县山区学校联盟', '虢镇小学', '王强', '2024.3.5', null, null, '未完成'],
  [],
  [4, '联合教研记录不全', '凤县山区学校联盟', '凤州小学', '赵敏', '2024年3月5日', null, null, '已完成'],
  [5, '县域交流机制不健全', '凤县—太白县区联盟', '太白县咀头小学', '钱进', utc(2024, 6, 30), null, null, ''],
  ['合计', '5 项'],
];

async function messyFile(name = 'messy.xlsx'): Promise<string> {
  const file = await xlsx(name, header, messyRows(), (ws) => {
    // 完成时限 of the last data row (Excel row 9) in 2024年6月30日 format.
    ws.getCell(9, 6).numFmt = 'yyyy"年"m"月"d"日"';
  });
  await useBuiltinChineseDate(file);
  return file;
}

async function listProblems() {
  const page = await world.call('problems.list', { pageSize: 50, sortBy: 'dueOn' });
  return page.rows;
}

describe('导入问题清单', () => {
  it('reads a messy sheet: title rows, synonyms, odd spaces, every date spelling, blank and 合计 rows', async () => {
    const file = await messyFile();
    const preview = await world.call('imports.preview', args(file));
    expect(preview).toMatchObject({ sheet: '问题清单', headerRow: 3, rows: { create: 5, update: 0, skip: 0 }, errors: [] });
    expect(preview.columns).toEqual(['联盟名称', '学校名称', '问　题', '工作目标（年度）', '完成时限', '负责人', '状态']);
    expect(preview.sample.map((s) => s.row)).toEqual([4, 5, 6, 8, 9]);
    expect(await world.rows('problems')).toBe(0);

    const result = await world.call('imports.commit', args(file));
    expect(result).toMatchObject({ written: 5, rows: { create: 5 } });
    const problems = await listProblems();
    const byDesc = new Map(problems.map((p) => [p.description, p]));
    expect(byDesc.get('课后服务课程单一')).toMatchObject({
      allianceName: '渭滨区城乡教育联盟',
      schoolName: '经二路小学',
      owner: '张  明',
      dueOn: '2024-03-05',
      goal: '开齐开足',
      status: 'open',
    });
    expect(byDesc.get('青年教师培养不足')).toMatchObject({ dueOn: '2024-03-05', schoolId: null, status: 'in_progress' });
    expect(byDesc.get('送教下乡次数偏少')).toMatchObject({ dueOn: '2024-03-05', schoolName: '虢镇小学', status: 'open' });
    expect(byDesc.get('联合教研记录不全')).toMatchObject({ dueOn: '2024-03-05', status: 'done', doneOn: '2024-02-01' });
    // A county alliance's schools are the schools of its member counties.
    expect(byDesc.get('县域交流机制不健全')).toMatchObject({ dueOn: '2024-06-30', schoolName: '太白县咀头小学' });
    // Written through the problems repository: each one audited under the operator's name.
    const audits = await world.audits('problems', 'create');
    expect(audits).toHaveLength(5);
    expect(audits[0].operator).toBe('王科员');
  });

  it('reports each bad row with its Excel row, the header as written and the reason, and writes nothing', async () => {
    const rows = messyRows();
    rows[1] = [2, '青年教师培养不足', '金台区教育联盟', '', '李华', 45356, '', '', '进行中'];
    rows[2] = [3, '送教下乡次数偏少', '凤县山区学校联盟', '东仁堡小学', '王强', '2024.13.5', null, null, '快好了'];
    const file = await xlsx('bad.xlsx', header, rows);
    const preview = await world.call('imports.preview', args(file));
    expect(preview.errors).toEqual([
      { sheet: '问题清单', row: 5, column: ' 联盟名称 '.trim(), message: '联盟“金台区教育联盟”不存在或已删除' },
      { sheet: '问题清单', row: 6, column: '学校名称', message: '学校“东仁堡小学”不是联盟“凤县山区学校联盟”的成员校' },
      { sheet: '问题清单', row: 6, column: '完成时限', message: '日期“2024.13.5”不存在' },
      { sheet: '问题清单', row: 6, column: '状态', message: '“快好了”无法识别，应为 未开始、未完成、进行中、已完成 之一' },
    ]);
    expect(preview.rows.create).toBe(3);

    const refused = await world.reply('imports.commit', args(file));
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    expect(!refused.ok && refused.message).toContain('文件中有 4 处错误，未导入任何数据');
    expect(await world.rows('problems')).toBe(0);
    expect(await world.audits('problems')).toHaveLength(0);
  });

  it('skips everything when the same file is imported twice, and updates a changed row', async () => {
    const file = await messyFile();
    await world.call('imports.commit', args(file));
    const again = await world.call('imports.preview', args(file));
    expect(again.rows).toEqual({ create: 0, update: 0, skip: 5 });
    expect((await world.call('imports.commit', args(file))).written).toBe(0);

    const rows = messyRows();
    rows[1] = [2, '青年教师培养不足', '渭滨区城乡教育联盟', '', '李华', '2024-04-30', '', '', '已完成'];
    const changed = await xlsx('changed.xlsx', header, rows);
    const result = await world.call('imports.commit', args(changed));
    expect(result.rows).toEqual({ create: 0, update: 1, skip: 4 });
    expect(await world.rows('problems')).toBe(5);
    const updated = (await listProblems()).find((p) => p.description === '青年教师培养不足');
    expect(updated).toMatchObject({ dueOn: '2024-04-30', status: 'done', doneOn: '2024-02-01' });
    expect(await world.audits('problems', 'update')).toHaveLength(1);
  });

  it('reads a CSV saved by Chinese Excel in GBK, and one in UTF-8 with a BOM', async () => {
    const csv = [
      '联盟,问题描述,整改时限,责任人,学校',
      '渭滨区城乡教育联盟,"食堂管理制度不完善,需修订",2024/3/5,周红,清姜路小学',
      ',,,,',
      '凤县山区学校联盟,功能室使用率低,2024-03-05,吴刚,',
    ].join('\r\n');
    const gbk = path.join(world.dir, '问题清单.csv');
    fs.writeFileSync(gbk, iconv.encode(csv, 'gbk'));
    const preview = await world.call('imports.preview', args(gbk));
    expect(preview).toMatchObject({ headerRow: 1, rows: { create: 2 }, errors: [] });
    expect(preview.sample[0]!.values).toMatchObject({ 问题描述: '食堂管理制度不完善,需修订', 学校: '清姜路小学', 完成时限: '2024-03-05' });

    const utf8 = path.join(world.dir, 'utf8.csv');
    fs.writeFileSync(utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
    await world.call('imports.commit', args(utf8));
    expect(await world.rows('problems')).toBe(2);
  });

  it('reads the sheet the clerk names, and says which sheets exist when the name is wrong', async () => {
    const file = await messyFile();
    expect((await world.call('imports.preview', args(file, { sheet: '问题清单' }))).rows.create).toBe(5);
    const hidden = await world.reply('imports.preview', args(file, { sheet: '说明' }));
    expect(!hidden.ok && hidden.message).toContain('工作表“说明”的前 10 行中没有找到表头');
    const wrong = await world.reply('imports.preview', args(file, { sheet: 'Sheet1' }));
    expect(!wrong.ok && wrong.message).toBe('文件中没有名为“Sheet1”的工作表（现有：“说明”、“问题清单”）');
  });

  it('reports the same problem twice in one file instead of guessing which row wins', async () => {
    const rows = messyRows();
    rows[1] = [2, '课后服务课程单一', '渭滨区城乡教育联盟', '', '李华', '2024-04-30', '', '', ''];
    const file = await xlsx('twice.xlsx', header, rows);
    const preview = await world.call('imports.preview', args(file));
    expect(preview.errors).toEqual([
      { sheet: '问题清单', row: 5, column: '问　题', message: '与第 4 行是同一联盟的同一问题，请合并为一行' },
    ]);
  });

  it('refuses .xls and .et files and asks for .xlsx', async () => {
    for (const name of ['旧表.xls', '旧表.et']) {
      const reply = await world.reply('imports.preview', { kind: 'problems', fileName: name, dataBase64: 'AAAA' });
      expect(reply).toMatchObject({ ok: false, code: 'invalid' });
      expect(!reply.ok && reply.message).toMatch(/另存为” \.xlsx/);
    }
  });

  it('says which required columns are missing when no header is found', async () => {
    const file = await xlsx('nohead.xlsx', ['联盟名称', '问题描述', '备注'], [['渭滨区城乡教育联盟', '某问题', '']]);
    const reply = await world.reply('imports.preview', args(file));
    expect(!reply.ok && reply.message).toContain('缺少列 完成时限、责任人');
  });

  it('stops and writes nothing when the clerk cancels', async () => {
    const controller = new AbortController();
    world.ctx.progress = (p) => {
      if (p.phase === '写入数据') controller.abort();
    };
    world.ctx.signal = controller.signal;
    const rows = messyRows();
    // Enough rows that the write phase reports progress before the last one.
    const many = [...Array(60)].map((_, i) => [i, `问题${i}`, '渭滨区城乡教育联盟', '', '张三', '2024-05-01', '', '', ''] as Cell[]);
    const big = await xlsx('big.xlsx', header, [...many, ...rows.slice(0, 1)]);
    const reply = await world.reply('imports.commit', args(big));
    expect(reply).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await world.rows('problems')).toBe(0);
    world.ctx.progress = undefined;
    world.ctx.signal = undefined;
  });
});

describe('npm run ledger -- import', () => {
  const ledger = (...a: string[]) => {
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['electron/cli/main.ts', ...a], { cwd: root, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('previews with --dry-run, imports, reports errors with exit 1 and refuses an unknown kind with exit 2', async () => {
    const file = await messyFile();
    const dry = ledger('import', '问题清单', file, '--db', world.file, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ created: 5, updated: 0, skipped: 0, errors: [], dryRun: true });
    const stats = () => JSON.parse(ledger('stats', '--db', world.file, '--json').out).problems;
    expect(stats()).toBe(0);

    const done = ledger('import', 'problems', file, '--db', world.file, '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ created: 5, updated: 0, skipped: 0, errors: [] });
    expect(stats()).toBe(5);

    const rows = messyRows();
    rows[0] = [1, '新问题', '不存在的联盟', '', '张三', '2024-05-01', '', '', ''];
    const bad = await xlsx('bad.xlsx', header, rows);
    const refused = ledger('import', 'problems', bad, '--db', world.file, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({
      created: 0,
      updated: 0,
      skipped: 0,
      errors: [{ sheet: '问题清单', row: 4, column: '联盟名称', message: '联盟“不存在的联盟”不存在或已删除' }],
    });
    expect(JSON.parse(refused.err)).toMatchObject({
      code: 'invalid',
      errors: [{ sheet: '问题清单', row: 4, column: '联盟名称', message: '联盟“不存在的联盟”不存在或已删除' }],
    });
    expect(stats()).toBe(5);

    expect(ledger('import', 'gizmos', file, '--db', world.file, '--json').code).toBe(2);
  });
});

describe('cell values as clerks type them', () => {
  it('reads dates, numbers stored as text and 是/否', () => {
    for (const v of [utc(2024, 3, 5), 45356, '45356', '2024.3.5', '2024-03-05', '2024/3/5', '2024年3月5日', ' 2024 年 3 月 5 日 ', '20240305']) {
      expect(parseDate(v)).toEqual({ ok: true, value: '2024-03-05' });
    }
    expect(parseDate('2024-02-30')).toEqual({ ok: false, reason: '日期“2024-02-30”不存在' });
    expect(parseDate('下周')).toMatchObject({ ok: false });
    expect(parseNumber('1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseNumber('３５')).toEqual({ ok: true, value: 35 });
    expect(parseNumber('三十')).toMatchObject({ ok: false, reason: '“三十”不是数字' });
    expect(parseYesNo('是')).toEqual({ ok: true, value: true });
    expect(parseYesNo('否')).toEqual({ ok: true, value: false });
    expect(parseYesNo('也许')).toMatchObject({ ok: false });
  });
});
