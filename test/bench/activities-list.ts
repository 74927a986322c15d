// "A list of half a million activities must open as fast as one of fifty."
// Times activities.list (through the dispatcher: validation, settings, page, COUNT, the
// page's schools and attachments) on a province-scale ledger.
//
// Usage: npx tsx test/bench/activities-list.ts [--db FILE] [--fresh] [--rows N] [--explain] [--analyze]
// The ledger is built once (about three minutes) and reused on later runs unless --fresh.
// The app never runs ANALYZE, so by default the planner works without statistics, as it
// does on a clerk's machine; --analyze gathers them first to check the plans hold.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Args } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/handlers';
import { makeContext } from '../../electron/main/runtime';
import { openDatabase } from '../../db/connection';
import { fillProvince } from './activities-fill';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const file = option('db', '/tmp/activities-bench.sqlite');
const rows = Number(option('rows', '500000'));
const targetMs = 150;

async function main() {
  if (flag('fresh')) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const fresh = !fs.existsSync(file);
  const db = await openDatabase(file, { create: true });
  const ctx = makeContext(db, '/tmp', { error: (e) => console.error(e), info: () => undefined });
  const call = async <M extends 'activities.list' | 'regions.setHome' | 'regions.list'>(method: M, args: Args<M>) => {
    const reply = await dispatch(handlers, method, args, ctx);
    if (!reply.ok) throw new Error(`${method}: ${reply.message}`);
    return reply.value as never;
  };

  if (fresh) {
    const t = performance.now();
    await call('regions.setHome', { code: '61' });
    const filled = await fillProvince(db, {
      activities: rows,
      schools: 11_000,
      alliances: 3_500,
      log: (s) => console.log(`  ${s} (${((performance.now() - t) / 1000).toFixed(1)} s)`),
    });
    console.log(`filled ${JSON.stringify(filled)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  if (flag('analyze')) await db.raw('ANALYZE');
  const some = (await db('activities').whereNull('deleted_at').orderBy('date', 'desc').first('alliance_id')) as { alliance_id: string };
  // The county (and its city) holding the most alliance members: 渭滨区 and 宝鸡市 in the
  // generated ledger, whatever the sample data put first otherwise.
  const county = (await db('alliance_members as m')
    .join('schools as s', 's.id', 'm.school_id')
    .join('regions as r', 'r.id', 's.region_id')
    .groupBy('r.id', 'r.name', 'r.parent_id')
    .orderByRaw('COUNT(*) DESC')
    .first('r.id', 'r.name', 'r.parent_id')) as { id: string; name: string; parent_id: string };
  const city = (await db('regions').where({ id: county.parent_id }).first('id', 'name')) as { id: string; name: string };
  const cases: [string, Args<'activities.list'>][] = [
    ['first page, date desc', {}],
    ['page 1000, date desc', { page: 1000 }],
    ['by alliance', { allianceId: some.alliance_id }],
    ['by term 2023-2024-2', { term: '2023-2024-2' }],
    ['by category 教研交流', { category: 'teaching_research' }],
    [`by county ${county.name}`, { regionId: county.id }],
    [`by city ${city.name}`, { regionId: city.id }],
    ['leadership visits', { leadershipVisit: true }],
    ['by form 同课异构', { form: '同课异构' }],
    ['search 教研', { search: '教研' }],
    ['search 宝鸡', { search: '宝鸡' }],
    ['search 作业设计', { search: '作业设计' }],
    ['search 宝鸡 + term', { search: '宝鸡', term: '2023-2024-1' }],
    ['category + term', { category: 'teaching_research', term: '2023-2024-1' }],
    ['sort by title', { sortBy: 'title', sortOrder: 'asc' }],
    ['sort by alliance', { sortBy: 'alliance', sortOrder: 'asc' }],
    ['sort by participants', { sortBy: 'participants', sortOrder: 'desc' }],
    ['sort by category', { sortBy: 'category', sortOrder: 'asc' }],
  ];

  console.log(`\nactivities.list on ${file} (${(await db('activities').count({ n: '*' }))[0]!.n} activities), 20 rows a page`);
  let slow = 0;
  for (const [name, args] of cases) {
    await call('activities.list', args); // warm the page cache once
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const page = (await call('activities.list', args)) as { total: number };
      times.push(performance.now() - t);
      total = page.total;
    }
    times.sort((a, b) => a - b);
    const median = times[2]!;
    if (median > targetMs) slow++;
    console.log(`${median > targetMs ? '!' : ' '} ${name.padEnd(26)} ${median.toFixed(1).padStart(7)} ms (min ${times[0]!.toFixed(1)})  total ${total}`);
  }
  if (flag('explain')) await explain(db);
  await db.destroy();
  console.log(slow ? `\n${slow} case(s) over ${targetMs} ms` : `\nall cases under ${targetMs} ms`);
}

/** Prints the plans of the page and COUNT queries, as knex sends them. */
async function explain(db: Awaited<ReturnType<typeof openDatabase>>) {
  const seen: { sql: string; bindings: unknown[] }[] = [];
  const listen = (q: { sql: string; bindings: unknown[] }) => seen.push(q);
  db.on('query', listen);
  const ctx = makeContext(db, '/tmp', { error: (e) => console.error(e), info: () => undefined });
  await dispatch(handlers, 'activities.list', { search: '宝鸡', term: '2023-2024-1' }, ctx);
  db.off('query', listen);
  for (const q of seen.filter((s) => /from .activities. as .t./i.test(s.sql))) {
    console.log(`\n${q.sql}`);
    const plan = (await db.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.bindings as never)) as { detail: string }[];
    for (const p of plan) console.log(`  ${p.detail}`);
  }
}

main().catch((e) => {
  console.error(String(e).slice(0, 2000));
  process.exit(1);
});
