// 整改通知书: issued → reported → verified (a 复查 may also verify an issued notice
// directly). Days left / overdue are derived from today, never stored.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { conflict, notFound } from '../../electron/api/errors';
import type { Rectification, RectificationListQuery, RectificationStatus } from '../../electron/api/supervisions';
import { daysBetween, addDays } from '../../electron/services/working-days';
import { pageOf, str, whereContains } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';
import { liveSupervision } from './supervision-repository';

/** What the clerk fills in; the deadline already resolved from working days. */
export interface RectificationFields {
  supervisionId: string;
  number: string;
  issuedOn: string;
  deadline: string;
  items: string | null;
}

const sortColumns: Record<RectificationListQuery['sortBy'], string> = {
  deadline: 'r.deadline',
  issuedOn: 'r.issued_on',
  number: 'r.number',
};

export function rectificationRepository(db: Knex) {
  function base() {
    return db('rectifications as r')
      .join('supervisions as sv', 'sv.id', 'r.supervision_id')
      .leftJoin('alliances as ta', 'ta.id', 'sv.target_alliance_id')
      .leftJoin('schools as ts', 'ts.id', 'sv.target_school_id')
      .leftJoin('regions as tr', 'tr.id', 'sv.target_region_id')
      .whereNull('r.deleted_at')
      .whereNull('sv.deleted_at')
      .whereNull('ta.deleted_at')
      .whereNull('ts.deleted_at')
      .whereNull('tr.deleted_at')
      .select('r.*', 'sv.date as supervision_date', db.raw('COALESCE(ta.name, ts.name, tr.name) as target_label'));
  }

  async function live(trx: Knex, id: string): Promise<Row> {
    const row = (await trx('rectifications').where({ id }).whereNull('deleted_at').first()) as Row | undefined;
    if (!row) throw notFound('整改通知书');
    return row;
  }

  return {
    async list(q: RectificationListQuery, today: string): Promise<Page<Rectification>> {
      const query = base();
      if (q.supervisionId) query.where('r.supervision_id', q.supervisionId);
      if (q.status) query.where('r.status', q.status);
      if (q.overdue) query.whereNot('r.status', 'verified').where('r.deadline', '<', today);
      if (q.dueWithinDays !== undefined)
        query.whereNot('r.status', 'verified').where('r.deadline', '<=', addDays(today, q.dueWithinDays));
      whereContains(query, ['r.number', 'r.items'], q.search);
      query.orderBy(sortColumns[q.sortBy], q.sortOrder);
      if (q.sortBy !== 'deadline') query.orderBy('r.deadline');
      query.orderBy('r.id');
      return pageOf(query, q, (r) => toRectification(r, today));
    },

    async get(id: string, today: string): Promise<Rectification> {
      const row = await base().where('r.id', id).first();
      if (!row) throw notFound('整改通知书');
      return toRectification(row, today);
    },

    async create(trx: Knex, f: RectificationFields, ctx: WriteContext): Promise<string> {
      await liveSupervision(trx, f.supervisionId);
      const row = await insertRecord(trx, 'rectifications', { ...toRow(f), status: 'issued' }, ctx);
      return row.id as string;
    },

    async update(trx: Knex, id: string, f: RectificationFields, ctx: WriteContext, version?: number): Promise<void> {
      const before = await live(trx, id);
      await liveSupervision(trx, f.supervisionId);
      const reported = str(before.reported_on);
      if (reported && reported < f.issuedOn)
        throw conflict('下发日期不能晚于报告整改日期', { issuedOn: '下发日期不能晚于报告整改日期' });
      await updateRecord(trx, 'rectifications', id, toRow(f), ctx, version);
    },

    async report(trx: Knex, id: string, reportedOn: string, ctx: WriteContext): Promise<void> {
      const row = await live(trx, id);
      if (row.status === 'reported') throw conflict('该整改通知书已报告整改，不能重复报告');
      if (row.status === 'verified') throw conflict('该整改通知书已复查销号，不能再报告整改');
      if (reportedOn < String(row.issued_on))
        throw conflict('报告日期不能早于下发日期', { reportedOn: '报告日期不能早于下发日期' });
      // The status checked above is the one written over: a colleague's report or verification
      // committed in between refuses this one (PostgreSQL) instead of both passing the check.
      await updateRecord(trx, 'rectifications', id, { status: 'reported', reported_on: reportedOn }, ctx, Number(row.row_version));
    },

    async verify(trx: Knex, id: string, verifiedOn: string, verifier: string, ctx: WriteContext): Promise<void> {
      const row = await live(trx, id);
      if (row.status === 'verified') throw conflict('该整改通知书已复查销号，不能重复复查');
      const after = str(row.reported_on) ?? String(row.issued_on);
      if (verifiedOn < after) {
        const message = row.reported_on ? '复查日期不能早于报告整改日期' : '复查日期不能早于下发日期';
        throw conflict(message, { verifiedOn: message });
      }
      await updateRecord(trx, 'rectifications', id, { status: 'verified', verified_on: verifiedOn, verifier }, ctx, Number(row.row_version));
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'rectifications', id, ctx))) throw notFound('整改通知书');
    },
  };
}

function toRow(f: RectificationFields): Row {
  return {
    supervision_id: f.supervisionId,
    number: f.number,
    issued_on: f.issuedOn,
    deadline: f.deadline,
    items: f.items,
  };
}

export function toRectification(r: Record<string, unknown>, today: string): Rectification {
  const status = r.status as RectificationStatus;
  const deadline = String(r.deadline);
  const daysLeft = status === 'verified' ? null : daysBetween(today, deadline);
  return {
    id: String(r.id),
    supervisionId: String(r.supervision_id),
    supervisionDate: String(r.supervision_date ?? ''),
    targetLabel: String(r.target_label ?? ''),
    number: String(r.number),
    issuedOn: String(r.issued_on),
    deadline,
    items: str(r.items),
    status,
    reportedOn: str(r.reported_on),
    verifiedOn: str(r.verified_on),
    verifier: str(r.verifier),
    daysLeft,
    overdueDays: daysLeft === null ? null : Math.max(0, -daysLeft),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
