// Whole-ledger queries: row counts, 回收站 and the audit log.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { conflict, notFound } from '../../electron/api/errors';
import type { AuditEntry, DeletedRecord, LedgerStats, RecyclableEntity } from '../../electron/api/system';
import { pageOf, whereContains } from '../paging';
import { restoreRecord, updateRecord, type WriteContext } from '../records';
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

const ofAlliance = new Set([
  'alliance_members',
  'activities',
  'teacher_exchanges',
  'shared_courses',
  'cooperation_projects',
  'problems',
]);

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
  evaluation_templates: "t.name || CASE WHEN t.version > 1 THEN '（第' || CAST(t.version AS TEXT) || '版）' ELSE '' END",
  evaluations:
    "CAST(t.year AS TEXT) || ' 年度考核评价 · ' || COALESCE((SELECT name FROM alliances WHERE id = t.target_alliance_id), (SELECT name FROM schools WHERE id = t.target_school_id), '')",
  awards:
    "CAST(t.year AS TEXT) || ' ' || t.title || ' · ' || COALESCE(t.person_name, (SELECT name FROM alliances WHERE id = t.target_alliance_id), (SELECT name FROM schools WHERE id = t.target_school_id), '')",
  manual_reminders: 't.title',
};

/**
 * A restored lead member leads again if its alliance has no lead meanwhile; if the alliance
 * got another lead, it comes back as a member, so an alliance never has two leads.
 */
async function keepOneLead(trx: Knex, memberId: string, ctx: WriteContext): Promise<void> {
  const m = await trx('alliance_members').where({ id: memberId }).first('alliance_id', 'school_id', 'region_id', 'role');
  if (!m || m.role !== 'lead') return;
  const a = await trx('alliances').where({ id: m.alliance_id }).first('lead_school_id', 'lead_region_id');
  if (!a) return;
  if (!a.lead_school_id && !a.lead_region_id) {
    const lead = m.school_id ? { lead_school_id: m.school_id } : { lead_region_id: m.region_id };
    await updateRecord(trx, 'alliances', m.alliance_id, lead, ctx);
    return;
  }
  const isTheLead = (m.school_id && a.lead_school_id === m.school_id) || (m.region_id && a.lead_region_id === m.region_id);
  if (!isTheLead) await updateRecord(trx, 'alliance_members', memberId, { role: 'member' }, ctx);
}

export function systemRepository(db: Knex) {
  return {
    async stats(): Promise<LedgerStats> {
      const entries = await Promise.all(
        Object.entries(statTables).map(async ([key, table]) => {
          const query = db(table).whereNull('deleted_at');
          // The ledgers of a deleted alliance are hidden from every list, so they do not count.
          if (ofAlliance.has(table)) {
            query.whereIn('alliance_id', db('alliances').select('id').whereNull('deleted_at'));
          }
          const [row] = await query.count<{ n: number | string }[]>({ n: '*' });
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
        if (entity === 'alliance_members') await keepOneLead(trx, id, ctx);
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('无法恢复：已有一条相同的记录（例如同名），请先修改或删除它');
        throw e;
      }
    },

    async audit(q: {
      page: number;
      pageSize: number;
      search?: string;
      entity?: string;
      recordId?: string;
      action?: string;
      operator?: string;
      from?: string;
      to?: string;
    }): Promise<Page<AuditEntry>> {
      // Newest first, in chain order (the chain is the order rows were written in).
      const query = db('audit_log').select('*').orderBy('seq', 'desc').orderBy('at', 'desc');
      if (q.entity) query.where('entity', q.entity);
      if (q.recordId) query.where('record_id', q.recordId);
      if (q.action) query.where('action', q.action);
      if (q.operator) query.where('operator', q.operator);
      // Dates are the clerk's local days; `at` is a UTC instant.
      if (q.from) query.where('at', '>=', new Date(`${q.from}T00:00:00`).toISOString());
      if (q.to) query.where('at', '<', new Date(new Date(`${q.to}T00:00:00`).getTime() + 86_400_000).toISOString());
      whereContains(query, ['operator', 'record_id'], q.search);
      return pageOf(query, q, (r) => ({
        seq: Number(r.seq),
        id: String(r.id),
        at: String(r.at),
        operator: String(r.operator),
        entity: String(r.entity),
        recordId: String(r.record_id),
        action: r.action as AuditEntry['action'],
        outcome: (r.outcome === 'failed' ? 'failed' : 'success') as AuditEntry['outcome'],
        before: r.before ? JSON.parse(String(r.before)) : null,
        after: r.after ? JSON.parse(String(r.after)) : null,
      }));
    },
  };
}
