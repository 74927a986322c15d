// Sample data modeled on the seed articles (see README.md of this folder): Baoji's county
// alliances and school alliances, Jiangmen's 蓬江区–恩平市 groups, Haining's 1+X
// communities and, at province scale, Henan's education groups — with years of activities,
// teacher exchanges, courses, projects, problem lists and supervisions. One transaction:
// refused on a ledger that already has schools or alliances, all-or-nothing when cancelled.
import type { Db } from '../../../db/connection';
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

export async function loadSampleData(
  db: Db,
  input: { scale: 'county' | 'city' | 'province'; seed: number },
  options: SampleOptions,
): Promise<void> {
  const now = options.clock.now();
  const today = localDay(now);
  const plan = plans[input.scale];
  const rng = new Rng(input.seed);
  // One stream per part, so that a change in one part does not reshuffle the others.
  const streams = [1, 2, 3, 4, 5, 6, 7].map((salt) => rng.fork(salt)) as [Rng, Rng, Rng, Rng, Rng, Rng, Rng];
  const settings = await settingsRepository(db).get();
  const w: WriteContext = { operator: settings.operatorName || '示例数据', now };
  const sqlite = db.client.config.client !== 'pg';

  await db.transaction(async (trx) => {
    const ctx = await loadContext(trx, now.toISOString(), options);
    ctx.check();
    const school = await trx('schools').first('id');
    const alliance = await trx('alliances').first('id');
    if (school || alliance) throw new AppError('conflict', '数据库中已有记录，示例数据只能载入空台账');
    // A larger page cache for the duration of the load: the indexes of half a million
    // activities do not fit the default 64 MB, and random UUID keys touch all of them.
    if (sqlite) await trx.raw('PRAGMA cache_size = -512000');
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
      await ctx.drain();

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
      if (sqlite) await trx.raw('PRAGMA cache_size = -64000').catch(() => undefined);
    }
  });
}
