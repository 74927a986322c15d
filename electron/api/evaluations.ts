// 考核评价: templates (an indicator tree of 一级指标 → 二级指标 with max scores and scoring
// rules, and grade bands), the year's evaluations of alliances or schools against one,
// and the derived total, grade and rank. A template used by a submitted evaluation is
// frozen: saving it makes the next version, and the old evaluations keep theirs.
import { z } from 'zod';
import { id, optionalDate, optionalText, pageQuery, sortOrder, text, type FilePayload, type Page, type RecordMeta, versionedUpdate, rowVersion } from './common';
import { def } from './define';
import { evaluationStatuses, evaluationTargets, type ActivityCategory } from './enums';

export type EvaluationStatus = (typeof evaluationStatuses.codes)[number];
export type EvaluationTarget = (typeof evaluationTargets.codes)[number];

/** Scores and maxima carry at most two decimals (0.5 and 0.25 steps are common). */
const hundredths = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

const points = (label: string) =>
  z
    .number({ message: `${label}应为数字` })
    .refine((n) => Number.isFinite(n), `${label}应为数字`)
    .refine((n) => n > 0, `${label}应大于 0`)
    .refine((n) => n <= 1000, `${label}不能超过 1000 分`)
    .refine(hundredths, `${label}最多保留两位小数`);

export const evaluationYear = z
  .number({ message: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度应在 2000 至 2100 之间')
  .max(2100, '年度应在 2000 至 2100 之间');

export interface GradeBand {
  /** 优秀, 良好… or 一等奖… */
  name: string;
  /** The lowest total that earns the band (inclusive), in the template's points. */
  min: number;
}

/** 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below — of a total of 100, scaled to the template's. */
export function defaultGradeBands(totalScore: number): GradeBand[] {
  const scale = (percent: number) => Math.round(totalScore * percent) / 100;
  return [
    { name: '优秀', min: scale(90) },
    { name: '良好', min: scale(80) },
    { name: '合格', min: scale(60) },
    { name: '不合格', min: 0 },
  ];
}

/** The first band (highest first) whose minimum the total reaches; null below every band. */
export function gradeOf(total: number, bands: readonly GradeBand[]): string | null {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  // Totals are sums of two-decimal scores: compare in hundredths so 89.99999 is not 90.
  const cents = Math.round(total * 100);
  return sorted.find((b) => cents >= Math.round(b.min * 100))?.name ?? null;
}

export interface Indicator {
  id: string;
  code: string | null;
  name: string;
  /** A 一级指标's max is the sum of its 二级指标. */
  maxScore: number;
  scoringRule: string | null;
  /** 二级指标; empty for a leaf (a 一级指标 may be scored directly). */
  children: Indicator[];
}

export interface EvaluationTemplate extends RecordMeta {
  name: string;
  year: number | null;
  targetType: EvaluationTarget;
  totalScore: number;
  gradeBands: GradeBand[];
  version: number;
  previousVersionId: string | null;
  isSample: boolean;
  /** Used by a submitted or locked evaluation: saving makes a new version. */
  frozen: boolean;
  /** No later version of the same template exists. */
  latest: boolean;
  evaluationCount: number;
  indicators: Indicator[];
}

export type EvaluationTemplateSummary = Omit<EvaluationTemplate, 'indicators'> & { leafCount: number };

const leafDraft = z.object({
  /** Present when the node already exists (keeps scores of drafts attached to it). */
  id: id.optional(),
  code: optionalText('编号', 30),
  name: text('指标名称', 200),
  maxScore: points('分值'),
  scoringRule: optionalText('评分标准', 2000),
});

const topDraft = z.object({
  id: id.optional(),
  code: optionalText('编号', 30),
  name: text('一级指标名称', 200),
  /** Required when the 一级指标 has no 二级指标; otherwise the sum of theirs. */
  maxScore: points('分值').nullish(),
  scoringRule: optionalText('评分标准', 2000),
  children: z.array(leafDraft).max(100, '一个一级指标下最多 100 个二级指标').default([]),
});

const gradeBand = z.object({
  name: text('等次名称', 20),
  min: z
    .number({ message: '等次分数线应为数字' })
    .min(0, '等次分数线不能为负数')
    .refine(hundredths, '等次分数线最多保留两位小数'),
});

const sumOf = (ns: number[]) => Math.round(ns.reduce((s, n) => s + Math.round(n * 100), 0)) / 100;

/** The max score of a 一级指标 as stored: its own when a leaf, else the sum of its 二级指标. */
export function topMax(t: { maxScore?: number | null; children: { maxScore: number }[] }): number {
  return t.children.length ? sumOf(t.children.map((c) => c.maxScore)) : (t.maxScore ?? 0);
}

export const templateDraft = z
  .object({
    name: text('模板名称', 200),
    year: evaluationYear.nullish().transform((y) => y ?? null),
    targetType: evaluationTargets.schema,
    totalScore: points('总分'),
    gradeBands: z.array(gradeBand).min(1, '请至少设置一个等次').max(10, '等次最多 10 个'),
    indicators: z.array(topDraft).min(1, '请至少添加一个一级指标').max(100, '一级指标最多 100 个'),
  })
  .superRefine((d, ctx) => {
    d.indicators.forEach((t, i) => {
      if (t.children.length === 0 && (t.maxScore === null || t.maxScore === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'maxScore'], message: `一级指标“${t.name}”没有二级指标，请填写分值` });
      }
      if (t.children.length > 0 && t.maxScore !== null && t.maxScore !== undefined && Math.round(t.maxScore * 100) !== Math.round(topMax(t) * 100)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'maxScore'],
          message: `一级指标“${t.name}”的分值 ${t.maxScore} 与其二级指标分值之和 ${topMax(t)} 不一致`,
        });
      }
    });
    const leaves = sumOf(d.indicators.map(topMax));
    if (Math.round(leaves * 100) !== Math.round(d.totalScore * 100)) {
      ctx.addIssue({ code: 'custom', path: ['totalScore'], message: `总分 ${d.totalScore} 与各指标分值之和 ${leaves} 不一致` });
    }
    const codes = new Map<string, string>();
    const names = new Set<string>();
    d.indicators.forEach((t, i) => {
      if (names.has(t.name)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'name'], message: `一级指标“${t.name}”重复` });
      names.add(t.name);
      const nodes = [{ node: t, path: ['indicators', i, 'code'] }, ...t.children.map((c, j) => ({ node: c, path: ['indicators', i, 'children', j, 'code'] }))];
      for (const { node, path } of nodes) {
        if (!node.code) continue;
        if (codes.has(node.code)) ctx.addIssue({ code: 'custom', path, message: `编号“${node.code}”与“${codes.get(node.code)}”重复` });
        else codes.set(node.code, node.name);
      }
    });
    const bandNames = new Set<string>();
    d.gradeBands.forEach((b, i) => {
      if (bandNames.has(b.name)) ctx.addIssue({ code: 'custom', path: ['gradeBands', i, 'name'], message: `等次“${b.name}”重复` });
      bandNames.add(b.name);
      if (b.min > d.totalScore) {
        ctx.addIssue({ code: 'custom', path: ['gradeBands', i, 'min'], message: `等次“${b.name}”的分数线不能高于总分 ${d.totalScore}` });
      }
    });
    const mins = d.gradeBands.map((b) => Math.round(b.min * 100));
    if (new Set(mins).size !== mins.length) {
      ctx.addIssue({ code: 'custom', path: ['gradeBands'], message: '两个等次的分数线相同，无法区分' });
    }
  })
  // Bands highest first, as every screen and report lists them.
  .transform((d) => ({ ...d, gradeBands: [...d.gradeBands].sort((a, b) => b.min - a.min) }));
export type TemplateDraft = z.infer<typeof templateDraft>;
export type TemplateDraftInput = z.input<typeof templateDraft>;

export const templateListQuery = z.object({
  ...pageQuery,
  year: evaluationYear.optional(),
  targetType: evaluationTargets.schema.optional(),
  /** Earlier versions too (by default only each template's latest). */
  includeOldVersions: z.boolean().default(false),
  sortBy: z.enum(['year', 'name', 'updatedAt']).default('year'),
  sortOrder: sortOrder.default('desc'),
});
export type TemplateListQuery = z.infer<typeof templateListQuery>;

// ---------------------------------------------------------------- evaluations

export interface ScoreEntry {
  score: number | null;
  note: string | null;
}

export interface Evaluation extends RecordMeta {
  templateId: string;
  year: number;
  targetType: EvaluationTarget;
  targetId: string;
  targetName: string;
  evaluators: string | null;
  comments: string | null;
  status: EvaluationStatus;
  submittedAt: string | null;
  lockedAt: string | null;
  /** Leaf indicator id → score and note. */
  scores: Record<string, ScoreEntry>;
  scoredCount: number;
  leafCount: number;
  /** Sum of the scored leaves. */
  total: number;
  grade: string | null;
  /** Among the submitted and locked evaluations of the template and year; null for drafts. */
  rank: number | null;
}

/** One alliance or school to evaluate for a year and template, with how far it has got. */
export interface EvaluationCandidate {
  targetId: string;
  targetName: string;
  /** The county (or city) the alliance's lead school or lead county lies in. */
  regionName: string | null;
  evaluationId: string | null;
  /** null: not started. */
  status: EvaluationStatus | null;
  scoredCount: number;
  leafCount: number;
  total: number | null;
  grade: string | null;
  rank: number | null;
  updatedAt: string | null;
}

export const candidateListQuery = z.object({
  ...pageQuery,
  templateId: id,
  year: evaluationYear,
  regionId: id.optional(),
  /** none: not started yet. */
  status: z.enum(['none', ...evaluationStatuses.codes], { message: '请选择评价状态' }).optional(),
  sortBy: z.enum(['name', 'status', 'total']).default('name'),
});
export type CandidateListQuery = z.infer<typeof candidateListQuery>;

const scoreValue = z
  .number({ message: '得分应为数字' })
  .refine((n) => Number.isFinite(n), '得分应为数字')
  .min(0, '得分不能为负数')
  .refine(hundredths, '得分最多保留两位小数')
  .nullable();

export const scoreSheet = z.object({
  id,
  /** The sheet's row version as loaded: two clerks scoring one sheet must not overwrite each other. */
  rowVersion,
  evaluators: optionalText('评价人', 200),
  comments: optionalText('评价意见', 4000),
  /** Leaf indicator id → score (null: not scored yet) and note. Leaves left out keep theirs. */
  scores: z.record(
    id,
    z.object({ score: scoreValue, note: optionalText('扣分说明', 1000) }),
    { message: '得分格式不正确' },
  ),
});
export type ScoreSheet = z.infer<typeof scoreSheet>;

export const startEvaluationInput = z.object({
  templateId: id,
  year: evaluationYear,
  targetId: id,
});

export interface ResultRow {
  evaluationId: string;
  targetId: string;
  targetName: string;
  regionName: string | null;
  /** Scores of the 一级指标, in the template's order (null: none of its leaves scored). */
  scores: (number | null)[];
  total: number;
  grade: string | null;
  rank: number | null;
  status: EvaluationStatus;
}

export interface EvaluationResults {
  template: { id: string; name: string; version: number; totalScore: number; gradeBands: GradeBand[] };
  /** The 一级指标 the score columns follow. */
  dimensions: { id: string; code: string | null; name: string; maxScore: number }[];
  page: Page<ResultRow>;
  /** Per grade, how many submitted or locked evaluations earned it (whole year and template). */
  gradeCounts: { grade: string; count: number }[];
}

export const resultsQuery = z.object({
  ...pageQuery,
  templateId: id,
  year: evaluationYear,
  regionId: id.optional(),
  /** Drafts are listed after the ranked evaluations unless left out. */
  includeDrafts: z.boolean().default(true),
  sortBy: z.enum(['rank', 'name']).default('rank'),
});
export type ResultsQuery = z.infer<typeof resultsQuery>;

export interface YearTemplate {
  templateId: string;
  name: string;
  version: number;
  targetType: EvaluationTarget;
  latest: boolean;
  evaluations: number;
}

/** What the ledger says about one alliance (or school) for one calendar year. */
export interface Evidence {
  year: number;
  targetType: EvaluationTarget;
  targetName: string;
  activities: { category: ActivityCategory; label: string; count: number }[];
  activityTotal: number;
  /** Every term that overlaps the year, with its visits over the whole term and the quota. */
  leadershipVisits: { term: string; label: string; count: number; quota: number }[];
  teacherExchanges: { count: number; people: number; days: number };
  sharedCourses: { count: number; hours: number };
  problems: { closedInYear: number; open: number; overdue: number };
  rectifications: { issuedInYear: number; open: number; overdue: number };
}

export const evidenceQuery = z.object({ year: evaluationYear, targetType: evaluationTargets.schema, targetId: id });

// ---------------------------------------------------------------- awards

export const awardTargets = { alliance: '联盟', school: '学校', person: '个人' } as const;
export type AwardTarget = keyof typeof awardTargets;

/** Titles the seeds name; a bureau may write any other. */
export const commonAwardTitles = [
  '优秀城乡教育联盟',
  '城乡教育联盟示范学校',
  '优秀教育集团',
  '优秀校长',
  '优秀教师',
  '优秀教育管理者',
  '优秀支教教师',
];

export interface Award extends RecordMeta {
  year: number;
  title: string;
  targetType: AwardTarget;
  allianceId: string | null;
  allianceName: string | null;
  /** The school awarded, or the person's school. */
  schoolId: string | null;
  schoolName: string | null;
  personName: string | null;
  issuingBody: string | null;
  documentNumber: string | null;
  awardedOn: string | null;
  notes: string | null;
}

const optionalId = (label: string) =>
  z
    .union([z.literal(''), z.uuid({ message: `${label}编号格式不正确` })])
    .nullish()
    .transform((s) => (s ? s : null));

export const awardDraft = z
  .object({
    year: evaluationYear,
    title: text('表彰名称', 200),
    targetType: z.enum(['alliance', 'school', 'person'], { message: '请选择表彰对象类型' }),
    allianceId: optionalId('联盟'),
    schoolId: optionalId('学校'),
    personName: optionalText('姓名', 50),
    issuingBody: optionalText('发文单位', 200),
    documentNumber: optionalText('文号', 100),
    awardedOn: optionalDate,
    notes: optionalText('备注', 1000),
  })
  .superRefine((d, ctx) => {
    if (d.targetType === 'alliance' && !d.allianceId) ctx.addIssue({ code: 'custom', path: ['allianceId'], message: '请选择受表彰的联盟' });
    if (d.targetType === 'school' && !d.schoolId) ctx.addIssue({ code: 'custom', path: ['schoolId'], message: '请选择受表彰的学校' });
    if (d.targetType === 'person' && !d.personName) ctx.addIssue({ code: 'custom', path: ['personName'], message: '请填写受表彰人的姓名' });
  })
  // Only what the target type uses is kept (a person keeps their school as 工作单位).
  .transform((d) => ({
    ...d,
    allianceId: d.targetType === 'alliance' ? d.allianceId : null,
    schoolId: d.targetType === 'alliance' ? null : d.schoolId,
    personName: d.targetType === 'person' ? d.personName : null,
  }));
export type AwardDraft = z.infer<typeof awardDraft>;

export const awardListQuery = z.object({
  ...pageQuery,
  year: evaluationYear.optional(),
  targetType: z.enum(['alliance', 'school', 'person']).optional(),
  allianceId: id.optional(),
  schoolId: id.optional(),
  sortBy: z.enum(['year', 'title', 'target']).default('year'),
  sortOrder: sortOrder.default('desc'),
});
export type AwardListQuery = z.infer<typeof awardListQuery>;

export const fileInput = z.object({
  fileName: z.string({ message: '缺少文件名' }).trim().min(1, '缺少文件名').max(255, '文件名过长'),
  dataBase64: z
    .string({ message: '请选择文件' })
    .min(1, '文件为空')
    .max(40_000_000, '文件不能超过 30 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容格式不正确'),
  sheet: z.string().trim().max(100).optional(),
});

/** An indicator tree read from a 评价指标 sheet, for the editor to show before saving. */
export interface IndicatorSheet {
  /** The merged title above the header, when the sheet has one. */
  title: string | null;
  sheet: string;
  indicators: TemplateDraftInput['indicators'];
  totalScore: number;
  errors: { sheet: string; row: number; column: string | null; message: string }[];
}

export const evaluationsContract = {
  'evaluationTemplates.list': def(templateListQuery).returns<Page<EvaluationTemplateSummary>>(),
  'evaluationTemplates.get': def(z.object({ id })).returns<EvaluationTemplate>(),
  'evaluationTemplates.create': def(templateDraft).returns<EvaluationTemplate>(),
  /** Saves in place, or — when the template is frozen — as the next version (returned). */
  'evaluationTemplates.update': def(versionedUpdate(templateDraft)).returns<EvaluationTemplate>(),
  /** A new template (version 1) with the tree of an existing one, e.g. next year's from a sample. */
  'evaluationTemplates.copy': def(
    z.object({ id, name: text('模板名称', 200), year: evaluationYear.nullish().transform((y) => y ?? null) }),
  ).returns<EvaluationTemplate>(),
  /** Refused while any evaluation uses the template. */
  'evaluationTemplates.delete': def(z.object({ id })).returns<{ id: string }>(),
  /** The indicator tree as a 评价指标 workbook. */
  'evaluationTemplates.exportExcel': def(z.object({ id })).returns<FilePayload>(),
  /** Reads a 评价指标 sheet into an indicator tree; writes nothing. */
  'evaluationTemplates.readExcel': def(fileInput).returns<IndicatorSheet>(),

  'evaluations.candidates': def(candidateListQuery).returns<Page<EvaluationCandidate>>(),
  'evaluations.get': def(z.object({ id })).returns<Evaluation>(),
  /** The target's evaluation for the template and year, started as a draft when there is none. */
  'evaluations.start': def(startEvaluationInput).returns<Evaluation>(),
  /** Keeps a draft: scores within 0..max of their leaf, any number of them left blank. */
  'evaluations.save': def(scoreSheet).returns<Evaluation>(),
  /** Saves and submits; refused unless every leaf is scored. */
  'evaluations.submit': def(scoreSheet).returns<Evaluation>(),
  /** 退回修改: a submitted (not locked) evaluation back to draft. */
  'evaluations.reopen': def(z.object({ id })).returns<Evaluation>(),
  /** The bureau locks a submitted evaluation; a locked one never changes again. */
  'evaluations.lock': def(z.object({ id })).returns<Evaluation>(),
  /** Locks every submitted evaluation of a template and year. */
  'evaluations.lockAll': def(z.object({ templateId: id, year: evaluationYear })).returns<{ locked: number }>(),
  /** Only drafts can be deleted. */
  'evaluations.delete': def(z.object({ id })).returns<{ id: string }>(),
  'evaluations.evidence': def(evidenceQuery).returns<Evidence>(),
  'evaluations.results': def(resultsQuery).returns<EvaluationResults>(),
  /** The templates evaluations of a year were scored on, with how many each. */
  'evaluations.yearTemplates': def(z.object({ year: evaluationYear })).returns<YearTemplate[]>(),

  'awards.list': def(awardListQuery).returns<Page<Award>>(),
  'awards.get': def(z.object({ id })).returns<Award>(),
  'awards.create': def(awardDraft).returns<Award>(),
  'awards.update': def(versionedUpdate(awardDraft)).returns<Award>(),
  'awards.delete': def(z.object({ id })).returns<{ id: string }>(),
} as const;

