// Sample data modeled on the seed articles (see README.md of this folder): Baoji's county
// alliances and school alliances, Jiangmen's 蓬江区–恩平市 groups, Haining's 1+X
// communities and, at province scale, Henan's education groups — with years of activities,
// teacher exchanges, courses, projects, problem lists and supervisions. One transaction:
// refused on a ledger that already has schools or alliances, all-or-nothing when cancelled.
import { auditOperator } from '../../../db/access';
import { refreshStatistics, type Db } from '../../../db/connection';
import { writeAudit, type WriteContext } from '../../../db/records';
import { settingsRepository } from '../../../db/repositories/settings-repository';
import type { Clock } from '../../api/context';
import type { Progress } from '../../api/common';
import { AppError } from '../../api/errors';
import { writeActivities } from './activities';
import { writeAlliances } from './alliance-rows';
import { buildAlliances } from './alliances';
import { loadContext, TableWriter } from './bulk';
import { day, localDay, schoolYearOf } from './calendar';
import { writeEvaluations } from './evaluations';
import { writeLedgers } from './ledgers';
import { plans, type Sample } from './model';
import { Rng } from './prng';
import { loadRegions } from './regions';
import { loadSchools } from './schools';
import { writeSupervision } from './supervision';

export interface SampleOptions {
  clock: Clock;
  progress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export const sampleReportingUnit = '示例教育局（示例数据）';

/**
 * The day the sample ledger is "as of". Fixed, not today: the CLI contract promises that
 * the same seed gives the same data, so dates and record timestamps cannot follow the
 * clock. (Only the audit row says when the sample was really loaded.)
 */
export const sampleAsOf = new Date(2026, 10, 20, 9, 0, 0);

export async function loadSampleData(
  db: Db,
  input: { scale: 'county' | 'city' | 'province'; seed: number },
  options: SampleOptions,
): Promise<void> {
  const now = sampleAsOf;
  const today = localDay(now);
  const plan = plans[input.scale];
  const rng = new Rng(input.seed);
  // One stream per part, so that a change in one part does not reshuffle the others.
  // New parts take a new salt at the end: the streams before it stay what they were.
  const streams = [1, 2, 3, 4, 5, 6, 7, 8].map((salt) => rng.fork(salt)) as [Rng, Rng, Rng, Rng, Rng, Rng, Rng, Rng];
  const settings = await settingsRepository(db).get();
  const w: WriteContext = { operator: await auditOperator(db, settings.operatorName || '示例数据'), now: options.clock.now() };
  const sqlite = db.client.config.client !== 'pg';

  await db.transaction(async (trx) => {
    const ctx = await loadContext(trx, now.toISOString(), options);
    ctx.check();
    const school = await trx('schools').first('id');
    const alliance = await trx('alliances').first('id');
    if (school || alliance) throw new AppError('conflict', '数据库中已有记录，示例数据只能载入空台账');
    // A larger page cache for the duration of the load: the primary-key indexes of half a
    // million activities and their schools (random UUIDs, ~90 MB) do not fit the default
    // 64 MB, and with it a province load takes many minutes instead of one.
    const cacheSize = sqlite ? await pragmaCacheSize(trx) : null;
    if (sqlite) await trx.raw('PRAGMA cache_size = -256000');
    const indexes = sqlite ? await dropIndexes(trx) : [];
    try {
      ctx.progress('准备行政区划', 0, 1);
      const regions = await loadRegions(ctx, streams[0], input.scale);
      const sy = schoolYearOf(today);
      // Ten years of terms at province scale (from 第二学期 ten school years back), else five.
      const historyStart = plan.years >= 10 ? day(sy - plan.years + 1, 2, 1) : day(sy - plan.years, 9, 1);
      const sample: Sample = {
        scale: input.scale,
        seed: input.seed,
        today,
        historyStart,
        counties: regions.counties,
        schools: [],
        alliances: [],
        regionsByCode: regions.regionsByCode,
        home: regions.home,
      };
      const schoolWriter = new TableWriter(ctx, 'schools', [
        'id', 'name', 'code', 'region_id', 'stage', 'locality', 'is_weak', 'is_new', 'students', 'teachers', 'principal', 'phone',
        'address', 'notes', 'opened_on', 'closed_on', 'former_names',
      ]);
      sample.schools = await loadSchools(
        { ctx, rng: streams[1], scale: input.scale, today, historyStart, codes: new Set(), writer: schoolWriter },
        sample.counties,
        plan,
      );
      ctx.progress('生成联盟', 0, 1);
      sample.alliances = buildAlliances(streams[2], sample, plan);
      const allianceCounts = await writeAlliances(ctx, streams[3], sample);
      const activityCounts = await writeActivities(ctx, streams[4], sample, plan.activities);
      const ledgerCounts = await writeLedgers(ctx, streams[5], sample, plan.exchanges, Math.round(plan.activities * 0.06));
      ctx.progress('生成督导整改', 0, 1);
      const supervisionCounts = await writeSupervision(ctx, streams[6], sample);
      ctx.progress('生成督导整改', 1, 1);
      ctx.progress('生成考核评价', 0, 1);
      const evaluationCounts = await writeEvaluations(ctx, streams[7], sample);
      await ctx.drain();
      for (const [i, sql] of indexes.entries()) {
        ctx.check();
        ctx.progress('建立索引', i, indexes.length);
        await trx.raw(sql);
      }

      const patch: { reportingUnit?: string; homeRegionId?: string } = {};
      if (!settings.reportingUnit) patch.reportingUnit = sampleReportingUnit;
      if (!settings.homeRegionId) patch.homeRegionId = sample.home.id;
      await settingsRepository(trx).update(trx, patch, w);

      const counts: Record<string, number> = {
        regions: regions.inserted,
        schools: schoolWriter.count,
        ...allianceCounts,
        activities: activityCounts.activities,
        activity_schools: activityCounts.activity_schools,
        ...ledgerCounts,
        ...supervisionCounts,
        ...evaluationCounts,
      };
      for (const [entity, count] of Object.entries(counts)) {
        if (count === 0) continue;
        await writeAudit(trx, w, {
          entity,
          recordId: 'sample',
          action: 'bulk',
          after: { count, scale: input.scale, seed: input.seed },
        });
      }
      ctx.progress('完成', 1, 1);
    } catch (e) {
      // Nothing may still be running when knex rolls the transaction back.
      await ctx.settle();
      throw e;
    } finally {
      if (cacheSize !== null) await trx.raw(`PRAGMA cache_size = ${cacheSize}`).catch(() => undefined);
    }
  });
  // Fresh statistics for the planner, now that the big tables are full.
  if (sqlite) await refreshStatistics(db);
}

/** Tables whose secondary indexes are built once after the load instead of row by row. */
const bulkTables = [
  'activities', 'activity_schools', 'search_entries', 'teacher_exchanges', 'shared_courses', 'shared_course_schools', 'cooperation_projects',
  'evaluations', 'evaluation_scores',
];

/**
 * Drops the secondary indexes of the big tables and returns their CREATE statements, as
 * SQLite itself wrote them down, to run again after the rows are in: sorting once is far
 * cheaper than half a million random inserts into each index. Inside the transaction, so
 * a cancelled load gets them back with the rollback.
 */
async function dropIndexes(trx: Db): Promise<string[]> {
  const rows = (await trx('sqlite_master')
    .where({ type: 'index' })
    .whereNotNull('sql')
    .whereIn('tbl_name', bulkTables)
    .select('name', 'sql')) as { name: string; sql: string }[];
  for (const r of rows) await trx.raw(`DROP INDEX "${r.name.replace(/"/g, '""')}"`);
  return rows.map((r) => r.sql);
}

async function pragmaCacheSize(trx: Db): Promise<number> {
  const rows = (await trx.raw('PRAGMA cache_size')) as { cache_size: number }[];
  return Number(rows[0]?.cache_size ?? -2000);
}
