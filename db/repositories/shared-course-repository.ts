// 课程共享: a course and its receiving schools (shared_course_schools), written together
// in the caller's transaction. A page's receiving schools come in one extra query.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { notFound } from '../../electron/api/errors';
import type { NamedSchool, SharedCourse, SharedCourseDraft, SharedCourseListQuery } from '../../electron/api/shared-courses';
import { termLabel, termRange } from '../../electron/api/terms';
import type { TermBoundaries } from '../../electron/api/settings';
import { num, pageOf, str, whereContains, orderNullsLast } from '../paging';
import { bumpVersion, insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';
import { assertMembers, liveAlliance, regionAndBelow, type SchoolRole } from './ledger-scope';

const sortColumns: Record<SharedCourseListQuery['sortBy'], string> = {
  term: 'sc.term',
  name: 'sc.name',
  alliance: 'a.name',
  provider: 'ps.name',
  hours: 'sc.hours',
  studentsReached: 'sc.students_reached',
  updatedAt: 'sc.updated_at',
};

export function sharedCourseRepository(db: Knex) {
  function base() {
    return db('shared_courses as sc')
      .join('alliances as a', 'a.id', 'sc.alliance_id')
      .leftJoin('schools as ps', 'ps.id', 'sc.provider_school_id')
      .whereNull('sc.deleted_at')
      .whereNull('a.deleted_at')
      .select('sc.*', 'a.name as alliance_name', 'ps.name as provider_school_name');
  }

  /** Receiving schools of the given courses, by course id, each list by school name. */
  async function receivers(courseIds: string[]): Promise<Map<string, NamedSchool[]>> {
    const out = new Map<string, NamedSchool[]>();
    if (courseIds.length === 0) return out;
    const rows = (await db('shared_course_schools as scs')
      .join('schools as s', 's.id', 'scs.school_id')
      .whereIn('scs.shared_course_id', courseIds)
      .whereNull('scs.deleted_at')
      .orderBy('s.name')
      .select('scs.shared_course_id', 's.id', 's.name')) as { shared_course_id: string; id: string; name: string }[];
    for (const r of rows) {
      const list = out.get(r.shared_course_id) ?? [];
      list.push({ id: r.id, name: r.name });
      out.set(r.shared_course_id, list);
    }
    return out;
  }

  return {
    async list(q: SharedCourseListQuery): Promise<Page<SharedCourse>> {
      const query = base();
      if (q.allianceId) query.where('sc.alliance_id', q.allianceId);
      if (q.term) query.where('sc.term', q.term);
      if (q.regionId) {
        const inRegion = regionAndBelow(db, q.regionId);
        query.where((w) =>
          w.whereIn('ps.region_id', inRegion).orWhereExists(
            db('shared_course_schools as r')
              .join('schools as rs', 'rs.id', 'r.school_id')
              .whereRaw('r.shared_course_id = sc.id')
              .whereNull('r.deleted_at')
              .whereIn('rs.region_id', regionAndBelow(db, q.regionId!))
              .select(db.raw('1')),
          ),
        );
      }
      whereContains(query, ['sc.name'], q.search);
      orderNullsLast(query, sortColumns[q.sortBy], q.sortOrder);
      query;
      if (q.sortBy !== 'term') query.orderBy('sc.term', 'desc');
      query.orderBy('sc.name').orderBy('sc.id');
      const page = await pageOf(query, q, (r) => toSharedCourse(r, []));
      const schools = await receivers(page.rows.map((c) => c.id));
      return { ...page, rows: page.rows.map((c) => ({ ...c, receivingSchools: schools.get(c.id) ?? [] })) };
    },

    async get(id: string): Promise<SharedCourse> {
      const row = await base().where('sc.id', id).first();
      if (!row) throw notFound('共享课程');
      return toSharedCourse(row, (await receivers([id])).get(id) ?? []);
    },

    async create(trx: Knex, draft: SharedCourseDraft, terms: TermBoundaries, ctx: WriteContext): Promise<string> {
      await checkMembers(trx, draft, terms);
      const row = await insertRecord(trx, 'shared_courses', toRow(draft), ctx);
      const id = row.id as string;
      for (const schoolId of draft.receivingSchoolIds) {
        await insertRecord(trx, 'shared_course_schools', { shared_course_id: id, school_id: schoolId }, ctx);
      }
      return id;
    },

    async update(trx: Knex, id: string, draft: SharedCourseDraft, terms: TermBoundaries, ctx: WriteContext, version?: number): Promise<void> {
      const exists = await trx('shared_courses').where({ id }).whereNull('deleted_at').first('id');
      if (!exists) throw notFound('共享课程');
      await checkMembers(trx, draft, terms);
      await updateRecord(trx, 'shared_courses', id, toRow(draft), ctx, version);

      const current = (await trx('shared_course_schools')
        .where({ shared_course_id: id })
        .whereNull('deleted_at')
        .select('id', 'school_id')) as { id: string; school_id: string }[];
      const wanted = new Set(draft.receivingSchoolIds);
      const have = new Set(current.map((c) => c.school_id));
      const removed = current.filter((c) => !wanted.has(c.school_id));
      const added = draft.receivingSchoolIds.filter((s) => !have.has(s));
      for (const c of removed) await softDeleteRecord(trx, 'shared_course_schools', c.id, ctx);
      for (const schoolId of added) {
        await insertRecord(trx, 'shared_course_schools', { shared_course_id: id, school_id: schoolId }, ctx);
      }
      if (removed.length || added.length) {
        // A change of receiving schools alone is still a change of the course.
        await trx('shared_courses').where({ id }).update({ updated_at: ctx.now.toISOString(), ...bumpVersion(trx) });
      }
    },

    /** Soft-deletes the course; its receiving schools stay attached, so a restore brings them back. */
    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'shared_courses', id, ctx))) throw notFound('共享课程');
    },
  };
}

/** The provider and every receiving school must be members of the alliance when the term starts. */
async function checkMembers(trx: Knex, d: SharedCourseDraft, terms: TermBoundaries): Promise<void> {
  const alliance = await liveAlliance(trx, d.allianceId);
  const roles: SchoolRole[] = d.receivingSchoolIds.map((schoolId) => ({ schoolId, field: 'receivingSchoolIds', label: '接收学校' }));
  if (d.providerSchoolId) roles.unshift({ schoolId: d.providerSchoolId, field: 'providerSchoolId', label: '提供学校' });
  await assertMembers(trx, alliance, roles, termRange(d.term, terms).from);
}

function toRow(d: SharedCourseDraft): Row {
  return {
    alliance_id: d.allianceId,
    name: d.name,
    provider_school_id: d.providerSchoolId,
    term: d.term,
    hours: d.hours,
    students_reached: d.studentsReached,
  };
}

function toSharedCourse(r: Record<string, unknown>, receivingSchools: NamedSchool[]): SharedCourse {
  const term = String(r.term);
  return {
    id: String(r.id),
    allianceId: String(r.alliance_id),
    allianceName: String(r.alliance_name ?? ''),
    name: String(r.name),
    providerSchoolId: str(r.provider_school_id),
    providerSchoolName: str(r.provider_school_name),
    receivingSchools,
    term,
    termLabel: termLabel(term),
    hours: num(r.hours),
    studentsReached: num(r.students_reached),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
