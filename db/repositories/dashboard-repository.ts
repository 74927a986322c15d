// The 首页 dashboard's aggregates. Each is one grouped query: activity rows, exchanges,
// notices and evaluations are counted in SQL, never loaded. Coverage comes from the
// coverage repository and the year's exchange totals from the teacher-exchange summary,
// so the dashboard and the reports cannot disagree.
import type { Knex } from 'knex';
import type { ExchangeKindTally, QuotaTerm } from '../../electron/api/dashboard';
import { activityCategories, exchangeKinds, type ActivityCategory, type ExchangeKind } from '../../electron/api/enums';
import type { EvaluationTarget, GradeBand } from '../../electron/api/evaluations';
import type { RectificationStatus } from '../../electron/api/supervisions';
import type { DateRange } from '../../electron/api/terms';
import type { Row } from '../records';
import { parseBands } from './evaluation-template-repository';
import { alliancesInRegion, inclusiveDaysSql, regionAndBelow } from './ledger-scope';

export interface DashboardScope {
  regionId?: string;
}

export interface TemplateTotals {
  id: string;
  name: string;
  version: number;
  totalScore: number;
  bands: GradeBand[];
  /** Submitted and locked evaluations grouped by their total. */
  totals: { total: number; count: number }[];
  drafts: number;
}

const isCategory = (v: string): v is ActivityCategory => (activityCategories.codes as readonly string[]).includes(v);

export function dashboardRepository(db: Knex) {
  /** Ids of deleted alliances: few, so leaving them out by id keeps SQLite on the live-date
   * index instead of joining every activity row to its alliance (as the activity list does). */
  async function deadAlliances(): Promise<string[]> {
    return ((await db('alliances').whereNotNull('deleted_at').select('id')) as Row[]).map((r) => String(r.id));
  }

  /** Activities of live alliances (with a member in the region) dated within the range. */
  function activities(range: DateRange, scope: DashboardScope, dead: string[]): Knex.QueryBuilder {
    // Naming every category lets SQLite walk the covering live (category, date, …) index;
    // left to itself its planner skip-scans an unrelated index at province scale.
    const q = db('activities as t')
      .whereNull('t.deleted_at')
      .whereIn('t.category', activityCategories.codes)
      .whereBetween('t.date', [range.from, range.to]);
    if (dead.length) q.whereNotIn('t.alliance_id', dead);
    if (scope.regionId) q.whereIn('t.alliance_id', alliancesInRegion(db, scope.regionId));
    return q;
  }

  /** Notices of live supervisions whose target (alliance, school or region) is live and in the region. */
  function notices(scope: DashboardScope): Knex.QueryBuilder {
    const q = db('rectifications as r')
      .join('supervisions as s', 's.id', 'r.supervision_id')
      .leftJoin('alliances as a', 'a.id', 's.target_alliance_id')
      .whereNull('r.deleted_at')
      .whereNull('s.deleted_at')
      .where((w) => w.whereNull('s.target_alliance_id').orWhereNull('a.deleted_at'));
    if (scope.regionId) {
      const regionId = scope.regionId;
      q.leftJoin('schools as sc', 'sc.id', 's.target_school_id').where((w) =>
        w
          .whereIn('s.target_alliance_id', alliancesInRegion(db, regionId))
          .orWhereIn('sc.region_id', regionAndBelow(db, regionId))
          .orWhereIn('s.target_region_id', regionAndBelow(db, regionId)),
      );
    }
    return q;
  }

  return {
    /** The region above each of these (a county's city), by the county's id. */
    async parents(ids: string[]): Promise<Map<string, { id: string; name: string }>> {
      const out = new Map<string, { id: string; name: string }>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = (await db('regions as c')
          .join('regions as p', 'p.id', 'c.parent_id')
          .whereIn('c.id', ids.slice(i, i + 500))
          .select('c.id', 'p.id as parent_id', 'p.name as parent_name')) as Row[];
        for (const r of rows) out.set(String(r.id), { id: String(r.parent_id), name: String(r.parent_name) });
      }
      return out;
    },

    async activityCount(range: DateRange, scope: DashboardScope): Promise<number> {
      const row = (await activities(range, scope, await deadAlliances()).count({ n: '*' }).first()) as Row | undefined;
      return Number(row?.n ?? 0);
    },

    /** Activities of a calendar year by month (1–12) and category. */
    async activitiesByMonth(year: number, scope: DashboardScope): Promise<{ month: number; category: ActivityCategory; count: number }[]> {
      const month = 'CAST(SUBSTR(t.date, 6, 2) AS INTEGER)';
      const rows = (await activities({ from: `${year}-01-01`, to: `${year}-12-31` }, scope, await deadAlliances())
        .groupBy(db.raw(month))
        .groupBy('t.category')
        .select(db.raw(`${month} AS month`), 't.category', db.raw('COUNT(*) AS n'))
        .orderBy('month')
        .orderBy('t.category')) as Row[];
      return rows
        .filter((r) => isCategory(String(r.category)))
        .map((r) => ({ month: Number(r.month), category: String(r.category) as ActivityCategory, count: Number(r.n) }));
    },

    /**
     * How many of the alliances active in each term met the activity and leadership-visit
     * quotas (a leadership visit counts as an activity too, domain.md). One pass over the
     * activities of all the terms, counted per alliance and term on the covering live
     * (date, id, alliance_id) index, then one pass over the alliances.
     */
    async quotaTerms(
      terms: { term: string; range: DateRange }[],
      quotas: { activitiesPerTerm: number; visitsPerTerm: number },
      scope: DashboardScope,
    ): Promise<QuotaTerm[]> {
      if (terms.length === 0) return [];
      const from = terms.reduce((m, t) => (t.range.from < m ? t.range.from : m), terms[0]!.range.from);
      const to = terms.reduce((m, t) => (t.range.to > m ? t.range.to : m), terms[0]!.range.to);
      // Per alliance and term: activities on the live (date, id, alliance_id) index, leadership
      // visits on the live (is_leadership_visit, date, id, alliance_id) one — no row is read.
      const perTerm = (column: 'a' | 'v', visitsOnly: boolean) => {
        const q = db('activities as x').whereNull('x.deleted_at').whereBetween('x.date', [from, to]).groupBy('x.alliance_id').select('x.alliance_id');
        if (visitsOnly) q.where('x.is_leadership_visit', true);
        terms.forEach((t, k) => q.select(db.raw(`SUM(CASE WHEN x.date BETWEEN ? AND ? THEN 1 ELSE 0 END) AS ${column}${k}`, [t.range.from, t.range.to])));
        return q;
      };
      // The reminder engine's rule for "active in the term": established by its end, and
      // not dissolved before its start.
      const active = (t: DateRange) =>
        db.raw(
          "(a.established_on IS NULL OR a.established_on <= ?) AND ((a.dissolved_on IS NULL AND a.status = 'active') OR a.dissolved_on >= ?)",
          [t.to, t.from],
        );
      const q = db('alliances as a')
        .leftJoin(perTerm('a', false).as('c'), 'c.alliance_id', 'a.id')
        .leftJoin(perTerm('v', true).as('cv'), 'cv.alliance_id', 'a.id')
        .whereNull('a.deleted_at');
      if (scope.regionId) q.whereIn('a.id', alliancesInRegion(db, scope.regionId));
      terms.forEach((t, k) => {
        const a = `COALESCE(c.a${k}, 0)`;
        const v = `COALESCE(cv.v${k}, 0)`;
        q.select(
          db.raw(`SUM(CASE WHEN ? THEN 1 ELSE 0 END) AS alliances${k}`, [active(t.range)]),
          db.raw(`SUM(CASE WHEN ? AND ${a} >= ? THEN 1 ELSE 0 END) AS meet_activities${k}`, [active(t.range), quotas.activitiesPerTerm]),
          db.raw(`SUM(CASE WHEN ? AND ${v} >= ? THEN 1 ELSE 0 END) AS meet_visits${k}`, [active(t.range), quotas.visitsPerTerm]),
          db.raw(`SUM(CASE WHEN ? AND ${a} >= ? AND ${v} >= ? THEN 1 ELSE 0 END) AS meet_both${k}`, [
            active(t.range),
            quotas.activitiesPerTerm,
            quotas.visitsPerTerm,
          ]),
        );
      });
      const row = ((await q.first()) ?? {}) as Row;
      return terms.map((t, k) => ({
        term: t.term,
        alliances: Number(row[`alliances${k}`] ?? 0),
        meetActivities: Number(row[`meet_activities${k}`] ?? 0),
        meetVisits: Number(row[`meet_visits${k}`] ?? 0),
        meetBoth: Number(row[`meet_both${k}`] ?? 0),
      }));
    },

    /**
     * Exchanges overlapping the range, by kind and in all: 人数 (a teacher once: same name
     * from the same school), 人次, days (up to today while ongoing without an end) and
     * hours — counted as the teacher-exchange summary counts them.
     */
    async exchanges(range: DateRange, scope: DashboardScope, today: string): Promise<{ byKind: ExchangeKindTally[]; total: Omit<ExchangeKindTally, 'kind'> }> {
      const days = inclusiveDaysSql(db, 'te.start_on', "COALESCE(te.end_on, CASE WHEN te.status = 'ongoing' AND te.start_on <= ? THEN ? END)");
      const teacher = "te.teacher_name || '|' || te.from_school_id";
      // Without a region no school is needed, and deleted alliances are left out by id:
      // the scan then reads only the exchange rows.
      const dead = await deadAlliances();
      const q = db('teacher_exchanges as te')
        .whereNull('te.deleted_at')
        .where('te.start_on', '<=', range.to)
        .where((w) =>
          w
            .where('te.end_on', '>=', range.from)
            .orWhere((o) => o.whereNull('te.end_on').andWhere((x) => x.where('te.status', 'ongoing').orWhere('te.start_on', '>=', range.from))),
        );
      if (dead.length) q.whereNotIn('te.alliance_id', dead);
      if (scope.regionId) {
        const regionId = scope.regionId;
        q.join('schools as fs', 'fs.id', 'te.from_school_id')
          .join('schools as ts', 'ts.id', 'te.to_school_id')
          .where((w) => w.whereIn('fs.region_id', regionAndBelow(db, regionId)).orWhereIn('ts.region_id', regionAndBelow(db, regionId)));
      }
      const tally = (r: Row | undefined) => ({
        teachers: Number(r?.teachers ?? 0),
        exchanges: Number(r?.exchanges ?? 0),
        days: Math.max(0, Number(r?.days ?? 0)),
        hours: Math.round(Number(r?.hours ?? 0) * 10) / 10,
      });
      // The range's exchanges are read once into x; a row per kind, and the rollup row (kind
      // NULL) where a teacher who went twice under two kinds still counts once.
      const x = q.select('te.kind', db.raw(`${teacher} AS teacher`), db.raw(`${days} AS days`, [today, today]), 'te.hours');
      const columns = [
        db.raw('COUNT(DISTINCT x.teacher) AS teachers'),
        db.raw('COUNT(*) AS exchanges'),
        db.raw('COALESCE(SUM(x.days), 0) AS days'),
        db.raw('COALESCE(SUM(x.hours), 0) AS hours'),
      ];
      // (knex writes a GROUP BY after a UNION, so the grouped part is a subquery.)
      const rows = (await db
        .withMaterialized('x', x)
        .from(db.from('x').groupBy('x.kind').select('x.kind', ...columns).as('per_kind'))
        .select('*')
        .unionAll((u) => u.from('x').select(db.raw('NULL AS kind'), ...columns))) as Row[];
      const byKind = new Map(rows.filter((r) => r.kind !== null).map((r) => [String(r.kind), r]));
      return {
        byKind: exchangeKinds.codes.map((kind: ExchangeKind) => ({ kind, ...tally(byKind.get(kind)) })),
        total: tally(rows.find((r) => r.kind === null)),
      };
    },

    /** Notices issued in the range, by status, and how many of them are past their deadline unverified. */
    async rectificationsIssued(range: DateRange, scope: DashboardScope, today: string): Promise<Record<RectificationStatus, number> & { overdue: number }> {
      const rows = (await notices(scope)
        .whereBetween('r.issued_on', [range.from, range.to])
        .groupBy('r.status')
        .select(
          'r.status',
          db.raw('COUNT(*) AS n'),
          db.raw("SUM(CASE WHEN r.status <> 'verified' AND r.deadline < ? THEN 1 ELSE 0 END) AS overdue", [today]),
        )) as Row[];
      const out = { issued: 0, reported: 0, verified: 0, overdue: 0 };
      for (const r of rows) {
        const status = String(r.status) as RectificationStatus;
        if (status in out) out[status] += Number(r.n);
        out.overdue += Number(r.overdue ?? 0);
      }
      return out;
    },

    /** Notices not yet verified, whenever issued, and those of them past their deadline. */
    async openRectifications(scope: DashboardScope, today: string): Promise<{ open: number; overdue: number }> {
      const row = (await notices(scope)
        .whereNot('r.status', 'verified')
        .select(db.raw('COUNT(*) AS n'), db.raw('COALESCE(SUM(CASE WHEN r.deadline < ? THEN 1 ELSE 0 END), 0) AS overdue', [today]))
        .first()) as Row | undefined;
      return { open: Number(row?.n ?? 0), overdue: Number(row?.overdue ?? 0) };
    },

    /** The year's evaluations against a template, grouped by total (the rank's total: the rounded sum of scores). */
    async templateTotals(templateId: string, year: number, scope: DashboardScope): Promise<TemplateTotals | null> {
      const t = (await db('evaluation_templates').where({ id: templateId }).whereNull('deleted_at').first()) as Row | undefined;
      if (!t) return null;
      const targetType = String(t.target_type) as EvaluationTarget;
      const column = targetType === 'alliance' ? 'target_alliance_id' : 'target_school_id';
      const sum = db('evaluation_scores as sc').select(db.raw('SUM(sc.score)')).whereRaw('sc.evaluation_id = e.id').whereNull('sc.deleted_at');
      const evaluations = db('evaluations as e')
        .join(`${targetType === 'alliance' ? 'alliances' : 'schools'} as tg`, 'tg.id', `e.${column}`)
        .where('e.template_id', templateId)
        .where('e.year', year)
        .whereNull('e.deleted_at')
        .whereNull('tg.deleted_at')
        .select('e.status', db.raw('ROUND(COALESCE(?, 0), 2) AS total', [sum]));
      if (scope.regionId) {
        if (targetType === 'alliance') evaluations.whereIn('tg.id', alliancesInRegion(db, scope.regionId));
        else evaluations.whereIn('tg.region_id', regionAndBelow(db, scope.regionId));
      }
      const rows = (await db
        .from(evaluations.as('g'))
        .groupBy(db.raw("CASE WHEN g.status = 'draft' THEN 1 ELSE 0 END"))
        .groupBy('g.total')
        .select(db.raw("CASE WHEN g.status = 'draft' THEN 1 ELSE 0 END AS draft"), 'g.total', db.raw('COUNT(*) AS n'))) as Row[];
      return {
        id: String(t.id),
        name: String(t.name),
        version: Number(t.version),
        totalScore: Number(t.total_score),
        bands: parseBands(t.grade_bands),
        totals: rows.filter((r) => !Number(r.draft)).map((r) => ({ total: Number(r.total), count: Number(r.n) })),
        drafts: rows.filter((r) => Number(r.draft)).reduce((n, r) => n + Number(r.n), 0),
      };
    },
  };
}
