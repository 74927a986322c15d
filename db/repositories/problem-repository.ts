// 问题清单. Overdue days and days left are derived in SQL from today (passed in), so the
// list filters and sorts by them without loading rows; problems of deleted alliances drop out.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { notFound } from '../../electron/api/errors';
import type { Problem, ProblemCloseInput, ProblemDraft, ProblemListQuery, ProblemStatus } from '../../electron/api/problems';
import { pageOf, str, whereContains } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';
import { alliancesInRegion, assertMembers, isPostgres, liveAlliance, regionAndBelow } from './ledger-scope';

const sortColumns: Record<Exclude<ProblemListQuery['sortBy'], 'status'>, string> = {
  dueOn: 'p.due_on',
  alliance: 'a.name',
  updatedAt: 'p.updated_at',
};

/** The calendar date `days` after an ISO date. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function problemRepository(db: Knex) {
  /** due − today in whole days; binds today once. */
  const dueInSql = isPostgres(db) ? '(p.due_on::date - (?)::date)' : '(CAST(julianday(p.due_on) - julianday(?) AS INTEGER))';

  function base() {
    return db('problems as p')
      .join('alliances as a', 'a.id', 'p.alliance_id')
      .leftJoin('schools as s', 's.id', 'p.school_id')
      .whereNull('p.deleted_at')
      .whereNull('a.deleted_at');
  }

  function withColumns(query: Knex.QueryBuilder, today: string) {
    return query.select(
      'p.*',
      'a.name as alliance_name',
      's.name as school_name',
      db.raw(`CASE WHEN p.status <> 'done' THEN ${dueInSql} END as due_in_days`, [today]),
    );
  }

  return {
    async list(q: ProblemListQuery, today: string): Promise<Page<Problem>> {
      const query = withColumns(base(), today);
      if (q.allianceId) query.where('p.alliance_id', q.allianceId);
      if (q.schoolId) query.where('p.school_id', q.schoolId);
      if (q.regionId) {
        const regionId = q.regionId;
        query.where((w) =>
          w
            .whereIn('s.region_id', regionAndBelow(db, regionId))
            .orWhere((o) => o.whereNull('p.school_id').whereIn('p.alliance_id', alliancesInRegion(db, regionId))),
        );
      }
      if (q.status) query.where('p.status', q.status);
      whereContains(query, ['p.owner'], q.owner);
      whereContains(query, ['p.description', 'p.goal', 'p.owner'], q.search);
      if (q.overdue === true) query.whereNot('p.status', 'done').where('p.due_on', '<', today);
      if (q.overdue === false) query.where((w) => w.where('p.status', 'done').orWhere('p.due_on', '>=', today));
      if (q.dueWithinDays !== undefined) {
        query.whereNot('p.status', 'done').whereBetween('p.due_on', [today, addDays(today, q.dueWithinDays)]);
      }
      const dir = q.sortOrder === 'desc' ? 'desc' : 'asc';
      if (q.sortBy === 'status') {
        query.orderByRaw(`CASE p.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END ${dir}`);
      } else query.orderBy(sortColumns[q.sortBy], dir);
      if (q.sortBy !== 'dueOn') query.orderBy('p.due_on', 'asc');
      query.orderBy('p.id');
      return pageOf(query, q, toProblem);
    },

    async get(id: string, today: string): Promise<Problem> {
      const row = await withColumns(base(), today).where('p.id', id).first();
      if (!row) throw notFound('问题');
      return toProblem(row);
    },

    async create(trx: Knex, draft: ProblemDraft, ctx: WriteContext): Promise<string> {
      await checkScope(trx, draft);
      const row = await insertRecord(trx, 'problems', toRow(draft), ctx);
      return row.id as string;
    },

    async update(trx: Knex, id: string, draft: ProblemDraft, ctx: WriteContext, version?: number): Promise<void> {
      await live(trx, id);
      await checkScope(trx, draft);
      await updateRecord(trx, 'problems', id, toRow(draft), ctx, version);
    },

    async close(trx: Knex, input: ProblemCloseInput, ctx: WriteContext): Promise<void> {
      await live(trx, input.id);
      await updateRecord(
        trx,
        'problems',
        input.id,
        { status: 'done', done_on: input.doneOn, verification_note: input.verificationNote },
        ctx,
        input.rowVersion,
      );
    },

    async reopen(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      const row = await live(trx, id);
      if (row.status !== 'done') return;
      await updateRecord(trx, 'problems', id, { status: 'open', done_on: null, verification_note: null }, ctx, Number(row.row_version));
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'problems', id, ctx))) throw notFound('问题');
    },
  };
}

async function live(trx: Knex, id: string): Promise<{ status: string; row_version: number }> {
  const row = await trx('problems as p')
    .join('alliances as a', 'a.id', 'p.alliance_id')
    .where('p.id', id)
    .whereNull('p.deleted_at')
    .whereNull('a.deleted_at')
    .first('p.status', 'p.row_version');
  if (!row) throw notFound('问题');
  return row as { status: string; row_version: number };
}

/** The alliance must be live; a named school must be (or have been) one of its members. */
async function checkScope(trx: Knex, d: ProblemDraft): Promise<void> {
  const alliance = await liveAlliance(trx, d.allianceId);
  if (!d.schoolId) return;
  // Current or past members both count: a problem may concern a school that has since
  // left, so the date is before any leaving date.
  await assertMembers(trx, alliance, [{ schoolId: d.schoolId, field: 'schoolId', label: '学校' }], '0000-01-01');
}

function toRow(d: ProblemDraft): Row {
  return {
    alliance_id: d.allianceId,
    school_id: d.schoolId,
    description: d.description,
    goal: d.goal,
    measures: d.measures,
    stage_tasks: d.stageTasks,
    due_on: d.dueOn,
    owner: d.owner,
    status: d.status,
    done_on: d.doneOn,
    verification_note: d.verificationNote,
  };
}

export function toProblem(r: Record<string, unknown>): Problem {
  const status = r.status as ProblemStatus;
  const dueIn = r.due_in_days === null || r.due_in_days === undefined ? null : Number(r.due_in_days);
  return {
    id: String(r.id),
    allianceId: String(r.alliance_id),
    allianceName: String(r.alliance_name ?? ''),
    schoolId: str(r.school_id),
    schoolName: str(r.school_name),
    description: String(r.description),
    goal: str(r.goal),
    measures: str(r.measures),
    stageTasks: str(r.stage_tasks),
    dueOn: String(r.due_on),
    owner: String(r.owner),
    status,
    doneOn: str(r.done_on),
    verificationNote: str(r.verification_note),
    overdueDays: dueIn !== null && dueIn < 0 ? -dueIn : null,
    dueInDays: dueIn,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
