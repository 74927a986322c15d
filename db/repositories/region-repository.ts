import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { conflict, duplicate, invalid, notFound } from '../../electron/api/errors';
import type { Region, RegionDraft, RegionListQuery } from '../../electron/api/regions';
import { pageOf, str, whereContains, orderNullsLast } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type WriteContext } from '../records';
import { isUniqueViolation } from '../sql-errors';

const sortColumns: Record<RegionListQuery['sortBy'], string> = { name: 'r.name', code: 'r.code', level: 'r.level' };

export function regionRepository(db: Knex) {
  function base() {
    return db('regions as r')
      .leftJoin('regions as p', 'p.id', 'r.parent_id')
      .whereNull('r.deleted_at')
      .select(
        'r.*',
        'p.name as parent_name',
        db('schools as s').whereRaw('s.region_id = r.id').whereNull('s.deleted_at').count('*').as('school_count'),
      );
  }

  return {
    async list(q: RegionListQuery): Promise<Page<Region>> {
      const query = base();
      if (q.level) query.where('r.level', q.level);
      if (q.parentId) query.where('r.parent_id', q.parentId);
      whereContains(query, ['r.name', 'r.code'], q.search);
      orderNullsLast(query, sortColumns[q.sortBy], q.sortOrder);
      query.orderBy('r.name');
      return pageOf(query, q, toRegion);
    },

    async get(id: string): Promise<Region> {
      const row = await base().where('r.id', id).first();
      if (!row) throw notFound('行政区划');
      return toRegion(row);
    },

    async findByCode(code: string): Promise<Region | null> {
      const row = await base().where('r.code', code).first();
      return row ? toRegion(row) : null;
    },

    async create(trx: Knex, draft: RegionDraft, ctx: WriteContext): Promise<string> {
      if (draft.parentId) await assertLiveRegion(trx, draft.parentId, 'parentId');
      const row = await guard(() => insertRecord(trx, 'regions', toRow(draft), ctx));
      return row.id as string;
    },

    async update(trx: Knex, id: string, draft: RegionDraft, ctx: WriteContext, version?: number): Promise<void> {
      if (draft.parentId === id) throw conflict('上级区划不能是它自己', { parentId: '上级区划不能是它自己' });
      if (draft.parentId) await assertLiveRegion(trx, draft.parentId, 'parentId');
      const row = await guard(() => updateRecord(trx, 'regions', id, toRow(draft), ctx, version));
      if (!row) throw notFound('行政区划');
    },

    /** A region still holding live schools or sub-regions cannot go to 回收站. */
    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      const [schools, children] = await Promise.all([
        trx('schools').where({ region_id: id }).whereNull('deleted_at').count<{ n: number }[]>({ n: '*' }),
        trx('regions').where({ parent_id: id }).whereNull('deleted_at').count<{ n: number }[]>({ n: '*' }),
      ]);
      if (Number(schools[0]?.n) > 0) throw conflict(`该区划下还有 ${schools[0]?.n} 所学校，请先移走或删除这些学校`);
      if (Number(children[0]?.n) > 0) throw conflict('该区划下还有下级区划，请先删除下级区划');
      if (!(await softDeleteRecord(trx, 'regions', id, ctx))) throw notFound('行政区划');
    },
  };
}

/**
 * A record may only point at a live region: a missing id would fail the foreign key, and a
 * deleted one would hide the record from every list. Schools hang on county-level regions.
 */
export async function assertLiveRegion(
  trx: Knex,
  id: string,
  field: string,
  options: { county?: boolean } = {},
): Promise<void> {
  const region = (await trx('regions').where({ id }).whereNull('deleted_at').first('level')) as { level: string } | undefined;
  if (!region) throw invalid('所选行政区划不存在或已删除', { [field]: '所选行政区划不存在或已删除' });
  if (options.county && region.level !== 'county') {
    throw invalid('学校应属于县（市、区）级区划', { [field]: '请选择县（市、区）' });
  }
}

async function guard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e, 'regions_code_unique') || isUniqueViolation(e, 'regions.code')) {
      throw duplicate('该区划代码已存在', 'code');
    }
    throw e;
  }
}

function toRow(d: RegionDraft) {
  return { name: d.name, code: d.code, level: d.level, parent_id: d.parentId };
}

function toRegion(r: Record<string, unknown>): Region {
  return {
    id: String(r.id),
    name: String(r.name),
    code: str(r.code),
    level: r.level as Region['level'],
    parentId: str(r.parent_id),
    parentName: str(r.parent_name),
    schoolCount: Number(r.school_count ?? 0),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
