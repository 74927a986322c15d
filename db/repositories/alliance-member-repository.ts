// Alliance members: schools, or counties for a county alliance (县区联盟). A member is
// current from joining until its left date; left members stay on the roster as history.
import type { Knex } from 'knex';
import type { AllianceMember } from '../../electron/api/alliances';
import type { Page } from '../../electron/api/common';
import { duplicate, invalid, notFound } from '../../electron/api/errors';
import type { AllianceKind, MemberRole } from '../../electron/api/enums';
import { allianceKinds } from '../../electron/api/enums';
import { pageOf, str, whereContains } from '../paging';
import { insertRecord, softDeleteRecord, updateRecord, type WriteContext } from '../records';

export interface MemberTarget {
  schoolId: string | null;
  regionId: string | null;
}

export interface MemberTerms {
  role: MemberRole;
  joinedOn: string | null;
  leftOn: string | null;
}

export interface MemberListQuery {
  allianceId: string;
  includeLeft: boolean;
  search?: string;
  page: number;
  pageSize: number;
}

/**
 * Member rows (as m, with their school as s) that count today: live, not yet left, and
 * not a school that was deleted or closed (撤并 stops counting from its closing date).
 * A member school's county is s.region_id; a member county is m.region_id.
 */
export function currentMembers(db: Knex, today: string): Knex.QueryBuilder {
  return db('alliance_members as m')
    .leftJoin('schools as s', 's.id', 'm.school_id')
    .whereNull('m.deleted_at')
    .where((w) => w.whereNull('m.left_on').orWhere('m.left_on', '>', today))
    .whereNull('s.deleted_at')
    .where((w) => w.whereNull('s.closed_on').orWhere('s.closed_on', '>', today));
}

export function allianceMemberRepository(db: Knex) {
  function base(today: string) {
    return db('alliance_members as m')
      .join('alliances as a', 'a.id', 'm.alliance_id')
      .leftJoin('schools as s', 's.id', 'm.school_id')
      .leftJoin('regions as r', 'r.id', db.raw('COALESCE(s.region_id, m.region_id)'))
      .whereNull('m.deleted_at')
      .whereNull('a.deleted_at')
      // A deleted school's membership waits in 回收站 with the school.
      .whereNull('s.deleted_at')
      .select(
        'm.*',
        's.name as school_name',
        's.stage',
        's.locality',
        's.closed_on',
        'r.id as county_id',
        'r.name as county_name',
        db.raw('CASE WHEN m.left_on IS NULL OR m.left_on > ? THEN 0 ELSE 1 END as has_left', [today]),
      );
  }

  async function liveRow(allianceId: string, t: MemberTarget) {
    const q = db('alliance_members').where({ alliance_id: allianceId }).whereNull('deleted_at');
    if (t.schoolId) q.where('school_id', t.schoolId);
    else q.where('region_id', t.regionId);
    return q.first();
  }

  async function allianceOf(allianceId: string) {
    const a = await db('alliances').where({ id: allianceId }).whereNull('deleted_at').first();
    if (!a) throw notFound('联盟');
    return a as { id: string; kind: AllianceKind; lead_school_id: string | null; lead_region_id: string | null };
  }

  /** A member that is the alliance's lead, or that becomes it: keeps alliances.lead_* in step. */
  async function setAllianceLead(trx: Knex, allianceId: string, t: MemberTarget | null, ctx: WriteContext) {
    const before = await trx('alliances').where({ id: allianceId }).first();
    const oldLead = before?.lead_school_id ?? before?.lead_region_id;
    if (oldLead && oldLead !== (t?.schoolId ?? t?.regionId)) {
      await trx('alliance_members')
        .where({ alliance_id: allianceId, role: 'lead' })
        .whereNull('deleted_at')
        .where((w) => w.where('school_id', oldLead).orWhere('region_id', oldLead))
        .select('id')
        .then((rows) => Promise.all(rows.map((r) => updateRecord(trx, 'alliance_members', r.id, { role: 'member' }, ctx))));
    }
    await updateRecord(trx, 'alliances', allianceId, { lead_school_id: t?.schoolId ?? null, lead_region_id: t?.regionId ?? null }, ctx);
  }

  const repo = {
    /** County alliances gather counties; every other kind gathers schools. */
    assertFits(kind: AllianceKind, t: MemberTarget, path?: string): void {
      const at = (field: string) => (path ? `${path}.${field}` : field);
      if (kind === 'county_alliance' && t.schoolId) {
        const message = '县区联盟的成员应是县（市、区），不能是学校';
        throw invalid(message, { [at('schoolId')]: message });
      }
      if (kind !== 'county_alliance' && t.regionId) {
        const message = `${allianceKinds.label(kind)}的成员应是学校；县区只能加入县区联盟`;
        throw invalid(message, { [at('regionId')]: message });
      }
    },

    /**
     * Adds a member, or brings back one that has left (a live row per alliance and
     * school is unique). A current member cannot be added twice.
     */
    async place(trx: Knex, allianceId: string, t: MemberTarget, terms: MemberTerms, ctx: WriteContext, today: string, path?: string): Promise<string> {
      const at = (field: string) => (path ? `${path}.${field}` : field);
      if (t.schoolId) {
        const s = await trx('schools').where({ id: t.schoolId }).whereNull('deleted_at').first('id');
        if (!s) throw invalid('所选学校不存在或已删除', { [at('schoolId')]: '所选学校不存在或已删除' });
      } else {
        const r = await trx('regions').where({ id: t.regionId }).whereNull('deleted_at').first('level');
        if (!r || r.level !== 'county') {
          throw invalid('成员县区应是一个县（市、区）', { [at('regionId')]: '成员县区应是一个县（市、区）' });
        }
      }
      const existing = await allianceMemberRepository(trx).liveRow(allianceId, t);
      if (existing) {
        if (!existing.left_on || existing.left_on > today) {
          const message = t.schoolId ? '该学校已是本联盟成员' : '该县区已是本联盟成员';
          throw duplicate(message, at(t.schoolId ? 'schoolId' : 'regionId'));
        }
        await updateRecord(trx, 'alliance_members', existing.id, { role: terms.role, joined_on: terms.joinedOn, left_on: terms.leftOn }, ctx);
        return existing.id as string;
      }
      const row = await insertRecord(
        trx,
        'alliance_members',
        { alliance_id: allianceId, school_id: t.schoolId, region_id: t.regionId, role: terms.role, joined_on: terms.joinedOn, left_on: terms.leftOn },
        ctx,
      );
      return row.id as string;
    },

    liveRow,

    async hasLiveMembers(allianceId: string, type: 'school' | 'region'): Promise<boolean> {
      const row = await db('alliance_members')
        .where({ alliance_id: allianceId })
        .whereNull('deleted_at')
        .whereNotNull(type === 'school' ? 'school_id' : 'region_id')
        .first('id');
      return Boolean(row);
    },

    async setRole(trx: Knex, allianceId: string, t: MemberTarget, role: MemberRole, ctx: WriteContext): Promise<void> {
      const row = await allianceMemberRepository(trx).liveRow(allianceId, t);
      if (row && row.role !== role) await updateRecord(trx, 'alliance_members', row.id, { role }, ctx);
    },

    /** The alliance form chose this lead: it becomes a (current) lead member. */
    async makeLead(trx: Knex, allianceId: string, t: MemberTarget, joinedOn: string | null, ctx: WriteContext, today: string): Promise<void> {
      const row = await allianceMemberRepository(trx).liveRow(allianceId, t);
      if (!row) {
        await repo.place(trx, allianceId, t, { role: 'lead', joinedOn, leftOn: null }, ctx, today);
      } else if (row.role !== 'lead' || (row.left_on && row.left_on <= today)) {
        await updateRecord(trx, 'alliance_members', row.id, { role: 'lead', left_on: null }, ctx);
      }
    },

    async add(trx: Knex, allianceId: string, member: MemberTarget & MemberTerms, ctx: WriteContext, today: string): Promise<string> {
      const alliance = await allianceOf(allianceId);
      repo.assertFits(alliance.kind, member);
      const id = await repo.place(trx, allianceId, member, member, ctx, today);
      if (member.role === 'lead') await setAllianceLead(trx, allianceId, member, ctx);
      return id;
    },

    /** Changes role and dates; a member made lead becomes the alliance's lead, and back. */
    async update(trx: Knex, id: string, terms: MemberTerms, ctx: WriteContext, version?: number): Promise<void> {
      const before = await trx('alliance_members').where({ id }).whereNull('deleted_at').first();
      if (!before) throw notFound('联盟成员');
      const alliance = await allianceOf(before.alliance_id);
      await updateRecord(trx, 'alliance_members', id, { role: terms.role, joined_on: terms.joinedOn, left_on: terms.leftOn }, ctx, version);
      const target = { schoolId: before.school_id, regionId: before.region_id };
      const isLead = (alliance.lead_school_id ?? alliance.lead_region_id) === (before.school_id ?? before.region_id);
      if (terms.role === 'lead' && !isLead) await setAllianceLead(trx, alliance.id, target, ctx);
      if (terms.role === 'member' && isLead) await setAllianceLead(trx, alliance.id, null, ctx);
    },

    async remove(trx: Knex, id: string, ctx: WriteContext): Promise<void> {
      const before = await trx('alliance_members').where({ id }).whereNull('deleted_at').first();
      if (!before || !(await softDeleteRecord(trx, 'alliance_members', id, ctx))) throw notFound('联盟成员');
      const alliance = await trx('alliances').where({ id: before.alliance_id }).first();
      if (alliance && (alliance.lead_school_id ?? alliance.lead_region_id) === (before.school_id ?? before.region_id)) {
        await updateRecord(trx, 'alliances', alliance.id, { lead_school_id: null, lead_region_id: null }, ctx);
      }
    },

    async page(q: MemberListQuery, today: string): Promise<Page<AllianceMember>> {
      const query = base(today).where('m.alliance_id', q.allianceId);
      if (!q.includeLeft) query.where((w) => w.whereNull('m.left_on').orWhere('m.left_on', '>', today));
      whereContains(query, ['s.name', 'r.name'], q.search);
      query
        .orderByRaw("CASE WHEN m.role = 'lead' THEN 0 ELSE 1 END")
        .orderBy('has_left')
        .orderByRaw('COALESCE(s.name, r.name)')
        .orderBy('m.id');
      return pageOf(query, q, toMember);
    },

    async get(id: string, today: string): Promise<AllianceMember> {
      const row = await base(today).where('m.id', id).first();
      if (!row) throw notFound('联盟成员');
      return toMember(row);
    },
  };
  return repo;
}

function toMember(r: Record<string, unknown>): AllianceMember {
  return {
    id: String(r.id),
    allianceId: String(r.alliance_id),
    schoolId: str(r.school_id),
    schoolName: str(r.school_name),
    regionId: str(r.county_id),
    regionName: str(r.county_name),
    stage: (r.stage as AllianceMember['stage']) ?? null,
    locality: (r.locality as AllianceMember['locality']) ?? null,
    schoolClosedOn: str(r.closed_on),
    role: r.role as MemberRole,
    joinedOn: str(r.joined_on),
    leftOn: str(r.left_on),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}
