// 约谈: formal talks held after a supervision, listed under it.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { notFound } from '../../electron/api/errors';
import type { Interview, InterviewDraft, InterviewListQuery } from '../../electron/api/supervisions';
import { pageOf, str } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';
import { liveSupervision } from './supervision-repository';

export function interviewRepository(db: Knex) {
  function base() {
    return db('interviews as i')
      .join('supervisions as sv', 'sv.id', 'i.supervision_id')
      .whereNull('i.deleted_at')
      .whereNull('sv.deleted_at')
      .select('i.*');
  }

  return {
    async list(q: InterviewListQuery): Promise<Page<Interview>> {
      const query = base().where('i.supervision_id', q.supervisionId).orderBy('i.date', q.sortOrder).orderBy('i.id');
      return pageOf(query, q, toInterview);
    },

    async get(id: string): Promise<Interview> {
      const row = await base().where('i.id', id).first();
      if (!row) throw notFound('约谈记录');
      return toInterview(row);
    },

    async create(trx: Knex, d: InterviewDraft, ctx: WriteContext): Promise<string> {
      await liveSupervision(trx, d.supervisionId);
      const row = await insertRecord(trx, 'interviews', toRow(d), ctx);
      return row.id as string;
    },

    async update(trx: Knex, id: string, d: InterviewDraft, ctx: WriteContext, version?: number): Promise<void> {
      await liveSupervision(trx, d.supervisionId);
      if (!(await updateRecord(trx, 'interviews', id, toRow(d), ctx, version))) throw notFound('约谈记录');
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'interviews', id, ctx))) throw notFound('约谈记录');
    },
  };
}

function toRow(d: InterviewDraft): Row {
  return {
    supervision_id: d.supervisionId,
    date: d.date,
    interviewees: d.interviewees,
    content: d.content,
    follow_up: d.followUp,
  };
}

export function toInterview(r: Record<string, unknown>): Interview {
  return {
    id: String(r.id),
    supervisionId: String(r.supervision_id),
    date: String(r.date),
    interviewees: String(r.interviewees),
    content: str(r.content),
    followUp: str(r.follow_up),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
