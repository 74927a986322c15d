// 导出 Excel on a list screen: the list's current query (filters and sort) goes to
// `lists.export`; the workbook downloads when done. Progress and cancel as for any long task.
import { App, Button } from 'antd';
import type { Args } from '../../electron/api/contract';
import { ApiError } from '../api/client';
import { downloadBase64 } from './download';
import { useLongTask } from './LongTask';

type ExportArgs = Args<'lists.export'>;

/** `query` is the object the screen lists with; its page and page size are ignored. */
export function ExportListButton<L extends ExportArgs['list']>({
  list,
  query,
  disabled,
}: {
  list: L;
  query: Extract<ExportArgs, { list: L }>['query'];
  disabled?: boolean;
}) {
  const { message } = App.useApp();
  const task = useLongTask('lists.export');

  async function run() {
    try {
      const file = await task.run({ list, query } as ExportArgs);
      downloadBase64(file.fileName, file.dataBase64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      message.success(`已导出：${file.fileName}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'cancelled') message.info('已取消导出，没有生成文件');
      else message.error((e as Error).message);
    }
  }

  return (
    <>
      <Button onClick={run} disabled={disabled || task.running}>
        导出Excel
      </Button>
      {task.dialog}
    </>
  );
}
