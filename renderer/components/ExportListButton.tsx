// 导出 Excel buttons: a list screen sends its current query (filters and sort) to
// `lists.export`; a screen that matches a bureau report (e.g. 评价结果) sends that report's
// request to `reports.export`. The workbook downloads when done; progress and cancel as
// for any long task.
import { App, Button } from 'antd';
import type { Args } from '../../electron/api/contract';
import { ApiError } from '../api/client';
import { downloadBase64 } from './download';
import { useLongTask } from './LongTask';

type FileMethod = 'lists.export' | 'reports.export';
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ExportButton<M extends FileMethod>({ method, args, label = '导出Excel', disabled }: { method: M; args: Args<M>; label?: string; disabled?: boolean }) {
  const { message } = App.useApp();
  const task = useLongTask(method);

  async function run() {
    try {
      const file = await task.run(args);
      downloadBase64(file.fileName, file.dataBase64, xlsx);
      message.success(`已导出：${file.fileName}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'cancelled') message.info('已取消导出，没有生成文件');
      else message.error((e as Error).message);
    }
  }

  return (
    <>
      <Button onClick={run} disabled={disabled || task.running}>
        {label}
      </Button>
      {task.dialog}
    </>
  );
}

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
  return <ExportButton method="lists.export" args={{ list, query } as ExportArgs} {...(disabled === undefined ? {} : { disabled })} />;
}
