// 覆盖率 as domain.md defines it, counted in SQL for one reference date: per county-level
// region, the open schools of the chosen stages, those of them that are members on that
// date of an alliance active on that date, and the alliances with members there. A county
// alliance's member counties do not make their schools covered (only school members do).
import type { Knex } from 'knex';
import type { AllianceKind, Stage } from '../../electron/api/enums';
import { regionAndBelow } from './ledger-scope';

export interface CoverageFilter {
  asOf: string;
  stages: Stage[];
  regionId?: string;
  allianceKind?: AllianceKind;
}

export interface CoverageCounts {
  schools: number;
  covered: number;
  alliances: number;
  byKind: Partial<Record<AllianceKind, number>>;
  crossRegion: number;
}

export interface CoverageRow extends CoverageCounts {
  regionId: string;
  regionName: string;
}

type Row = Record<string, unknown>;

export function coverageRepository(db: Knex) {
  /** Alliances active on the date (established by then, not dissolved by then). */
  function activeAlliances(f: CoverageFilter): Knex.QueryBuilder {
    const q = db('alliances as a')
      .whereNull('a.deleted_at')
      .where((w) => w.whereNull('a.established_on').orWhere('a.established_on', '<=', f.asOf))
      .whereNot((w) => w.where('a.status', 'dissolved').where((d) => d.whereNull('a.dissolved_on').orWhere('a.dissolved_on', '<=', f.asOf)));
    if (f.allianceKind) q.where('a.kind', f.allianceKind);
    return q;
  }

  /** (alliance, county) pairs of the members on the date; a member school counts in its county. */
  function memberCounties(f: CoverageFilter): Knex.QueryBuilder {
    return db('alliance_members as m')
      .join(activeAlliances(f).select('a.id', 'a.kind').as('aa'), 'aa.id', 'm.alliance_id')
      .leftJoin('schools as s', 's.id', 'm.school_id')
      .whereNull('m.deleted_at')
      .where((w) => w.whereNull('m.joined_on').orWhere('m.joined_on', '<=', f.asOf))
      .where((w) => w.whereNull('m.left_on').orWhere('m.left_on', '>', f.asOf))
      .distinct('m.alliance_id', 'aa.kind', db.raw('COALESCE(s.region_id, m.region_id) AS county_id'));
  }

  function counties(f: CoverageFilter): Knex.QueryBuilder {
    const q = db('regions as c').where('c.level', 'county').whereNull('c.deleted_at');
    if (f.regionId) q.whereIn('c.id', regionAndBelow(db, f.regionId));
    return q;
  }

  function addAlliances(into: CoverageCounts, r: Row): void {
    const k = Number(r.n);
    into.alliances += k;
    into.byKind[String(r.kind) as AllianceKind] = (into.byKind[String(r.kind) as AllianceKind] ?? 0) + k;
    if (Number(r.cross_region)) into.crossRegion += k;
  }

  return {
    async byCounty(f: CoverageFilter): Promise<{ rows: CoverageRow[]; total: CoverageCounts }> {
      const open = db('schools as s')
        .whereNull('s.deleted_at')
        .whereIn('s.stage', f.stages)
        .where((w) => w.whereNull('s.opened_on').orWhere('s.opened_on', '<=', f.asOf))
        .where((w) => w.whereNull('s.closed_on').orWhere('s.closed_on', '>', f.asOf));
      const coveredSql = db('alliance_members as m')
        .join(activeAlliances(f).select('a.id').as('aa'), 'aa.id', 'm.alliance_id')
        .whereRaw('m.school_id = s.id')
        .whereNull('m.deleted_at')
        .where((w) => w.whereNull('m.joined_on').orWhere('m.joined_on', '<=', f.asOf))
        .where((w) => w.whereNull('m.left_on').orWhere('m.left_on', '>', f.asOf))
        .select(db.raw('1'));
      const schoolCounts = (await open
        .clone()
        .whereIn('s.region_id', counties(f).select('c.id'))
        .groupBy('s.region_id')
        .select(
          's.region_id',
          db.raw('COUNT(*) AS schools'),
          db.raw('SUM(CASE WHEN EXISTS ? THEN 1 ELSE 0 END) AS covered', [coveredSql]),
        )) as Row[];
      const list = (await counties(f).orderBy('c.code').orderBy('c.name').select('c.id', 'c.name')) as Row[];
      const countyIds = list.map((c) => String(c.id));

      // Per county, and for the 合计 (where an alliance spanning several of the counties
      // counts once), from one pass over the members: the (alliance, county) pairs and each
      // alliance's spread are worked out once and read twice.
      const tallies = (await db
        .withMaterialized('p', memberCounties(f))
        .withMaterialized('g', db.from('p').groupBy('p.alliance_id', 'p.kind').select('p.alliance_id', 'p.kind', db.raw('CASE WHEN COUNT(*) > 1 THEN 1 ELSE 0 END AS cross_region')))
        .from(
          db
            .from('p')
            .join('g', 'g.alliance_id', 'p.alliance_id')
            .whereIn('p.county_id', countyIds)
            .groupBy('p.county_id', 'p.kind', 'g.cross_region')
            .select('p.county_id', 'p.kind', 'g.cross_region', db.raw('COUNT(*) AS n'))
            .as('per_county'),
        )
        .select('*')
        .unionAll((u) =>
          u
            .from('g')
            .whereIn('g.alliance_id', db.from('p').whereIn('p.county_id', countyIds).select('p.alliance_id'))
            .groupBy('g.kind', 'g.cross_region')
            .select(db.raw('NULL AS county_id'), 'g.kind', 'g.cross_region', db.raw('COUNT(*) AS n')),
        )) as Row[];

      const empty = (): CoverageCounts => ({ schools: 0, covered: 0, alliances: 0, byKind: {}, crossRegion: 0 });
      const rows: CoverageRow[] = list.map((c) => ({ regionId: String(c.id), regionName: String(c.name), ...empty() }));
      const byId = new Map(rows.map((r) => [r.regionId, r]));
      const total = empty();
      for (const r of schoolCounts) {
        const row = byId.get(String(r.region_id));
        if (!row) continue;
        row.schools = Number(r.schools);
        row.covered = Number(r.covered ?? 0);
        total.schools += row.schools;
        total.covered += row.covered;
      }
      for (const r of tallies) {
        if (r.county_id === null) addAlliances(total, r);
        else {
          const row = byId.get(String(r.county_id));
          if (row) addAlliances(row, r);
        }
      }
      return { rows, total };
    },
  };
}
