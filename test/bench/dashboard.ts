// Times the dashboard's aggregates against a ledger opened read-only (nothing is written):
//   npx tsx test/bench/dashboard.ts FILE [YEAR] [TODAY] [REGION_ID]
import knexFactory from 'knex';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/handlers';
import { makeContext } from '../../electron/main/runtime';
import { dashboardRepository } from '../../db/repositories/dashboard-repository';
import { coverageRepository } from '../../db/repositories/coverage-repository';
import { evaluationRepository } from '../../db/repositories/evaluation-repository';
import { compulsoryStages } from '../../electron/api/enums';
import { defaultSettings } from '../../electron/api/settings';
import { termRange } from '../../electron/api/terms';

const file = process.argv[2]!;
const year = Number(process.argv[3] ?? 2025);
const today = process.argv[4] ?? '2026-11-22';
(async () => {
  const db = knexFactory({ client: 'sqlite3', connection: { filename: `file:${file}?mode=ro`, flags: ['OPEN_URI'] }, useNullAsDefault: true, pool: {
      min: 1,
      max: 1,
      // The app's own connection settings (db/connection.ts), minus WAL: nothing is written.
      afterCreate(conn: { exec(sql: string, cb: (e: Error | null) => void): void }, done: (e: Error | null, c: unknown) => void) {
        conn.exec('PRAGMA cache_size = -64000; PRAGMA busy_timeout = 5000;', (e) => done(e, conn));
      },
    },
  });
  const time = async (label: string, f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    const ms = performance.now() - t0;
    console.log(`${label.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms`);
    return ms;
  };
  const repo = dashboardRepository(db);
  const y = { from: `${year}-01-01`, to: `${year}-12-31` };
  const b = defaultSettings.terms;
  const q = { activitiesPerTerm: 2, visitsPerTerm: 1 };
  const region = process.argv[5] ? { regionId: process.argv[5] } : {};
  await db.raw('select 1');
  for (let round = 0; round < 2; round++) {
    console.log(`-- round ${round + 1}${region.regionId ? ' region ' + region.regionId : ''}`);
    await time('coverage.byCounty', () => coverageRepository(db).byCounty({ asOf: y.to < today ? y.to : today, stages: compulsoryStages, ...region }));
    await time('activitiesByMonth', () => repo.activitiesByMonth(year, region));
    await time('activityCount(term)', () => repo.activityCount(termRange(`${year}-${year + 1}-1`, b), region));
    const terms = [`${year - 1}-${year}-1`, `${year - 1}-${year}-2`, `${year}-${year + 1}-1`];
    await time(`quotaTerms ${terms.join(', ')}`, () => repo.quotaTerms(terms.map((t) => ({ term: t, range: termRange(t, b) })), q, region));
    await time('exchanges (by kind + total)', () => repo.exchanges(y, region, today));
    await time('rectificationsIssued', () => repo.rectificationsIssued(y, region, today));
    await time('openRectifications', () => repo.openRectifications(region, today));
    const tpl = await evaluationRepository(db).yearTemplates(year);
    await time('yearTemplates', () => evaluationRepository(db).yearTemplates(year));
    if (tpl[0]) await time('templateTotals', () => repo.templateTotals(tpl[0]!.templateId, year, region));
    const ctx = makeContext(db as never, require('node:os').tmpdir(), { error: (e) => console.error(e), info: () => undefined }, { now: () => new Date(`${today}T10:00:00`) });
    await time('dashboard.summary (dispatch)', async () => {
      const r = await dispatch(handlers, 'dashboard.summary', { year, ...region }, ctx);
      if (!r.ok) throw new Error(JSON.stringify(r));
      const v = r.value as { headline: unknown; evaluation: { evaluated: number } | null };
      if (round === 1) console.log(JSON.stringify(v.headline), 'evaluated', v.evaluation?.evaluated);
    });
    await time('reminders.counts (dispatch)', async () => {
      const r = await dispatch(handlers, 'reminders.counts', {}, ctx);
      if (round === 1) console.log(JSON.stringify(r));
    });
  }
  await db.destroy();
})();
