import { App, Button, Card, DatePicker, Empty, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Reminder, ReminderSeverity } from '../../../electron/api/reminders';
import { reminderRuleLabels, severityLabels } from '../../../electron/api/reminders';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { fromDayjs } from '../../format';
import { recordLink } from './links';
import { ManualReminderForm } from './ManualReminderForm';

const severityColors: Record<ReminderSeverity, string> = { overdue: 'red', due_soon: 'orange', notice: 'blue' };

/** 提醒中心: every current reminder, grouped by severity, each opening its record. */
export function RemindersPage() {
  const { message } = App.useApp();
  const [showHandled, setShowHandled] = useState(false);
  const [adding, setAdding] = useState(false);
  const list = useApi('reminders.forDay', { includeHandled: showHandled });
  const done = useApiMutation('reminders.markDone');
  const snooze = useApiMutation('reminders.snooze');
  const reopen = useApiMutation('reminders.reopen');
  const remove = useApiMutation('reminders.deleteManual');

  const act = async (work: Promise<unknown>, ok: string) => {
    try {
      await work;
      message.success(ok);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const columns: ColumnsType<Reminder> = [
    { title: '到期日', dataIndex: 'dueOn', width: 110 },
    {
      title: '类别',
      dataIndex: 'rule',
      width: 140,
      render: (rule: Reminder['rule']) => reminderRuleLabels[rule],
    },
    {
      title: '联盟',
      dataIndex: 'allianceName',
      width: 220,
      ellipsis: true,
      render: (name: string | null, r) => (name && r.allianceId ? <Link to={`/alliances/${r.allianceId}`}>{name}</Link> : '—'),
    },
    {
      title: '提醒事项',
      dataIndex: 'message',
      render: (text: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>{text}</span>
          {r.state === 'done' ? <Tag color="green">已办{r.note ? `：${r.note}` : ''}</Tag> : null}
          {r.state === 'snoozed' ? <Tag>推迟到 {r.snoozedUntil}</Tag> : null}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 300,
      render: (_: unknown, r) => {
        const link = recordLink(r);
        return (
          <Space size="small" wrap>
            {link ? <Link to={link}>查看</Link> : null}
            {r.state === 'open' ? (
              <>
                <Button size="small" type="link" onClick={() => act(done.mutateAsync({ key: r.key }), '已标记为已办')}>
                  标记已办
                </Button>
                <DatePicker
                  size="small"
                  placeholder="推迟到…"
                  style={{ width: 120 }}
                  onChange={(d) => {
                    const until = fromDayjs(d);
                    if (until) void act(snooze.mutateAsync({ key: r.key, until }), `已推迟到${until}`);
                  }}
                />
              </>
            ) : (
              <Button size="small" type="link" onClick={() => act(reopen.mutateAsync({ key: r.key }), '已恢复')}>
                恢复
              </Button>
            )}
            {r.rule === 'manual' ? (
              <Popconfirm title="删除这条手工提醒？" okText="删除" cancelText="取消" onConfirm={() => act(remove.mutateAsync({ id: r.recordId }), '已删除')}>
                <Button size="small" type="link" danger>
                  删除
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        );
      },
    },
  ];

  const rows = list.data ?? [];
  return (
    <>
      <PageHeader
        title="提醒"
        sub="由台账数据和设置中的提醒规则自动生成"
        extra={
          <Space>
            <Space size={4}>
              <Switch checked={showHandled} onChange={setShowHandled} size="small" />
              <Typography.Text>显示已处理</Typography.Text>
            </Space>
            <Button type="primary" onClick={() => setAdding(true)}>
              新建提醒
            </Button>
          </Space>
        }
      />
      {rows.length === 0 && !list.isLoading ? <Empty description="当前没有提醒" /> : null}
      {(['overdue', 'due_soon', 'notice'] as const).map((severity) => {
        const group = rows.filter((r) => r.severity === severity);
        if (group.length === 0) return null;
        return (
          <Card
            key={severity}
            size="small"
            style={{ marginBottom: 16 }}
            title={
              <Space>
                <Tag color={severityColors[severity]}>{severityLabels[severity]}</Tag>
                <span>{group.length} 条</span>
              </Space>
            }
          >
            <Table<Reminder>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={group}
              loading={list.isFetching}
              pagination={group.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            />
          </Card>
        );
      })}
      <ManualReminderForm open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
