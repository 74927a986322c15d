// How problems look on screen: status as a coloured tag and the deadline mark
// (逾期 N 天 / 今日到期 / 还剩 N 天) for problems not yet done.
import { Tag } from 'antd';
import { problemStatuses } from '../../../electron/api/enums';
import type { Problem, ProblemStatus } from '../../../electron/api/problems';

const statusColors: Record<ProblemStatus, string> = { open: 'default', in_progress: 'processing', done: 'success' };

export const ProblemStatusTag = ({ status }: { status: ProblemStatus }) => (
  <Tag color={statusColors[status]}>{problemStatuses.label(status)}</Tag>
);

export const statusOptions = problemStatuses.codes.map((c) => ({ value: c, label: problemStatuses.labels[c] }));

/** Nothing for a done problem; red when overdue, orange on the day and in the last week. */
export function DeadlineMark({ problem }: { problem: Pick<Problem, 'overdueDays' | 'dueInDays'> }) {
  const { overdueDays, dueInDays } = problem;
  if (overdueDays !== null) return <Tag color="red">逾期 {overdueDays} 天</Tag>;
  if (dueInDays === null) return null;
  if (dueInDays === 0) return <Tag color="orange">今日到期</Tag>;
  return <Tag color={dueInDays <= 7 ? 'orange' : 'default'}>还剩 {dueInDays} 天</Tag>;
}
