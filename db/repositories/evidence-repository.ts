// 台账佐证: what the ledger says about one alliance (or school) in one calendar year, beside
// the scoring form. Every figure is one aggregate query; nothing is loaded row by row.
import type { Knex } from 'knex';
import { activityCategories, type ActivityCategory } from '../../electron/api/enums';
import type { EvaluationTarget, Evidence } from '../../electron/api/evaluations';
import type { TermBoundaries } from '../../electron/api/settings';
import { termLabel, termRange, termsBetween } from '../../electron/api/terms';
import { notFound } from '../../electron/api/errors';
import { inclusiveDaysSql, isPostgres } from './ledger-scope';

interface EvidenceInput {
  year: number;
  targetType: EvaluationTarget;
  targetId: string;
  today: string;
  terms: TermBoundaries;
  visitsPerTerm: number;
}

const n = (v: unknown) => Number(v ?? 0);

export function evidenceRepository(db: Knex) {
  const greatest = isPostgres(db) ? 'GREATEST' : 'MAX';
  const least = isPostgres(db) ? 'LEAST' : 'MIN';

  return {
    async forYear(input: EvidenceInput): Promise<Evidence> {
      const { year, targetType, targetId, today } = input;
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const alliance = targetType === 'alliance';
      const target = await db(alliance ? 'alliances' : 'schools').where({ id: targetId }).whereNull('deleted_at').first('name');
      if (!target) throw notFound(alliance ? '联盟' : '学校');

      /** Activities of the alliance, or those the school hosted or took part in. */
      const activities = () => {
        const q = db('activities as ac').join('alliances as a', 'a.id', 'ac.alliance_id').whereNull('ac.deleted_at').whereNull('a.deleted_at');
        if (alliance) return q.where('ac.alliance_id', targetId);
        return q.where((w) =>
          w
            .where('ac.host_school_id', targetId)
            .orWhereExists(
              db('activity_schools as xs').select(db.raw('1')).whereRaw('xs.activity_id = ac.id').where('xs.school_id', targetId).whereNull('xs.deleted_at'),
            ),
        );
      };
      const byCategory = (await activities()
        .whereBetween('ac.date', [from, to])
        .groupBy('ac.category')
        .select('ac.category', db.raw('COUNT(*) AS n'))) as { category: ActivityCategory; n: unknown }[];
      const counted = new Map(byCategory.map((r) => [r.category, n(r.n)]));

      const terms = termsBetween(from, to, input.terms).reverse();
      const visitCounts = await Promise.all(
        terms.map(async (term) => {
          const range = termRange(term, input.terms);
          const row = await activities().where('ac.is_leadership_visit', true).whereBetween('ac.date', [range.from, range.to]).count<{ n: number }[]>({ n: '*' });
          return n(row[0]?.n);
        }),
      );

      // Days of each exchange that fall in the year, up to today while it is still going on.
      const start = `${greatest}(te.start_on, '${from}')`;
      const end = `${least}(COALESCE(te.end_on, ?), '${to}')`;
      const exchanges = (await db('teacher_exchanges as te')
        .join('alliances as a', 'a.id', 'te.alliance_id')
        .whereNull('te.deleted_at')
        .whereNull('a.deleted_at')
        .modify((q) => (alliance ? q.where('te.alliance_id', targetId) : q.where((w) => w.where('te.from_school_id', targetId).orWhere('te.to_school_id', targetId))))
        .where('te.start_on', '<=', to)
        .where('te.start_on', '<=', today)
        .where((w) => w.whereNull('te.end_on').orWhere('te.end_on', '>=', from))
        .first(
          db.raw('COUNT(*) AS n'),
          db.raw(`COUNT(DISTINCT te.teacher_name || '|' || te.from_school_id) AS people`),
          db.raw(`COALESCE(SUM(${greatest}(0, ${inclusiveDaysSql(db, start, end)})), 0) AS days`, [today]),
        )) as Record<string, unknown>;

      const courses = (await db('shared_courses as c')
        .join('alliances as a', 'a.id', 'c.alliance_id')
        .whereNull('c.deleted_at')
        .whereNull('a.deleted_at')
        .whereIn('c.term', terms)
        .modify((q) =>
          alliance
            ? q.where('c.alliance_id', targetId)
            : q.where((w) =>
                w
                  .where('c.provider_school_id', targetId)
                  .orWhereExists(
                    db('shared_course_schools as cs').select(db.raw('1')).whereRaw('cs.shared_course_id = c.id').where('cs.school_id', targetId).whereNull('cs.deleted_at'),
                  ),
              ),
        )
        .first(db.raw('COUNT(*) AS n'), db.raw('COALESCE(SUM(c.hours), 0) AS hours'))) as Record<string, unknown>;

      const problems = (await db('problems as p')
        .join('alliances as a', 'a.id', 'p.alliance_id')
        .whereNull('p.deleted_at')
        .whereNull('a.deleted_at')
        .where(alliance ? 'p.alliance_id' : 'p.school_id', targetId)
        .first(
          db.raw(`SUM(CASE WHEN p.status = 'done' AND p.done_on BETWEEN ? AND ? THEN 1 ELSE 0 END) AS closed`, [from, to]),
          db.raw(`SUM(CASE WHEN p.status <> 'done' THEN 1 ELSE 0 END) AS open`),
          db.raw(`SUM(CASE WHEN p.status <> 'done' AND p.due_on < ? THEN 1 ELSE 0 END) AS overdue`, [today]),
        )) as Record<string, unknown>;

      const rectifications = (await db('rectifications as r')
        .join('supervisions as sv', 'sv.id', 'r.supervision_id')
        .whereNull('r.deleted_at')
        .whereNull('sv.deleted_at')
        .where(alliance ? 'sv.target_alliance_id' : 'sv.target_school_id', targetId)
        .first(
          db.raw(`SUM(CASE WHEN r.issued_on BETWEEN ? AND ? THEN 1 ELSE 0 END) AS issued`, [from, to]),
          db.raw(`SUM(CASE WHEN r.status <> 'verified' THEN 1 ELSE 0 END) AS open`),
          db.raw(`SUM(CASE WHEN r.status <> 'verified' AND r.deadline < ? THEN 1 ELSE 0 END) AS overdue`, [today]),
        )) as Record<string, unknown>;

      return {
        year,
        targetType,
        targetName: String(target.name),
        activities: activityCategories.codes.map((category) => ({
          category,
          label: activityCategories.label(category),
          count: counted.get(category) ?? 0,
        })),
        activityTotal: [...counted.values()].reduce((s, c) => s + c, 0),
        leadershipVisits: terms.map((term, i) => ({ term, label: termLabel(term), count: visitCounts[i] ?? 0, quota: input.visitsPerTerm })),
        teacherExchanges: { count: n(exchanges.n), people: n(exchanges.people), days: n(exchanges.days) },
        sharedCourses: { count: n(courses.n), hours: n(courses.hours) },
        problems: { closedInYear: n(problems.closed), open: n(problems.open), overdue: n(problems.overdue) },
        rectifications: { issuedInYear: n(rectifications.issued), open: n(rectifications.open), overdue: n(rectifications.overdue) },
      };
    },
  };
}
