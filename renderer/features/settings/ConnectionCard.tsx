// 设置 → 数据库连接: the local file (default) or a shared PostgreSQL server. 测试连接 tries
// it without saving; 保存并切换 tests again, stores the settings in this computer's data
// folder (the password only encrypted by the system, or not at all) and reopens the ledger.
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { connectionKinds, sslModes, type ConnectionDraft, type ConnectionTestResult } from '../../../electron/api/connection';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';

type Values = Omit<Partial<Extract<ConnectionDraft, { kind: 'postgres' }>>, 'kind'> & { kind: ConnectionDraft['kind'] };

const passwordSources = {
  stored: '使用已加密保存的密码',
  entered: '使用本次输入的密码，未保存',
  env: '使用环境变量 PGPASSWORD',
  none: '',
} as const;

export function ConnectionCard() {
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const info = useApi('connection.get', {});
  const test = useApiMutation('connection.test');
  const save = useApiMutation('connection.save');
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'sqlite';

  useEffect(() => {
    const saved = info.data?.saved;
    if (!saved) return;
    form.setFieldsValue(saved.kind === 'postgres' ? { ...saved, password: '' } : { kind: 'sqlite', port: 5432, ssl: 'off' });
  }, [info.data, form]);

  const draftOf = (v: Values): ConnectionDraft =>
    v.kind === 'sqlite'
      ? { kind: 'sqlite' }
      : { kind: 'postgres', host: v.host ?? '', port: v.port ?? 5432, database: v.database ?? '', user: v.user ?? '', ssl: v.ssl ?? 'off', ...(v.password ? { password: v.password } : {}) };

  async function runTest() {
    const v = await validated<Values>(form);
    if (!v) return;
    setResult(null);
    try {
      setResult(await test.mutateAsync(draftOf(v)));
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }

  async function runSave(confirmMigration = false) {
    const v = await validated<Values>(form);
    if (!v) return;
    const draft = draftOf(v);
    try {
      const saved = await save.mutateAsync(draft.kind === 'postgres' && confirmMigration ? { ...draft, confirmMigration } : draft);
      setResult(null);
      form.setFieldValue('password', '');
      message.success(`已切换到${saved.active.description}`);
      // Every list on screen now comes from another database.
      await client.resetQueries();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.confirmMigration) {
        modal.confirm({
          title: '升级服务器上的数据库结构？',
          content: `${e.message} 升级对所有连接此服务器的电脑生效，请务必先由管理员备份服务器。`,
          okText: '已备份，升级并保存',
          onOk: () => runSave(true),
        });
        return;
      }
      setResult({ ok: false, message: applyFieldErrors(form, e) });
    }
  }

  const data = info.data;
  return (
    <Card title="数据库连接" size="small" style={{ marginTop: 16, maxWidth: 760 }} id="connection">
      <Typography.Paragraph type="secondary">
        单人使用时台账保存在本机文件中；多位工作人员共用一本台账时，连接单位的 PostgreSQL 服务器，每人使用自己的登录账号，操作日志按账号记录。此设置只保存在本机。
      </Typography.Paragraph>
      {data && (
        <Typography.Paragraph>
          当前使用：<Typography.Text strong>{data.active.description}</Typography.Text>
          {data.active.kind === 'postgres' && passwordSources[data.passwordSource] ? `（${passwordSources[data.passwordSource]}）` : ''}
        </Typography.Paragraph>
      )}
      {data?.startupProblem && <Alert type="error" showIcon title="启动时未能连接服务器" description={data.startupProblem} style={{ marginBottom: 12 }} />}
      {data && !data.switchable && <Alert type="info" showIcon title="当前运行方式不能切换数据库" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'sqlite', port: 5432, ssl: 'off' }}>
        <Form.Item name="kind" label="连接方式">
          <Radio.Group
            options={Object.entries(connectionKinds).map(([value, label]) => ({ value, label }))}
            onChange={() => setResult(null)}
          />
        </Form.Item>
        {kind === 'postgres' && (
          <>
            <Space wrap align="start">
              <Form.Item name="host" label="服务器地址" rules={[{ required: true, message: '请填写服务器地址' }]}>
                <Input placeholder="例如 192.168.1.20" style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name="port" label="端口" rules={[{ required: true, message: '请填写端口' }]}>
                <InputNumber min={1} max={65535} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="database" label="数据库名称" rules={[{ required: true, message: '请填写数据库名称' }]}>
                <Input placeholder="例如 ledger" style={{ width: 200 }} />
              </Form.Item>
            </Space>
            <Space wrap align="start">
              <Form.Item name="user" label="登录账号" rules={[{ required: true, message: '请填写登录账号' }]}>
                <Input autoComplete="username" style={{ width: 200 }} />
              </Form.Item>
              <Form.Item
                name="password"
                label="密码"
                extra={data?.passwordStored ? '已保存密码；不修改请留空' : data?.envPassword ? '留空则使用环境变量 PGPASSWORD' : undefined}
              >
                <Input.Password autoComplete="current-password" style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="ssl" label="SSL 加密">
                <Select style={{ width: 200 }} options={Object.entries(sslModes).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Space>
            {data && !data.canStorePassword && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="本机无法加密保存密码，密码不会被保存"
                description="浏览器方式运行时没有系统的安全存储。输入的密码只用于本次运行；下次启动前请设置环境变量 PGPASSWORD，或启动后在这里重新输入密码。"
              />
            )}
          </>
        )}
        {result && <Alert type={result.ok ? 'success' : 'error'} showIcon title={result.message} style={{ marginBottom: 12 }} />}
        <Space>
          {kind === 'postgres' && (
            <Button onClick={runTest} loading={test.isPending}>
              测试连接
            </Button>
          )}
          <Button type="primary" onClick={() => void runSave()} loading={save.isPending} disabled={data ? !data.switchable : true}>
            保存并切换
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
