import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { conflict, duplicate, notFound } from '../../electron/api/errors';
import type { School, SchoolDraft, SchoolListQuery } from '../../electron/api/schools';
import { bool, num, pageOf, str, whereContains, orderNullsLast } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';
import { isUniqueViolation } from '../sql-errors';
import { assertLiveRegion } from './region-repository';

const sortColumns: Record<SchoolListQuery['sortBy'], string> = {
  name: 's.name',
  code: 's.code',
  region: 'r.name',
  stage: 's.stage',
  students: 's.students',
  teachers: 's.teachers',
  updatedAt: 's.updated_at',
};

export function schoolRepository(db: Knex) {
  function base(today: string) {
    return db('schools as s')
      .join('regions as r', 'r.id', 's.region_id')
      .whereNull('s.deleted_at')
      .select(
        's.*',
        'r.name as region_name',
        db('alliance_members as m')
          .join('alliances as a', 'a.id', 'm.alliance_id')
          .whereRaw('m.school_id = s.id')
          .whereNull('m.deleted_at')
          .whereNull('a.deleted_at')
          .where((w) => w.whereNull('m.left_on').orWhere('m.left_on', '>', today))
          .count('*')
          .as('alliance_count'),
      );
  }

  return {
    async list(q: SchoolListQuery, today: string): Promise<Page<School>> {
      const query = base(today);
      if (q.regionId) query.where('s.region_id', q.regionId);
      if (q.stage) query.where('s.stage', q.stage);
      if (q.locality) query.where('s.locality', q.locality);
      if (q.weak !== undefined) query.where('s.is_weak', q.weak);
      if (!q.includeClosed) query.where((w) => w.whereNull('s.closed_on').orWhere('s.closed_on', '>', today));
      if (q.allianceId) {
        query.whereIn(
          's.id',
          db('alliance_members').select('school_id').where('alliance_id', q.allianceId).whereNull('deleted_at'),
        );
      }
      whereContains(query, ['s.name', 's.code', 's.principal', 's.address'], q.search);
      orderNullsLast(query, sortColumns[q.sortBy], q.sortOrder);
      query.orderBy('s.id');
      return pageOf(query, q, toSchool);
    },

    async get(id: string, today: string): Promise<School> {
      const row = await base(today).where('s.id', id).first();
      if (!row) throw notFound('学校');
      return toSchool(row);
    },

    async create(trx: Knex, draft: SchoolDraft, ctx: WriteContext): Promise<string> {
      await assertLiveRegion(trx, draft.regionId, 'regionId', { county: true });
      const row = await guard(() => insertRecord(trx, 'schools', toRow(draft), ctx));
      return row.id as string;
    },

    async update(trx: Knex, id: string, draft: SchoolDraft, ctx: WriteContext, version?: number): Promise<void> {
      await assertLiveRegion(trx, draft.regionId, 'regionId', { county: true });
      const row = await guard(() => updateRecord(trx, 'schools', id, toRow(draft), ctx, version));
      if (!row) throw notFound('学校');
    },

    /** A school that leads a live alliance keeps its place until the alliance has another lead. */
    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      const led = (await trx('alliances').where({ lead_school_id: id }).whereNull('deleted_at').pluck('name')) as string[];
      if (led.length) {
        throw conflict(`该校是“${led.join('”“')}”的牵头学校，请先在联盟中更换牵头学校再删除`);
      }
      if (!(await softDeleteRecord(trx, 'schools', id, ctx))) throw notFound('学校');
    },
  };
}

/** Translates the live-row unique indexes into the clerk's words. */
async function guard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e, 'schools_code_unique') || isUniqueViolation(e, 'schools.code')) {
      throw duplicate('该学校标识码已被另一所学校使用', 'code');
    }
    if (isUniqueViolation(e, 'schools_region_name_unique') || isUniqueViolation(e, 'schools.region_id')) {
      throw duplicate('本县区已有同名学校', 'name');
    }
    throw e;
  }
}

function toRow(d: SchoolDraft): Row {
  return {
    name: d.name,
    code: d.code,
    region_id: d.regionId,
    stage: d.stage,
    locality: d.locality,
    is_weak: d.isWeak,
    is_new: d.isNew,
    students: d.students,
    teachers: d.teachers,
    principal: d.principal,
    phone: d.phone,
    address: d.address,
    notes: d.notes,
    opened_on: d.openedOn,
    closed_on: d.closedOn,
    former_names: JSON.stringify(d.formerNames),
  };
}

export function toSchool(r: Record<string, unknown>): School {
  return {
    id: String(r.id),
    name: String(r.name),
    code: str(r.code),
    regionId: String(r.region_id),
    regionName: String(r.region_name ?? ''),
    stage: r.stage as School['stage'],
    locality: (r.locality as School['locality']) ?? null,
    isWeak: bool(r.is_weak),
    isNew: bool(r.is_new),
    students: num(r.students),
    teachers: num(r.teachers),
    principal: str(r.principal),
    phone: str(r.phone),
    address: str(r.address),
    notes: str(r.notes),
    openedOn: str(r.opened_on),
    closedOn: str(r.closed_on),
    formerNames: r.former_names ? (JSON.parse(String(r.former_names)) as string[]) : [],
    allianceCount: Number(r.alliance_count ?? 0),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
