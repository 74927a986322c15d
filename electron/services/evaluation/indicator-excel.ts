// A template's indicator tree as the 评价指标 sheet clerks pass around: read from what they
// really send (title rows, synonyms, the 一级指标 merged over its 二级指标 or left blank
// under its first row, scores as text, 合计 rows) and written as a printable workbook that
// reads back into the same tree.
import ExcelJS from 'exceljs';
import { invalid } from '../../api/errors';
import { evaluationTargets } from '../../api/enums';
import { templateDraft, topMax, type EvaluationTemplate, type IndicatorSheet } from '../../api/evaluations';
import { setText } from '../export/safe-cell';
import { clamp, displayWidth, headerFill, heightFor, linesIn, printSetup, subtotalFill, thin } from '../reports/layout';
import { findHeader, type ColumnSpec } from '../import/header-match';
import { nameKey, parseNumber, parseText, type Parsed } from '../import/parse-values';
import { isBlank, readSheet, totalLabel, type CellValue, type SheetRow } from '../import/read-sheet';

const columns: ColumnSpec[] = [
  { key: 'code', label: '编号', synonyms: ['指标编号', '指标代码'] },
  { key: 'serial', label: '序号' },
  {
    key: 'top',
    label: '一级指标',
    synonyms: ['一级', '一级指标名称', '评价维度', '考核项目', '评价项目', '考核维度', '评价领域'],
    required: true,
  },
  {
    key: 'leaf',
    label: '二级指标',
    synonyms: ['二级', '二级指标名称', '评价要点', '考核内容', '指标内容', '评价内容', '考核要点'],
    required: true,
  },
  { key: 'max', label: '分值', synonyms: ['分数', '满分', '权重分', '标准分'], required: true },
  {
    key: 'rule',
    label: '评分标准',
    synonyms: ['评分细则', '考核标准', '评分办法', '评价标准', '评分说明', '计分办法', '评分方法'],
  },
];

type Indicators = IndicatorSheet['indicators'];
type SheetError = IndicatorSheet['errors'][number];

interface LeafRow {
  row: number;
  code: string | null;
  name: string;
  maxScore: number;
  scoringRule: string | null;
}

interface TopRow {
  row: number;
  code: string | null;
  name: string;
  /** As written on the 一级指标's own row; null when it has none or left it blank. */
  maxScore: number | null;
  scoringRule: string | null;
  /** The 一级指标 was first named on the row of its first 二级指标. */
  namedOnLeafRow: boolean;
  children: LeafRow[];
}

/** Reads the first visible sheet (or the one named) of an .xlsx or .csv into an indicator tree. */
export async function readIndicatorSheet(bytes: Uint8Array, fileName: string, sheet?: string): Promise<IndicatorSheet> {
  const read = await readSheet(bytes, fileName, sheet, { keepTotals: true });
  const header = findHeader(read.rows, columns, read.name);
  const codeKey = header.columns.has('code') ? 'code' : 'serial';
  const errors: { row: number; column: string | null; message: string }[] = [];
  const report = (row: number, column: string | null, message: string) => errors.push({ row, column, message });

  const tops: TopRow[] = [];
  const totals: { row: number; label: string; value: number }[] = [];
  let current: TopRow | null = null;
  const dataRows = read.rows.filter((r) => r.row > header.headerRow && !isNote(r.cells));
  for (const r of dataRows) {
    const cell = (key: string): CellValue => {
      const c = header.columns.get(key);
      return c ? (r.cells[c.index] ?? null) : null;
    };
    const score = parseScore(cell('max'));
    const label = totalLabel(r.cells, ['总分']);
    if (label) {
      if (!score.ok) report(r.row, 'max', score.reason);
      else if (score.value !== null && label === '小计' && current) {
        const sum = sumOf(current.children.map((c) => c.maxScore));
        if (current.children.length && !sameScore(score.value, sum)) {
          report(r.row, 'max', `小计 ${score.value} 与一级指标“${current.name}”的二级指标分值之和 ${sum} 不一致`);
        }
      } else if (score.value !== null && label !== '小计') totals.push({ row: r.row, label, value: score.value });
      continue;
    }
    const top = parseText(cell('top'));
    const leaf = parseText(cell('leaf'));
    const code = parseText(cell(codeKey));
    const rule = parseText(cell('rule'));
    if (!top && !leaf && !code && !rule && isBlank(cell('max'))) continue; // only columns the tree does not use
    if (!score.ok) report(r.row, 'max', score.reason);

    if (top && !leaf) {
      current = { row: r.row, code, name: top, maxScore: score.ok ? score.value : null, scoringRule: rule, namedOnLeafRow: false, children: [] };
      tops.push(current);
      continue;
    }
    if (!leaf) {
      report(r.row, 'leaf', '未填写指标名称');
      continue;
    }
    // The 一级指标 cell is merged over its 二级指标 (only its first row holds the name), left
    // blank under the first row, or written again on every row.
    if (top && !(current && nameKey(current.name) === nameKey(top))) {
      current = { row: r.row, code: null, name: top, maxScore: null, scoringRule: null, namedOnLeafRow: true, children: [] };
      tops.push(current);
    }
    if (!current) {
      report(r.row, 'top', `二级指标“${leaf}”前面没有一级指标，请填写一级指标`);
      continue;
    }
    if (score.ok && score.value === null) report(r.row, 'max', '未填写分值');
    current.children.push({ row: r.row, code, name: leaf, maxScore: score.ok ? (score.value ?? 0) : 0, scoringRule: rule });
  }
  if (tops.length === 0 && errors.length === 0) throw invalid(`工作表“${read.name}”的表头下面没有指标`);

  for (const t of tops) {
    // A 序号 merged like the 一级指标 over its 二级指标 (or 一、二、…) numbers the 一级指标.
    const [first, ...rest] = t.children;
    const merged = rest.length > 0 && rest.every((c) => !c.code);
    if (t.namedOnLeafRow && first?.code && (merged || /^[一二三四五六七八九十]+[、.]?$/.test(first.code.normalize('NFKC')))) {
      t.code = first.code;
      first.code = null;
    }
  }

  const indicators: Indicators = tops.map((t) => ({
    code: t.code,
    name: t.name,
    maxScore: t.maxScore ?? (t.children.length ? topMax(t) : null),
    scoringRule: t.scoringRule,
    children: t.children.map((c) => ({ code: c.code, name: c.name, maxScore: c.maxScore, scoringRule: c.scoringRule })),
  }));
  const totalScore = sumOf(indicators.map((t) => topMax({ maxScore: t.maxScore, children: t.children ?? [] })));
  // With a score unreadable the sum means nothing: that score is what to fix.
  const unreadable = errors.some((e) => e.column === 'max');
  for (const t of unreadable ? [] : totals) {
    if (!sameScore(t.value, totalScore)) report(t.row, 'max', `${t.label} ${t.value} 与各指标分值之和 ${totalScore} 不一致`);
  }
  checkAsDraft(indicators, tops, totalScore, codeKey, header.headerRow, report);

  // One error per cell: the first found says the most.
  const seen = new Set<string>();
  const position = (key: string | null) => (key ? (header.columns.get(key)?.index ?? -1) : -1);
  const unique = errors
    .filter((e) => {
      const key = `${e.row}\u0000${e.column}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.row - b.row || position(a.column) - position(b.column));
  return {
    title: titleOf(read.rows.filter((r) => r.row < header.headerRow)),
    sheet: read.name,
    indicators,
    totalScore,
    errors: unique.map(
      (e): SheetError => ({
        sheet: read.name,
        row: e.row,
        column: e.column ? (header.columns.get(e.column)?.header ?? null) : null,
        message: e.message,
      }),
    ),
  };
}

/**
 * Everything the editor would refuse on saving (lengths, decimals, a 一级指标 whose 分值 is
 * not the sum of its 二级指标, repeated names and codes) reported on the row it comes from.
 */
function checkAsDraft(
  indicators: Indicators,
  tops: TopRow[],
  totalScore: number,
  codeKey: string,
  headerRow: number,
  report: (row: number, column: string | null, message: string) => void,
): void {
  const checked = templateDraft.safeParse({
    name: '评价指标',
    targetType: 'alliance',
    totalScore,
    gradeBands: [{ name: '合格', min: 0 }],
    indicators,
  });
  if (checked.success) return;
  const fieldColumn = (field: unknown, leaf: boolean) =>
    field === 'name' ? (leaf ? 'leaf' : 'top') : field === 'maxScore' ? 'max' : field === 'scoringRule' ? 'rule' : field === 'code' ? codeKey : null;
  for (const issue of checked.error.issues) {
    const [root, i, second, j, field] = issue.path;
    if (root !== 'indicators') continue;
    const top = typeof i === 'number' ? tops[i] : undefined;
    if (!top) report(headerRow, null, issue.message);
    else if (second === 'children') {
      const leaf = typeof j === 'number' ? top.children[j] : undefined;
      if (leaf) report(leaf.row, fieldColumn(field, true), issue.message);
      else report(top.row, 'leaf', issue.message);
    } else report(top.row, fieldColumn(second, false), issue.message);
  }
}

/** 10, "10", "10分", "１０", "10.5"; blank → null. */
function parseScore(v: CellValue): Parsed<number | null> {
  const n = parseNumber(typeof v === 'string' ? v.normalize('NFKC').trim().replace(/\s*分$/, '') : v);
  if (!n.ok || (n.value !== null && !Number.isFinite(n.value))) return { ok: false, reason: '分值应为数字' };
  // A value computed in Excel (=100/3*0.3) may carry float noise past the hundredths.
  const cents = n.value === null ? null : n.value * 100;
  return { ok: true, value: cents !== null && Math.abs(cents - Math.round(cents)) < 1e-6 ? Math.round(cents) / 100 : n.value };
}

const sumOf = (ns: number[]) => ns.reduce((s, n) => s + Math.round(n * 100), 0) / 100;
const sameScore = (a: number, b: number) => Math.round(a * 100) === Math.round(b * 100);

/** 注：… or 填表人：… under the table: one filled cell that is a note, not an indicator. */
function isNote(cells: CellValue[]): boolean {
  const filled = cells.filter((c) => !isBlank(c));
  return filled.length === 1 && /^(注|备注|说明|填表说明|填表人|填报人|审核人|联系电话)\s*[:：]/.test(String(filled[0]).trim());
}

/** The first row above the header with a single text (a merged title), skipping 附件2. */
function titleOf(rows: SheetRow[]): string | null {
  for (const r of rows) {
    const filled = r.cells.filter((c) => !isBlank(c));
    if (filled.length !== 1 || typeof filled[0] !== 'string') continue;
    const text = parseText(filled[0]);
    if (text && !/^附件\s*\d*[:：]?$/.test(text.normalize('NFKC'))) return text;
  }
  return null;
}

// ---------------------------------------------------------------- writing

const sheetName = '评价指标';
const headers = ['编号', '一级指标', '二级指标', '分值', '评分标准'] as const;
const headerRow = 3;
/** “2024年联盟考核” → “2024年联盟考核评价指标”, without saying 评价/指标 twice. */
function titleFor(name: string): string {
  if (/指标$/.test(name)) return name;
  if (/评价$/.test(name)) return `${name}指标`;
  return `${name}评价指标`;
}

/** The indicator tree as a printable 评价指标 workbook, with the grade bands on a second sheet. */
export async function writeIndicatorWorkbook(template: EvaluationTemplate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '教育联盟台账';
  writeIndicators(wb.addWorksheet(sheetName), template);
  writeGradeBands(wb.addWorksheet('等次划分'), template);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeIndicators(ws: ExcelJS.Worksheet, t: EvaluationTemplate): void {
  const all = t.indicators.flatMap((top) => [top, ...top.children]);
  const widths = {
    code: clamp(Math.max(displayWidth('编号'), ...all.map((n) => displayWidth(n.code ?? ''))) + 3, 7, 14),
    top: clamp(Math.max(...t.indicators.map((n) => displayWidth(n.name))) + 3, 14, 26),
    leaf: clamp(Math.max(0, ...t.indicators.flatMap((n) => n.children.map((c) => displayWidth(c.name)))) + 3, 18, 36),
    max: 8,
    rule: clamp(Math.max(0, ...all.map((n) => displayWidth(n.scoringRule ?? ''))) + 3, 30, 60),
  };
  ws.columns = [
    { key: 'code', width: widths.code },
    { key: 'top', width: widths.top },
    { key: 'leaf', width: widths.leaf },
    { key: 'max', width: widths.max },
    { key: 'rule', width: widths.rule },
  ];

  const title = ws.getRow(1);
  setText(title.getCell(1), titleFor(t.name));
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = 32;
  ws.mergeCells(1, 1, 1, headers.length);
  const facts = [
    `评价对象：${evaluationTargets.label(t.targetType)}`,
    t.year ? `年度：${t.year} 年` : null,
    `总分：${t.totalScore} 分`,
    `版本：第 ${t.version} 版`,
  ].filter(Boolean);
  const sub = ws.getRow(2);
  sub.getCell(1).value = facts.join('　　');
  sub.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  sub.getCell(1).font = { size: 10, color: { argb: 'FF595959' } };
  sub.height = 20;
  ws.mergeCells(2, 1, 2, headers.length);

  const head = ws.getRow(headerRow);
  headers.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.fill = headerFill;
    c.border = thin;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  head.height = 22;

  let r = headerRow + 1;
  const styleRow = (row: ExcelJS.Row, subtotal: boolean) => {
    for (let col = 1; col <= headers.length; col++) {
      const c = row.getCell(col);
      c.border = thin;
      c.alignment = {
        vertical: 'middle',
        horizontal: col === 1 || col === 4 ? 'center' : 'left',
        wrapText: col !== 1 && col !== 4,
      };
      if (subtotal) c.fill = subtotalFill;
    }
    row.getCell(4).numFmt = 'General';
  };
  for (const top of t.indicators) {
    const first = r;
    const row = ws.getRow(r);
    setText(row.getCell(1), top.code);
    setText(row.getCell(2), top.name);
    row.getCell(4).value = topMax(top);
    setText(row.getCell(5), top.scoringRule);
    styleRow(row, top.children.length > 0);
    if (top.children.length) {
      row.getCell(1).font = { bold: true };
      row.getCell(2).font = { bold: true };
      row.getCell(4).font = { bold: true };
    }
    row.height = heightFor(Math.max(linesIn(top.scoringRule, widths.rule), top.children.length ? 1 : linesIn(top.name, widths.top)));
    r++;
    for (const leaf of top.children) {
      const lr = ws.getRow(r);
      setText(lr.getCell(1), leaf.code);
      setText(lr.getCell(3), leaf.name);
      lr.getCell(4).value = leaf.maxScore;
      setText(lr.getCell(5), leaf.scoringRule);
      styleRow(lr, false);
      lr.height = heightFor(Math.max(linesIn(leaf.name, widths.leaf), linesIn(leaf.scoringRule, widths.rule)));
      r++;
    }
    if (top.children.length) {
      // The 一级指标 spans its own row and its 二级指标; a long name may need the last row taller.
      ws.mergeCells(first, 2, r - 1, 2);
      const needed = heightFor(linesIn(top.name, widths.top));
      let have = 0;
      for (let i = first; i < r; i++) have += ws.getRow(i).height ?? 20;
      if (have < needed) ws.getRow(r - 1).height = (ws.getRow(r - 1).height ?? 20) + needed - have;
    }
  }
  const total = ws.getRow(r);
  total.getCell(1).value = '合计';
  total.getCell(4).value = t.totalScore;
  styleRow(total, false);
  for (let col = 1; col <= headers.length; col++) total.getCell(col).font = { bold: true };
  total.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  total.height = 22;
  ws.mergeCells(r, 1, r, 3);

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
  printSetup(ws, `${headerRow}:${headerRow}`);
}

function writeGradeBands(ws: ExcelJS.Worksheet, t: EvaluationTemplate): void {
  ws.columns = [
    { key: 'name', width: clamp(Math.max(...t.gradeBands.map((b) => displayWidth(b.name)), 4) + 4, 10, 30) },
    { key: 'min', width: 10 },
    { key: 'range', width: 30 },
  ];
  const title = ws.getRow(1);
  setText(title.getCell(1), `${t.name}等次划分`);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = heightFor(linesIn(`${t.name}等次划分`, 50) + 1);
  ws.mergeCells(1, 1, 1, 3);
  const head = ws.getRow(2);
  ['等次', '最低分', '分数范围'].forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.fill = headerFill;
    c.border = thin;
    c.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  head.height = 22;
  const bands = [...t.gradeBands].sort((a, b) => b.min - a.min);
  bands.forEach((b, i) => {
    const upper = i > 0 ? bands[i - 1]!.min : null;
    const row = ws.getRow(3 + i);
    setText(row.getCell(1), b.name);
    row.getCell(2).value = b.min;
    row.getCell(2).numFmt = 'General';
    row.getCell(3).value =
      upper === null ? `${b.min} 分及以上` : b.min === 0 ? `低于 ${upper} 分` : `${b.min} 分（含）至 ${upper} 分（不含）`;
    for (let col = 1; col <= 3; col++) {
      row.getCell(col).border = thin;
      row.getCell(col).alignment = { horizontal: col === 3 ? 'left' : 'center', vertical: 'middle' };
    }
    row.height = 20;
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }];
  printSetup(ws, '2:2');
}
