// Annual plans (年度实施计划备案): one per alliance and school year.
import type { Knex } from 'knex';
import type { AnnualPlan } from '../../electron/api/alliances';
import { notFound } from '../../electron/api/errors';
import { str } from '../paging';
import { insertRecord, updateRecord, type WriteContext } from '../records';

export function annualPlanRepository(db: Knex) {
  return {
    async list(allianceId: string): Promise<AnnualPlan[]> {
      const rows = await db('annual_plans as p')
        .join('alliances as a', 'a.id', 'p.alliance_id')
        .whereNull('a.deleted_at')
        .whereNull('p.deleted_at')
        .where('p.alliance_id', allianceId)
        .orderBy('p.school_year', 'desc')
        .select('p.*');
      return rows.map(toAnnualPlan);
    },

    /** Files the plan of a school year; filing the same year again changes its date. */
    async file(trx: Knex, allianceId: string, schoolYear: string, filedOn: string, ctx: WriteContext): Promise<string> {
      const alliance = await trx('alliances').where({ id: allianceId }).whereNull('deleted_at').first('id');
      if (!alliance) throw notFound('联盟');
      const existing = await trx('annual_plans').where({ alliance_id: allianceId, school_year: schoolYear }).whereNull('deleted_at').first();
      if (existing) {
        await updateRecord(trx, 'annual_plans', existing.id, { filed_on: filedOn }, ctx);
        return existing.id as string;
      }
      const row = await insertRecord(trx, 'annual_plans', { alliance_id: allianceId, school_year: schoolYear, filed_on: filedOn }, ctx);
      return row.id as string;
    },

    async get(id: string): Promise<AnnualPlan> {
      const row = await db('annual_plans').where({ id }).whereNull('deleted_at').first();
      if (!row) throw notFound('年度计划');
      return toAnnualPlan(row);
    },
  };
}

function toAnnualPlan(r: Record<string, unknown>): AnnualPlan {
  return {
    id: String(r.id),
    allianceId: String(r.alliance_id),
    schoolYear: String(r.school_year),
    filedOn: str(r.filed_on),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
