// 合作项目, and the bureau's rule that each alliance runs 1–2 of them a year
// (每年开展教育合作项目1~2个): which active alliances have none in a year.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import type {
  CooperationProject,
  CooperationProjectDraft,
  CooperationProjectGap,
  CooperationProjectListQuery,
} from '../../electron/api/cooperation-projects';
import { notFound } from '../../electron/api/errors';
import { pageOf, str, whereContains, orderNullsLast } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';
import { alliancesInRegion, liveAlliance } from './ledger-scope';

const sortColumns: Record<CooperationProjectListQuery['sortBy'], string> = {
  year: 'p.year',
  name: 'p.name',
  alliance: 'a.name',
  status: 'p.status',
  updatedAt: 'p.updated_at',
};

export function cooperationProjectRepository(db: Knex) {
  function base() {
    return db('cooperation_projects as p')
      .join('alliances as a', 'a.id', 'p.alliance_id')
      .whereNull('p.deleted_at')
      .whereNull('a.deleted_at')
      .select('p.*', 'a.name as alliance_name');
  }

  return {
    async list(q: CooperationProjectListQuery): Promise<Page<CooperationProject>> {
      const query = base();
      if (q.allianceId) query.where('p.alliance_id', q.allianceId);
      if (q.year) query.where('p.year', q.year);
      if (q.status) query.where('p.status', q.status);
      if (q.regionId) query.whereIn('p.alliance_id', alliancesInRegion(db, q.regionId));
      whereContains(query, ['p.name', 'p.lead', 'p.outcome'], q.search);
      orderNullsLast(query, sortColumns[q.sortBy], q.sortOrder);
      query;
      if (q.sortBy !== 'year') query.orderBy('p.year', 'desc');
      query.orderBy('a.name').orderBy('p.name').orderBy('p.id');
      return pageOf(query, q, toCooperationProject);
    },

    async get(id: string): Promise<CooperationProject> {
      const row = await base().where('p.id', id).first();
      if (!row) throw notFound('合作项目');
      return toCooperationProject(row);
    },

    /**
     * Active alliances, established by the end of the year (or of unknown date), that have
     * no live cooperation project in it.
     */
    async missing(year: number, regionId?: string): Promise<CooperationProjectGap> {
      const active = db('alliances as a')
        .whereNull('a.deleted_at')
        .where('a.status', 'active')
        .where((w) => w.whereNull('a.established_on').orWhere('a.established_on', '<=', `${year}-12-31`));
      if (regionId) active.whereIn('a.id', alliancesInRegion(db, regionId));
      const without = active
        .clone()
        .whereNotExists(
          db('cooperation_projects as p').whereRaw('p.alliance_id = a.id').where('p.year', year).whereNull('p.deleted_at').select(db.raw('1')),
        );
      const [total, count, examples] = await Promise.all([
        active.clone().count<{ n: number | string }[]>({ n: '*' }),
        without.clone().count<{ n: number | string }[]>({ n: '*' }),
        without.clone().select('a.id', 'a.name').orderBy('a.name').limit(10),
      ]);
      return {
        year,
        count: Number(count[0]?.n ?? 0),
        total: Number(total[0]?.n ?? 0),
        examples: (examples as { id: string; name: string }[]).map((a) => ({ id: String(a.id), name: String(a.name) })),
      };
    },

    async create(trx: Knex, draft: CooperationProjectDraft, ctx: WriteContext): Promise<string> {
      await liveAlliance(trx, draft.allianceId);
      const row = await insertRecord(trx, 'cooperation_projects', toRow(draft), ctx);
      return row.id as string;
    },

    async update(trx: Knex, id: string, draft: CooperationProjectDraft, ctx: WriteContext, version?: number): Promise<void> {
      const exists = await trx('cooperation_projects').where({ id }).whereNull('deleted_at').first('id');
      if (!exists) throw notFound('合作项目');
      await liveAlliance(trx, draft.allianceId);
      await updateRecord(trx, 'cooperation_projects', id, toRow(draft), ctx, version);
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'cooperation_projects', id, ctx))) throw notFound('合作项目');
    },
  };
}

function toRow(d: CooperationProjectDraft): Row {
  return { alliance_id: d.allianceId, year: d.year, name: d.name, lead: d.lead, status: d.status, outcome: d.outcome };
}

function toCooperationProject(r: Record<string, unknown>): CooperationProject {
  return {
    id: String(r.id),
    allianceId: String(r.alliance_id),
    allianceName: String(r.alliance_name ?? ''),
    year: Number(r.year),
    name: String(r.name),
    lead: str(r.lead),
    status: r.status as CooperationProject['status'],
    outcome: str(r.outcome),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
