// The editor's form values ⇄ the API's template draft. The form keeps what the clerk has
// typed so far (blanks included); the API words what is missing or wrong.
import {
  defaultGradeBands,
  topMax,
  type EvaluationTarget,
  type EvaluationTemplate,
  type GradeBand,
  type TemplateDraftInput,
} from '../../../electron/api/evaluations';

export interface LeafValues {
  /** Kept for existing nodes so that scores already given stay attached to them. */
  id?: string;
  code?: string | null;
  name?: string;
  maxScore?: number | null;
  scoringRule?: string | null;
}

export interface TopValues extends LeafValues {
  children?: LeafValues[];
}

export interface TemplateFormValues {
  name?: string;
  year?: number | null;
  targetType?: EvaluationTarget;
  totalScore?: number | null;
  gradeBands?: Partial<GradeBand>[];
  indicators?: TopValues[];
}

/** What the editor opens with for a new template, e.g. read from a workbook. */
export type TemplatePrefill = Pick<TemplateDraftInput, 'indicators' | 'totalScore'> & { name?: string };

export const emptyTemplate = (): TemplateFormValues => ({
  targetType: 'alliance',
  totalScore: 100,
  gradeBands: defaultGradeBands(100),
  indicators: [{ name: '', children: [{ name: '' }] }],
});

export function valuesOfTemplate(t: EvaluationTemplate): TemplateFormValues {
  return {
    name: t.name,
    year: t.year,
    targetType: t.targetType,
    totalScore: t.totalScore,
    gradeBands: t.gradeBands,
    indicators: t.indicators.map((top) => ({
      id: top.id,
      code: top.code,
      name: top.name,
      maxScore: top.children.length ? null : top.maxScore,
      scoringRule: top.scoringRule,
      children: top.children.map((c) => ({ id: c.id, code: c.code, name: c.name, maxScore: c.maxScore, scoringRule: c.scoringRule })),
    })),
  };
}

export function valuesOfPrefill(p: TemplatePrefill): TemplateFormValues {
  return {
    name: p.name,
    targetType: 'alliance',
    totalScore: p.totalScore,
    gradeBands: defaultGradeBands(p.totalScore),
    indicators: p.indicators.map((top) => ({ ...top, children: top.children ?? [] })),
  };
}

/** The draft as the API takes it; blanks pass through for the API to word. */
export function draftOf(v: TemplateFormValues): TemplateDraftInput {
  const leaf = (c: LeafValues) => ({
    id: c.id,
    code: c.code ?? null,
    name: c.name ?? '',
    maxScore: c.maxScore as number,
    scoringRule: c.scoringRule ?? null,
  });
  return {
    name: v.name ?? '',
    year: v.year ?? null,
    targetType: v.targetType as EvaluationTarget,
    totalScore: v.totalScore as number,
    gradeBands: (v.gradeBands ?? []).map((b) => ({ name: b.name ?? '', min: b.min as number })),
    indicators: (v.indicators ?? []).map((t) => {
      const children = (t.children ?? []).map(leaf);
      // A 一级指标 with 二级指标 is worth their sum; its own field is not shown then.
      return { ...leaf(t), maxScore: children.length ? null : (t.maxScore ?? null), children };
    }),
  };
}

/** Sum of the 一级指标 as they will be stored (blanks count as 0 while typing). */
export function indicatorSum(indicators: TopValues[] | undefined): number {
  const cents = (indicators ?? []).reduce(
    (s, t) =>
      s +
      Math.round(
        topMax({ maxScore: t.maxScore ?? null, children: (t.children ?? []).map((c) => ({ maxScore: c.maxScore ?? 0 })) }) * 100,
      ),
    0,
  );
  return cents / 100;
}

export function leafCount(indicators: TopValues[] | undefined): number {
  return (indicators ?? []).reduce((n, t) => n + (t.children?.length ? t.children.length : 1), 0);
}

/**
 * Where a refused field sits, in the clerk's words: `indicators.2.children.0.maxScore` →
 * 一级指标“教学管理” › 二级指标“常规检查”.
 */
export function placeOf(path: string, v: TemplateFormValues): string | null {
  const parts = path.replace(/^draft\./, '').split('.');
  if (parts[0] === 'indicators' && parts[1] !== undefined) {
    const i = Number(parts[1]);
    const top = v.indicators?.[i];
    const topName = top?.name ? `一级指标“${top.name}”` : `第 ${i + 1} 个一级指标`;
    if (parts[2] !== 'children' || parts[3] === undefined) return topName;
    const j = Number(parts[3]);
    const child = top?.children?.[j];
    return `${topName} › ${child?.name ? `二级指标“${child.name}”` : `第 ${j + 1} 个二级指标`}`;
  }
  if (parts[0] === 'gradeBands' && parts[1] !== undefined) return `第 ${Number(parts[1]) + 1} 个等次`;
  return null;
}
