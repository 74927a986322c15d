// Names in a file matched to live records. A name that matches nothing, or more than one
// record, is reported — never guessed. Lookups read whole small tables once per import
// (a province has ~12,000 schools and ~3,500 alliances), so a 100k-row file does not
// cost a query per row.
import type { Knex } from 'knex';
import type { AllianceKind } from '../../api/enums';
import type { MappedRow } from './kind';
import { nameKey, parseText, type Parsed } from './parse-values';

export interface NamedAlliance {
  id: string;
  name: string;
  kind: AllianceKind;
}

export interface NamedSchool {
  id: string;
  name: string;
  code: string | null;
  regionId: string;
  regionName: string;
}

export interface NamedRegion {
  id: string;
  name: string;
}

const group = <T>(items: T[], key: (t: T) => string) => {
  const map = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = map.get(k);
    if (list) list.push(t);
    else map.set(k, [t]);
  }
  return map;
};

/** Live alliances by name; names are unique among live alliances. */
export async function allianceIndex(db: Knex): Promise<Map<string, NamedAlliance>> {
  const rows = (await db('alliances').whereNull('deleted_at').select('id', 'name', 'kind')) as NamedAlliance[];
  return new Map(rows.map((a) => [nameKey(a.name), { id: String(a.id), name: a.name, kind: a.kind }]));
}

export function findAlliance(index: Map<string, NamedAlliance>, name: string): Parsed<NamedAlliance> {
  const found = index.get(nameKey(name));
  return found ? { ok: true, value: found } : { ok: false, reason: `联盟“${name}”不存在或已删除` };
}

/** The alliance a row names under 联盟名称, or null once the reason is reported against that column. */
export function rowAlliance(
  r: MappedRow,
  index: Map<string, NamedAlliance>,
  report: (column: string, message: string) => void,
): NamedAlliance | null {
  const name = parseText(r.cell('alliance') ?? null);
  if (!name) {
    report('alliance', '未填写联盟名称');
    return null;
  }
  const found = findAlliance(index, name);
  if (!found.ok) report('alliance', found.reason);
  return found.ok ? found.value : null;
}

/** Live county-level regions by name (two counties of one name in different cities are both kept). */
export async function countyIndex(db: Knex): Promise<Map<string, NamedRegion[]>> {
  const rows = (await db('regions').whereNull('deleted_at').where('level', 'county').select('id', 'name')) as NamedRegion[];
  return group(
    rows.map((r) => ({ id: String(r.id), name: r.name })),
    (r) => nameKey(r.name),
  );
}

export function findCounty(index: Map<string, NamedRegion[]>, name: string): Parsed<NamedRegion> {
  const found = index.get(nameKey(name)) ?? [];
  if (found.length === 1) return { ok: true, value: found[0]! };
  if (found.length === 0) return { ok: false, reason: `县区“${name}”不在本台账的行政区划中` };
  return { ok: false, reason: `有 ${found.length} 个名为“${name}”的县区，无法确定是哪一个` };
}

/** Live schools by name, each with its county. */
export async function schoolIndex(db: Knex): Promise<Map<string, NamedSchool[]>> {
  const rows = (await db('schools as s')
    .join('regions as r', 'r.id', 's.region_id')
    .whereNull('s.deleted_at')
    .select('s.id', 's.name', 's.code', 's.region_id', 'r.name as region_name')) as Record<string, string | null>[];
  return group(
    rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      code: r.code ?? null,
      regionId: String(r.region_id),
      regionName: String(r.region_name),
    })),
    (s) => nameKey(s.name),
  );
}

/** One school by name, narrowed by county when the file gives one. */
export function findSchool(index: Map<string, NamedSchool[]>, name: string, county?: NamedRegion | null): Parsed<NamedSchool> {
  const all = index.get(nameKey(name)) ?? [];
  const found = county ? all.filter((s) => s.regionId === county.id) : all;
  if (found.length === 1) return { ok: true, value: found[0]! };
  if (found.length === 0) {
    return { ok: false, reason: county ? `${county.name}没有名为“${name}”的学校` : `学校“${name}”不存在，请先导入或添加该校` };
  }
  return {
    ok: false,
    // Counties in pinyin order: the same message on every engine, whatever order rows come in.
    reason: `有 ${found.length} 所名为“${name}”的学校（${found
      .map((s) => s.regionName)
      .sort((a, b) => a.localeCompare(b, 'zh-CN'))
      .join('、')}），请填写所在县区以区分`,
  };
}

/**
 * Schools an alliance's ledgers may name, by name: its member schools (also those who
 * have left: the ledger records what happened) and, for a county alliance, the schools
 * of its member counties. The members and schools are read once, on the first call (two
 * queries, not two per alliance named in the file); each alliance's map is built on first
 * use and kept for the import.
 */
export function memberSchoolLookup(db: Knex) {
  const cache = new Map<string, Map<string, NamedSchool[]>>();
  let loaded: Promise<{
    members: Map<string, { schools: string[]; regions: string[] }>;
    byId: Map<string, NamedSchool>;
    byRegion: Map<string, NamedSchool[]>;
  }> | null = null;
  const load = async () => {
    const memberRows = (await db('alliance_members')
      .whereNull('deleted_at')
      .select('alliance_id', 'school_id', 'region_id')) as { alliance_id: string; school_id: string | null; region_id: string | null }[];
    const members = new Map<string, { schools: string[]; regions: string[] }>();
    for (const m of memberRows) {
      const entry = members.get(String(m.alliance_id)) ?? { schools: [], regions: [] };
      if (m.school_id) entry.schools.push(String(m.school_id));
      if (m.region_id) entry.regions.push(String(m.region_id));
      members.set(String(m.alliance_id), entry);
    }
    const schoolRows = (await db('schools as s')
      .join('regions as r', 'r.id', 's.region_id')
      .whereNull('s.deleted_at')
      .select('s.id', 's.name', 's.code', 's.region_id', 'r.name as region_name')) as Record<string, string | null>[];
    const byId = new Map<string, NamedSchool>();
    const byRegion = new Map<string, NamedSchool[]>();
    for (const r of schoolRows) {
      const s: NamedSchool = {
        id: String(r.id),
        name: String(r.name),
        code: r.code ?? null,
        regionId: String(r.region_id),
        regionName: String(r.region_name),
      };
      byId.set(s.id, s);
      const list = byRegion.get(s.regionId) ?? [];
      list.push(s);
      byRegion.set(s.regionId, list);
    }
    return { members, byId, byRegion };
  };
  return async (allianceId: string): Promise<Map<string, NamedSchool[]>> => {
    const hit = cache.get(allianceId);
    if (hit) return hit;
    loaded ??= load();
    const { members, byId, byRegion } = await loaded;
    const m = members.get(allianceId) ?? { schools: [], regions: [] };
    const found = new Map<string, NamedSchool>();
    for (const id of m.schools) {
      const s = byId.get(id);
      if (s) found.set(s.id, s);
    }
    for (const region of m.regions) for (const s of byRegion.get(region) ?? []) found.set(s.id, s);
    const map = group([...found.values()], (s) => nameKey(s.name));
    cache.set(allianceId, map);
    return map;
  };
}

/** A member school of an alliance by name. */
export function findMember(members: Map<string, NamedSchool[]>, alliance: NamedAlliance, name: string, role = '学校'): Parsed<NamedSchool> {
  const found = members.get(nameKey(name)) ?? [];
  if (found.length === 1) return { ok: true, value: found[0]! };
  if (found.length === 0) return { ok: false, reason: `${role}“${name}”不是联盟“${alliance.name}”的成员校` };
  return { ok: false, reason: `联盟“${alliance.name}”中有 ${found.length} 所名为“${name}”的学校，无法确定是哪一所` };
}

/** 办学模式 and 参与学校 may hold several values: 、 , ， ; ； or / between them. */
export function splitList(text: string | null): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[、,，;；/／\n]+/).map((s) => s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')).filter(Boolean))];
}
