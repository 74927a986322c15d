// Every report of a county's sample ledger, as a third-party reader sees it: LibreOffice
// (headless) opens each workbook and prints it to PDF — A4 landscape, one page wide — and
// one printout is turned into a PNG to look at. The 年度考核结果汇总表 is checked against
// the results screen's numbers, and the CLI writes --out only when the export succeeds.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportKinds, type ReportKind } from '../electron/api/reports';
import { makeLedger, type TestLedger } from './support/ledger';

const root = path.resolve(__dirname, '..');
const artifacts = path.join(root, 'test', 'artifacts');
let ledger: TestLedger;
let out: string;
const files = new Map<ReportKind, string>();

beforeAll(async () => {
  ledger = await makeLedger({ today: '2026-03-10' });
  await ledger.call('sample.load', { scale: 'county', seed: 7 });
  out = path.join(ledger.dir, 'reports');
  fs.mkdirSync(out);
  for (const report of reportKinds) {
    const templates = await ledger.call('evaluations.yearTemplates', { year: 2025 });
    const templateId = report === 'evaluation' ? templates.find((t) => t.targetType === 'alliance')?.templateId : undefined;
    const file = await ledger.call('reports.export', { report, period: { type: 'year', year: 2025 }, ...(templateId ? { templateId } : {}) });
    const target = path.join(out, `${report}.xlsx`);
    fs.writeFileSync(target, Buffer.from(file.dataBase64, 'base64'));
    files.set(report, target);
  }
}, 120_000);
afterAll(() => ledger.close());

async function workbook(report: ReportKind): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(files.get(report)!);
  return wb;
}

describe('年度考核结果汇总表', () => {
  it('shows the ranked results of the year with each 一级指标, total, grade and rank', async () => {
    const templates = await ledger.call('evaluations.yearTemplates', { year: 2025 });
    const template = templates.find((t) => t.targetType === 'alliance')!;
    const results = await ledger.call('evaluations.results', { templateId: template.templateId, year: 2025, includeDrafts: false, pageSize: 500 });
    const ws = (await workbook('evaluation')).getWorksheet('考核结果')!;
    expect(ws.getCell('A1').value).toBe('2025年教育联盟考核结果汇总表');
    const dims = results.dimensions.length;
    // The 一级指标 under one header naming the template, the rest spanning both header rows.
    expect(ws.getCell('D3').value).toBe(template.name);
    expect(ws.getCell('D4').value).toBe(`${results.dimensions[0]!.name}（${results.dimensions[0]!.maxScore}分）`);
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = 5; typeof ws.getRow(r).getCell(1).value === 'number'; r++) rows.push((ws.getRow(r).values as ExcelJS.CellValue[]).slice(1));
    expect(rows).toHaveLength(results.page.total);
    results.page.rows.forEach((expected, i) => {
      const row = rows[i]!;
      expect(row[1]).toBe(expected.targetName);
      expect(row.slice(3, 3 + dims)).toEqual(expected.scores.map((s) => s ?? undefined));
      expect(row[3 + dims]).toBe(expected.total);
      expect(row[4 + dims]).toBe(expected.grade);
      expect(row[5 + dims]).toBe(expected.rank);
    });
  });
});

describe('年度报送包', () => {
  it('holds every report of the year as its own sheet', async () => {
    const wb = await workbook('annual-package');
    const names = wb.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['覆盖情况', '交流活动', '教师交流明细', '教师交流汇总', '督导整改', '问题清单', '联盟名册']));
    expect(names.filter((n) => n.startsWith('考核结果')).length).toBeGreaterThanOrEqual(1);
    // Each sheet prints on its own with its header rows repeated.
    for (const ws of wb.worksheets) expect(ws.pageSetup.printTitlesRow).toMatch(/^3:[34]$/);
    const coverage = await workbook('coverage');
    const total = (ws: ExcelJS.Worksheet) => {
      for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === '合计') return ws.getRow(r).values;
      return null;
    };
    expect(total(wb.getWorksheet('覆盖情况')!)).toEqual(total(coverage.getWorksheet('覆盖情况')!));
  });
});

describe('printing with LibreOffice', () => {
  it('opens every report and prints it A4 landscape, one page wide', () => {
    const single = reportKinds.filter((k) => k !== 'annual-package');
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, ...single.map((k) => files.get(k)!)], {
      stdio: 'ignore',
      timeout: 120_000,
      env: { ...process.env, HOME: ledger.dir },
    });
    for (const report of single) {
      const pdf = path.join(out, `${report}.pdf`);
      expect(fs.existsSync(pdf), `${report}.pdf`).toBe(true);
      const info = execFileSync('pdfinfo', [pdf]).toString();
      expect(info, report).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
      // One page wide: the first page carries the last header column and the title.
      const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-']).toString();
      const last = { coverage: '备注', activities: '备注', 'teacher-exchanges': '状态', evaluation: '备注', supervision: '约谈情况', problems: '逾期天数', roster: '加入时间' }[report as Exclude<ReportKind, 'annual-package'>];
      expect(first, report).toContain(last);
      expect(first, report).toContain('填报单位');
      // Page numbers in the footer.
      expect(first, report).toMatch(/第 1 页，共 \d+ 页/);
    }
    fs.mkdirSync(artifacts, { recursive: true });
    for (const report of ['coverage', 'activities'] as const) {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path.join(out, `${report}.pdf`), path.join(artifacts, `report-${report}`)]);
      expect(fs.statSync(path.join(artifacts, `report-${report}.png`)).size).toBeGreaterThan(10_000);
    }
  }, 150_000);
});

describe('the export command', () => {
  const cli = (args: string[]) =>
    spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  it('writes the workbook to --out and says how many rows it holds', () => {
    const target = path.join(out, '问题清单.xlsx');
    const r = cli(['export', 'problems', '--db', ledger.file, '--out', target, '--from', '2025-01-01', '--to', '2025-12-31', '--json']);
    expect(r.stderr).not.toMatch(/错误/);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { file: string; rows: number };
    expect(summary.file).toBe(target);
    expect(fs.existsSync(target)).toBe(true);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no file when the export is refused', () => {
    const target = path.join(out, '不存在的模板.xlsx');
    const r = cli(['export', 'evaluation', '--db', ledger.file, '--out', target, '--year', '2025', '--template', '不存在的模板']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('2025 年度没有使用模板“不存在的模板”的考核评价');
    expect(fs.existsSync(target)).toBe(false);
    const usage = cli(['export', 'nonsense', '--db', ledger.file, '--out', target]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('未知的报表：nonsense');
  });
});
