// 评价指标: the whole sheet is ONE template's indicator tree (read by the 评价指标 reader
// the template editor uses). The template's name is the sheet's title row, else the file
// name; a live template of that name is updated (a frozen one — used by a submitted
// evaluation — gets a new version, as the editor does), else a template is created for
// alliances with the default grade bands and the year found in the name.
// Counting: created / updated / skipped count indicators (一级 and 二级), each on the
// row it comes from; the same indicator = template + 编号, else its two names. A tree
// equal to the stored one is skipped entirely and nothing is written.
import type { Knex } from 'knex';
import { defaultGradeBands, templateDraft, type EvaluationTemplate, type Indicator, type IndicatorSheet } from '../../../api/evaluations';
import { evaluationTemplateRepository } from '../../../../db/repositories/evaluation-template-repository';
import { readIndicatorSheet } from '../../evaluation/indicator-excel';
import { findHeader, type ColumnSpec } from '../header-match';
import type { FileKindSpec, FilePlan, PlannedRow } from '../kind';
import { nameKey, parseText } from '../parse-values';
import { isBlank, readSheet, totalLabel } from '../read-sheet';

/** The columns the 评价指标 reader recognises (its synonyms included there). */
const columns: ColumnSpec[] = [
  { key: 'code', label: '编号', synonyms: ['指标编号', '指标代码', '序号'], note: '可选；有编号时按编号匹配已有指标，不能重复', example: 'A1' },
  { key: 'top', label: '一级指标', synonyms: ['一级', '一级指标名称', '评价维度', '考核项目', '评价项目', '考核维度', '评价领域'], required: true, note: '可合并单元格写在其二级指标旁', example: '组织管理' },
  { key: 'leaf', label: '二级指标', synonyms: ['二级', '二级指标名称', '评价要点', '考核内容', '指标内容', '评价内容', '考核要点'], required: true, note: '一级指标单独成行时留空', example: '制度建设' },
  { key: 'max', label: '分值', synonyms: ['分数', '满分', '权重分', '标准分'], required: true, note: '数字，最多两位小数；一级指标的分值为其二级指标之和', example: '10' },
  { key: 'rule', label: '评分标准', synonyms: ['评分细则', '考核标准', '评分办法', '评价标准', '评分说明', '计分办法', '评分方法'], example: '有章程和年度计划得 5 分' },
];

type Node = { code?: string | null; name: string; maxScore?: number | null; scoringRule?: string | null };
type SheetTop = IndicatorSheet['indicators'][number];

export const indicatorsImport: FileKindSpec = {
  label: '评价指标',
  columns,
  async planFile(db, file, { tick }): Promise<FilePlan> {
    const sheet = await readIndicatorSheet(file.bytes, file.fileName, file.sheet);
    const read = await readSheet(file.bytes, file.fileName, file.sheet, { keepTotals: true });
    const header = findHeader(read.rows, columns, read.name);
    const headers = columns.flatMap((c) => (header.columns.has(c.key) ? [header.columns.get(c.key)!.header] : []));
    const base = { sheet: sheet.sheet, headerRow: header.headerRow, columns: headers };
    if (sheet.errors.length) return { ...base, rows: [], errors: sheet.errors };

    const name = (sheet.title ?? file.fileName.replace(/\.[^.]+$/, '')).slice(0, 200);
    const year = Number(/((?:19|20)\d{2})\s*(?:年|-)/.exec(name)?.[1] ?? NaN);
    const stored = await latestNamed(db, name);
    const rowsOf = nodeRows(read.rows, header, sheet.indicators);
    const tops = sheet.indicators as SheetTop[];

    const match = stored ? matcher(stored.indicators) : null;
    const rows: PlannedRow[] = [];
    const indicators = [];
    let changed = !stored;
    const label = stored
      ? stored.frozen
        ? `“${stored.name}”已有提交的评价，保存为第 ${stored.version + 1} 版`
        : `更新模板“${stored.name}”`
      : `新建模板“${name}”`;
    for (const [i, t] of tops.entries()) {
      await tick();
      const storedTop = match?.top(t) ?? null;
      const children = [];
      for (const [j, c] of (t.children ?? []).entries()) {
        const storedLeaf = match?.leaf(storedTop, c) ?? null;
        const action = !storedLeaf ? 'create' : same(c, storedLeaf) ? 'skip' : 'update';
        changed ||= action !== 'skip';
        rows.push({ row: rowsOf.leaves[i]?.[j] ?? header.headerRow, action, display: display(t.name, c, label) });
        children.push({ ...c, ...(storedLeaf && !stored!.frozen ? { id: storedLeaf.id } : {}) });
      }
      const own = { code: t.code ?? null, name: t.name, maxScore: children.length ? null : (t.maxScore ?? null), scoringRule: t.scoringRule ?? null };
      const topAction = !storedTop ? 'create' : same(own, storedTop, children.length > 0) ? 'skip' : 'update';
      changed ||= topAction !== 'skip';
      rows.push({ row: rowsOf.tops[i] ?? header.headerRow, action: topAction, display: display(null, { ...own, maxScore: t.maxScore ?? null }, label) });
      indicators.push({ ...own, children, ...(storedTop && !stored!.frozen ? { id: storedTop.id } : {}) });
    }
    // Stored indicators missing from the file, or a new order, change the template too.
    if (stored && !changed && (match!.unmatched() > 0 || order(stored.indicators) !== order(indicators))) {
      changed = true;
      if (rows[0]) rows[0].action = 'update';
    }
    rows.sort((a, b) => a.row - b.row);

    const draft = templateDraft.safeParse({
      name: stored?.name ?? name,
      year: stored ? stored.year : Number.isFinite(year) && year >= 2000 && year <= 2100 ? year : null,
      targetType: stored?.targetType ?? 'alliance',
      totalScore: sheet.totalScore,
      gradeBands: stored?.gradeBands ?? defaultGradeBands(sheet.totalScore),
      indicators,
    });
    if (!draft.success) {
      const errors = draft.error.issues.map((issue) => ({
        sheet: sheet.sheet,
        row: header.headerRow,
        column: null,
        message: issue.path[0] === 'gradeBands' ? `${issue.message}（模板“${stored?.name ?? name}”的等次分数线，请先在评价模板中调整）` : issue.message,
      }));
      return { ...base, rows: [], errors };
    }
    const value = draft.data;
    return {
      ...base,
      rows,
      errors: [],
      write: !changed
        ? undefined
        : async (trx, w) => {
            const repo = evaluationTemplateRepository(trx);
            if (stored) await repo.update(trx, stored.id, value, w);
            else await repo.create(trx, value, w);
          },
    };
  },
};

const display = (top: string | null, n: Node, label: string): Record<string, string> => ({
  编号: n.code ?? '',
  一级指标: top ?? n.name,
  二级指标: top ? n.name : '',
  分值: n.maxScore === null || n.maxScore === undefined ? '' : String(n.maxScore),
  模板: label,
});

function same(a: Node, b: Indicator, hasChildren = false): boolean {
  return (
    (a.code ?? null) === (b.code ?? null) &&
    a.name === b.name &&
    (hasChildren || Math.round((a.maxScore ?? 0) * 100) === Math.round(b.maxScore * 100)) &&
    (a.scoringRule ?? null) === (b.scoringRule ?? null)
  );
}

const order = (tree: { name: string; children?: { name: string }[] }[]) =>
  JSON.stringify(tree.map((t) => [nameKey(t.name), (t.children ?? []).map((c) => nameKey(c.name))]));

/** Stored indicators by 编号, else by name (一级) or by the two names (二级). */
function matcher(tree: Indicator[]) {
  const used = new Set<string>();
  const all = tree.flatMap((t) => [t, ...t.children]);
  const byCode = (code: string | null | undefined) => (code ? all.find((n) => n.code === code && !used.has(n.id)) : undefined);
  const take = (n: Indicator | undefined) => {
    if (n) used.add(n.id);
    return n ?? null;
  };
  return {
    top: (t: Node) => take(byCode(t.code) ?? tree.find((s) => !used.has(s.id) && nameKey(s.name) === nameKey(t.name))),
    leaf: (top: Indicator | null, c: Node) =>
      take(byCode(c.code) ?? top?.children.find((s) => !used.has(s.id) && nameKey(s.name) === nameKey(c.name))),
    unmatched: () => all.filter((n) => !used.has(n.id)).length,
  };
}

/** The newest live version of the template with that name, if any. */
async function latestNamed(db: Knex, name: string): Promise<EvaluationTemplate | null> {
  const rows = (await db('evaluation_templates as t')
    .whereNull('t.deleted_at')
    .whereNotExists(db('evaluation_templates as nv').select(db.raw('1')).whereRaw('nv.previous_version_id = t.id').whereNull('nv.deleted_at'))
    .select('t.id', 't.name')) as { id: string; name: string }[];
  const found = rows.find((r) => nameKey(r.name) === nameKey(name));
  return found ? evaluationTemplateRepository(db).get(String(found.id)) : null;
}

/**
 * The Excel row of each 一级 and 二级 indicator, walking the sheet as the reader does: a
 * row with a 二级指标 is the next one of the current 一级指标 (whose row it also is when the
 * 一级指标 is written beside it); a row with only a 一级指标 starts the next.
 */
function nodeRows(
  sheetRows: { row: number; cells: unknown[] }[],
  header: ReturnType<typeof findHeader>,
  tops: IndicatorSheet['indicators'],
): { tops: number[]; leaves: number[][] } {
  const at = (cells: unknown[], key: string) => {
    const c = header.columns.get(key);
    return c ? parseText((cells[c.index] ?? null) as string | null) : null;
  };
  const out = { tops: [] as number[], leaves: tops.map(() => [] as number[]) };
  let ti = -1;
  let ci = 0;
  for (const r of sheetRows) {
    if (r.row <= header.headerRow) continue;
    const cells = r.cells as Parameters<typeof totalLabel>[0];
    if (totalLabel(cells, ['总分'])) continue;
    if (cells.filter((c) => !isBlank(c)).length === 1 && /^(注|备注|说明|填表说明|填表人|填报人|审核人|联系电话)\s*[:：]/.test(String(cells.find((c) => !isBlank(c))).trim())) continue;
    const leaf = at(r.cells, 'leaf');
    const top = at(r.cells, 'top');
    if (leaf) {
      if (ti < 0 || ci >= (tops[ti]?.children?.length ?? 0)) {
        ti++;
        ci = 0;
      }
      out.tops[ti] ??= r.row;
      if (out.leaves[ti]) out.leaves[ti]![ci++] = r.row;
    } else if (top) {
      ti++;
      ci = 0;
      out.tops[ti] = r.row;
    }
  }
  return out;
}
