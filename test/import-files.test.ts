// Files that are not what they claim (a PDF named .xlsx, a password-protected workbook, an
// empty file, a truncated download, a sheet of a million rows) are refused with a clear
// Chinese message and change nothing; blank templates come with dropdowns and a 填写说明
// sheet and import as they are; the error list exports for the sender; and the CLI prints
// the contract's summary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importKinds, type ImportKind } from '../electron/api/imports';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';

const root = path.resolve(__dirname, '..');
let world: AllianceWorld;
beforeEach(async () => {
  world = await makeAllianceWorld({ today: '2024-06-01' });
});
afterEach(() => world.close());

const input = (kind: ImportKind, fileName: string, bytes: Uint8Array) => ({
  kind,
  fileName,
  dataBase64: Buffer.from(bytes).toString('base64'),
});

async function refusal(fileName: string, bytes: Uint8Array, kind: ImportKind = 'activities'): Promise<string> {
  const reply = await world.reply('imports.preview', input(kind, fileName, bytes));
  expect(reply).toMatchObject({ ok: false, code: 'invalid' });
  const commit = await world.reply('imports.commit', input(kind, fileName, bytes));
  expect(commit).toMatchObject({ ok: false });
  return reply.ok ? '' : reply.message;
}

async function activitySheet(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('活动');
  ws.addRow(['联盟名称', '活动日期', '活动类别', '活动主题', '参与人数']);
  for (let i = 0; i < rows; i++) ws.addRow(['渭滨区城乡教育联盟', '2024-03-05', '教研交流', `主题${i}`, 10]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet of `rows` rows written straight as XML (what exceljs would need ~10 GB to hold). */
async function hugeSheet(rows: number, withDimension: boolean, declared = rows): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await activitySheet(1));
  const parts: string[] = [];
  parts.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
  if (withDimension) parts.push(`<dimension ref="A1:E${declared}"/>`);
  parts.push('<sheetData>');
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
  parts.push('</sheetData></worksheet>');
  zip.file('xl/worksheets/sheet1.xml', parts.join(''));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('bad files', () => {
  it('refuses a file that is not a spreadsheet', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n');
    expect(await refusal('活动.xlsx', pdf)).toBe('文件不是 Excel 表格（.xlsx），无法读取。请确认选择的是报来的表格文件，而不是改了扩展名的其他文件');
    const docx = await new JSZip().file('word/document.xml', '<w:document/>').generateAsync({ type: 'nodebuffer' });
    expect(await refusal('活动.xlsx', docx)).toContain('其中没有工作簿');
  });

  it('refuses a password-protected workbook and an old .xls renamed to .xlsx', async () => {
    // Excel saves an encrypted workbook as an OLE container with an EncryptedPackage stream.
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1152);
    expect(await refusal('加密.xlsx', ole)).toContain('文件设置了打开密码，无法读取');
    const xls = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    Buffer.from('Workbook', 'utf16le').copy(xls, 1024);
    expect(await refusal('旧表.xlsx', xls)).toContain('这是旧版 .xls 格式的文件');
    expect(await refusal('旧表.xls', xls)).toContain('另存为” .xlsx');
    expect(await refusal('旧表.et', xls)).toContain('另存为” .xlsx');
  });

  it('refuses an empty file, an empty sheet and a sheet with a header only', async () => {
    expect(await refusal('空.xlsx', new Uint8Array())).toBe('文件“空.xlsx”是空的（0 字节），请检查是否选错了文件');
    expect(await refusal('空.csv', new Uint8Array())).toBe('文件“空.csv”是空的（0 字节），请检查是否选错了文件');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    expect(await refusal('空表.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).toBe('工作表“Sheet1”是空的，没有可导入的内容');
    expect(await refusal('表头.xlsx', await activitySheet(0))).toBe('工作表“活动”的表头下面没有数据');
  });

  it('refuses a truncated download', async () => {
    const whole = await activitySheet(50);
    expect(await refusal('截断.xlsx', whole.subarray(0, Math.floor(whole.length / 2)))).toContain('文件不完整或已损坏');
    // Only the end (the zip's directory) lost.
    expect(await refusal('截断.xlsx', whole.subarray(0, whole.length - 30))).toContain('文件不完整或已损坏');
  });

  it('refuses a sheet of a million rows quickly, with or without the dimension Excel writes', async () => {
    for (const withDimension of [true, false]) {
      const bytes = await hugeSheet(1_000_000, withDimension);
      const started = Date.now();
      const message = await refusal('百万行.xlsx', bytes);
      // Both preview and commit refused, each without loading the sheet.
      expect(message).toBe(
        `工作表“活动”${withDimension ? '有 1,000,000 行' : '超过 200,000 行'}，超过一次导入的上限 200,000 行。请按学期或联盟拆分成几个文件分别导入`,
      );
      expect(Date.now() - started).toBeLessThan(3_000);
    }
    expect(await world.rows('activities')).toBe(0);
  }, 60_000);

  it('refuses a sheet whose <dimension> understates its rows, while reading it', async () => {
    // Declared large enough to be streamed; the reader counts what is really there.
    const message = await refusal('少报行数.xlsx', await hugeSheet(250_000, true, 30_000));
    expect(message).toBe('工作表“活动”超过 200,000 行，超过一次导入的上限 200,000 行。请按学期或联盟拆分成几个文件分别导入');
    expect(await world.rows('activities')).toBe(0);
  }, 60_000);

  it('streams a sheet too large to load whole, with progress, and still reads its Chinese dates', async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(world.dir, 'big.xlsx'), useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet('活动台账');
    ws.addRow(['2024年交流活动台账']).commit();
    ws.addRow(['联盟名称', '活动日期', '活动类别', '活动主题', '参与人数']).commit();
    const day = ws.getColumn(2);
    day.numFmt = 'yyyy"年"m"月"d"日"';
    for (let i = 0; i < 21_000; i++) ws.addRow(['渭滨区城乡教育联盟', new Date(Date.UTC(2024, 2, 1 + (i % 30))), '教研交流', `主题${i}`, '12']).commit();
    await wb.commit();
    const bytes = fs.readFileSync(path.join(world.dir, 'big.xlsx'));
    const phases = new Set<string>();
    world.ctx.progress = (p) => phases.add(p.phase);
    const preview = await world.call('imports.preview', input('activities', 'big.xlsx', bytes));
    expect(preview).toMatchObject({ headerRow: 2, rows: { create: 21_000 }, errorCount: 0 });
    expect(preview.sample[0]!.values).toMatchObject({ 活动日期: '2024-03-01', 参与人数: '12' });
    expect([...phases]).toEqual(expect.arrayContaining(['读取文件', '核对数据']));
    world.ctx.progress = undefined;
  }, 120_000);

  it('streams a large sheet of inline Chinese text without garbling a character split between two chunks', async () => {
    // exceljs's own streaming reader decodes each chunk alone, so a character whose bytes
    // straddle two chunks came out as two replacement characters and the alliance was "not found".
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(world.dir, 'inline.xlsx'), useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('活动台账');
    ws.addRow(['联盟名称', '活动日期', '活动类别', '活动主题', '活动成效']).commit();
    for (let i = 0; i < 21_000; i++) {
      ws.addRow(['渭滨区城乡教育联盟', '2024-03-05', '教研交流', `“双减”背景下的作业设计研讨第${i + 1}次`, '成员校教师同课异构并集体评议，形成了可推广的经验做法。']).commit();
    }
    ws.commit();
    await wb.commit();
    const bytes = fs.readFileSync(path.join(world.dir, 'inline.xlsx'));
    const preview = await world.call('imports.preview', input('activities', 'inline.xlsx', bytes));
    expect(preview).toMatchObject({ rows: { create: 21_000 }, errorCount: 0 });
    expect(preview.sample[19]!.values).toMatchObject({ 联盟名称: '渭滨区城乡教育联盟', 活动主题: '“双减”背景下的作业设计研讨第20次' });
  }, 120_000);
});

describe('blank templates', () => {
  it('gives every kind a template with its header, dropdowns for enumerated columns and a 填写说明 sheet', async () => {
    await world.call('settings.update', { extraActivityForms: ['名师工作室'] });
    for (const kind of importKinds) {
      const file = await world.call('imports.template', { kind });
      expect(file.fileName).toMatch(/导入模板\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as never);
      expect(wb.worksheets.map((w) => w.name)[1]).toBe('填写说明');
      const ws = wb.worksheets[0]!;
      const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
      expect(header.length).toBeGreaterThan(3);
      const explained = wb.getWorksheet('填写说明')!;
      const explainedNames: string[] = [];
      explained.eachRow((r) => explainedNames.push(String(r.getCell(1).value)));
      for (const h of header) expect(explainedNames).toContain(h.replace(/^\*/, ''));
      if (kind === 'activities') {
        const col = header.indexOf('*活动类别') + 1;
        expect(ws.getCell(3, col).dataValidation).toMatchObject({ type: 'list', formulae: ['"党建交流,理念引领,教师交流,教研交流,管理协作,学生活动,课程共享,文化活动,其他"'] });
        const form = header.indexOf('活动形式') + 1;
        expect(ws.getCell(50, form).dataValidation.formulae[0]).toContain('名师工作室');
      }
      if (kind === 'schools') expect(ws.getCell(3, header.indexOf('*学段') + 1).dataValidation.type).toBe('list');
    }
  });

  it('imports a filled-in template as it is', async () => {
    const file = await world.call('imports.template', { kind: 'schools' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    ws.getRow(3).values = ['新建路小学', '渭滨区', '小学', '3161000001', '城区', '否', '是', 1200, 80];
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const result = await world.call('imports.commit', input('schools', '学校导入模板.xlsx', bytes));
    expect(result).toMatchObject({ headerRow: 2, rows: { create: 1 } });
    expect((await world.call('schools.list', { search: '新建路' })).rows).toMatchObject([{ code: '3161000001', isNew: true }]);
  });
});

describe('error list', () => {
  it('exports every error with sheet, row, column and reason as an .xlsx to send back', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('活动');
    ws.addRow(['联盟名称', '活动日期', '活动类别', '活动主题']);
    ws.addRow(['不存在的联盟', '2024-03-05', '教研交流', '主题']);
    ws.addRow(['渭滨区城乡教育联盟', '昨天', '教研交流', '=主题']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const file = await world.call('imports.errorReport', input('activities', '三月活动.xlsx', bytes));
    expect(file.fileName).toBe('三月活动_错误清单.xlsx');
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(Buffer.from(file.dataBase64, 'base64') as never);
    const sheet = report.getWorksheet('错误清单')!;
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '工作表', '行号', '列', '错误原因']);
    expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual([1, '活动', 2, '联盟名称', '联盟“不存在的联盟”不存在或已删除']);
    expect((sheet.getRow(5).values as unknown[]).slice(1, 5)).toEqual([2, '活动', 3, '活动日期']);
  });
});

describe('npm run ledger -- import / template', () => {
  const ledger = (...a: string[]) => {
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['electron/cli/main.ts', ...a], { cwd: root, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('writes a blank template, imports it filled in, and reports errors with exit 1 writing nothing', async () => {
    const out = path.join(world.dir, '学校模板.xlsx');
    expect(ledger('template', 'schools', '--out', out).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    wb.worksheets[0]!.getRow(3).values = ['新建路小学', '渭滨区', '小学'];
    wb.worksheets[0]!.getRow(4).values = ['东风路小学', '不存在县', '小学'];
    await wb.xlsx.writeFile(out);
    const schools = () => JSON.parse(ledger('stats', '--db', world.file, '--json').out).schools;
    expect(schools()).toBe(6);

    const bad = ledger('import', 'schools', out, '--db', world.file, '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({
      created: 0,
      updated: 0,
      skipped: 0,
      errors: [{ sheet: '学校', row: 4, column: '*所在县区', message: '县区“不存在县”不在本台账的行政区划中' }],
    });
    expect(schools()).toBe(6);

    wb.worksheets[0]!.getRow(4).values = ['东风路小学', '金台区', '小学'];
    await wb.xlsx.writeFile(out);
    const dry = ledger('import', 'schools', out, '--db', world.file, '--dry-run', '--json');
    expect(JSON.parse(dry.out)).toMatchObject({ created: 2, updated: 0, skipped: 0, errors: [], dryRun: true });
    expect(schools()).toBe(6);
    const done = ledger('import', 'schools', out, '--db', world.file, '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ created: 2, updated: 0, skipped: 0, errors: [] });
    const again = ledger('import', 'schools', out, '--db', world.file, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ created: 0, updated: 0, skipped: 2, errors: [] });
    expect(schools()).toBe(8);

    const truncated = path.join(world.dir, '截断.xlsx');
    fs.writeFileSync(truncated, fs.readFileSync(out).subarray(0, 1000));
    const broken = ledger('import', 'schools', truncated, '--db', world.file, '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.err)).toMatchObject({ code: 'invalid', message: expect.stringContaining('文件不完整或已损坏') });
    expect(JSON.parse(broken.out).errors[0].message).toContain('文件不完整或已损坏');
    expect(ledger('template', 'gizmos', '--out', out).code).toBe(2);
  }, 60_000);
});
