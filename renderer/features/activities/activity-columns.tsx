// The columns of the activity ledger, shared by the 交流活动 page and an alliance's tab.
import { Tag, Typography, type TableColumnsType } from 'antd';
import type { Activity } from '../../../electron/api/activities';
import { termLabel } from '../../../electron/api/terms';
import { useApiMutation } from '../../api/hooks';
import { RowActions } from '../../components/RowActions';
import { fmtNumber } from '../../format';
import { CategoryTag, SchoolsInBrief } from './labels';

interface Options {
  onOpen: (a: Activity) => void;
  /** Leaves out the alliance column (an alliance's own tab) and the sorters. */
  compact?: boolean;
}

export function useActivityColumns({ onOpen, compact = false }: Options): TableColumnsType<Activity> {
  const remove = useApiMutation('activities.delete');
  const sorter = !compact;
  // Related facts share a cell (date over term, category over form, the two flags) so that
  // the whole ledger fits a 1366-pixel office screen without scrolling sideways.
  const columns: TableColumnsType<Activity> = [
    {
      key: 'date',
      title: '活动日期 / 学期',
      sorter,
      width: 150,
      // The default sort (newest first): a click turns it to oldest first, another back.
      sortDirections: ['descend', 'ascend'],
      render: (_, a) => (
        <div style={{ lineHeight: 1.5 }}>
          <div>{a.date}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {a.term ? termLabel(a.term) : '假期（不属于学期）'}
          </Typography.Text>
        </div>
      ),
    },
    ...(compact ? [] : [{ key: 'alliance', title: '联盟', sorter, width: 140, dataIndex: 'allianceName' }]),
    {
      key: 'category',
      title: '类别 / 形式',
      sorter,
      width: 96,
      render: (_, a) => (
        <div style={{ lineHeight: 1.8 }}>
          <CategoryTag category={a.category} />
          <div>{a.form ?? '—'}</div>
        </div>
      ),
    },
    {
      key: 'title',
      title: '活动主题',
      sorter,
      width: 170,
      render: (_, a) => (
        <>
          <a onClick={() => onOpen(a)}>{a.title}</a>
          {a.attachments.length ? (
            <Tag style={{ marginLeft: 6 }} title={a.attachments.map((f) => f.originalName).join('、')}>
              附件 {a.attachments.length}
            </Tag>
          ) : null}
        </>
      ),
    },
    { key: 'host', title: '承办学校', width: 120, render: (_, a) => a.hostSchoolName ?? '—' },
    { key: 'schools', title: '参与学校', width: 150, render: (_, a) => <SchoolsInBrief schools={a.participatingSchools} /> },
    {
      key: 'participants',
      title: '人数',
      sorter,
      width: 64,
      align: 'right',
      render: (_, a) => fmtNumber(a.participants),
    },
    {
      key: 'flags',
      title: '领导互访 / 方式',
      width: 110,
      render: (_, a) => (
        <div style={{ lineHeight: 1.8 }}>
          {a.isLeadershipVisit ? <Tag color="volcano">校级领导互访</Tag> : null}
          {a.isOnline ? <Tag color="blue">线上</Tag> : <Tag>线下</Tag>}
        </div>
      ),
    },
    {
      key: 'actions',
      title: '操作',
      width: 88,
      fixed: 'right',
      render: (_, a) => (
        <RowActions name={a.title} onEdit={() => onOpen(a)} onDelete={() => remove.mutateAsync({ id: a.id })} />
      ),
    },
  ];
  return columns;
}
