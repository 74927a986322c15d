// Long work (sample data, import, export, backup): a progress bar and a cancel button.
import { Button, Modal, Progress as Bar, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { Progress } from '../../electron/api/common';
import type { Args, Method, Output } from '../../electron/api/contract';
import { call } from '../api/client';

export function useLongTask<M extends Method>(method: M) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | null>(null);

  async function run(args: Args<M>): Promise<Output<M>> {
    controller.current = new AbortController();
    setRunning(true);
    setProgress({ phase: '准备中', done: 0, total: 1 });
    try {
      return await call(method, args, { onProgress: setProgress, signal: controller.current.signal });
    } finally {
      setRunning(false);
      setProgress(null);
    }
  }

  const cancel = () => controller.current?.abort();

  const dialog = (
    <Modal open={running} title="正在处理" closable={false} mask={{ closable: false }} footer={<Button onClick={cancel}>取消</Button>}>
      <Typography.Paragraph>{progress?.phase}</Typography.Paragraph>
      <Bar percent={progress && progress.total ? Math.floor((progress.done / progress.total) * 100) : 0} />
    </Modal>
  );
  return { run, cancel, running, dialog };
}
