// Tags and labels shared by the evaluation screens: status, grade and a template's name.
import { Tag } from 'antd';
import { evaluationStatuses } from '../../../electron/api/enums';
import type { EvaluationStatus, GradeBand } from '../../../electron/api/evaluations';

const statusColors: Record<EvaluationStatus, string> = { draft: 'gold', submitted: 'blue', locked: 'green' };

/** 未开始 when there is no evaluation yet. */
export function StatusTag({ status }: { status: EvaluationStatus | null }) {
  if (!status) return <Tag>未开始</Tag>;
  return <Tag color={statusColors[status]}>{evaluationStatuses.label(status)}</Tag>;
}

const gradeColors = ['green', 'blue', 'gold', 'orange', 'red', 'magenta', 'purple', 'cyan', 'geekblue', 'volcano'];

/**
 * A grade in the colour of its band: the highest band green, the lowest red, whatever the
 * template calls them (优秀…不合格 or 一等奖…).
 */
export function GradeTag({ grade, bands }: { grade: string | null; bands?: readonly GradeBand[] }) {
  if (!grade) return <>—</>;
  const sorted = [...(bands ?? [])].sort((a, b) => b.min - a.min);
  const i = sorted.findIndex((b) => b.name === grade);
  const color = i < 0 ? undefined : i === sorted.length - 1 && sorted.length > 1 ? 'red' : gradeColors[i];
  return <Tag color={color}>{grade}</Tag>;
}

/** 名称（第N版） for later versions, so two versions of one template can be told apart. */
export function templateLabel(t: { name: string; version: number }): string {
  return t.version > 1 ? `${t.name}（第${t.version}版）` : t.name;
}

/** Scores carry at most two decimals: show 8.5 as 8.5 and 90 as 90. */
export function fmtScore(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return String(Math.round(n * 100) / 100);
}
