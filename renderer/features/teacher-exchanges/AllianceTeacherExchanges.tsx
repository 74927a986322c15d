// The teacher exchanges of one alliance, compact, for the alliance's detail page.
import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { exchangeKinds } from '../../../electron/api/enums';
import type { TeacherExchange } from '../../../electron/api/teacher-exchanges';
import { useApi } from '../../api/hooks';
import { fmtDate, fmtNumber } from '../../format';
import { KindTag, StatusTag } from './labels';
import { TeacherExchangeForm } from './TeacherExchangeForm';

export function AllianceTeacherExchanges({ allianceId }: { allianceId: string }) {
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<TeacherExchange | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const list = useApi('teacherExchanges.list', { allianceId, page, pageSize: 10 });
  const summary = useApi('teacherExchanges.summary', { allianceId });
  const alliance = useApi('alliances.get', { id: allianceId });
  const t = summary.data?.totals;

  const open = (e: TeacherExchange | null) => {
    setEditing(e);
    setFormOpen(true);
  };

  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {t
            ? `共 ${t.exchanges} 人次、${t.teachers} 人：${exchangeKinds.codes
                .map((k) => `${exchangeKinds.labels[k]} ${t.byKind[k]}`)
                .join('，')}；总 ${fmtNumber(t.totalDays)} 天、${fmtNumber(t.totalHours)} 小时`
            : ' '}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Link to={`/teacher-exchanges?allianceId=${allianceId}`}>查看全部</Link>
        <Button size="small" type="primary" onClick={() => open(null)}>
          登记教师交流
        </Button>
      </div>
      <Table<TeacherExchange>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, size: 'small', hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'teacher', title: '教师', render: (_, e) => <a onClick={() => open(e)}>{e.teacherName}</a> },
          { key: 'kind', title: '类型', render: (_, e) => <KindTag kind={e.kind} /> },
          {
            key: 'route',
            title: '派出 → 接收',
            render: (_, e) => (
              <Space size={4}>
                {e.fromSchoolName}
                <span>→</span>
                {e.toSchoolName}
              </Space>
            ),
          },
          { key: 'startOn', title: '开始日期', render: (_, e) => fmtDate(e.startOn) },
          { key: 'days', title: '天数', align: 'right', render: (_, e) => fmtNumber(e.days) },
          { key: 'status', title: '状态', render: (_, e) => <StatusTag status={e.status} /> },
        ]}
      />
      <TeacherExchangeForm
        open={formOpen}
        exchange={editing}
        defaults={{ allianceId, allianceName: alliance.data?.name }}
        onClose={() => setFormOpen(false)}
      />
    </>
  );
}
