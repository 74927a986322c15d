// 年度考核结果汇总表: a year's submitted evaluations under one template, ranked — the score
// of each 一级指标, the total, the grade and the rank. Drafts are not results yet.
import { invalid } from '../../api/errors';
import type { ResultRow, YearTemplate } from '../../api/evaluations';
import type { ReportCell } from '../../api/reports';
import { evaluationRepository } from '../../../db/repositories/evaluation-repository';
import { reportRepository } from '../../../db/repositories/report-repository';
import { templateLabel } from '../evaluation/choose-template';
import { listChunks, titleOf, type ReportDefinition, type ReportScope } from './report-scope';
import type { SheetSpec } from './sheet-writer';

/** The template the report means: the one chosen, or the year's only one. */
export async function evaluationTemplatesFor(scope: ReportScope, all: boolean): Promise<YearTemplate[]> {
  const year = scope.period.year;
  const used = await evaluationRepository(scope.db).yearTemplates(year);
  if (scope.templateId) {
    const chosen = used.filter((t) => t.templateId === scope.templateId);
    if (chosen.length === 0) throw invalid(`${year} 年度没有使用所选模板的考核评价`, { templateId: '所选模板在该年度没有考核评价' });
    return chosen;
  }
  if (all) return used;
  if (used.length === 0) throw invalid(`${year} 年度还没有考核评价`);
  if (used.length > 1) {
    const names = used.map((t) => `“${templateLabel(t)}”`).join('、');
    throw invalid(`${year} 年度的考核评价用了 ${used.length} 个模板：${names}，请选择其中一个`, { templateId: '请选择评价模板' });
  }
  return used;
}

async function sheetFor(scope: ReportScope, t: YearTemplate, name: string): Promise<SheetSpec> {
  const evaluations = evaluationRepository(scope.db);
  const rows: ResultRow[] = [];
  let dimensions: { name: string; maxScore: number }[] = [];
  for (let page = 1; ; page++) {
    const r = await evaluations.results({
      templateId: t.templateId,
      year: scope.period.year,
      page,
      pageSize: 500,
      includeDrafts: false,
      sortBy: 'rank',
      sortOrder: 'asc',
      ...(scope.regionId ? { regionId: scope.regionId } : {}),
    });
    dimensions = r.dimensions;
    rows.push(...r.page.rows);
    if (page * r.page.pageSize >= r.page.total) break;
  }
  const alliance = t.targetType === 'alliance';
  const facts = alliance ? await reportRepository(scope.db).alliancesByIds(rows.map((r) => r.targetId)) : new Map<string, { kind: string; leadName: string | null }>();
  const kept = alliance && scope.allianceKind ? rows.filter((r) => facts.get(r.targetId)?.kind === scope.allianceKind) : rows;
  const cells = kept.map((r): ReportCell[] => [
    r.targetName,
    alliance ? (facts.get(r.targetId)?.leadName ?? null) : r.regionName,
    ...r.scores,
    r.total,
    r.grade,
    r.rank,
    r.status === 'locked' ? null : '已提交，未锁定',
  ]);
  return {
    name,
    title: `${titleOf(scope, alliance ? '教育联盟考核结果汇总表' : '联盟学校考核结果汇总表')}`,
    columns: [
      { header: alliance ? '联盟名称' : '学校名称', type: 'text' },
      { header: alliance ? '牵头学校' : '所在县区', type: 'text' },
      ...dimensions.map((d) => ({ header: `${d.name}（${d.maxScore}分）`, group: `${templateLabel(t)}`, type: 'number' as const })),
      { header: '总分', type: 'number' },
      { header: '等次', type: 'text' },
      { header: '排名', type: 'int' },
      { header: '备注', type: 'text' },
    ],
    count: cells.length,
    chunks: () => listChunks(cells),
  };
}

export const evaluationReport: ReportDefinition = {
  title: '教育联盟考核结果汇总表',
  async sheets(scope) {
    const [t] = await evaluationTemplatesFor(scope, false);
    return [await sheetFor(scope, t!, '考核结果')];
  },
};

/** Every template of the year, one sheet each (the 年度报送包). */
export async function allEvaluationSheets(scope: ReportScope): Promise<SheetSpec[]> {
  const used = await evaluationTemplatesFor(scope, true);
  return Promise.all(used.map((t, i) => sheetFor(scope, t, used.length > 1 ? `考核结果${i + 1}` : '考核结果')));
}
