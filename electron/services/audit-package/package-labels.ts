// How the merge screens name records and show values: enum codes in Chinese, references by
// the name of the record they point to, and a label per record that a clerk recognises.
import {
  activityCategories,
  allianceKinds,
  allianceStatuses,
  evaluationStatuses,
  exchangeKinds,
  exchangeStatuses,
  projectStatuses,
  localities,
  memberRoles,
  problemStatuses,
  rectificationStatuses,
  regionLevels,
  stages,
  supervisionConclusions,
  supervisionKinds,
} from '../../api/enums';
import type { Db } from '../../../db/connection';
import type { Row } from '../../../db/audit-package/package-tables';

const enums: Record<string, { label(code: never): string }> = {
  'problems.status': problemStatuses,
  'supervisions.kind': supervisionKinds,
  'supervisions.conclusion': supervisionConclusions,
  'rectifications.status': rectificationStatuses,
  'evaluations.status': evaluationStatuses,
  'activities.category': activityCategories,
  'schools.stage': stages,
  'schools.locality': localities,
  'alliances.kind': allianceKinds,
  'alliances.status': allianceStatuses,
  'alliance_members.role': memberRoles,
  'regions.level': regionLevels,
  'teacher_exchanges.kind': exchangeKinds,
  'teacher_exchanges.status': exchangeStatuses,
  'cooperation_projects.status': projectStatuses,
};

const references: Record<string, string> = {
  alliance_id: 'alliances',
  target_alliance_id: 'alliances',
  school_id: 'schools',
  host_school_id: 'schools',
  target_school_id: 'schools',
  lead_school_id: 'schools',
  from_school_id: 'schools',
  provider_school_id: 'schools',
  to_school_id: 'schools',
  region_id: 'regions',
  target_region_id: 'regions',
  lead_region_id: 'regions',
  parent_id: 'regions',
};

/** Names of referenced records, looked up in the package first, then the office. */
export function nameLookup(pkg: Db, office: Db) {
  const cache = new Map<string, string | null>();
  return async (table: string, id: unknown): Promise<string | null> => {
    if (typeof id !== 'string' || !id) return null;
    const key = `${table}:${id}`;
    if (!cache.has(key)) {
      const row = ((await pkg(table).where({ id }).first('name')) ?? (await office(table).where({ id }).first('name'))) as { name?: string } | undefined;
      cache.set(key, row?.name ?? null);
    }
    return cache.get(key) ?? null;
  };
}

export type NameOf = ReturnType<typeof nameLookup>;

/** A value as the clerk reads it; null stays null (the screen shows it as blank). */
export async function valueText(entity: string, field: string, value: unknown, nameOf: NameOf): Promise<string | null> {
  if (value === null || value === undefined || value === '') return null;
  const e = enums[`${entity}.${field}`];
  if (e) return e.label(String(value) as never) || String(value);
  const table = references[field] && !(entity === 'indicators' && field === 'parent_id') ? references[field] : null;
  if (table) return (await nameOf(table, value)) ?? String(value);
  return String(value);
}

/** A record's label where its own columns do not name it well. */
export async function recordText(entity: string, row: Row, fallback: string, nameOf: NameOf): Promise<string> {
  if (entity === 'supervisions') {
    const target =
      (await nameOf('alliances', row.target_alliance_id)) ?? (await nameOf('schools', row.target_school_id)) ?? (await nameOf('regions', row.target_region_id));
    return `${String(row.date)} ${supervisionKinds.label(row.kind as never)}${target ? `：${target}` : ''}`;
  }
  if (entity === 'alliance_members') {
    const member = (await nameOf('schools', row.school_id)) ?? (await nameOf('regions', row.region_id)) ?? '';
    return `${(await nameOf('alliances', row.alliance_id)) ?? ''}：${member}`;
  }
  if (entity === 'evaluations') {
    const target = (await nameOf('alliances', row.target_alliance_id)) ?? (await nameOf('schools', row.target_school_id)) ?? '';
    return `${String(row.year)}年 ${target}`;
  }
  if (entity === 'interviews') return `${String(row.date)} 约谈 ${fallback}`;
  return fallback;
}
