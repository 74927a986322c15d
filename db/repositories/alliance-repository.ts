// Alliances (联盟、集团、共同体) and their quality ratings. Member count, cross-region and
// the members' counties are derived in SQL from the current members, never stored
// (domain.md: 跨区域 — "derive it, do not store it").
import type { Knex } from 'knex';
import type { Alliance, AllianceDraft, AllianceListQuery, QualityRatingEntry } from '../../electron/api/alliances';
import type { Page } from '../../electron/api/common';
import { conflict, duplicate, invalid, notFound } from '../../electron/api/errors';
import { str, whereContains } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type Row, type WriteContext } from '../records';
import { isUniqueViolation } from '../sql-errors';
import { allianceMemberRepository, currentMembers, type MemberTarget } from './alliance-member-repository';

const sortColumns: Record<Exclude<AllianceListQuery['sortBy'], 'memberCount'>, string> = {
  name: 'a.name',
  kind: 'a.kind',
  establishedOn: 'a.established_on',
  updatedAt: 'a.updated_at',
};

function isPg(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

export function allianceRepository(db: Knex) {
  /** Current members of the outer query's alliance `a` (correlated subquery). */
  const membersOfA = (today: string) => currentMembers(db, today).whereRaw('m.alliance_id = a.id');

  const memberCount = (today: string) => membersOfA(today).count('*');
  const countyCount = (today: string) =>
    membersOfA(today).countDistinct({ n: db.raw('COALESCE(s.region_id, m.region_id)') });

  /** The members' county names joined by commas (names hold no commas). */
  const regionNames = (today: string) => {
    const q = membersOfA(today).join('regions as cr', 'cr.id', db.raw('COALESCE(s.region_id, m.region_id)'));
    // SQLite: GROUP_CONCAT(DISTINCT x) (no separator with DISTINCT; ',' is the default);
    // PostgreSQL has no GROUP_CONCAT and needs string_agg with an explicit separator.
    return isPg(db) ? q.select(db.raw("string_agg(DISTINCT cr.name, ',')")) : q.select(db.raw('GROUP_CONCAT(DISTINCT cr.name)'));
  };

  function base(today: string) {
    return db('alliances as a')
      .leftJoin('schools as ls', 'ls.id', 'a.lead_school_id')
      .leftJoin('regions as lr', 'lr.id', 'a.lead_region_id')
      .whereNull('a.deleted_at')
      .select(
        'a.*',
        'ls.name as lead_school_name',
        'lr.name as lead_region_name',
        memberCount(today).as('member_count'),
        countyCount(today).as('county_count'),
        regionNames(today).as('region_names'),
      );
  }

  async function ratingsOf(ids: string[]): Promise<Map<string, QualityRatingEntry[]>> {
    const out = new Map<string, QualityRatingEntry[]>();
    if (ids.length === 0) return out;
    const rows = await db('alliance_quality_ratings')
      .whereIn('alliance_id', ids)
      .whereNull('deleted_at')
      .orderBy('year')
      .orderBy('rating')
      .select('alliance_id', 'rating', 'year');
    for (const r of rows) {
      const list = out.get(r.alliance_id) ?? [];
      list.push({ rating: r.rating, year: Number(r.year) });
      out.set(r.alliance_id, list);
    }
    return out;
  }

  return {
    /**
     * Two steps so that the derived columns are computed for one page only: the ids of the
     * page (filtered, sorted, with the total as a window count), then the page's rows.
     */
    async list(q: AllianceListQuery, today: string): Promise<Page<Alliance>> {
      const filtered = db('alliances as a').whereNull('a.deleted_at');
      if (q.kind) filtered.where('a.kind', q.kind);
      if (q.status) filtered.where('a.status', q.status);
      if (q.regionId) {
        // Member schools of the county, then member counties: two index lookups, where
        // an OR across the two tables would scan every member.
        filtered.whereIn(
          'a.id',
          currentMembers(db, today)
            .where('s.region_id', q.regionId)
            .select('m.alliance_id')
            .union(currentMembers(db, today).where('m.region_id', q.regionId).select('m.alliance_id')),
        );
      }
      if (q.schoolId) {
        // "is or was": left members count here, deleted member rows do not.
        filtered.whereIn('a.id', db('alliance_members').where('school_id', q.schoolId).whereNull('deleted_at').select('alliance_id'));
      }
      if (q.crossRegion !== undefined) {
        // One grouped pass over the current members rather than one subquery per alliance.
        const cross = currentMembers(db, today)
          .groupBy('m.alliance_id')
          .havingRaw('COUNT(DISTINCT COALESCE(s.region_id, m.region_id)) > 1')
          .select('m.alliance_id');
        if (q.crossRegion) filtered.whereIn('a.id', cross);
        else filtered.whereNotIn('a.id', cross);
      }
      whereContains(filtered, ['a.name'], q.search);

      const sortKey = q.sortBy === 'memberCount' ? memberCount(today).as('sort_key') : { sort_key: sortColumns[q.sortBy] };
      const ids = filtered
        .clone()
        .select('a.id', sortKey, db.raw('COUNT(*) OVER () as total_rows'))
        .orderBy('sort_key', q.sortOrder)
        .orderBy('a.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const rows: Record<string, unknown>[] = await base(today)
        .join(ids.as('p'), 'p.id', 'a.id')
        .select('p.total_rows')
        .orderBy('p.sort_key', q.sortOrder)
        .orderBy('a.id');
      // A page past the end has no row to carry the total.
      const total = rows.length
        ? Number(rows[0]!.total_rows)
        : Number((await filtered.clone().count<{ n: number | string }[]>({ n: '*' }))[0]?.n ?? 0);
      const ratings = await ratingsOf(rows.map((r) => String(r.id)));
      return {
        rows: rows.map((r) => toAlliance(r, ratings.get(String(r.id)) ?? [])),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async get(id: string, today: string): Promise<Alliance> {
      const row = await base(today).where('a.id', id).first();
      if (!row) throw notFound('联盟');
      return toAlliance(row, (await ratingsOf([id])).get(id) ?? []);
    },

    async create(trx: Knex, draft: AllianceDraft, ctx: WriteContext, today: string): Promise<string> {
      await checkLead(trx, draft);
      const members = allianceMemberRepository(trx);
      const targets = (draft.members ?? []).map((m, i) => ({ ...m, path: `members.${i}` }));
      for (const m of targets) members.assertFits(draft.kind, m, m.path);
      const lead = pickLead(draft, targets);
      const row = await guard(() => insertRecord(trx, 'alliances', toRow({ ...draft, ...lead }), ctx));
      const id = row.id as string;
      for (const r of dedupeRatings(draft.qualityRatings)) {
        await insertRecord(trx, 'alliance_quality_ratings', { alliance_id: id, rating: r.rating, year: r.year }, ctx);
      }
      const seen = new Set<string>();
      const leadTarget = targetOf(lead.leadSchoolId, lead.leadRegionId);
      if (leadTarget) {
        const given = targets.find((m) => sameTarget(m, leadTarget));
        await members.place(trx, id, leadTarget, { role: 'lead', joinedOn: given?.joinedOn ?? draft.establishedOn, leftOn: given?.leftOn ?? null }, ctx, today);
        seen.add(key(leadTarget));
      }
      for (const m of targets) {
        if (seen.has(key(m))) continue;
        seen.add(key(m));
        await members.place(trx, id, m, { role: 'member', joinedOn: m.joinedOn ?? draft.establishedOn, leftOn: m.leftOn }, ctx, today, m.path);
      }
      return id;
    },

    async update(trx: Knex, id: string, draft: AllianceDraft, ctx: WriteContext, today: string, version?: number): Promise<void> {
      const before = await trx('alliances').where({ id }).whereNull('deleted_at').first();
      if (!before) throw notFound('联盟');
      await checkLead(trx, draft);
      const members = allianceMemberRepository(trx);
      const wasCounty = before.kind === 'county_alliance';
      const isCounty = draft.kind === 'county_alliance';
      if (wasCounty !== isCounty && (await members.hasLiveMembers(id, wasCounty ? 'region' : 'school'))) {
        const message = isCounty
          ? '该联盟已有成员学校，不能改为县区联盟；请先移除成员学校'
          : '县区联盟已有成员县区，不能改为其他类型；请先移除成员县区';
        throw conflict(message, { kind: message });
      }
      await guard(() => updateRecord(trx, 'alliances', id, toRow(draft), ctx, version));
      await replaceRatings(trx, id, draft.qualityRatings, ctx);
      // A changed lead: the old lead stays a member, the new one becomes (or is added as) lead.
      const oldLead = targetOf(before.lead_school_id, before.lead_region_id);
      const newLead = targetOf(draft.leadSchoolId, draft.leadRegionId);
      if (oldLead && (!newLead || !sameTarget(oldLead, newLead))) await members.setRole(trx, id, oldLead, 'member', ctx);
      if (newLead) await members.makeLead(trx, id, newLead, draft.establishedOn, ctx, today);
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, 'alliances', id, ctx))) throw notFound('联盟');
    },
  };
}

/** The lead must be a live school, or a live county for a county alliance. */
async function checkLead(trx: Knex, d: AllianceDraft): Promise<void> {
  if (d.leadSchoolId) {
    const s = await trx('schools').where({ id: d.leadSchoolId }).whereNull('deleted_at').first('id');
    if (!s) throw invalid('所选牵头学校不存在或已删除', { leadSchoolId: '所选牵头学校不存在或已删除' });
  }
  if (d.leadRegionId) {
    const r = await trx('regions').where({ id: d.leadRegionId }).whereNull('deleted_at').first('level');
    if (!r || r.level !== 'county') {
      throw invalid('主任县区应是一个县（市、区）', { leadRegionId: '主任县区应是一个县（市、区）' });
    }
  }
}

/**
 * A member listed with role 'lead' becomes the lead when none is chosen; a second lead
 * is refused, since the ledger and its reports name one lead school per alliance.
 */
function pickLead(d: AllianceDraft, targets: (MemberTarget & { role: string; path: string })[]) {
  let leadSchoolId = d.leadSchoolId;
  let leadRegionId = d.leadRegionId;
  for (const m of targets) {
    if (m.role !== 'lead') continue;
    if (!leadSchoolId && !leadRegionId) {
      leadSchoolId = m.schoolId;
      leadRegionId = m.regionId;
    } else if (!sameTarget(m, { schoolId: leadSchoolId, regionId: leadRegionId })) {
      const message = d.kind === 'county_alliance' ? '主任县区只能有一个' : '牵头学校只能有一所';
      throw invalid(message, { [`${m.path}.role`]: message });
    }
  }
  return { leadSchoolId, leadRegionId };
}

/** The lead as a member: a school, or a county (a county alliance). */
function targetOf(schoolId: string | null, regionId: string | null): MemberTarget | null {
  if (schoolId) return { schoolId, regionId: null };
  if (regionId) return { schoolId: null, regionId };
  return null;
}

function sameTarget(a: MemberTarget, b: MemberTarget): boolean {
  return (a.schoolId ?? null) === (b.schoolId ?? null) && (a.regionId ?? null) === (b.regionId ?? null);
}

function key(t: MemberTarget): string {
  return t.schoolId ? `s:${t.schoolId}` : `r:${t.regionId}`;
}

function dedupeRatings(list: QualityRatingEntry[]): QualityRatingEntry[] {
  const seen = new Map<string, QualityRatingEntry>();
  for (const r of list) seen.set(`${r.rating}:${r.year}`, r);
  return [...seen.values()];
}

/** Keeps unchanged ratings, soft-deletes dropped ones and adds new ones (each audited). */
async function replaceRatings(trx: Knex, allianceId: string, wanted: QualityRatingEntry[], ctx: WriteContext): Promise<void> {
  const existing = await trx('alliance_quality_ratings').where({ alliance_id: allianceId }).whereNull('deleted_at');
  const want = new Map(dedupeRatings(wanted).map((r) => [`${r.rating}:${r.year}`, r]));
  for (const row of existing) {
    const k = `${row.rating}:${Number(row.year)}`;
    if (want.has(k)) want.delete(k);
    else await softDeleteRecord(trx, 'alliance_quality_ratings', row.id, ctx);
  }
  for (const r of want.values()) {
    await insertRecord(trx, 'alliance_quality_ratings', { alliance_id: allianceId, rating: r.rating, year: r.year }, ctx);
  }
}

/** Translates the live-row unique index into the clerk's words. */
async function guard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e, 'alliances_name_unique') || isUniqueViolation(e, 'alliances.name')) {
      throw duplicate('已有同名联盟', 'name');
    }
    throw e;
  }
}

function toRow(d: AllianceDraft): Row {
  return {
    name: d.name,
    kind: d.kind,
    modes: JSON.stringify([...new Set(d.modes)]),
    lead_school_id: d.leadSchoolId,
    lead_region_id: d.leadRegionId,
    established_on: d.establishedOn,
    agreement_signed_on: d.agreementSignedOn,
    plan_filed_on: d.planFiledOn,
    status: d.status,
    dissolved_on: d.status === 'dissolved' ? d.dissolvedOn : null,
    notes: d.notes,
  };
}

export function toAlliance(r: Record<string, unknown>, qualityRatings: QualityRatingEntry[]): Alliance {
  const regionNames = r.region_names ? String(r.region_names).split(',') : [];
  regionNames.sort((x, y) => x.localeCompare(y, 'zh-CN'));
  return {
    id: String(r.id),
    name: String(r.name),
    kind: r.kind as Alliance['kind'],
    modes: r.modes ? (JSON.parse(String(r.modes)) as string[]) : [],
    leadSchoolId: str(r.lead_school_id),
    leadSchoolName: str(r.lead_school_name),
    leadRegionId: str(r.lead_region_id),
    leadRegionName: str(r.lead_region_name),
    establishedOn: str(r.established_on),
    agreementSignedOn: str(r.agreement_signed_on),
    planFiledOn: str(r.plan_filed_on),
    status: r.status as Alliance['status'],
    dissolvedOn: str(r.dissolved_on),
    notes: str(r.notes),
    qualityRatings,
    memberCount: Number(r.member_count ?? 0),
    crossRegion: Number(r.county_count ?? 0) > 1,
    regionNames,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
