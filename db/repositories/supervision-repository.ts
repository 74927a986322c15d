// 督导. The target is exactly one of an alliance, a school or a region; notice counts are
// subqueries so that the list pages in SQL.
import type { Knex } from 'knex';
import type { Page } from '../../electron/api/common';
import { invalid, notFound } from '../../electron/api/errors';
import type {
  Supervision,
  SupervisionConclusion,
  SupervisionDraft,
  SupervisionKind,
  SupervisionListQuery,
  SupervisionTargetKind,
} from '../../electron/api/supervisions';
import { num, pageOf, str, whereContains } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';

const targetNameSql = 'COALESCE(ta.name, ts.name, tr.name)';

const sortColumns: Record<Exclude<SupervisionListQuery['sortBy'], 'target'>, string> = {
  date: 'sv.date',
  kind: 'sv.kind',
  updatedAt: 'sv.updated_at',
};

export function supervisionRepository(db: Knex) {
  /** Live supervisions whose target is live too. */
  function base() {
    return db('supervisions as sv')
      .leftJoin('alliances as ta', 'ta.id', 'sv.target_alliance_id')
      .leftJoin('schools as ts', 'ts.id', 'sv.target_school_id')
      .leftJoin('regions as tr', 'tr.id', 'sv.target_region_id')
      .whereNull('sv.deleted_at')
      .whereNull('ta.deleted_at')
      .whereNull('ts.deleted_at')
      .whereNull('tr.deleted_at');
  }

  function withColumns(query: Knex.QueryBuilder) {
    return query.select(
      'sv.*',
      'ta.name as target_alliance_name',
      'ts.name as target_school_name',
      'tr.name as target_region_name',
      db.raw(
        '(SELECT COUNT(*) FROM rectifications r WHERE r.supervision_id = sv.id AND r.deleted_at IS NULL) as rectification_count',
      ),
      db.raw(
        "(SELECT COUNT(*) FROM rectifications r WHERE r.supervision_id = sv.id AND r.deleted_at IS NULL AND r.status <> 'verified') as open_rectifications",
      ),
    );
  }

  return {
    async list(q: SupervisionListQuery): Promise<Page<Supervision>> {
      const query = withColumns(base());
      if (q.kind) query.where('sv.kind', q.kind);
      if (q.conclusion) query.where('sv.conclusion', q.conclusion);
      if (q.allianceId) query.where('sv.target_alliance_id', q.allianceId);
      if (q.open)
        query.whereExists(
          db('rectifications as r')
            .select(db.raw('1'))
            .whereRaw('r.supervision_id = sv.id')
            .whereNull('r.deleted_at')
            .whereNot('r.status', 'verified'),
        );
      whereContains(query, ['sv.inspectors', 'sv.findings', 'ta.name', 'ts.name', 'tr.name'], q.search);
      if (q.sortBy === 'target') query.orderByRaw(`${targetNameSql} ${q.sortOrder === 'desc' ? 'desc' : 'asc'}`);
      else query.orderBy(sortColumns[q.sortBy], q.sortOrder);
      if (q.sortBy !== 'date') query.orderBy('sv.date', 'desc');
      query.orderBy('sv.id');
      return pageOf(query, q, toSupervision);
    },

    async get(id: string): Promise<Supervision> {
      const row = await withColumns(base()).where('sv.id', id).first();
      if (!row) throw notFound('督导记录');
      return toSupervision(row);
    },

    async create(trx: Knex, draft: SupervisionDraft, ctx: WriteContext): Promise<string> {
      await checkTarget(trx, draft);
      const row = await insertRecord(trx, 'supervisions', toRow(draft), ctx);
      return row.id as string;
    },

    async update(trx: Knex, id: string, draft: SupervisionDraft, ctx: WriteContext, version?: number): Promise<void> {
      const exists = await trx('supervisions').where({ id }).whereNull('deleted_at').first('id');
      if (!exists) throw notFound('督导记录');
      await checkTarget(trx, draft);
      await updateRecord(trx, 'supervisions', id, toRow(draft), ctx, version);
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'supervisions', id, ctx))) throw notFound('督导记录');
    },
  };
}

/** A live supervision, for the notices and interviews written under it. */
export async function liveSupervision(trx: Knex, id: string): Promise<void> {
  const row = await trx('supervisions').where({ id }).whereNull('deleted_at').first('id');
  if (!row) throw invalid('督导记录不存在或已删除', { supervisionId: '督导记录不存在或已删除' });
}

async function checkTarget(trx: Knex, d: SupervisionDraft): Promise<void> {
  const checks: [string | null, string, string, string][] = [
    [d.targetAllianceId, 'alliances', 'targetAllianceId', '联盟'],
    [d.targetSchoolId, 'schools', 'targetSchoolId', '学校'],
    [d.targetRegionId, 'regions', 'targetRegionId', '县区'],
  ];
  for (const [id, table, field, label] of checks) {
    if (!id) continue;
    const row = await trx(table).where({ id }).whereNull('deleted_at').first('id');
    if (!row) throw invalid(`督导对象${label}不存在或已删除`, { [field]: `${label}不存在或已删除` });
  }
}

function toRow(d: SupervisionDraft): Row {
  return {
    kind: d.kind,
    date: d.date,
    target_alliance_id: d.targetAllianceId,
    target_school_id: d.targetSchoolId,
    target_region_id: d.targetRegionId,
    inspectors: d.inspectors,
    findings: d.findings,
    rating: d.rating,
    conclusion: d.conclusion,
  };
}

export function toSupervision(r: Record<string, unknown>): Supervision {
  const targetKind: SupervisionTargetKind = r.target_alliance_id ? 'alliance' : r.target_school_id ? 'school' : 'region';
  const allianceName = str(r.target_alliance_name);
  const schoolName = str(r.target_school_name);
  const regionName = str(r.target_region_name);
  return {
    id: String(r.id),
    kind: r.kind as SupervisionKind,
    date: String(r.date),
    targetKind,
    targetAllianceId: str(r.target_alliance_id),
    targetAllianceName: allianceName,
    targetSchoolId: str(r.target_school_id),
    targetSchoolName: schoolName,
    targetRegionId: str(r.target_region_id),
    targetRegionName: regionName,
    targetLabel: allianceName ?? schoolName ?? regionName ?? '',
    inspectors: str(r.inspectors),
    findings: str(r.findings),
    rating: str(r.rating),
    conclusion: (str(r.conclusion) as SupervisionConclusion | null) ?? null,
    rectificationCount: num(r.rectification_count) ?? 0,
    openRectifications: num(r.open_rectifications) ?? 0,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
