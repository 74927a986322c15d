// 教师交流. Days are derived in SQL (never stored) so that lists sort by them and the
// summary adds them up without loading rows: end − start + 1, or up to today while an
// exchange is ongoing without an end date.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { exchangeKinds, type ExchangeKind } from '../../electron/api/enums';
import { notFound } from '../../electron/api/errors';
import type {
  TeacherExchange,
  TeacherExchangeDraft,
  TeacherExchangeListQuery,
  TeacherExchangeSummary,
  TeacherExchangeTally,
} from '../../electron/api/teacher-exchanges';
import { num, pageOf, str, whereContains, orderNullsLast } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';
import { assertMembers, inclusiveDaysSql, liveAlliance, regionAndBelow } from './ledger-scope';

/** Which exchanges a list or summary covers. */
export interface ExchangeScope {
  allianceId?: string;
  regionId?: string;
  /** Exchanges whose span overlaps [from, to]. */
  from?: string;
  to?: string;
}

const sortColumns: Record<Exclude<TeacherExchangeListQuery['sortBy'], 'days'>, string> = {
  startOn: 'te.start_on',
  teacherName: 'te.teacher_name',
  alliance: 'a.name',
  hours: 'te.hours',
  updatedAt: 'te.updated_at',
};

export function teacherExchangeRepository(db: Knex) {
  /** The derived day count; binds today twice. */
  const daysSql = inclusiveDaysSql(
    db,
    'te.start_on',
    "COALESCE(te.end_on, CASE WHEN te.status = 'ongoing' AND te.start_on <= ? THEN ? END)",
  );

  function base() {
    return db('teacher_exchanges as te')
      .join('alliances as a', 'a.id', 'te.alliance_id')
      .join('schools as fs', 'fs.id', 'te.from_school_id')
      .join('schools as ts', 'ts.id', 'te.to_school_id')
      .whereNull('te.deleted_at')
      .whereNull('a.deleted_at');
  }

  function scoped(today: string, s: ExchangeScope) {
    const query = base();
    if (s.allianceId) query.where('te.alliance_id', s.allianceId);
    if (s.regionId) {
      const regionId = s.regionId;
      query.where((w) =>
        w.whereIn('fs.region_id', regionAndBelow(db, regionId)).orWhereIn('ts.region_id', regionAndBelow(db, regionId)),
      );
    }
    if (s.to) query.where('te.start_on', '<=', s.to);
    if (s.from) {
      const from = s.from;
      // An exchange still going on without an end date overlaps every period after its start.
      query.where((w) =>
        w
          .where('te.end_on', '>=', from)
          .orWhere((o) => o.whereNull('te.end_on').andWhere((x) => x.where('te.status', 'ongoing').orWhere('te.start_on', '>=', from))),
      );
    }
    return query;
  }

  function withColumns(query: Knex.QueryBuilder, today: string) {
    return query.select(
      'te.*',
      'a.name as alliance_name',
      'fs.name as from_school_name',
      'ts.name as to_school_name',
      db.raw(`${daysSql} as days`, [today, today]),
    );
  }

  /** 人数 counts a teacher once: the same name sent from the same school. */
  const teacherKey = "te.teacher_name || '|' || te.from_school_id";

  function tallyColumns(today: string) {
    return [
      db.raw('COUNT(*) as exchanges'),
      db.raw(`COUNT(DISTINCT ${teacherKey}) as teachers`),
      ...exchangeKinds.codes.map((k) => db.raw(`COUNT(DISTINCT CASE WHEN te.kind = ? THEN ${teacherKey} END) as ??`, [k, `kind_${k}`])),
      db.raw(`COALESCE(SUM(${daysSql}), 0) as total_days`, [today, today]),
      db.raw('COALESCE(SUM(te.hours), 0) as total_hours'),
    ];
  }

  return {
    async list(q: TeacherExchangeListQuery, scope: ExchangeScope, today: string): Promise<Page<TeacherExchange>> {
      const query = withColumns(scoped(today, scope), today);
      if (q.kind) query.where('te.kind', q.kind);
      if (q.status) query.where('te.status', q.status);
      whereContains(query, ['te.teacher_name', 'te.subject'], q.search);
      if (q.sortBy === 'days') query.orderByRaw(`days ${q.sortOrder === 'desc' ? 'desc' : 'asc'} NULLS LAST`);
      // Blank hours sort last on both engines (SQLite and PostgreSQL disagree otherwise);
      // the other columns are never blank and keep their index order.
      else if (q.sortBy === 'hours') orderNullsLast(query, sortColumns.hours, q.sortOrder);
      else query.orderBy(sortColumns[q.sortBy], q.sortOrder);
      if (q.sortBy !== 'startOn') query.orderBy('te.start_on', 'desc');
      query.orderBy('te.id');
      return pageOf(query, q, toTeacherExchange);
    },

    async get(id: string, today: string): Promise<TeacherExchange> {
      const row = await withColumns(base(), today).where('te.id', id).first();
      if (!row) throw notFound('教师交流记录');
      return toTeacherExchange(row);
    },

    /** Per-alliance counts by kind, total days and hours, and the same over all alliances. */
    async summary(scope: ExchangeScope, today: string): Promise<TeacherExchangeSummary> {
      const [rows, totals] = await Promise.all([
        scoped(today, scope)
          .select('te.alliance_id', 'a.name as alliance_name', ...tallyColumns(today))
          .groupBy('te.alliance_id', 'a.name')
          .orderBy('a.name')
          .orderBy('te.alliance_id'),
        scoped(today, scope).select(...tallyColumns(today)).first(),
      ]);
      return {
        rows: (rows as Record<string, unknown>[]).map((r) => ({
          allianceId: String(r.alliance_id),
          allianceName: String(r.alliance_name),
          ...toTally(r),
        })),
        totals: toTally((totals ?? {}) as Record<string, unknown>),
      };
    },

    async create(trx: Knex, draft: TeacherExchangeDraft, ctx: WriteContext): Promise<string> {
      await checkMembers(trx, draft);
      const row = await insertRecord(trx, 'teacher_exchanges', toRow(draft), ctx);
      return row.id as string;
    },

    async update(trx: Knex, id: string, draft: TeacherExchangeDraft, ctx: WriteContext, version?: number): Promise<void> {
      const exists = await trx('teacher_exchanges').where({ id }).whereNull('deleted_at').first('id');
      if (!exists) throw notFound('教师交流记录');
      await checkMembers(trx, draft);
      await updateRecord(trx, 'teacher_exchanges', id, toRow(draft), ctx, version);
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'teacher_exchanges', id, ctx))) throw notFound('教师交流记录');
    },
  };
}

/** Both schools must belong to the alliance when the exchange starts. */
async function checkMembers(trx: Knex, d: TeacherExchangeDraft): Promise<void> {
  const alliance = await liveAlliance(trx, d.allianceId);
  await assertMembers(
    trx,
    alliance,
    [
      { schoolId: d.fromSchoolId, field: 'fromSchoolId', label: '派出学校' },
      { schoolId: d.toSchoolId, field: 'toSchoolId', label: '接收学校' },
    ],
    d.startOn,
  );
}

function toRow(d: TeacherExchangeDraft): Row {
  return {
    alliance_id: d.allianceId,
    teacher_name: d.teacherName,
    subject: d.subject,
    from_school_id: d.fromSchoolId,
    to_school_id: d.toSchoolId,
    kind: d.kind,
    start_on: d.startOn,
    end_on: d.endOn,
    hours: d.hours,
    status: d.status,
  };
}

function toTally(r: Record<string, unknown>): TeacherExchangeTally {
  const byKind = Object.fromEntries(exchangeKinds.codes.map((k) => [k, Number(r[`kind_${k}`] ?? 0)])) as Record<
    ExchangeKind,
    number
  >;
  return {
    exchanges: Number(r.exchanges ?? 0),
    teachers: Number(r.teachers ?? 0),
    byKind,
    totalDays: Number(r.total_days ?? 0),
    totalHours: Math.round(Number(r.total_hours ?? 0) * 10) / 10,
  };
}

export function toTeacherExchange(r: Record<string, unknown>): TeacherExchange {
  return {
    id: String(r.id),
    allianceId: String(r.alliance_id),
    allianceName: String(r.alliance_name ?? ''),
    teacherName: String(r.teacher_name),
    subject: str(r.subject),
    fromSchoolId: String(r.from_school_id),
    fromSchoolName: String(r.from_school_name ?? ''),
    toSchoolId: String(r.to_school_id),
    toSchoolName: String(r.to_school_name ?? ''),
    kind: r.kind as ExchangeKind,
    startOn: String(r.start_on),
    endOn: str(r.end_on),
    days: r.days === null || r.days === undefined ? null : Math.max(0, Number(r.days)),
    hours: num(r.hours),
    status: r.status as TeacherExchange['status'],
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
