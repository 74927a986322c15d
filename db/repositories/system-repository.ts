// Whole-ledger queries: row counts, 回收站 and the audit log.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { conflict, notFound } from '../../electron/api/errors';
import type { AuditEntry, DeletedRecord, LedgerStats, RecyclableEntity } from '../../electron/api/system';
import { pageOf } from '../paging';
import { restoreRecord, type WriteContext } from '../records';
import { isUniqueViolation } from '../sql-errors';

const statTables: Record<keyof LedgerStats, string> = {
  regions: 'regions',
  schools: 'schools',
  alliances: 'alliances',
  allianceMembers: 'alliance_members',
  activities: 'activities',
  teacherExchanges: 'teacher_exchanges',
  sharedCourses: 'shared_courses',
  cooperationProjects: 'cooperation_projects',
  problems: 'problems',
  supervisions: 'supervisions',
  rectifications: 'rectifications',
  evaluations: 'evaluations',
};

/** How 回收站 names a deleted record of each kind (an SQL expression over the table as t). */
const labels: Record<RecyclableEntity, string> = {
  regions: 't.name',
  schools: 't.name',
  alliances: 't.name',
  alliance_members:
    "COALESCE((SELECT name FROM alliances WHERE id = t.alliance_id), '') || ' · ' || COALESCE((SELECT name FROM schools WHERE id = t.school_id), (SELECT name FROM regions WHERE id = t.region_id), '')",
  activities: "t.date || ' ' || t.title",
  teacher_exchanges: "t.teacher_name || ' ' || t.start_on",
  shared_courses: 't.name',
  cooperation_projects: "CAST(t.year AS TEXT) || ' ' || t.name",
  problems: 't.description',
  supervisions: "t.date || ' 督导'",
  rectifications: 't.number',
  interviews: "t.date || ' ' || t.interviewees",
  evaluation_templates: 't.name',
  evaluations: "CAST(t.year AS TEXT) || ' 年度考核评价'",
  awards: "CAST(t.year AS TEXT) || ' ' || t.title",
  manual_reminders: 't.title',
};

export function systemRepository(db: Knex) {
  return {
    async stats(): Promise<LedgerStats> {
      const entries = await Promise.all(
        Object.entries(statTables).map(async ([key, table]) => {
          const [row] = await db(table).whereNull('deleted_at').count<{ n: number | string }[]>({ n: '*' });
          return [key, Number(row?.n ?? 0)] as const;
        }),
      );
      return Object.fromEntries(entries) as unknown as LedgerStats;
    },

    /** Fresh ledger: no schools, no alliances (regions alone come from the first-run choice). */
    async isEmpty(): Promise<boolean> {
      const [s, a] = await Promise.all([db('schools').first('id'), db('alliances').first('id')]);
      return !s && !a;
    },

    async deleted(q: { page: number; pageSize: number; entity?: RecyclableEntity }): Promise<Page<DeletedRecord>> {
      const entities = q.entity ? [q.entity] : (Object.keys(labels) as RecyclableEntity[]);
      const parts = entities.map((e) =>
        db(`${e} as t`)
          .whereNotNull('t.deleted_at')
          .select(db.raw('? as entity', [e]), 't.id', db.raw(`${labels[e]} as label`), 't.deleted_at'),
      );
      const [first, ...rest] = parts;
      const union = rest.length ? first!.unionAll(rest, false) : first!;
      const query = db.from(union.as('d')).select('*').orderBy('deleted_at', 'desc').orderBy('id');
      return pageOf(query, q, (r) => ({
        entity: r.entity as RecyclableEntity,
        id: String(r.id),
        label: String(r.label ?? ''),
        deletedAt: String(r.deleted_at),
      }));
    },

    async restore(trx: Knex, entity: RecyclableEntity, id: string, ctx: WriteContext): Promise<void> {
      try {
        if (!(await restoreRecord(trx, entity, id, ctx))) throw notFound('回收站中的记录');
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('无法恢复：已有一条相同的记录（例如同名），请先修改或删除它');
        throw e;
      }
    },

    async audit(q: { page: number; pageSize: number; entity?: string; recordId?: string }): Promise<Page<AuditEntry>> {
      const query = db('audit_log').select('*').orderBy('at', 'desc').orderBy('id', 'desc');
      if (q.entity) query.where('entity', q.entity);
      if (q.recordId) query.where('record_id', q.recordId);
      return pageOf(query, q, (r) => ({
        id: String(r.id),
        at: String(r.at),
        operator: String(r.operator),
        entity: String(r.entity),
        recordId: String(r.record_id),
        action: r.action as AuditEntry['action'],
        before: r.before ? JSON.parse(String(r.before)) : null,
        after: r.after ? JSON.parse(String(r.after)) : null,
      }));
    },
  };
}
