// 考核评价 of the sample: the two sample templates (Haining's ten aspects for its
// communities, Baoji's five exchanges for every other alliance), each alliance's
// evaluation for the last three calendar years — the oldest locked, last year's
// submitted and partly locked, this year's (deadline 31 December) part submitted, part
// still drafts — and the awards the bureaus gave on the finished years' results.
//
// Scores follow a per-alliance quality (its activity level plus chance; lax alliances far
// lower) with noise per year and per leaf, in 0.5 steps within 0..max, so that rankings
// look like a bureau's: most 良好, a fifth or so 优秀, lax alliances 合格 or worse.
import { gradeOf, templateDraft, type TemplateDraft } from '../../api/evaluations';
import { sampleTemplates } from '../evaluation/sample-templates';
import { put, TableWriter, type LoadContext } from './bulk';
import { between, day, iso, yearOf } from './calendar';
import type { Alliance, Sample, School } from './model';
import { personName } from './names';
import { documentPrefixes } from './places';
import type { Rng } from './prng';

export interface EvaluationCounts {
  evaluation_templates: number;
  indicators: number;
  evaluations: number;
  evaluation_scores: number;
  awards: number;
}

interface LeafRec {
  id: string;
  max: number;
}

interface TemplateRec {
  id: string;
  draft: TemplateDraft;
  leaves: LeafRec[];
}

interface EvaluationRec {
  id: string;
  alliance: Alliance;
  template: TemplateRec;
  year: number;
  status: 'draft' | 'submitted' | 'locked';
  /** Per leaf, in template order; null: not scored yet (drafts only). */
  scores: (number | null)[];
  submitted: number | null;
}

interface Bureau {
  /** 宝鸡市教育局 */
  name: string;
  /** 宝市教发 → 宝市教发〔2025〕12号 */
  documentPrefix: string;
}

const DAY_MS = 86_400_000;

const deductionNotes = ['活动记录不完整', '次数未达要求', '佐证材料不足', '缺少学期总结', '部分工作未按期完成', '成效不够明显', '照片、签到表不全'];
const commentsByGrade: Record<string, string[]> = {
  优秀: [
    '联盟工作机制健全，交流活动扎实有效，台账规范，成员校发展明显。',
    '各项工作落实到位，特色鲜明，示范引领作用突出。',
    '计划周密、措施有力，教师交流和联合教研成效显著。',
  ],
  良好: [
    '各项工作基本落实，个别项目佐证材料不足，需进一步规范台账。',
    '交流活动开展正常，成效较好；建议加强成员校教学质量跟踪。',
    '工作扎实，联合教研有待进一步常态化。',
  ],
  合格: [
    '活动开展不够均衡，部分指标未达要求，需加强过程管理。',
    '校级领导互访和联合教研次数不足，建议制定整改计划。',
  ],
  不合格: ['联盟活动长期停滞，多项指标未达要求，须限期整改。'],
};

export async function writeEvaluations(ctx: LoadContext, rng: Rng, sample: Sample): Promise<EvaluationCounts> {
  const { today } = sample;
  const asOfYear = yearOf(today);
  const templates = new TableWriter(ctx, 'evaluation_templates', [
    'id', 'name', 'year', 'target_type', 'total_score', 'grade_bands', 'version', 'previous_version_id', 'is_sample',
  ]);
  const indicators = new TableWriter(ctx, 'indicators', [
    'id', 'template_id', 'parent_id', 'code', 'name', 'max_score', 'scoring_rule', 'sort_order',
  ]).after(templates);
  const evaluations = new TableWriter(ctx, 'evaluations', [
    'id', 'template_id', 'target_alliance_id', 'target_school_id', 'year', 'evaluators', 'status', 'comments', 'submitted_at', 'locked_at',
  ]).after(indicators);
  const scores = new TableWriter(ctx, 'evaluation_scores', ['id', 'evaluation_id', 'indicator_id', 'score', 'note']).after(evaluations);
  const awards = new TableWriter(ctx, 'awards', [
    'id', 'year', 'title', 'target_alliance_id', 'target_school_id', 'person_name', 'issuing_body', 'document_number', 'awarded_on', 'notes',
  ]);

  // The templates and their indicator trees.
  const recs: TemplateRec[] = [];
  for (const input of sampleTemplates) {
    const draft = templateDraft.parse(input);
    const id = rng.uuid();
    await put(templates, [id, draft.name, null, draft.targetType, draft.totalScore, JSON.stringify(draft.gradeBands), 1, null, true]);
    const leaves: LeafRec[] = [];
    for (const [i, top] of draft.indicators.entries()) {
      const topId = rng.uuid();
      const topMaxScore = top.children.reduce((s, c) => s + Math.round(c.maxScore * 100), 0) / 100;
      await put(indicators, [topId, id, null, top.code, top.name, top.children.length ? topMaxScore : top.maxScore, top.scoringRule, i + 1]);
      if (!top.children.length) leaves.push({ id: topId, max: top.maxScore ?? 0 });
      for (const [j, leaf] of top.children.entries()) {
        const leafId = rng.uuid();
        await put(indicators, [leafId, id, topId, leaf.code, leaf.name, leaf.maxScore, leaf.scoringRule, j + 1]);
        leaves.push({ id: leafId, max: leaf.maxScore });
      }
    }
    recs.push({ id, draft, leaves });
  }
  const [hainingTemplate, baojiTemplate] = recs as [TemplateRec, TemplateRec];

  // Each alliance's standing: its activity level and chance; lax ones far behind.
  const quality = new Map<Alliance, number>();
  for (const a of sample.alliances) {
    const activity = a.intensity > 0 ? Math.log(a.intensity) / 0.35 : 0;
    quality.set(a, a.lax ? -3.2 + 0.8 * rng.normal() : 0.6 * activity + 0.8 * rng.normal());
  }

  // The evaluations, scored in memory first: awards and the odd nudge need the totals.
  const all: EvaluationRec[] = [];
  const firstYear = asOfYear - 2;
  for (let year = firstYear; year <= asOfYear; year++) {
    ctx.check();
    const yearStart = day(year, 1, 1);
    const yearEnd = day(year, 12, 31);
    for (const a of sample.alliances) {
      if (a.established > yearEnd || a.established > today) continue;
      if (a.dissolved !== null && a.dissolved < yearStart) continue;
      const template = a.home.area === 'haining' ? hainingTemplate : baojiTemplate;
      const q = quality.get(a)! + 0.35 * rng.normal();
      const full = template.leaves.map((leaf) => leafScore(rng, leaf.max, q));
      // No bureau finds nothing at all to mark down.
      if (full.every((s, i) => s === template.leaves[i]!.max)) full[rng.int(0, full.length - 1)]! -= rng.pick([0.5, 1]);
      let status: EvaluationRec['status'];
      let submitted: number | null = null;
      let filled = full as (number | null)[];
      if (year < asOfYear) {
        // Scored in the weeks around New Year, never before the alliance began.
        submitted = between(rng, Math.max(day(year, 12, 5), a.established + 1), day(year + 1, 1, 20));
        status = year <= asOfYear - 2 || rng.chance(0.3) ? 'locked' : 'submitted';
      } else {
        const from = Math.max(day(year, 10, 20), a.established + 1);
        const to = today - 1;
        if (from <= to && rng.chance(a.lax ? 0.2 : 0.64)) {
          submitted = between(rng, from, to);
          status = 'submitted';
        } else {
          // A draft scored from the top down, part of the way.
          status = 'draft';
          const n = full.length;
          const k = rng.int(Math.ceil(n * 0.2), n - 1);
          filled = full.map((s, i) => (i < k ? s : null));
        }
      }
      all.push({ id: rng.uuid(), alliance: a, template, year, status, scores: filled, submitted });
    }
  }

  // A city's results usually hold a total of exactly 90 and one of 89.5 (the band edge);
  // make sure they do wherever there are enough evaluations to expect them.
  for (const template of recs) {
    for (let year = firstYear; year < asOfYear; year++) {
      const group = all.filter((e) => e.template === template && e.year === year);
      if (group.length < 20) continue;
      for (const target of [90, 89.5]) {
        if (group.some((e) => totalOf(e) === target)) continue;
        const near = group
          .filter((e) => Math.abs(totalOf(e) - target) <= 3 && totalOf(e) !== 90 && totalOf(e) !== 89.5)
          .sort((x, y) => Math.abs(totalOf(x) - target) - Math.abs(totalOf(y) - target))[0];
        if (near) nudge(near, target);
      }
    }
  }

  // Write them, with a lock date per bureau and year (the bureau locks all at once).
  const lockDay = new Map<string, number>();
  const total = all.length;
  let done = 0;
  for (const e of all) {
    const a = e.alliance;
    const bureau = bureauOf(a);
    const evaluators = `${bureau.name}督导室 ${personName(rng)}、${personName(rng)}`;
    let lockedAt: string | null = null;
    if (e.status === 'locked') {
      const key = `${bureau.name}|${e.year}`;
      let d = lockDay.get(key);
      if (d === undefined) {
        d = e.year <= asOfYear - 2 ? day(e.year + 1, 2, 20) + rng.int(0, 20) : day(e.year + 1, 3, 1) + rng.int(0, 30);
        d = Math.min(d, today - 1);
        lockDay.set(key, d);
      }
      lockedAt = instant(rng, Math.max(d, (e.submitted ?? d) + 1));
    }
    const comments = e.status === 'draft' ? null : rng.pick(commentsByGrade[gradeOf(totalOf(e), e.template.draft.gradeBands) ?? '不合格'] ?? commentsByGrade['合格']!);
    await put(evaluations, [
      e.id, e.template.id, a.id, null, e.year, evaluators, e.status, comments,
      e.submitted === null ? null : instant(rng, e.submitted), lockedAt,
    ]);
    for (const [i, leaf] of e.template.leaves.entries()) {
      const s = e.scores[i];
      if (s === null || s === undefined) continue;
      const note = s < leaf.max && rng.chance(0.35) ? `扣${formatPoints(leaf.max - s)}分：${rng.pick(deductionNotes)}` : null;
      await put(scores, [rng.uuid(), e.id, leaf.id, s, note]);
    }
    done++;
    if (done % 500 === 0) ctx.progress('生成考核评价', done, total);
  }
  for (const w of [templates, indicators, evaluations, scores]) await w.flush();

  // Awards on the finished years: per bureau, the top tenth of its evaluated alliances,
  // the lead schools of some of them as 示范学校, and a few principals and teachers.
  for (let year = firstYear; year < asOfYear; year++) {
    ctx.check();
    const byBureau = new Map<string, { bureau: Bureau; list: EvaluationRec[] }>();
    for (const e of all) {
      if (e.year !== year || e.status === 'draft') continue;
      const bureau = bureauOf(e.alliance);
      const g = byBureau.get(bureau.name) ?? { bureau, list: [] };
      g.list.push(e);
      byBureau.set(bureau.name, g);
    }
    for (const { bureau, list } of byBureau.values()) {
      const ranked = list.filter((e) => totalOf(e) >= 80).sort((x, y) => totalOf(y) - totalOf(x));
      if (ranked.length === 0) continue;
      const cut = totalOf(ranked[Math.max(0, Math.ceil(list.length * 0.1) - 1)] ?? ranked[ranked.length - 1]!);
      const winners = ranked.filter((e) => totalOf(e) >= cut);
      // The 表彰决定 follows the results, in the first quarter of the next year.
      const awardedOn = Math.min(today - 1, between(rng, day(year + 1, 1, 25), day(year + 1, 3, 31)));
      const documentNumber = `${bureau.documentPrefix}〔${yearOf(awardedOn)}〕${rng.int(3, 60)}号`;
      const row = (title: string, allianceId: string | null, school: School | null, person: string | null, notes: string | null) =>
        put(awards, [rng.uuid(), year, title, allianceId, school?.id ?? null, person, bureau.name, documentNumber, iso(awardedOn), notes]);
      for (const e of winners) {
        await row(allianceTitle(e.alliance), e.alliance.id, null, null, `${year}年度考核评价 ${formatPoints(totalOf(e))} 分`);
      }
      const leads = winners.map((e) => e.alliance.lead).filter((s): s is School => s !== null);
      for (const s of rng.sample(leads, Math.max(1, Math.round(leads.length * 0.4)))) await row('城乡教育联盟示范学校', null, s, null, null);
      for (const s of rng.sample(leads, Math.max(1, Math.round(leads.length * 0.3)))) await row('优秀校长', null, s, s.principal, null);
      const teachers = Math.max(1, Math.round(winners.length * 0.6));
      for (let i = 0; i < teachers; i++) {
        const e = rng.pick(winners);
        const from = e.alliance.members.length ? e.alliance.members : e.alliance.pool;
        if (from.length === 0) continue;
        const school = rng.pick(from).school;
        await row(rng.chance(0.25) ? '优秀支教教师' : '优秀教师', null, school, personName(rng), null);
      }
    }
  }
  await awards.flush();
  ctx.progress('生成考核评价', total, total);
  return {
    evaluation_templates: templates.count,
    indicators: indicators.count,
    evaluations: evaluations.count,
    evaluation_scores: scores.count,
    awards: awards.count,
  };
}

/** A leaf's score for an alliance of quality `q`: mostly 80–95 % of the max, in 0.5 steps. */
function leafScore(rng: Rng, max: number, q: number): number {
  const f = Math.min(1, Math.max(0.2, 0.855 + 0.055 * q + 0.07 * rng.normal()));
  return Math.min(max, Math.max(0, Math.round(f * max * 2) / 2));
}

function totalOf(e: EvaluationRec): number {
  let cents = 0;
  for (const s of e.scores) if (s !== null) cents += Math.round(s * 100);
  return cents / 100;
}

/** Moves a total to `target` by half points, leaf by leaf within 0..max. */
function nudge(e: EvaluationRec, target: number): void {
  let diff = Math.round((target - totalOf(e)) * 2);
  for (let i = 0; i < e.scores.length && diff !== 0; i++) {
    const s = e.scores[i]!;
    const max = e.template.leaves[i]!.max;
    const step = diff > 0 ? Math.min(diff, Math.floor((max - s) * 2)) : Math.max(diff, -Math.floor(s * 2));
    e.scores[i] = s + step / 2;
    diff -= step;
  }
}

function formatPoints(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A working-hours instant (08:00–17:59 Beijing time) on a day, as stored timestamps are. */
function instant(rng: Rng, d: number): string {
  return new Date(d * DAY_MS + rng.int(0, 9) * 3_600_000 + rng.int(0, 59) * 60_000 + rng.int(0, 59) * 1000).toISOString();
}

function bureauOf(a: Alliance): Bureau {
  if (a.home.area === 'haining') return { name: '海宁市教育局', documentPrefix: '海教' };
  if (a.home.area === 'baoji') return { name: '宝鸡市教育局', documentPrefix: '宝市教发' };
  const short = documentPrefixes[a.home.cityCode] ?? a.home.cityName.slice(0, 1);
  return { name: `${a.home.cityName}教育局`, documentPrefix: `${short}教` };
}

function allianceTitle(a: Alliance): string {
  if (a.kind === 'community') return a.home.area === 'haining' ? '优秀教共体' : '优秀教育共同体';
  if (a.kind === 'education_group') return '优秀教育集团';
  return '优秀城乡教育联盟';
}
