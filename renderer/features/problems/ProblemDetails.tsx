// The rest of a problem under its row: goal, measures, stage tasks and, once done, the verification.
import { Descriptions } from 'antd';
import type { Problem } from '../../../electron/api/problems';
import { fmtDate } from '../../format';

const pre = (s: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{s ?? '—'}</span>;

export function ProblemDetails({ problem: p }: { problem: Problem }) {
  return (
    <Descriptions
      size="small"
      column={1}
      styles={{ label: { width: 96 } }}
      items={[
        { key: 'goal', label: '工作目标', children: pre(p.goal) },
        { key: 'measures', label: '工作措施', children: pre(p.measures) },
        { key: 'stageTasks', label: '阶段任务', children: pre(p.stageTasks) },
        ...(p.status === 'done'
          ? [
              { key: 'doneOn', label: '完成日期', children: fmtDate(p.doneOn) },
              { key: 'verificationNote', label: '复查意见', children: pre(p.verificationNote) },
            ]
          : []),
      ]}
    />
  );
}
