// 考核评价 at province scale: the results table, who is left to score, one evaluation and its
// evidence, timed through the dispatcher on a province sample (~10,000 evaluations,
// ~180,000 scores, 500,000 activities).
//
// Usage: npm run -s ledger -- sample --db /tmp/prov-eval/ledger.sqlite --scale province --seed 7
//        npx tsx test/bench/evaluations.ts [--db /tmp/prov-eval/ledger.sqlite]
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Args, Method, Output } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/handlers';
import { makeContext } from '../../electron/main/runtime';
import { openDatabase } from '../../db/connection';

const argv = process.argv.slice(2);
const file = argv[argv.indexOf('--db') + 1] && argv.includes('--db') ? argv[argv.indexOf('--db') + 1]! : '/tmp/prov-eval/ledger.sqlite';

async function main() {
  const db = await openDatabase(file);
  const ctx = makeContext(db, path.dirname(file), { error: (e) => console.error(e), info: () => undefined });
  async function time<M extends Method>(method: M, args: Args<M>): Promise<Output<M>> {
    const started = performance.now();
    const r = await dispatch(handlers, method, args, ctx);
    const ms = performance.now() - started;
    if (!r.ok) throw new Error(`${method}: ${r.message}`);
    console.log(`${method.padEnd(28)} ${ms.toFixed(0).padStart(5)} ms  ${JSON.stringify(args).slice(0, 90)}`);
    return r.value as Output<M>;
  }
  const used = await time('evaluations.yearTemplates', { year: 2025 });
  const biggest = [...used].sort((a, b) => b.evaluations - a.evaluations)[0]!;
  console.log(`  ${biggest.name}: ${biggest.evaluations} evaluations in 2025`);
  const results = await time('evaluations.results', { templateId: biggest.templateId, year: 2025 });
  console.log(`  ${results.page.total} rows; grades ${results.gradeCounts.map((g) => `${g.grade} ${g.count}`).join(' · ')}`);
  await time('evaluations.results', { templateId: biggest.templateId, year: 2025, page: 200, pageSize: 20 });
  await time('evaluations.results', { templateId: biggest.templateId, year: 2025, sortBy: 'name' });
  const todo = await time('evaluations.candidates', { templateId: biggest.templateId, year: 2026 });
  console.log(`  ${todo.total} candidates in 2026`);
  await time('evaluations.candidates', { templateId: biggest.templateId, year: 2026, status: 'none' });
  await time('evaluations.candidates', { templateId: biggest.templateId, year: 2026, sortBy: 'total', sortOrder: 'desc' });
  await time('evaluations.candidates', { templateId: biggest.templateId, year: 2026, search: '实验' });
  await time('evaluationTemplates.list', {});
  const first = results.page.rows[0]!;
  await time('evaluations.get', { id: first.evaluationId });
  await time('evaluations.evidence', { year: 2025, targetType: 'alliance', targetId: first.targetId });
  await db.destroy();
}

void main();
