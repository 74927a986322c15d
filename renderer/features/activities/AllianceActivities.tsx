// The activities of one alliance, compact, for the alliance's detail page, with this
// term's count against the bureau's quotas (2 activities and 1 leadership visit a term).
import { Button, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Activity } from '../../../electron/api/activities';
import { defaultSettings } from '../../../electron/api/settings';
import { termLabel, termOf } from '../../../electron/api/terms';
import { useApi } from '../../api/hooks';
import { useEditor } from '../../components/use-editor';
import { ActivityForm } from './ActivityForm';
import { useActivityColumns } from './activity-columns';

export function AllianceActivities({ allianceId }: { allianceId: string }) {
  const [page, setPage] = useState(1);
  const editor = useEditor<Activity>();
  const list = useApi('activities.list', { allianceId, page, pageSize: 10 });
  const alliance = useApi('alliances.get', { id: allianceId });
  const settings = useApi('settings.get', {});
  const term = termOf(dayjs().format('YYYY-MM-DD'), settings.data?.terms ?? defaultSettings.terms);
  const inTerm = useApi('activities.list', { allianceId, term: term ?? undefined, pageSize: 1 }, { enabled: !!term });
  const visits = useApi('activities.list', { allianceId, term: term ?? undefined, leadershipVisit: true, pageSize: 1 }, { enabled: !!term });

  const open = editor.edit;
  const columns = useActivityColumns({ onOpen: open, compact: true });

  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {term && inTerm.data && visits.data
            ? `${termLabel(term)}：交流活动 ${inTerm.data.total} 次，其中校级领导互访 ${visits.data.total} 次；累计 ${list.data?.total ?? 0} 次`
            : `累计交流活动 ${list.data?.total ?? 0} 次`}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Link to={`/activities?allianceId=${allianceId}`}>在活动台账中查看</Link>
        <Button size="small" type="primary" onClick={() => open(null)}>
          登记活动
        </Button>
      </div>
      <Table<Activity>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        columns={columns}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, size: 'small', hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      <ActivityForm
        open={editor.open}
        activity={editor.record}
        defaults={{ allianceId, allianceName: alliance.data?.name }}
        onClose={editor.close}
      />
    </>
  );
}
