// Shown on every screen while a 督导包 is the working database: which package, since when,
// and the two ways out — save it to carry back, or return to the normal ledger.
import { Alert, App, Button, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { OpenPackage } from '../../../electron/api/audit-packages';
import { ApiError } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';
import { useLongTask } from '../../components/LongTask';
import { fmtTime } from '../../format';

export function PackageBanner({ pkg }: { pkg: OpenPackage }) {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const download = useLongTask('auditPackages.download');
  const close = useApiMutation('auditPackages.close');

  async function save() {
    try {
      const file = await download.run({});
      downloadBase64(file.fileName, file.dataBase64, 'application/vnd.sqlite3');
      message.success(`已保存督导包文件：${file.fileName}，请带回办公室合并`);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'cancelled')) message.error((e as Error).message);
    }
  }

  function leave() {
    modal.confirm({
      title: '返回正常台账',
      content: '督导包会留在本机，之后可以再次打开继续录入。返回前建议先“保存督导包文件”带回办公室。',
      okText: '返回正常台账',
      cancelText: '取消',
      onOk: async () => {
        await close.mutateAsync({});
        await client.invalidateQueries();
        message.success('已返回正常台账');
      },
    });
  }

  return (
    <Alert
      type="warning"
      showIcon
      data-testid="package-banner"
      style={{ marginBottom: 16 }}
      title={`当前打开的是督导包：${pkg.label}`}
      description={`${pkg.createdBy} 于 ${fmtTime(pkg.createdAt)} 导出，共 ${pkg.recordCount} 条记录；自 ${fmtTime(pkg.openedAt)} 起在本机使用。在此录入的督导、整改、约谈、评分等，回到办公室后用“合并督导包”并入台账。`}
      action={
        <Space orientation="vertical">
          <Button size="small" type="primary" onClick={save} disabled={download.running}>
            保存督导包文件
          </Button>
          <Button size="small" onClick={leave}>
            返回正常台账
          </Button>
          {download.dialog}
        </Space>
      }
    />
  );
}
