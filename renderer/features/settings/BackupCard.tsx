// 备份与恢复: the backup policy, the list of backups in the data folder, 立即备份,
// 备份到文件 and 从备份恢复 (a listed backup or a file), each a long task with progress
// and cancel. A restore first saves the current data as a 恢复前备份, so it can be undone.
import { Alert, App, Button, Card, Form, InputNumber, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { BackupInfo } from '../../../electron/api/backups';
import type { BackupPolicy } from '../../../electron/api/settings';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { useLongTask } from '../../components/LongTask';
import { readBase64 } from '../../components/read-file';
import { fmtTime } from '../../format';

const kindColors: Record<BackupInfo['kind'], string> = { auto: 'blue', manual: 'green', migration: 'orange', restore: 'purple', merge: 'cyan' };

function fmtSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function BackupCard() {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<BackupPolicy>();
  const status = useApi('backups.status', {});
  const savePolicy = useApiMutation('settings.update');
  const remove = useApiMutation('backups.delete');
  const create = useLongTask('backups.create');
  const download = useLongTask('backups.download');
  const restore = useLongTask('backups.restore');

  useEffect(() => {
    if (status.data) form.setFieldsValue(status.data.policy);
  }, [status.data, form]);

  const failed = (e: unknown, cancelledText: string) => {
    if (e instanceof ApiError && e.code === 'cancelled') message.info(cancelledText);
    else message.error((e as Error).message);
  };

  async function backupNow() {
    try {
      const b = await create.run({});
      message.success(`已备份：${fmtTime(b.at)}，${fmtSize(b.size)}`);
      await client.invalidateQueries();
    } catch (e) {
      failed(e, '已取消备份，没有生成备份文件');
    }
  }

  async function saveToFile(name?: string) {
    try {
      const file = await download.run(name ? { name } : {});
      downloadBase64(file.fileName, file.dataBase64, 'application/vnd.sqlite3');
      message.success(`已保存备份文件：${file.fileName}`);
      await client.invalidateQueries();
    } catch (e) {
      failed(e, '已取消，没有生成备份文件');
    }
  }

  function confirmRestore(label: string, args: { name: string } | { fileName: string; dataBase64: string }) {
    modal.confirm({
      title: '从备份恢复',
      content: (
        <>
          <Typography.Paragraph>将用“{label}”替换当前的全部台账数据和附件。</Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            恢复前会先检查备份文件，并把当前数据另存为一份“恢复前备份”；如恢复错了，可以从列表中恢复那一份来撤销。
          </Typography.Paragraph>
        </>
      ),
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await restore.run(args);
          await client.invalidateQueries();
          modal.success({
            title: '已恢复',
            content: `数据已恢复为“${label}”。恢复前的数据已保存为 ${fmtTime(r.savedAs.at)} 的“恢复前备份”，如需撤销可从列表恢复它。`,
          });
        } catch (e) {
          failed(e, '已取消恢复，当前数据没有改动');
        }
      },
    });
  }

  async function submitPolicy() {
    const v = await validated<BackupPolicy>(form);
    if (!v) return;
    try {
      await savePolicy.mutateAsync({ backup: v });
      message.success('备份策略已保存');
    } catch (e) {
      message.error(
        applyFieldErrors(form, e, { 'backup.autoBackup': 'autoBackup', 'backup.keepDaily': 'keepDaily', 'backup.keepWeekly': 'keepWeekly' }),
      );
    }
  }

  const data = status.data;
  if (data && !data.available) {
    return (
      <Card title="备份与恢复" size="small" style={{ marginTop: 16, maxWidth: 760 }}>
        <Alert type="info" showIcon title={data.reason} />
      </Card>
    );
  }

  return (
    <Card
      title="备份与恢复"
      size="small"
      style={{ marginTop: 16, maxWidth: 760 }}
      extra={
        <Space>
          <Button type="primary" onClick={backupNow} disabled={create.running}>
            立即备份
          </Button>
          <Button onClick={() => saveToFile()} disabled={download.running}>
            备份到文件…
          </Button>
          <Upload
            accept=".sqlite,.db"
            showUploadList={false}
            beforeUpload={(f) => {
              readBase64(f).then(
                (dataBase64) => confirmRestore(f.name, { fileName: f.name, dataBase64 }),
                () => message.error(`读取文件“${f.name}”失败`),
              );
              return false;
            }}
          >
            <Button disabled={restore.running}>从文件恢复…</Button>
          </Upload>
        </Space>
      }
    >
      {data?.networkWarning ? <Alert type="warning" showIcon title={data.networkWarning} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="autoBackup" label="自动备份" valuePropName="checked" tooltip="程序启动时和每使用满一天自动备份一次；台账自上一份备份以来没有改动时不重复备份">
          <Switch />
        </Form.Item>
        <Form.Item name="keepDaily" label="按天保留" tooltip="保留最近几天每天最新的一份自动备份">
          <InputNumber min={0} max={365} suffix="天" style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="keepWeekly" label="按周保留" tooltip="另保留最近几周每周最新的一份">
          <InputNumber min={0} max={365} suffix="周" style={{ width: 100 }} />
        </Form.Item>
        <Form.Item>
          <Button onClick={submitPolicy} loading={savePolicy.isPending}>
            保存策略
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        备份包含全部台账数据和附件，保存在 {data?.backupDir ?? '数据文件夹'}。按策略只清理多余的自动备份；手动备份和恢复前备份不会被自动删除。
      </Typography.Paragraph>
      <Table<BackupInfo>
        size="small"
        rowKey="name"
        loading={status.isFetching}
        dataSource={data?.backups ?? []}
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '还没有备份' }}
        columns={[
          { key: 'at', title: '备份时间', width: 170, render: (_, b) => dayjs(b.at).format('YYYY-MM-DD HH:mm:ss') },
          { key: 'kind', title: '类型', width: 110, render: (_, b) => <Tag color={kindColors[b.kind]}>{b.kindLabel}</Tag> },
          { key: 'size', title: '大小', width: 90, align: 'right', render: (_, b) => fmtSize(b.size) },
          {
            key: 'actions',
            title: '操作',
            render: (_, b) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => confirmRestore(`${fmtTime(b.at)} 的${b.kindLabel}`, { name: b.name })}>
                  恢复
                </Button>
                <Button type="link" size="small" onClick={() => saveToFile(b.name)}>
                  下载
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: '删除备份',
                      content: `删除 ${fmtTime(b.at)} 的${b.kindLabel}？删除后不能找回。`,
                      okText: '删除',
                      okButtonProps: { danger: true },
                      cancelText: '取消',
                      onOk: async () => {
                        await remove.mutateAsync({ name: b.name });
                        message.success('已删除备份');
                      },
                    })
                  }
                >
                  删除
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {create.dialog}
      {download.dialog}
      {restore.dialog}
    </Card>
  );
}
