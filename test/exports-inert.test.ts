// Exported workbooks are inert: whatever a clerk (or a file they imported) typed — a school
// called =HYPERLINK(…), a phone number +86 …, a title -5, @SUM(A1), text starting with a
// tab or a line break — comes out of every report, list, chart and template export as a
// text cell with the Text format, never as a formula. Checked in the sheet XML itself.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilePayload } from '../electron/api/common';
import type { Method } from '../electron/api/contract';
import { reportKinds } from '../electron/api/reports';
import { makeBaojiLedger, type TestLedger } from './support/ledger';

const dangers = ['=HYPERLINK("http://x","点我")', '=1+1', '+86 123', '-5', '@SUM(A1)', '\tx制表', '\rx回车', '\nx换行', '=cmd|\' /C calc\'!A0'];
const dangerous = /^[=+\-@\t\r\n]/;

let ledger: TestLedger;
let year: number;

/** Prefixes `column` of every row of `table` with a dangerous text, in turn. */
async function poison(table: string, column: string, where: Record<string, unknown> = {}) {
  const rows = (await ledger.db(table).where(where).select('id', column)) as { id: string; [k: string]: unknown }[];
  let i = 0;
  for (const r of rows) {
    const value = r[column];
    if (typeof value !== 'string') continue;
    await ledger.db(table).where({ id: r.id }).update({ [column]: `${dangers[i++ % dangers.length]} ${value}` });
  }
  return rows.length;
}

beforeAll(async () => {
  ledger = await makeBaojiLedger({ today: '2025-06-30' });
  await ledger.call('sample.load', { scale: 'county', seed: 7 });
  // Text the API refuses or trims (a leading tab or line break) can still arrive through
  // the database a backup restored, so it is written straight into the tables.
  for (const [table, column] of [
    ['schools', 'name'],
    ['schools', 'principal'],
    ['schools', 'notes'],
    ['alliances', 'name'],
    ['alliances', 'notes'],
    ['regions', 'name'],
    ['activities', 'title'],
    ['activities', 'summary'],
    ['activities', 'outcome'],
    ['teacher_exchanges', 'teacher_name'],
    ['teacher_exchanges', 'subject'],
    ['shared_courses', 'name'],
    ['cooperation_projects', 'name'],
    ['cooperation_projects', 'outcome'],
    ['problems', 'description'],
    ['problems', 'owner'],
    ['supervisions', 'findings'],
    ['supervisions', 'inspectors'],
    ['rectifications', 'number'],
    ['interviews', 'interviewees'],
    ['evaluation_templates', 'name'],
    ['indicators', 'name'],
    ['indicators', 'scoring_rule'],
    ['evaluations', 'comments'],
    ['awards', 'title'],
    ['awards', 'issuing_body'],
  ] as const) {
    await poison(table, column);
  }
  await ledger.call('settings.update', { reportingUnit: '=HYPERLINK("http://x","填报单位")', operatorName: '@操作员', extraActivityForms: ['=1+1形式', '-送教'] });
  const [{ y }] = (await ledger.db('activities').max({ y: 'date' })) as [{ y: string }];
  year = Number(y.slice(0, 4));
}, 300_000);

afterAll(() => ledger?.close());

interface Inspection {
  sheets: number;
  formulas: string[];
  /** Dangerous text found, and how each was written. */
  dangerousCells: { sheet: string; ref: string; text: string; type: string; textFormat: boolean }[];
}

function decode(s: string): string {
  return s
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const textOf = (xml: string) => decode([...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join(''));

/** Opens the workbook's XML: every formula, and every cell whose text could be taken for one. */
async function inspect(file: FilePayload): Promise<Inspection> {
  const zip = await JSZip.loadAsync(Buffer.from(file.dataBase64, 'base64'));
  const shared = [...((await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!));
  const styles = (await zip.file('xl/styles.xml')?.async('string')) ?? '';
  const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b([^>]*)/g)].map((m) => Number(/numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? 0));
  const out: Inspection = { sheets: 0, formulas: [], dangerousCells: [] };
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    out.sheets++;
    const xml = await zip.file(name)!.async('string');
    for (const m of xml.matchAll(/<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/g)) out.formulas.push(`${name}: ${m[0].slice(0, 80)}`);
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const body = c[2] ?? '';
      const type = /\bt="([^"]*)"/.exec(attrs)?.[1] ?? 'n';
      const ref = /\br="([^"]*)"/.exec(attrs)?.[1] ?? '?';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const text = type === 's' ? (shared[Number(v)] ?? '') : type === 'inlineStr' ? textOf(body) : decode(v ?? '');
      if (!dangerous.test(text)) continue;
      const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0);
      out.dangerousCells.push({ sheet: name, ref, text, type, textFormat: xfs[style] === 49 });
    }
  }
  return out;
}

/** What must hold of every export: no formulas; dangerous text only as text cells in the Text format. */
function expectInert(what: string, i: Inspection, options: { mustContainDanger?: boolean } = {}) {
  expect(i.sheets, what).toBeGreaterThan(0);
  expect(i.formulas, what).toEqual([]);
  // s (shared) and inlineStr are text; str is what exceljs's streaming writer writes for a
  // string without a shared-string table: a text value, since no <f> comes with it.
  const bad = i.dangerousCells.filter((c) => !['s', 'inlineStr', 'str'].includes(c.type) || !c.textFormat);
  expect(
    bad.slice(0, 5).map((c) => `${c.sheet}!${c.ref} t=${c.type} @=${c.textFormat} ${JSON.stringify(c.text.slice(0, 40))}`).join('\n'),
    `${what}: ${bad.length} cells not inert`,
  ).toBe('');
  if (options.mustContainDanger !== false) expect(i.dangerousCells.length, `${what}: the poisoned text is in the export`).toBeGreaterThan(0);
}

const tally: string[] = [];
async function exported<M extends Method>(method: M, args: unknown): Promise<FilePayload> {
  const r = await ledger.reply(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.value as FilePayload;
}

describe('every export writes user text as inert text', () => {
  it.each(reportKinds)('报表 %s', async (report) => {
    const templateId = ((await ledger.db('evaluation_templates').whereNull('deleted_at').first('id')) as { id: string }).id;
    const file = await exported('reports.export', { report, period: { type: 'year', year }, templateId });
    const i = await inspect(file);
    tally.push(`reports ${report}: ${i.sheets} sheets, ${i.dangerousCells.length} dangerous cells`);
    expectInert(report, i);
  }, 120_000);

  const lists = [
    'schools',
    'alliances',
    'activities',
    'teacherExchanges',
    'sharedCourses',
    'cooperationProjects',
    'problems',
    'supervisions',
    'rectifications',
    'regions',
    'evaluationTemplates',
    'evaluationCandidates',
    'awards',
    'auditLog',
  ] as const;
  it.each(lists)('列表 %s', async (list) => {
    const query = list === 'evaluationCandidates' ? { templateId: ((await ledger.db('evaluation_templates').first('id')) as { id: string }).id, year } : {};
    const file = await exported('lists.export', { list, query });
    const i = await inspect(file);
    tally.push(`lists ${list}: ${i.sheets} sheets, ${i.dangerousCells.length} dangerous cells`);
    expectInert(list, i);
  }, 120_000);

  it('首页图表', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
    const file = await exported('dashboard.exportCharts', {
      title: '=HYPERLINK("http://x","概览")',
      year,
      charts: [{ title: '-各县活动', pngBase64: png, table: { columns: ['=县区', '@次数'], rows: [['+渭滨区', 3], ['\t金台区', 5]] } }],
    });
    expectInert('charts', await inspect(file));
  });

  it('评价指标导出', async () => {
    const { id } = (await ledger.db('evaluation_templates').whereNull('deleted_at').first('id')) as { id: string };
    expectInert('indicators', await inspect(await exported('evaluationTemplates.exportExcel', { id })));
  });

  it('导入模板 and the error list sent back', async () => {
    const template = await exported('imports.template', { kind: 'activities' });
    expectInert('template', await inspect(template), { mustContainDanger: false });
    // The template offers the bureau's own activity forms (=1+1形式) in a dropdown: the
    // cells under it are in the Text format, so a picked “=1+1形式” stays text.
    const zip = await JSZip.loadAsync(Buffer.from(template.dataBase64, 'base64'));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b([^>]*)/g)].map((m) => Number(/numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? 0));
    const validation = [...sheet.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)].find((m) => decode(m[2]!).includes('=1+1形式'));
    expect(validation, 'a dropdown offers =1+1形式').toBeDefined();
    const first = /sqref="([A-Z]+\d+)/.exec(validation![1]!)![1]!;
    const cell = new RegExp(`<c r="${first}"[^>]*\\bs="(\\d+)"`).exec(sheet);
    expect(xfs[Number(cell?.[1] ?? 0)], `${first} is in the Text format`).toBe(49);
    // A file whose every value is a would-be formula: the error list quotes them back.
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('活动');
    ws.addRow(['联盟名称', '活动日期', '活动类别', '活动主题']);
    for (const d of dangers) ws.addRow([d, d, d, d]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const report = await exported('imports.errorReport', { kind: 'activities', fileName: '=危险.xlsx', dataBase64: bytes });
    // Its messages quote the values (联盟“=1+1”不在台账中): text, and no formula anywhere.
    expectInert('error report', await inspect(report), { mustContainDanger: false });
    const reportZip = await JSZip.loadAsync(Buffer.from(report.dataBase64, 'base64'));
    const all = (await Promise.all(Object.values(reportZip.files).map((f) => f.async('string')))).join('');
    expect(decode(all)).toContain('=1+1');
  });

  afterAll(() => console.info(tally.join('\n')));
});
