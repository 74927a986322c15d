import { Button, Card, Descriptions, Empty, Popconfirm, Result, Space, Spin, Table, Typography, App } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { supervisionKinds } from '../../../electron/api/enums';
import type { Interview, Rectification } from '../../../electron/api/supervisions';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { RowActions } from '../../components/RowActions';
import { useEditor } from '../../components/use-editor';
import { InterviewForm } from './InterviewForm';
import { ConclusionTag, TargetTag } from './labels';
import { RectificationStepDialog, type Step } from './RectificationDialogs';
import { RectificationForm } from './RectificationForm';
import { rectificationColumns } from './rectification-columns';
import { SupervisionForm } from './SupervisionForm';

export function SupervisionDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const supervision = useApi('supervisions.get', { id });
  const notices = useApi('rectifications.list', { supervisionId: id, pageSize: 500 });
  const interviews = useApi('interviews.list', { supervisionId: id, pageSize: 500 });
  const removeSupervision = useApiMutation('supervisions.delete');
  const removeNotice = useApiMutation('rectifications.delete');
  const removeInterview = useApiMutation('interviews.delete');
  const [editing, setEditing] = useState(false);
  const noticeEditor = useEditor<Rectification>();
  const interviewEditor = useEditor<Interview>();
  const [step, setStep] = useState<Step>(null);

  if (supervision.error)
    return (
      <Result
        status="404"
        title={supervision.error.message}
        extra={<Link to="/supervisions">返回督导列表</Link>}
      />
    );
  const s = supervision.data;
  if (!s) return <Spin />;

  return (
    <>
      <PageHeader
        title={`${s.date} ${supervisionKinds.label(s.kind)}：${s.targetLabel}`}
        sub={<Link to="/supervisions">← 督导列表</Link>}
        extra={
          <Space>
            <Button onClick={() => setEditing(true)}>编辑督导</Button>
            <Popconfirm
              title="删除这次督导？"
              description="其整改通知书和约谈一并不再显示；可在回收站恢复"
              onConfirm={async () => {
                await removeSupervision.mutateAsync({ id: s.id });
                message.success('已移入回收站');
                navigate('/supervisions');
              }}
            >
              <Button danger>删除</Button>
            </Popconfirm>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={3} size="small">
          <Descriptions.Item label="督导类型">{supervisionKinds.label(s.kind)}</Descriptions.Item>
          <Descriptions.Item label="督导日期">{s.date}</Descriptions.Item>
          <Descriptions.Item label="督导对象">
            <Space size={4}>
              <TargetTag kind={s.targetKind} />
              {s.targetLabel}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="督导组成员">{s.inspectors ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="评定等级">{s.rating ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="督导结论">
            <ConclusionTag conclusion={s.conclusion} />
          </Descriptions.Item>
          <Descriptions.Item label="主要问题" span={3}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{s.findings ?? '—'}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={`整改通知书（${s.rectificationCount} 份，未销号 ${s.openRectifications} 份）`}
        extra={
          <Button type="primary" size="small" onClick={() => noticeEditor.edit(null)}>
            登记整改通知书
          </Button>
        }
      >
        <Table<Rectification>
          rowKey="id"
          size="middle"
          loading={notices.isFetching}
          dataSource={notices.data?.rows ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="尚未下发整改通知书" /> }}
          columns={rectificationColumns({
            onStep: setStep,
            onEdit: noticeEditor.edit,
            onDelete: (r) => removeNotice.mutateAsync({ id: r.id }),
          })}
        />
      </Card>
      <Card
        size="small"
        title={`约谈（${interviews.data?.total ?? 0} 次）`}
        extra={
          <Button size="small" onClick={() => interviewEditor.edit(null)}>
            登记约谈
          </Button>
        }
      >
        <Table<Interview>
          rowKey="id"
          size="middle"
          loading={interviews.isFetching}
          dataSource={interviews.data?.rows ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="没有约谈记录" /> }}
          columns={[
            { key: 'date', title: '约谈日期', dataIndex: 'date' },
            { key: 'interviewees', title: '约谈对象', dataIndex: 'interviewees' },
            {
              key: 'content',
              title: '约谈内容',
              render: (_, i) => (
                <Typography.Paragraph ellipsis={{ rows: 2, tooltip: i.content }} style={{ margin: 0, maxWidth: 320 }}>
                  {i.content ?? '—'}
                </Typography.Paragraph>
              ),
            },
            { key: 'followUp', title: '后续跟进', render: (_, i) => i.followUp ?? '—' },
            {
              key: 'actions',
              title: '操作',
              fixed: 'right',
              render: (_, i) => (
                <RowActions
                  name={`${i.date} 约谈`}
                  onEdit={() => interviewEditor.edit(i)}
                  onDelete={() => removeInterview.mutateAsync({ id: i.id })}
                />
              ),
            },
          ]}
        />
      </Card>
      <SupervisionForm open={editing} supervision={s} onClose={() => setEditing(false)} />
      <RectificationForm
        open={noticeEditor.open}
        supervisionId={s.id}
        rectification={noticeEditor.record}
        onClose={noticeEditor.close}
      />
      <InterviewForm
        open={interviewEditor.open}
        supervisionId={s.id}
        interview={interviewEditor.record}
        onClose={interviewEditor.close}
      />
      <RectificationStepDialog step={step} onClose={() => setStep(null)} />
    </>
  );
}
