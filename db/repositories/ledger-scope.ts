// What the alliance ledgers (teacher exchanges, shared courses, cooperation projects)
// share: the alliance a record belongs to must be live, the schools it names must be
// members of that alliance, and region filters reach down the region tree.
import type { Knex } from 'knex';
import { invalid } from '../../electron/api/errors';

/** Ids of the region and every region below it (province → city → county → town). */
export function regionAndBelow(db: Knex, regionId: string): Knex.QueryBuilder {
  return db('regions')
    .select('id')
    .where('id', regionId)
    .orWhere('parent_id', regionId)
    .orWhereIn('parent_id', db('regions').select('id').where('parent_id', regionId))
    .orWhereIn(
      'parent_id',
      db('regions').select('id').whereIn('parent_id', db('regions').select('id').where('parent_id', regionId)),
    );
}

/** Alliances with a live member school, or member county, in the region (or below it). */
export function alliancesInRegion(db: Knex, regionId: string): Knex.QueryBuilder {
  return db('alliance_members as m')
    .leftJoin('schools as s', 's.id', 'm.school_id')
    .select('m.alliance_id')
    .whereNull('m.deleted_at')
    .where((w) =>
      w.whereIn('s.region_id', regionAndBelow(db, regionId)).orWhereIn('m.region_id', regionAndBelow(db, regionId)),
    );
}

export interface LiveAlliance {
  id: string;
  name: string;
}

/** The alliance a ledger row is written for; a deleted one is refused in the clerk's words. */
export async function liveAlliance(db: Knex, allianceId: string): Promise<LiveAlliance> {
  const row = await db('alliances').where({ id: allianceId }).whereNull('deleted_at').first('id', 'name');
  if (!row) throw invalid('所选联盟不存在或已删除', { allianceId: '所选联盟不存在或已删除' });
  return { id: String(row.id), name: String(row.name) };
}

export interface SchoolRole {
  schoolId: string;
  /** The form field the message belongs under. */
  field: string;
  /** 派出学校, 接收学校, 提供学校… */
  label: string;
}

/**
 * Refuses schools that are not members of the alliance on the given date: a live member
 * row that had not been left before it. A county alliance's members are counties, so
 * there a school counts when it lies in a member county.
 */
export async function assertMembers(db: Knex, alliance: LiveAlliance, roles: SchoolRole[], onDate: string): Promise<void> {
  if (roles.length === 0) return;
  const ids = [...new Set(roles.map((r) => r.schoolId))];
  const schools = (await db('schools').whereIn('id', ids).whereNull('deleted_at').select('id', 'name', 'region_id')) as {
    id: string;
    name: string;
    region_id: string;
  }[];
  const byId = new Map(schools.map((s) => [s.id, s]));
  const members = (await db('alliance_members')
    .where('alliance_id', alliance.id)
    .whereNull('deleted_at')
    .where((w) => w.whereIn('school_id', ids).orWhereIn('region_id', schools.map((s) => s.region_id)))
    .select('school_id', 'region_id', 'left_on')) as { school_id: string | null; region_id: string | null; left_on: string | null }[];

  const errors: Record<string, string> = {};
  for (const role of roles) {
    if (errors[role.field]) continue;
    const school = byId.get(role.schoolId);
    if (!school) {
      errors[role.field] = `所选${role.label}不存在或已删除`;
      continue;
    }
    const rows = members.filter((m) => m.school_id === school.id || m.region_id === school.region_id);
    if (rows.length === 0) {
      errors[role.field] = `${role.label}“${school.name}”不是联盟“${alliance.name}”的成员校，请先在联盟中添加该校或另选学校`;
    } else if (rows.every((m) => m.left_on !== null && m.left_on < onDate)) {
      const left = rows.map((m) => m.left_on!).sort().at(-1);
      errors[role.field] = `${role.label}“${school.name}”已于 ${left} 退出联盟“${alliance.name}”`;
    }
  }
  const first = Object.values(errors)[0];
  if (first) throw invalid(first, errors);
}

/** SQLite and PostgreSQL spell date arithmetic differently. */
export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

/** Whole days from `from` to `to` inclusive, for two SQL expressions holding YYYY-MM-DD text. */
export function inclusiveDaysSql(db: Knex, from: string, to: string): string {
  return isPostgres(db)
    ? `((${to})::date - (${from})::date + 1)`
    : `(CAST(julianday(${to}) - julianday(${from}) AS INTEGER) + 1)`;
}
