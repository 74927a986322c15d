// 销号 for an open problem, 重新打开 for a done one; shared by the list and the alliance tab.
import { App, Popconfirm } from 'antd';
import { useState } from 'react';
import type { Problem } from '../../../electron/api/problems';
import { useApiMutation } from '../../api/hooks';
import { ProblemClose } from './ProblemClose';

export function useProblemClose() {
  const [closing, setClosing] = useState<Problem | null>(null);
  return { start: setClosing, dialog: <ProblemClose problem={closing} onClose={() => setClosing(null)} /> };
}

export function ProblemActions({ problem, onClose }: { problem: Problem; onClose: (p: Problem) => void }) {
  const { message } = App.useApp();
  const reopen = useApiMutation('problems.reopen');
  if (problem.status !== 'done') return <a onClick={() => onClose(problem)}>销号</a>;
  return (
    <Popconfirm
      title="重新打开这个问题？"
      description="状态改回未完成，清除完成日期和复查意见"
      onConfirm={async () => {
        try {
          await reopen.mutateAsync({ id: problem.id });
          message.success('已重新打开');
        } catch (e) {
          message.error((e as Error).message);
        }
      }}
    >
      <a>重新打开</a>
    </Popconfirm>
  );
}
