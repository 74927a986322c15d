// Writing activities: the row, its participating schools, its attachment links and its
// search entry in the caller's transaction, with one audit row per change that carries
// the schools and attachments too.
import { newId } from '../ids';
import type { Knex } from 'knex';
import type { ActivityDraft } from '../../electron/api/activities';
import { duplicate, invalid, notFound } from '../../electron/api/errors';
import { insertRows } from '../bulk-insert';
import { bumpVersion, claimVersion, StaleRecordError, writeAudit, writeAudits, type Row, type WriteContext } from '../records';
import { indexForSearch, indexNewForSearch, nextSearchKey } from '../search';
import { isUniqueViolation } from '../sql-errors';
import { activitySearchText, toActivityRow } from './activity-rows';

const entity = 'activities';

export async function createActivity(trx: Knex, draft: ActivityDraft, ctx: WriteContext): Promise<string> {
  const allianceName = await liveAllianceName(trx, draft.allianceId);
  await assertMembers(trx, draft, new Set());
  const attachmentIds = draft.attachmentIds ?? [];
  await assertAttachments(trx, attachmentIds);
  const stamp = ctx.now.toISOString();
  const row: Row = { id: newId(), ...toActivityRow(draft), created_at: stamp, updated_at: stamp, deleted_at: null };
  await guard(() => trx('activities').insert(row));
  const id = String(row.id);
  await syncSchools(trx, id, [], draft.participatingSchoolIds, stamp);
  await syncAttachments(trx, id, [], attachmentIds, stamp);
  await reindex(trx, id, draft, allianceName);
  await writeAudit(trx, ctx, {
    entity,
    recordId: id,
    action: 'create',
    after: snapshot(row, draft.participatingSchoolIds, attachmentIds),
  });
  return id;
}

/**
 * Creates many activities at once (an import's new rows): the same checks, rows, links,
 * search entries and one audit row per activity as `createActivity`, but read and written
 * in a handful of multi-row statements instead of a dozen statements per activity.
 * `tick(done)` is called between statements with the activities written so far.
 */
export async function createActivities(
  trx: Knex,
  drafts: ActivityDraft[],
  ctx: WriteContext,
  tick: (done: number) => Promise<void> = async () => undefined,
): Promise<string[]> {
  if (drafts.length === 0) return [];
  const chunks = <T>(xs: T[], size = 500): T[][] => {
    const out: T[][] = [];
    for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
    return out;
  };
  // What the checks need, read once for the whole batch.
  const allianceNames = new Map<string, string>();
  for (const part of chunks([...new Set(drafts.map((d) => d.allianceId))])) {
    const rows = (await trx('alliances').whereIn('id', part).whereNull('deleted_at').select('id', 'name')) as { id: string; name: string }[];
    for (const r of rows) allianceNames.set(String(r.id), String(r.name));
  }
  const members = new Map<string, { schools: Set<string>; regions: Set<string> }>();
  for (const part of chunks([...allianceNames.keys()])) {
    const rows = (await trx('alliance_members').whereIn('alliance_id', part).whereNull('deleted_at').select('alliance_id', 'school_id', 'region_id')) as {
      alliance_id: string;
      school_id: string | null;
      region_id: string | null;
    }[];
    for (const r of rows) {
      const m = members.get(r.alliance_id) ?? { schools: new Set<string>(), regions: new Set<string>() };
      if (r.school_id) m.schools.add(r.school_id);
      if (r.region_id) m.regions.add(r.region_id);
      members.set(r.alliance_id, m);
    }
  }
  const schoolIds = [...new Set(drafts.flatMap((d) => [d.hostSchoolId, ...d.participatingSchoolIds]))].filter((s): s is string => !!s);
  const schools = new Map<string, { name: string; regionId: string }>();
  for (const part of chunks(schoolIds)) {
    const rows = (await trx('schools').whereIn('id', part).whereNull('deleted_at').select('id', 'name', 'region_id')) as {
      id: string;
      name: string;
      region_id: string;
    }[];
    for (const r of rows) schools.set(String(r.id), { name: String(r.name), regionId: String(r.region_id) });
  }
  for (const d of drafts) {
    if (!allianceNames.has(d.allianceId)) throw invalid('所选联盟不存在或已删除', { allianceId: '所选联盟不存在或已删除' });
    const m = members.get(d.allianceId);
    const problem = (schoolId: string, role: string): string | null => {
      const s = schools.get(schoolId);
      if (!s) return `${role}不存在或已删除`;
      if (!m || !(m.schools.has(schoolId) || m.regions.has(s.regionId))) return `${role}“${s.name}”不是该联盟的成员校，请先在联盟中添加该校`;
      return null;
    };
    const host = d.hostSchoolId ? problem(d.hostSchoolId, '承办学校') : null;
    if (host) throw invalid(host, { hostSchoolId: host });
    for (const s of d.participatingSchoolIds) {
      const p = problem(s, '参与学校');
      if (p) throw invalid(p, { participatingSchoolIds: p });
    }
  }
  await assertAttachments(trx, [...new Set(drafts.flatMap((d) => d.attachmentIds ?? []))]);

  const stamp = ctx.now.toISOString();
  const rows: Row[] = drafts.map((d) => ({ id: newId(), ...toActivityRow(d), created_at: stamp, updated_at: stamp, deleted_at: null }));
  // SQLite: each activity is written with its search key (migration 009), so the index
  // entries written after it need not update the rows again.
  const firstKey = trx.client.config.client === 'pg' ? undefined : await nextSearchKey(trx);
  const columns = Object.keys(rows[0]!);
  const insertMany = (table: string, cols: string[], values: Row[]) =>
    insertRows(
      trx,
      table,
      cols,
      values.map((r) => cols.map((c) => r[c])),
    );
  // Written in date order: most of the activity indexes lead with a few values and then
  // the date, so new rows land next to each other instead of all over the indexes.
  const order = rows.map((_, i) => i).sort((a, b) => (drafts[a]!.date < drafts[b]!.date ? -1 : drafts[a]!.date > drafts[b]!.date ? 1 : a - b));
  let done = 0;
  for (let i = 0; i < order.length; i += 5000) {
    const part = order.slice(i, i + 5000).map((k) => [...columns.map((c) => rows[k]![c]), ...(firstKey === undefined ? [] : [firstKey + k])]);
    await guard(() => insertRows(trx, 'activities', firstKey === undefined ? columns : [...columns, 'search_key'], part));
    done += part.length;
    await tick(done);
  }
  const links: Row[] = [];
  const attached: Row[] = [];
  rows.forEach((r, i) => {
    for (const schoolId of drafts[i]!.participatingSchoolIds) {
      links.push({ id: newId(), activity_id: r.id, school_id: schoolId, created_at: stamp, updated_at: stamp });
    }
    for (const attachmentId of drafts[i]!.attachmentIds ?? []) {
      attached.push({ id: newId(), entity, record_id: r.id, attachment_id: attachmentId, created_at: stamp, updated_at: stamp });
    }
  });
  await insertMany('activity_schools', ['id', 'activity_id', 'school_id', 'created_at', 'updated_at'], links);
  await insertMany('record_attachments', ['id', 'entity', 'record_id', 'attachment_id', 'created_at', 'updated_at'], attached);
  await indexNewForSearch(
    trx,
    entity,
    rows.map((r, i) => {
      const d = drafts[i]!;
      return {
        recordId: String(r.id),
        text: activitySearchText({
          title: d.title,
          form: d.form,
          summary: d.summary,
          outcome: d.outcome,
          allianceName: allianceNames.get(d.allianceId)!,
          hostSchoolName: d.hostSchoolId ? (schools.get(d.hostSchoolId)?.name ?? null) : null,
          schoolNames: d.participatingSchoolIds.map((s) => schools.get(s)?.name ?? '').filter(Boolean),
        }),
      };
    }),
    firstKey,
  );
  await tick(done);
  await writeAudits(
    trx,
    ctx,
    rows.map((r, i) => ({
      entity,
      recordId: String(r.id),
      action: 'create' as const,
      after: snapshot(r, drafts[i]!.participatingSchoolIds, drafts[i]!.attachmentIds ?? []),
    })),
  );
  return rows.map((r) => String(r.id));
}

export async function updateActivity(trx: Knex, id: string, draft: ActivityDraft, ctx: WriteContext, version?: number): Promise<void> {
  const before = (await trx('activities').where({ id }).whereNull('deleted_at').first()) as Row | undefined;
  if (!before) throw notFound('交流活动');
  if (version !== undefined && Number(before.row_version) !== version) throw new StaleRecordError(entity, id);
  const allianceName = await liveAllianceName(trx, draft.allianceId);
  const schoolsBefore = await linkedSchools(trx, id);
  const attachmentsBefore = await linkedAttachments(trx, id);
  // Schools already on the record were accepted when it was written; only new ones are checked.
  const accepted =
    before.alliance_id === draft.allianceId ? new Set([...schoolsBefore, before.host_school_id as string]) : new Set<string>();
  await assertMembers(trx, draft, accepted);
  const attachmentIds = draft.attachmentIds ?? attachmentsBefore;
  await assertAttachments(trx, attachmentIds.filter((a) => !attachmentsBefore.includes(a)));
  const changes = toActivityRow(draft);
  const after: Row = { ...before, ...changes };
  const beforeSnap = snapshot(before, schoolsBefore, attachmentsBefore);
  const afterSnap = snapshot(after, draft.participatingSchoolIds, attachmentIds);
  if (JSON.stringify(normalise(beforeSnap)) === JSON.stringify(normalise(afterSnap))) {
    if (version !== undefined) await claimVersion(trx, 'activities', id, version);
    return;
  }
  const stamp = ctx.now.toISOString();
  const written = await guard(() =>
    trx('activities')
      .where({ id })
      .modify((q) => version !== undefined && q.where('row_version', version))
      .update({ ...changes, updated_at: stamp, ...bumpVersion(trx) }),
  );
  if (Number(written) === 0) throw new StaleRecordError(entity, id);
  await syncSchools(trx, id, schoolsBefore, draft.participatingSchoolIds, stamp);
  await syncAttachments(trx, id, attachmentsBefore, attachmentIds, stamp);
  await reindex(trx, id, draft, allianceName);
  await writeAudit(trx, ctx, {
    entity,
    recordId: id,
    action: 'update',
    before: beforeSnap,
    after: { ...afterSnap, updated_at: stamp },
  });
}

/**
 * Re-indexes the activities of an alliance or a school after a rename, so searching the
 * new name finds them. Reads everything in a few queries (not one set per activity); only
 * the index writes go row by row.
 */
export async function reindexActivities(trx: Knex, of: { allianceId?: string; schoolId?: string }): Promise<number> {
  const query = trx('activities as t')
    .join('alliances as a', 'a.id', 't.alliance_id')
    .leftJoin('schools as h', 'h.id', 't.host_school_id')
    .select('t.id', 't.title', 't.form', 't.summary', 't.outcome', 'a.name as alliance_name', 'h.name as host_name');
  if (of.allianceId) query.where('t.alliance_id', of.allianceId);
  if (of.schoolId) {
    const schoolId = of.schoolId;
    query.where((w) =>
      w
        .where('t.host_school_id', schoolId)
        .orWhereIn('t.id', trx('activity_schools').select('activity_id').where('school_id', schoolId).whereNull('deleted_at')),
    );
  }
  const rows = (await query) as Record<string, string | null>[];
  const schoolNames = new Map<string, string[]>();
  // SQLite allows a limited number of bound values per statement: read the links in chunks.
  for (let i = 0; i < rows.length; i += 500) {
    const links = (await trx('activity_schools as l')
      .join('schools as s', 's.id', 'l.school_id')
      .whereIn('l.activity_id', rows.slice(i, i + 500).map((r) => r.id as string))
      .whereNull('l.deleted_at')
      .select('l.activity_id', 's.name')) as { activity_id: string; name: string }[];
    for (const l of links) schoolNames.set(l.activity_id, [...(schoolNames.get(l.activity_id) ?? []), l.name]);
  }
  for (const r of rows) {
    const text = activitySearchText({
      title: String(r.title),
      form: r.form ?? null,
      summary: r.summary ?? null,
      outcome: r.outcome ?? null,
      allianceName: String(r.alliance_name),
      hostSchoolName: r.host_name ?? null,
      schoolNames: schoolNames.get(String(r.id)) ?? [],
    });
    await indexForSearch(trx, entity, String(r.id), text);
  }
  return rows.length;
}

async function liveAllianceName(trx: Knex, allianceId: string, includeDeleted = false): Promise<string> {
  const row = await trx('alliances')
    .where({ id: allianceId })
    .modify((qb) => {
      if (!includeDeleted) qb.whereNull('deleted_at');
    })
    .first('name');
  if (!row) throw invalid('所选联盟不存在或已删除', { allianceId: '所选联盟不存在或已删除' });
  return String(row.name);
}

/**
 * The host and the participating schools must be (or have been) members of the alliance:
 * a school itself, or, for a county alliance, a school in a member county. Clerks record
 * what happened, so a member who has since left still counts.
 */
async function assertMembers(trx: Knex, draft: ActivityDraft, accepted: Set<string>): Promise<void> {
  const wanted = [...new Set([draft.hostSchoolId, ...draft.participatingSchoolIds])].filter(
    (s): s is string => !!s && !accepted.has(s),
  );
  if (wanted.length === 0) return;
  const rows = (await trx('schools as s')
    .whereIn('s.id', wanted)
    .whereNull('s.deleted_at')
    .select(
      's.id',
      's.name',
      trx.raw(
        `EXISTS (SELECT 1 FROM alliance_members m WHERE m.alliance_id = ? AND m.deleted_at IS NULL
           AND (m.school_id = s.id OR m.region_id = s.region_id)) AS is_member`,
        [draft.allianceId],
      ),
    )) as { id: string; name: string; is_member: number | boolean }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problem = (schoolId: string, role: string): string | null => {
    const s = byId.get(schoolId);
    if (!s) return `${role}不存在或已删除`;
    if (!Number(s.is_member)) return `${role}“${s.name}”不是该联盟的成员校，请先在联盟中添加该校`;
    return null;
  };
  const errors: Record<string, string> = {};
  if (draft.hostSchoolId && wanted.includes(draft.hostSchoolId)) {
    const p = problem(draft.hostSchoolId, '承办学校');
    if (p) errors.hostSchoolId = p;
  }
  for (const s of draft.participatingSchoolIds) {
    if (!wanted.includes(s)) continue;
    const p = problem(s, '参与学校');
    if (p) {
      errors.participatingSchoolIds = p;
      break;
    }
  }
  const first = Object.values(errors)[0];
  if (first) throw invalid(first, errors);
}

async function assertAttachments(trx: Knex, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = (await trx('attachments').whereIn('id', ids).whereNull('deleted_at').select('id')) as { id: string }[];
  if (found.length !== new Set(ids).size) {
    throw invalid('附件不存在或已删除，请重新上传', { attachmentIds: '附件不存在或已删除，请重新上传' });
  }
}

async function linkedSchools(trx: Knex, id: string): Promise<string[]> {
  const rows = (await trx('activity_schools').where({ activity_id: id }).whereNull('deleted_at').orderBy('created_at').select('school_id')) as {
    school_id: string;
  }[];
  return rows.map((r) => r.school_id);
}

async function linkedAttachments(trx: Knex, id: string): Promise<string[]> {
  const rows = (await trx('record_attachments')
    .where({ entity, record_id: id })
    .whereNull('deleted_at')
    .orderBy('created_at')
    .select('attachment_id')) as { attachment_id: string }[];
  return rows.map((r) => r.attachment_id);
}

/** Link rows are soft-deleted like records, so a merge of two copies sees the removal. */
async function syncSchools(trx: Knex, id: string, before: string[], after: string[], stamp: string): Promise<void> {
  const gone = before.filter((s) => !after.includes(s));
  if (gone.length) {
    await trx('activity_schools')
      .where({ activity_id: id })
      .whereIn('school_id', gone)
      .whereNull('deleted_at')
      .update({ deleted_at: stamp, updated_at: stamp, ...bumpVersion(trx) });
  }
  const added = after.filter((s) => !before.includes(s));
  if (added.length) {
    await trx('activity_schools').insert(
      added.map((schoolId) => ({ id: newId(), activity_id: id, school_id: schoolId, created_at: stamp, updated_at: stamp })),
    );
  }
}

async function syncAttachments(trx: Knex, id: string, before: string[], after: string[], stamp: string): Promise<void> {
  const gone = before.filter((a) => !after.includes(a));
  if (gone.length) {
    await trx('record_attachments')
      .where({ entity, record_id: id })
      .whereIn('attachment_id', gone)
      .whereNull('deleted_at')
      .update({ deleted_at: stamp, updated_at: stamp, ...bumpVersion(trx) });
  }
  const added = after.filter((a) => !before.includes(a));
  if (added.length) {
    await trx('record_attachments').insert(
      added.map((attachmentId) => ({
        id: newId(),
        entity,
        record_id: id,
        attachment_id: attachmentId,
        created_at: stamp,
        updated_at: stamp,
      })),
    );
  }
}

async function reindex(trx: Knex, id: string, draft: ActivityDraft, allianceName: string): Promise<void> {
  const schoolIds = [...new Set([draft.hostSchoolId, ...draft.participatingSchoolIds])].filter((s): s is string => !!s);
  const names = new Map(
    ((await trx('schools').whereIn('id', schoolIds).select('id', 'name')) as { id: string; name: string }[]).map((r) => [r.id, r.name]),
  );
  const text = activitySearchText({
    title: draft.title,
    form: draft.form,
    summary: draft.summary,
    outcome: draft.outcome,
    allianceName,
    hostSchoolName: draft.hostSchoolId ? (names.get(draft.hostSchoolId) ?? null) : null,
    schoolNames: draft.participatingSchoolIds.map((s) => names.get(s) ?? '').filter(Boolean),
  });
  await indexForSearch(trx, entity, id, text);
}

/** The stored activity as a draft, for the attachment shortcuts and re-indexing. */
export async function currentDraft(trx: Knex, id: string, includeDeleted = false): Promise<ActivityDraft> {
  const r = (await trx('activities')
    .where({ id })
    .modify((qb) => {
      if (!includeDeleted) qb.whereNull('deleted_at');
    })
    .first()) as Row | undefined;
  if (!r) throw notFound('交流活动');
  return draftOf(r, await linkedSchools(trx, id), await linkedAttachments(trx, id));
}

/**
 * The drafts of many live activities by id, in three queries per 500 (an import that
 * meets the activities it wrote before compares thousands of them); missing ids are absent.
 */
export async function currentDrafts(trx: Knex, ids: string[]): Promise<Map<string, ActivityDraft>> {
  const out = new Map<string, ActivityDraft>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = (await trx('activities').whereIn('id', part).whereNull('deleted_at')) as Row[];
    const schools = (await trx('activity_schools')
      .whereIn('activity_id', part)
      .whereNull('deleted_at')
      .orderBy('created_at')
      .select('activity_id', 'school_id')) as { activity_id: string; school_id: string }[];
    const attachments = (await trx('record_attachments')
      .where({ entity })
      .whereIn('record_id', part)
      .whereNull('deleted_at')
      .orderBy('created_at')
      .select('record_id', 'attachment_id')) as { record_id: string; attachment_id: string }[];
    const group = <T>(list: T[], key: (t: T) => string, value: (t: T) => string) => {
      const m = new Map<string, string[]>();
      for (const t of list) m.set(key(t), [...(m.get(key(t)) ?? []), value(t)]);
      return m;
    };
    const schoolsOf = group(schools, (l) => l.activity_id, (l) => l.school_id);
    const attachmentsOf = group(attachments, (l) => l.record_id, (l) => l.attachment_id);
    for (const r of rows) {
      const id = String(r.id);
      out.set(id, draftOf(r, schoolsOf.get(id) ?? [], attachmentsOf.get(id) ?? []));
    }
  }
  return out;
}

function draftOf(r: Row, participatingSchoolIds: string[], attachmentIds: string[]): ActivityDraft {
  return {
    allianceId: String(r.alliance_id),
    date: String(r.date),
    category: r.category as ActivityDraft['category'],
    form: (r.form as string | null) ?? null,
    title: String(r.title),
    hostSchoolId: (r.host_school_id as string | null) ?? null,
    participatingSchoolIds,
    participants: r.participants === null ? null : Number(r.participants),
    isLeadershipVisit: !!Number(r.is_leadership_visit),
    isOnline: !!Number(r.is_online),
    summary: (r.summary as string | null) ?? null,
    outcome: (r.outcome as string | null) ?? null,
    notes: (r.notes as string | null) ?? null,
    attachmentIds,
  };
}

function snapshot(row: Row, schoolIds: string[], attachmentIds: string[]): Row {
  return { ...row, participating_school_ids: schoolIds, attachment_ids: attachmentIds };
}

/** Compares what the clerk can change: booleans come back from SQLite as 0/1. */
function normalise(s: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'updated_at') continue;
    out[k] = typeof v === 'boolean' ? Number(v) : v === undefined ? null : v;
  }
  out.participating_school_ids = [...(s.participating_school_ids as string[])].sort();
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

async function guard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e, 'activities_natural_unique') || isUniqueViolation(e, 'activities.alliance_id')) {
      throw duplicate('该联盟在同一天已有同一主题的活动', 'title');
    }
    throw e;
  }
}
