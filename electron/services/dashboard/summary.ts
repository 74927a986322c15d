// The 首页 dashboard for a year: which dates and terms it looks at, and the aggregates
// gathered for them (independent queries run side by side). The year's evaluation chart
// follows the chosen template, or else the one most evaluations of the year used.
// At province scale (500k activities) the whole summary takes about half a second:
// npx tsx test/bench/dashboard.ts FILE.
import type { Knex } from 'knex';
import { coverageRepository, type CoverageRow } from '../../../db/repositories/coverage-repository';
import { dashboardRepository, type DashboardScope, type TemplateTotals } from '../../../db/repositories/dashboard-repository';
import { evaluationRepository } from '../../../db/repositories/evaluation-repository';
import { settingsRepository } from '../../../db/repositories/settings-repository';
import type { CoverageBar, DashboardEvaluation, DashboardQuery, DashboardSummary, ScoreBin } from '../../api/dashboard';
import { compulsoryStages } from '../../api/enums';
import { gradeOf, type YearTemplate } from '../../api/evaluations';
import { withDefaultRules, type TermBoundaries } from '../../api/settings';
import { termOf, termRange, termsBetween } from '../../api/terms';
import { resolvePeriod } from '../reports/period';

/** The term holding the date, or in a gap between terms the last one that ended before it. */
export function termAt(date: string, b: TermBoundaries): string | null {
  return termOf(date, b) ?? termsBetween(`${Number(date.slice(0, 4)) - 1}-01-01`, date, b).find((t) => termRange(t, b).to < date) ?? null;
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10000) / 100 : null);

export async function dashboardSummary(db: Knex, q: DashboardQuery, today: string): Promise<DashboardSummary> {
  const settings = await settingsRepository(db).get();
  const quotas = withDefaultRules(settings.reminderRules).quotas;
  const period = resolvePeriod({ type: 'year', year: q.year }, settings.terms, today);
  const year = { from: period.from, to: period.to };
  const scope: DashboardScope = q.regionId ? { regionId: q.regionId } : {};
  const repo = dashboardRepository(db);
  const term = termAt(period.asOf, settings.terms);
  // Terms overlapping the year that have begun by today, oldest first.
  const terms = termsBetween(year.from, year.to, settings.terms)
    .filter((t) => termRange(t, settings.terms).from <= today)
    .reverse();

  const [coverage, activities, termActivities, quotaTerms, exchanges, rectifications, open, evaluation] = await Promise.all([
    coverageRepository(db).byCounty({ asOf: period.asOf, stages: compulsoryStages, ...scope }),
    repo.activitiesByMonth(q.year, scope),
    term ? repo.activityCount(termRange(term, settings.terms), scope) : Promise.resolve(0),
    repo.quotaTerms(terms.map((t) => ({ term: t, range: termRange(t, settings.terms) })), quotas, scope),
    repo.exchanges(year, scope, today),
    repo.rectificationsIssued(year, scope, today),
    repo.openRectifications(scope, today),
    evaluationOf(db, q, scope),
  ]);
  return {
    year: q.year,
    asOf: period.asOf,
    today,
    coverageTarget: settings.coverageTarget,
    quotas: { activitiesPerTerm: quotas.activitiesPerTerm, visitsPerTerm: quotas.visitsPerTerm },
    headline: {
      schools: coverage.total.schools,
      covered: coverage.total.covered,
      coverageRate: percent(coverage.total.covered, coverage.total.schools),
      alliances: coverage.total.alliances,
      term,
      termActivities,
      exchangeTeachers: exchanges.total.teachers,
      exchangeHours: exchanges.total.hours,
      exchangeDays: exchanges.total.days,
      openRectifications: open.open,
      overdueRectifications: open.overdue,
    },
    ...(await coverageBars(db, coverage.rows)),
    activities,
    quotaTerms,
    exchanges: exchanges.byKind,
    evaluation,
    rectifications,
  };
}

/** More bars than this cannot be labelled in a chart the width of a window. */
const maxBars = 40;

/**
 * Coverage per county, or for a province per city: a county's schools lie in it alone, so
 * a city's schools and covered schools are the sums of its counties' SQL counts.
 */
async function coverageBars(db: Knex, rows: CoverageRow[]): Promise<Pick<DashboardSummary, 'coverage' | 'coverageLevel'>> {
  const bar = (regionId: string, regionName: string, schools: number, covered: number): CoverageBar => ({
    regionId,
    regionName,
    schools,
    covered,
    rate: percent(covered, schools),
  });
  if (rows.length <= maxBars) return { coverageLevel: 'county', coverage: rows.map((r) => bar(r.regionId, r.regionName, r.schools, r.covered)) };
  const parents = await dashboardRepository(db).parents(rows.map((r) => r.regionId));
  const cities = new Map<string, CoverageBar>();
  for (const r of rows) {
    const city = parents.get(r.regionId) ?? { id: r.regionId, name: r.regionName };
    const c = cities.get(city.id) ?? bar(city.id, city.name, 0, 0);
    cities.set(city.id, bar(city.id, city.name, c.schools + r.schools, c.covered + r.covered));
  }
  return { coverageLevel: 'city', coverage: [...cities.values()] };
}

/** The template used most this year (the latest version first on a tie). */
function mostUsed(templates: YearTemplate[]): YearTemplate | undefined {
  return [...templates].sort((a, b) => b.evaluations - a.evaluations || Number(b.latest) - Number(a.latest) || b.version - a.version)[0];
}

async function evaluationOf(db: Knex, q: DashboardQuery, scope: DashboardScope): Promise<DashboardEvaluation | null> {
  const templates = await evaluationRepository(db).yearTemplates(q.year);
  const chosen = templates.find((t) => t.templateId === q.templateId) ?? mostUsed(templates);
  if (!chosen) return null;
  const totals = await dashboardRepository(db).templateTotals(chosen.templateId, q.year, scope);
  if (!totals) return null;
  return {
    templates,
    templateId: totals.id,
    templateName: totals.name,
    version: totals.version,
    totalScore: totals.totalScore,
    evaluated: totals.totals.reduce((n, r) => n + r.count, 0),
    drafts: totals.drafts,
    bins: binsOf(totals),
    grades: gradesOf(totals),
  };
}

/** Ten equal bins over 0..total score; the last one includes the full score. */
export function binsOf(t: Pick<TemplateTotals, 'totalScore' | 'totals'>): ScoreBin[] {
  const width = t.totalScore / 10;
  const bins: ScoreBin[] = Array.from({ length: 10 }, (_, i) => ({
    from: Math.round(i * width * 100) / 100,
    to: Math.round((i + 1) * width * 100) / 100,
    count: 0,
  }));
  for (const { total, count } of t.totals) {
    const i = Math.min(9, Math.max(0, Math.floor((Math.round(total * 100) / Math.round(width * 100)) + 1e-9)));
    bins[i]!.count += count;
  }
  return bins;
}

export function gradesOf(t: Pick<TemplateTotals, 'bands' | 'totals'>): { grade: string; count: number }[] {
  const counts = new Map<string, number>(t.bands.map((b) => [b.name, 0]));
  for (const { total, count } of t.totals) {
    const grade = gradeOf(total, t.bands) ?? '未达等次';
    counts.set(grade, (counts.get(grade) ?? 0) + count);
  }
  return [...counts].map(([grade, count]) => ({ grade, count }));
}
