// `npm run ledger -- evaluations`: a year's results as a JSON array (name, scores per
// 一级指标, total, grade, rank, status), the year's only template unless one is named,
// and a refusal rather than a guess when there are several.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultGradeBands } from '../electron/api/evaluations';
import { makeAllianceWorld } from './support/alliance-world';

const root = path.resolve(__dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
let dbFile = '';
let dir = '';

function ledger(...args: string[]) {
  const r = spawnSync(tsx, ['electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  const w = await makeAllianceWorld({ today: '2025-12-22' });
  dbFile = w.file;
  dir = w.dir;
  const make = (name: string) =>
    w.call('evaluationTemplates.create', {
      name,
      year: 2025,
      targetType: 'alliance',
      totalScore: 100,
      gradeBands: defaultGradeBands(100),
      indicators: [
        { name: '组织管理', children: [{ name: '实施方案', maxScore: 40 }] },
        { name: '交流成效', maxScore: 60 },
      ],
    });
  const t = await make('2025年度联盟考核');
  const [a, b] = [t.indicators[0]!.children[0]!.id, t.indicators[1]!.id];
  const scoreOf = async (allianceId: string, x: number, y: number | null, submit: boolean) => {
    const e = await w.call('evaluations.start', { templateId: t.id, year: 2025, targetId: allianceId });
    const sheet = { id: e.id, rowVersion: e.rowVersion, scores: { [a]: { score: x, note: null }, [b]: { score: y, note: null } } };
    await w.call(submit ? 'evaluations.submit' : 'evaluations.save', sheet);
  };
  await scoreOf(w.alliances.weibin, 36, 53.5, true); // 89.5
  await scoreOf(w.alliances.fengxian, 38, 52, true); // 90
  await scoreOf(w.alliances.counties, 20, null, false);
  // A second template used in 2024 only.
  const other = await make('2024年度联盟考核');
  await w.call('evaluationTemplates.update', {
    id: other.id,
    rowVersion: other.rowVersion,
    draft: { name: '2024年度联盟考核', year: 2024, targetType: 'alliance', totalScore: 100, gradeBands: defaultGradeBands(100), indicators: [{ name: '总体', maxScore: 100 }] },
  });
  await w.call('evaluations.start', { templateId: other.id, year: 2024, targetId: w.alliances.weibin });
  const third = await make('2025年度联盟考核（补充）');
  await w.call('evaluations.start', { templateId: third.id, year: 2025, targetId: w.alliances.weibin });
  await w.db.destroy();
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run ledger -- evaluations', () => {
  it('prints the named template\u2019s results as JSON, ranked first and drafts last', () => {
    const r = ledger('evaluations', '--db', dbFile, '--year', '2025', '--template', '2025年度联盟考核', '--json');
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(rows.map((x) => [x.name, x.scores, x.total, x.grade, x.rank, x.status])).toEqual([
      ['凤县山区学校联盟', { 组织管理: 38, 交流成效: 52 }, 90, '优秀', 1, 'submitted'],
      ['渭滨区城乡教育联盟', { 组织管理: 36, 交流成效: 53.5 }, 89.5, '良好', 2, 'submitted'],
      ['凤县—太白县区联盟', { 组织管理: 20, 交流成效: null }, 20, null, null, 'draft'],
    ]);
  });

  it('uses the year\u2019s only template without --template', () => {
    const r = ledger('evaluations', '--db', dbFile, '--year', '2024', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({ name: '渭滨区城乡教育联盟', scores: { 总体: null }, total: 0, rank: null, status: 'draft' }),
    ]);
  });

  it('refuses to guess when the year has several templates, and names them', () => {
    const r = ledger('evaluations', '--db', dbFile, '--year', '2025', '--json');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const error = JSON.parse(r.err) as { message: string };
    expect(error.message).toContain('2025 年度的考核评价用了 2 个模板');
    expect(error.message).toContain('“2025年度联盟考核”（3 份）');
    expect(error.message).toContain('--template');
  });

  it('says which templates exist when the named one has no evaluations that year, and prints a table without --json', () => {
    const missing = ledger('evaluations', '--db', dbFile, '--year', '2025', '--template', '不存在的模板');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('2025 年度没有使用模板“不存在的模板”的考核评价');
    const table = ledger('evaluations', '--db', dbFile, '--year', '2025', '--template', '2025年度联盟考核');
    expect(table.code).toBe(0);
    expect(table.out).toContain('2025 年度考核评价结果 · 2025年度联盟考核（3 个对象）');
    expect(table.out).toMatch(/1\s+90\.00\s+优秀\s+已提交\s+凤县山区学校联盟/);
  });

  it('is a usage error (exit 2) without a four-digit --year', () => {
    expect(ledger('evaluations', '--db', dbFile, '--json').code).toBe(2);
    expect(ledger('evaluations', '--db', dbFile, '--year', '25', '--json').code).toBe(2);
  });
});
