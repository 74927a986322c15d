import { Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { Rectification } from '../../../electron/api/supervisions';
import { RowActions } from '../../components/RowActions';
import type { Step } from './RectificationDialogs';
import { DaysLeft, StatusTag } from './labels';

/** The notice columns shared by a supervision's page and the 整改通知书 ledger. */
export function rectificationColumns(opts: {
  withSupervision?: boolean;
  sortable?: boolean;
  onStep: (s: Step) => void;
  onEdit: (r: Rectification) => void;
  onDelete: (r: Rectification) => Promise<unknown>;
}): TableColumnsType<Rectification> {
  const columns: TableColumnsType<Rectification> = [
    { key: 'number', title: '文号', sorter: opts.sortable, dataIndex: 'number' },
  ];
  if (opts.withSupervision)
    columns.push({
      key: 'supervision',
      title: '督导',
      render: (_, r) => (
        <Link to={`/supervisions/${r.supervisionId}`}>
          {r.supervisionDate} {r.targetLabel}
        </Link>
      ),
    });
  columns.push(
    { key: 'issuedOn', title: '下发日期', sorter: opts.sortable, dataIndex: 'issuedOn' },
    { key: 'deadline', title: '整改期限', sorter: opts.sortable, dataIndex: 'deadline' },
    { key: 'left', title: '剩余', render: (_, r) => <DaysLeft r={r} /> },
    {
      key: 'items',
      title: '整改事项',
      render: (_, r) =>
        r.items ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.items }} style={{ margin: 0, maxWidth: 240 }}>
            {r.items}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      key: 'status',
      title: '整改状态',
      render: (_, r) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <StatusTag status={r.status} />
          {r.reportedOn ? (
            <div>
              <Typography.Text type="secondary">{r.reportedOn} 报告</Typography.Text>
            </div>
          ) : null}
          {r.verifiedOn ? (
            <div>
              <Typography.Text type="secondary">
                {r.verifiedOn} {r.verifier ?? ''}复查
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_, r) => (
        <RowActions
          name={r.number}
          extra={
            <>
              {r.status === 'issued' ? (
                <a onClick={() => opts.onStep({ kind: 'report', rectification: r })}>报告整改</a>
              ) : null}
              {r.status !== 'verified' ? (
                <a onClick={() => opts.onStep({ kind: 'verify', rectification: r })}>复查销号</a>
              ) : null}
            </>
          }
          onEdit={() => opts.onEdit(r)}
          onDelete={() => opts.onDelete(r)}
        />
      ),
    },
  );
  return columns;
}
