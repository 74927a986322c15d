// The problem list of one alliance, compact, for the alliance's detail page.
import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Problem } from '../../../electron/api/problems';
import { useApi } from '../../api/hooks';
import { fmtDate } from '../../format';
import { DeadlineMark, ProblemStatusTag } from './labels';
import { ProblemActions, useProblemClose } from './ProblemActions';
import { ProblemDetails } from './ProblemDetails';
import { ProblemForm } from './ProblemForm';

export function AllianceProblems({ allianceId }: { allianceId: string }) {
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Problem | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const closing = useProblemClose();
  const list = useApi('problems.list', { allianceId, page, pageSize: 10 });
  const overdue = useApi('problems.list', { allianceId, overdue: true, pageSize: 1 });
  const open = useApi('problems.list', { allianceId, status: 'open', pageSize: 1 });
  const progressing = useApi('problems.list', { allianceId, status: 'in_progress', pageSize: 1 });
  const alliance = useApi('alliances.get', { id: allianceId });

  const edit = (p: Problem | null) => {
    setEditing(p);
    setFormOpen(true);
  };
  const pending = (open.data?.total ?? 0) + (progressing.data?.total ?? 0);

  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {list.data ? `共 ${list.data.total} 个问题，未销号 ${pending} 个` : ' '}
          {overdue.data && overdue.data.total > 0 ? (
            <Typography.Text type="danger">，其中逾期 {overdue.data.total} 个</Typography.Text>
          ) : null}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Link to={`/problems?allianceId=${allianceId}`}>查看全部</Link>
        <Button size="small" type="primary" onClick={() => edit(null)}>
          登记问题
        </Button>
      </div>
      <Table<Problem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, size: 'small', hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (p) => <ProblemDetails problem={p} /> }}
        columns={[
          {
            key: 'description',
            title: '问题',
            render: (_, p) => (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: p.description }} style={{ margin: 0, width: 300 }}>
                <a onClick={() => edit(p)}>{p.description}</a>
              </Typography.Paragraph>
            ),
          },
          { key: 'owner', title: '责任人', dataIndex: 'owner' },
          {
            key: 'dueOn',
            title: '完成时限',
            render: (_, p) => (
              <Space size={6}>
                {fmtDate(p.dueOn)}
                <DeadlineMark problem={p} />
              </Space>
            ),
          },
          { key: 'status', title: '状态', render: (_, p) => <ProblemStatusTag status={p.status} /> },
          { key: 'actions', title: '操作', render: (_, p) => <ProblemActions problem={p} onClose={closing.start} /> },
        ]}
      />
      <ProblemForm
        open={formOpen}
        problem={editing}
        defaults={{ allianceId, allianceName: alliance.data?.name }}
        onClose={() => setFormOpen(false)}
      />
      {closing.dialog}
    </>
  );
}
