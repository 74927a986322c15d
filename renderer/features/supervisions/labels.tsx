import { Tag, Typography } from 'antd';
import { rectificationStatuses, supervisionConclusions } from '../../../electron/api/enums';
import type {
  Rectification,
  RectificationStatus,
  SupervisionConclusion,
  SupervisionTargetKind,
} from '../../../electron/api/supervisions';
import { supervisionTargetKinds } from '../../../electron/api/supervisions';

const statusColors: Record<RectificationStatus, string> = { issued: 'orange', reported: 'processing', verified: 'success' };
const conclusionColors: Record<SupervisionConclusion, string> = { pass: 'success', needs_rectification: 'warning', fail: 'error' };
const targetColors: Record<SupervisionTargetKind, string> = { alliance: 'blue', school: 'cyan', region: 'purple' };

export function StatusTag({ status }: { status: RectificationStatus }) {
  return <Tag color={statusColors[status]}>{rectificationStatuses.label(status)}</Tag>;
}

export function ConclusionTag({ conclusion }: { conclusion: SupervisionConclusion | null }) {
  if (!conclusion) return <>—</>;
  return <Tag color={conclusionColors[conclusion]}>{supervisionConclusions.label(conclusion)}</Tag>;
}

export function TargetTag({ kind }: { kind: SupervisionTargetKind }) {
  return <Tag color={targetColors[kind]}>{supervisionTargetKinds[kind]}</Tag>;
}

/** 剩 N 天 / 今日到期 / 逾期 N 天 for a notice not yet verified. */
export function DaysLeft({ r }: { r: Pick<Rectification, 'daysLeft' | 'overdueDays'> }) {
  if (r.daysLeft === null) return <Typography.Text type="secondary">已销号</Typography.Text>;
  if (r.daysLeft < 0) return <Typography.Text type="danger">逾期 {r.overdueDays} 天</Typography.Text>;
  if (r.daysLeft === 0) return <Typography.Text type="warning">今日到期</Typography.Text>;
  if (r.daysLeft <= 7) return <Typography.Text type="warning">剩 {r.daysLeft} 天</Typography.Text>;
  return <Typography.Text>剩 {r.daysLeft} 天</Typography.Text>;
}

export const optionsOf = <K extends string>(e: { codes: readonly K[]; labels: Record<K, string> }) =>
  e.codes.map((c) => ({ value: c, label: e.labels[c] }));
