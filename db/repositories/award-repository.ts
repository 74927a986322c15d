// 表彰: awards of a year to an alliance, a school or a person (with their school), with the
// issuing body and document number (文号). Awards of a deleted alliance or school drop out.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { invalid, notFound } from '../../electron/api/errors';
import type { Award, AwardDraft, AwardListQuery, AwardTarget } from '../../electron/api/evaluations';
import { pageOf, str, whereContains } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';

const targetSql = "CASE WHEN w.person_name IS NOT NULL THEN 'person' WHEN w.target_alliance_id IS NOT NULL THEN 'alliance' ELSE 'school' END";

const sortColumns: Record<AwardListQuery['sortBy'], string> = {
  year: 'w.year',
  title: 'w.title',
  target: 'target_name',
};

export function awardRepository(db: Knex) {
  function base() {
    return db('awards as w')
      .leftJoin('alliances as a', 'a.id', 'w.target_alliance_id')
      .leftJoin('schools as s', 's.id', 'w.target_school_id')
      .whereNull('w.deleted_at')
      .whereNull('a.deleted_at')
      .whereNull('s.deleted_at')
      .select('w.*', 'a.name as alliance_name', 's.name as school_name', db.raw('COALESCE(w.person_name, a.name, s.name) AS target_name'));
  }

  return {
    async list(q: AwardListQuery): Promise<Page<Award>> {
      const query = base();
      if (q.year) query.where('w.year', q.year);
      if (q.targetType) query.whereRaw(`${targetSql} = ?`, [q.targetType]);
      if (q.allianceId) query.where('w.target_alliance_id', q.allianceId);
      if (q.schoolId) query.where('w.target_school_id', q.schoolId);
      whereContains(query, ['w.title', 'w.person_name', 'a.name', 's.name', 'w.document_number', 'w.issuing_body'], q.search);
      const dir = q.sortOrder === 'desc' ? 'desc' : 'asc';
      query.orderBy(sortColumns[q.sortBy], dir);
      if (q.sortBy !== 'year') query.orderBy('w.year', 'desc');
      query.orderBy('w.title').orderBy('target_name').orderBy('w.id');
      return pageOf(query, q, toAward);
    },

    async get(id: string): Promise<Award> {
      const row = (await base().where('w.id', id).first()) as Row | undefined;
      if (!row) throw notFound('表彰');
      return toAward(row);
    },

    async create(trx: Knex, d: AwardDraft, ctx: WriteContext): Promise<string> {
      await checkTargets(trx, d);
      return String((await insertRecord(trx, 'awards', toRow(d), ctx)).id);
    },

    async update(trx: Knex, id: string, d: AwardDraft, ctx: WriteContext, version?: number): Promise<void> {
      await checkTargets(trx, d);
      if (!(await updateRecord(trx, 'awards', id, toRow(d), ctx, version))) throw notFound('表彰');
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'awards', id, ctx))) throw notFound('表彰');
    },
  };
}

async function checkTargets(trx: Knex, d: AwardDraft): Promise<void> {
  if (d.allianceId && !(await trx('alliances').where({ id: d.allianceId }).whereNull('deleted_at').first('id'))) {
    throw invalid('所选联盟不存在或已删除', { allianceId: '所选联盟不存在或已删除' });
  }
  if (d.schoolId && !(await trx('schools').where({ id: d.schoolId }).whereNull('deleted_at').first('id'))) {
    throw invalid('所选学校不存在或已删除', { schoolId: '所选学校不存在或已删除' });
  }
}

function toRow(d: AwardDraft): Row {
  return {
    year: d.year,
    title: d.title,
    target_alliance_id: d.allianceId,
    target_school_id: d.schoolId,
    person_name: d.personName,
    issuing_body: d.issuingBody,
    document_number: d.documentNumber,
    awarded_on: d.awardedOn,
    notes: d.notes,
  };
}

function toAward(r: Row): Award {
  const targetType: AwardTarget = r.person_name ? 'person' : r.target_alliance_id ? 'alliance' : 'school';
  return {
    id: String(r.id),
    year: Number(r.year),
    title: String(r.title),
    targetType,
    allianceId: str(r.target_alliance_id),
    allianceName: str(r.alliance_name),
    schoolId: str(r.target_school_id),
    schoolName: str(r.school_name),
    personName: str(r.person_name),
    issuingBody: str(r.issuing_body),
    documentNumber: str(r.document_number),
    awardedOn: str(r.awarded_on),
    notes: str(r.notes),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
