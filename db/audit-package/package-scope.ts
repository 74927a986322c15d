// Which office records a package holds: the chosen alliances, schools or counties, with
// what a supervision visit needs of them — their schools and members, recent activities,
// open problems, supervisions with their notices and interviews, the year's evaluation
// templates and evaluations, and the attachments of those records. Every row a record
// refers to comes along (a package is a ledger with working foreign keys); regions and
// evaluation templates are small and come whole.
import type { Knex } from 'knex';
import type { PackageTable } from './package-tables';

export interface PackageScope {
  allianceIds: string[];
  schoolIds: string[];
  /** County-level regions: their schools and the alliances those schools belong to. */
  regionIds: string[];
  /** The evaluation year (templates and evaluations of this year). */
  year: number;
  /** Activities and supervisions on or after this date (YYYY-MM-DD). */
  since: string;
}

export type PackageIds = Record<PackageTable, Set<string>>;

const chunked = <T>(list: T[], size = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

async function idsWhereIn(db: Knex, table: string, column: string, values: Iterable<string>, extra?: (q: Knex.QueryBuilder) => void): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunked([...values])) {
    const q = db(table).whereIn(column, part).pluck('id');
    extra?.(q);
    out.push(...((await q) as string[]));
  }
  return out;
}

async function columnOf(db: Knex, table: string, ids: Iterable<string>, column: string): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunked([...ids])) {
    out.push(...((await db(table).whereIn('id', part).whereNotNull(column).pluck(column)) as string[]));
  }
  return out;
}

const live = (q: Knex.QueryBuilder) => q.whereNull('deleted_at');

export async function collectPackageIds(db: Knex, scope: PackageScope): Promise<PackageIds> {
  const add = (set: Set<string>, values: Iterable<string>) => {
    for (const v of values) set.add(v);
  };
  const regionSchools = await idsWhereIn(db, 'schools', 'region_id', scope.regionIds, live);
  const chosenSchools = new Set([...scope.schoolIds, ...regionSchools]);

  const alliances = new Set(scope.allianceIds);
  add(alliances, await idsWhereIn(db, 'alliance_members', 'school_id', chosenSchools, live).then((ids) => columnOf(db, 'alliance_members', ids, 'alliance_id')));
  add(alliances, await idsWhereIn(db, 'alliance_members', 'region_id', scope.regionIds, live).then((ids) => columnOf(db, 'alliance_members', ids, 'alliance_id')));
  const liveAlliances = new Set(await idsWhereIn(db, 'alliances', 'id', alliances, live));

  const members = new Set(await idsWhereIn(db, 'alliance_members', 'alliance_id', liveAlliances, live));
  const schools = new Set(chosenSchools);
  add(schools, await columnOf(db, 'alliance_members', members, 'school_id'));
  add(schools, await columnOf(db, 'alliances', liveAlliances, 'lead_school_id'));

  const activities = new Set(await idsWhereIn(db, 'activities', 'alliance_id', liveAlliances, (q) => live(q).where('date', '>=', scope.since)));
  const activitySchools = new Set(await idsWhereIn(db, 'activity_schools', 'activity_id', activities, live));
  add(schools, await columnOf(db, 'activities', activities, 'host_school_id'));
  add(schools, await columnOf(db, 'activity_schools', activitySchools, 'school_id'));

  // The alliances' other ledgers, so that what the laptop adds to them comes back too.
  const ratings = new Set(await idsWhereIn(db, 'alliance_quality_ratings', 'alliance_id', liveAlliances, live));
  const plans = new Set(await idsWhereIn(db, 'annual_plans', 'alliance_id', liveAlliances, live));
  const exchanges = new Set(await idsWhereIn(db, 'teacher_exchanges', 'alliance_id', liveAlliances, (q) => live(q).where((w) => w.whereNull('end_on').orWhere('end_on', '>=', scope.since))));
  add(schools, await columnOf(db, 'teacher_exchanges', exchanges, 'from_school_id'));
  add(schools, await columnOf(db, 'teacher_exchanges', exchanges, 'to_school_id'));
  const courses = new Set(await idsWhereIn(db, 'shared_courses', 'alliance_id', liveAlliances, live));
  const courseSchools = new Set(await idsWhereIn(db, 'shared_course_schools', 'shared_course_id', courses, live));
  add(schools, await columnOf(db, 'shared_courses', courses, 'provider_school_id'));
  add(schools, await columnOf(db, 'shared_course_schools', courseSchools, 'school_id'));
  const projects = new Set(await idsWhereIn(db, 'cooperation_projects', 'alliance_id', liveAlliances, (q) => live(q).where('year', '>=', scope.year - 1)));

  const problems = new Set(await idsWhereIn(db, 'problems', 'alliance_id', liveAlliances, (q) => live(q).whereNot('status', 'done')));
  add(schools, await columnOf(db, 'problems', problems, 'school_id'));

  // Supervisions of the chosen targets: recent ones, and older ones with a notice still open.
  const targeted = new Set<string>();
  const recentOrOpen = (q: Knex.QueryBuilder) =>
    live(q).where((w) =>
      w
        .where('date', '>=', scope.since)
        .orWhereExists(
          db('rectifications as r').whereRaw('r.supervision_id = supervisions.id').whereNull('r.deleted_at').whereNot('r.status', 'verified'),
        ),
    );
  add(targeted, await idsWhereIn(db, 'supervisions', 'target_alliance_id', liveAlliances, recentOrOpen));
  add(targeted, await idsWhereIn(db, 'supervisions', 'target_school_id', schools, recentOrOpen));
  add(targeted, await idsWhereIn(db, 'supervisions', 'target_region_id', scope.regionIds, recentOrOpen));
  const rectifications = new Set(await idsWhereIn(db, 'rectifications', 'supervision_id', targeted, live));
  const interviews = new Set(await idsWhereIn(db, 'interviews', 'supervision_id', targeted, live));

  const evaluations = new Set<string>();
  const ofYear = (q: Knex.QueryBuilder) => live(q).where('year', scope.year);
  add(evaluations, await idsWhereIn(db, 'evaluations', 'target_alliance_id', liveAlliances, ofYear));
  add(evaluations, await idsWhereIn(db, 'evaluations', 'target_school_id', schools, ofYear));
  const scores = new Set(await idsWhereIn(db, 'evaluation_scores', 'evaluation_id', evaluations, live));

  const awards = new Set(await idsWhereIn(db, 'awards', 'target_alliance_id', liveAlliances, (q) => live(q).where('year', '>=', scope.year - 1)));
  add(awards, await idsWhereIn(db, 'awards', 'target_school_id', schools, (q) => live(q).where('year', '>=', scope.year - 1)));

  const templates = new Set((await db('evaluation_templates').pluck('id')) as string[]);
  const indicators = new Set((await db('indicators').pluck('id')) as string[]);

  const ids: PackageIds = {
    regions: new Set((await db('regions').pluck('id')) as string[]),
    schools,
    alliances: liveAlliances,
    alliance_members: members,
    alliance_quality_ratings: ratings,
    annual_plans: plans,
    activities,
    activity_schools: activitySchools,
    teacher_exchanges: exchanges,
    shared_courses: courses,
    shared_course_schools: courseSchools,
    cooperation_projects: projects,
    problems,
    supervisions: targeted,
    rectifications,
    interviews,
    evaluation_templates: templates,
    indicators,
    evaluations,
    evaluation_scores: scores,
    awards,
    attachments: new Set(),
    record_attachments: new Set(),
  };
  for (const entity of ['activities', 'problems', 'supervisions', 'rectifications', 'interviews', 'evaluations', 'schools', 'alliances', 'teacher_exchanges', 'shared_courses', 'cooperation_projects', 'awards'] as const) {
    for (const part of chunked([...ids[entity]])) {
      const links = (await db('record_attachments').where({ entity }).whereIn('record_id', part).whereNull('deleted_at').select('id', 'attachment_id')) as {
        id: string;
        attachment_id: string;
      }[];
      for (const l of links) {
        ids.record_attachments.add(l.id);
        ids.attachments.add(l.attachment_id);
      }
    }
  }
  return ids;
}

/** Reads the rows of `table` with the given ids, a chunk at a time. */
export async function* rowsOf(db: Knex, table: string, ids: Iterable<string>): AsyncGenerator<Record<string, unknown>[]> {
  for (const part of chunked([...ids])) yield (await db(table).whereIn('id', part)) as Record<string, unknown>[];
}
