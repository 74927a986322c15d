// 交流活动. Half a million rows at province scale, so the list filters, counts and pages in
// SQL on the live-row indexes of migration 009, free text goes through the character
// index of db/search.ts, and the participating schools and attachments of a page come in
// one query each. Writes are in activity-writes.ts.
import type { Knex } from 'knex';
import type { Activity, ActivityDraft, ActivityListQuery, NamedRef } from '../../electron/api/activities';
import type { Page } from '../../electron/api/common';
import { notFound } from '../../electron/api/errors';
import type { TermBoundaries } from '../../electron/api/settings';
import type { Attachment } from '../../electron/api/system';
import { termRange } from '../../electron/api/terms';
import { softDeleteRecord, type WriteContext } from '../records';
import { searchKeys, searchMatches } from '../search';
import { toActivity, toAttachment } from './activity-rows';
import { createActivity, currentDraft, updateActivity } from './activity-writes';

export { reindexActivities } from './activity-writes';

const entity = 'activities';

const sortColumns: Record<ActivityListQuery['sortBy'], string> = {
  date: 't.date',
  title: 't.title',
  category: 't.category',
  alliance: 'al.name',
  participants: 't.participants',
};

const isPg = (db: Knex) => db.client.config.client === 'pg';

export function activityRepository(db: Knex) {
  /**
   * The live activities matching the filters, on `activities as t`, without joins. Each
   * filter narrows one of the live-row indexes of migration 009, so the COUNT and the page
   * are read from an index alone.
   */
  function filtered(
    q: ActivityListQuery,
    terms: TermBoundaries,
    deadAlliances: string[],
    /** SQLite: read the live rows through this index (see pageIds and count). */
    index?: 'activities_live_date_idx',
  ): Knex.QueryBuilder {
    const query = (index ? db(db.raw(`activities AS t INDEXED BY ${index}`)) : db('activities as t')).whereNull('t.deleted_at');
    // Activities of an alliance in 回收站 are hidden with it (usually there is none).
    if (deadAlliances.length) query.whereNotIn('t.alliance_id', deadAlliances);
    if (q.allianceId) query.where('t.alliance_id', q.allianceId);
    const range = dateRange(q, terms);
    // Always a range on date: without one SQLite counts by scanning the table instead of
    // the (much smaller) live-date index. (Not needed when that index is named: a range
    // from 0000-01-01 then only costs a comparison per row.)
    if (!index || range.from) query.where('t.date', '>=', range.from ?? '0000-01-01');
    if (range.to) query.where('t.date', '<=', range.to);
    if (q.category) query.where('t.category', q.category);
    if (q.form) query.where('t.form', q.form);
    if (q.leadershipVisit !== undefined) query.where('t.is_leadership_visit', q.leadershipVisit);
    if (q.regionId) query.whereIn('t.alliance_id', alliancesIn(q.regionId));
    if (q.schoolId) {
      query.whereIn(
        't.id',
        db('activities')
          .select('id')
          .where('host_school_id', q.schoolId)
          .whereNull('deleted_at')
          .union(db('activity_schools').select('activity_id').where('school_id', q.schoolId).whereNull('deleted_at')),
      );
    }
    if (q.search) {
      if (isPg(db)) {
        const matches = searchMatches(db, entity, q.search);
        if (matches) query.whereIn('t.id', matches);
      } else {
        const keys = searchKeys(db, q.search);
        if (keys) query.whereIn('t.search_key', keys);
      }
    }
    return query;
  }

  /** Alliances with a member school in the region (or below it), or the region as a member county. */
  function alliancesIn(regionId: string): Knex.QueryBuilder {
    const regions = db('regions')
      .select('id')
      .where('id', regionId)
      .orWhere('parent_id', regionId)
      .orWhereIn('parent_id', db('regions').select('id').where('parent_id', regionId));
    return db('alliance_members as m')
      .select('m.alliance_id')
      .leftJoin('schools as s', 's.id', 'm.school_id')
      .whereNull('m.deleted_at')
      .where((w) => w.whereIn('s.region_id', regions.clone()).orWhereIn('m.region_id', regions.clone()));
  }

  /** The ids of one page, in order, and the total; ties break by date, then id, in the same direction. */
  async function pageIds(q: ActivityListQuery, terms: TermBoundaries): Promise<{ ids: string[]; total: number }> {
    const dead = ((await db('alliances').whereNotNull('deleted_at').select('id')) as { id: string }[]).map((r) => r.id);
    const query = filtered(q, terms, dead).select('t.id');
    if (q.sortBy === 'alliance') {
      // SQLite otherwise takes al.deleted_at IS NULL as the way into alliances (the
      // (deleted_at, kind) index) and sorts all 500k rows; walking the live alliances by
      // name and each one's activities by date reads just one page.
      const alliances = isPg(db) ? 'alliances as al' : db.raw('alliances AS al INDEXED BY alliances_name_unique');
      query.join(alliances, 'al.id', 't.alliance_id').whereNull('al.deleted_at');
    }
    if (q.sortBy !== 'date') query.orderBy(sortColumns[q.sortBy], q.sortOrder);
    const offset = (q.page - 1) * q.pageSize;
    const order = (qb: Knex.QueryBuilder) => qb.orderBy('t.date', q.sortOrder).orderBy('t.id', q.sortOrder).limit(q.pageSize).offset(offset);
    order(query);
    const sqlite = !isPg(db);
    const unfiltered =
      !q.allianceId && !q.from && !q.to && !q.term && !q.category && !q.form && q.leadershipVisit === undefined && !q.regionId && !q.schoolId && !q.search;
    // The whole list's COUNT reads the narrowest live index from end to end; naming it saves
    // SQLite both a wider index and a date comparison per row (half the time of a first page).
    const count = async () =>
      Number(
        (await filtered(q, terms, dead, sqlite && unfiltered ? 'activities_live_date_idx' : undefined).count<{ n: number | string }[]>({ n: '*' }))[0]?.n ?? 0,
      );
    if (q.search && sqlite && searchKeys(db, q.search)) {
      // A search: the count visits every match through the search index. The page then
      // either sorts the matches (few of them, or a deep page), or — for a common word on
      // an early page — walks the date index newest first and stops at the page's last
      // match, which reads (offset + page) × rows / matches index entries at most.
      const total = await count();
      if (total === 0) return { ids: [], total };
      const [{ n }] = (await db.raw('SELECT MAX(rowid) AS n FROM activities')) as [{ n: number | null }];
      const walk = q.sortBy === 'date' && ((offset + q.pageSize) * Number(n ?? 0)) / total <= 10_000;
      const page = walk ? order(filtered(q, terms, dead, 'activities_live_date_idx').select('t.id')) : query;
      const rows = (await page) as { id: string }[];
      return { ids: rows.map((r) => r.id), total };
    }
    const rows = (await query) as { id: string }[];
    return { ids: rows.map((r) => r.id), total: await count() };
  }

  async function schoolsOf(ids: string[]): Promise<Map<string, NamedRef[]>> {
    const out = new Map<string, NamedRef[]>();
    if (ids.length === 0) return out;
    const rows = (await db('activity_schools as l')
      .join('schools as s', 's.id', 'l.school_id')
      .whereIn('l.activity_id', ids)
      .whereNull('l.deleted_at')
      .orderBy('l.created_at')
      .orderBy('s.name')
      .select('l.activity_id', 's.id', 's.name')) as { activity_id: string; id: string; name: string }[];
    for (const r of rows) {
      const list = out.get(r.activity_id) ?? [];
      list.push({ id: r.id, name: r.name });
      out.set(r.activity_id, list);
    }
    return out;
  }

  async function attachmentsOf(ids: string[]): Promise<Map<string, Attachment[]>> {
    const out = new Map<string, Attachment[]>();
    if (ids.length === 0) return out;
    const rows = (await db('record_attachments as l')
      .join('attachments as f', 'f.id', 'l.attachment_id')
      .where('l.entity', entity)
      .whereIn('l.record_id', ids)
      .whereNull('l.deleted_at')
      .whereNull('f.deleted_at')
      .orderBy('l.created_at')
      .select('l.record_id', 'f.*')) as Record<string, unknown>[];
    for (const r of rows) {
      const key = String(r.record_id);
      out.set(key, [...(out.get(key) ?? []), toAttachment(r)]);
    }
    return out;
  }

  async function withDetails(rows: Record<string, unknown>[], terms: TermBoundaries): Promise<Activity[]> {
    const ids = rows.map((r) => String(r.id));
    const schools = await schoolsOf(ids);
    const attachments = await attachmentsOf(ids);
    return rows.map((r) => toActivity(r, terms, schools.get(String(r.id)) ?? [], attachments.get(String(r.id)) ?? []));
  }

  function withNames(query: Knex.QueryBuilder): Knex.QueryBuilder {
    return query
      .join('alliances as al', 'al.id', 't.alliance_id')
      .leftJoin('schools as h', 'h.id', 't.host_school_id')
      .select('t.*', 'al.name as alliance_name', 'h.name as host_school_name');
  }

  return {
    async list(q: ActivityListQuery, terms: TermBoundaries): Promise<Page<Activity>> {
      const { ids, total } = await pageIds(q, terms);
      const rows = ids.length ? ((await withNames(db('activities as t').whereIn('t.id', ids))) as Record<string, unknown>[]) : [];
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      const ordered = ids.map((id) => byId.get(id)).filter((r): r is Record<string, unknown> => r !== undefined);
      return { rows: await withDetails(ordered, terms), total, page: q.page, pageSize: q.pageSize };
    },

    async get(id: string, terms: TermBoundaries): Promise<Activity> {
      const row = await withNames(db('activities as t').where('t.id', id).whereNull('t.deleted_at')).first();
      if (!row) throw notFound('交流活动');
      const [activity] = await withDetails([row], terms);
      return activity!;
    },

    /** The first and last activity dates, for the term filter's choices. */
    async dateSpan(allianceId?: string): Promise<{ from: string; to: string } | null> {
      const row = (await db('activities')
        .whereNull('deleted_at')
        .modify((qb) => {
          if (allianceId) qb.where('alliance_id', allianceId);
        })
        .min({ from: 'date' })
        .max({ to: 'date' })
        .first()) as { from: string | null; to: string | null } | undefined;
      return row?.from && row.to ? { from: row.from, to: row.to } : null;
    },

    create: (trx: Knex, draft: ActivityDraft, ctx: WriteContext) => createActivity(trx, draft, ctx),
    update: (trx: Knex, id: string, draft: ActivityDraft, ctx: WriteContext, version?: number) => updateActivity(trx, id, draft, ctx, version),

    /** Soft delete keeps the links and the search entry, so 回收站 can restore it whole. */
    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      if (!(await softDeleteRecord(trx, entity, id, ctx))) throw notFound('交流活动');
    },

    async addAttachment(trx: Knex, activityId: string, attachmentId: string, ctx: WriteContext): Promise<void> {
      const draft = await currentDraft(trx, activityId);
      if (draft.attachmentIds!.includes(attachmentId)) return;
      await updateActivity(trx, activityId, { ...draft, attachmentIds: [...draft.attachmentIds!, attachmentId] }, ctx);
    },

    async removeAttachment(trx: Knex, activityId: string, attachmentId: string, ctx: WriteContext): Promise<void> {
      const draft = await currentDraft(trx, activityId);
      const rest = draft.attachmentIds!.filter((a) => a !== attachmentId);
      if (rest.length === draft.attachmentIds!.length) throw notFound('该活动的附件');
      await updateActivity(trx, activityId, { ...draft, attachmentIds: rest }, ctx);
    },
  };
}

function dateRange(q: ActivityListQuery, terms: TermBoundaries): { from?: string; to?: string } {
  let { from, to } = q;
  if (q.term) {
    const r = termRange(q.term, terms);
    from = from && from > r.from ? from : r.from;
    to = to && to < r.to ? to : r.to;
  }
  return { from, to };
}
