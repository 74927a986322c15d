import { App, Button, Card, Descriptions, Popconfirm, Result, Space, Spin } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { fmtDate } from '../../format';
import { AllianceForm } from './AllianceForm';
import { AllianceLedgerTabs } from './AllianceLedgerTabs';
import { CrossRegionTag, KindTag, ModeTags, QualityTags, StatusTag } from './labels';

export function AllianceDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [formOpen, setFormOpen] = useState(false);
  const remove = useApiMutation('alliances.delete');
  const { data: a, error, isLoading } = useApi('alliances.get', { id });

  if (isLoading) return <Spin description="正在读取联盟…" />;
  if (error || !a) {
    return (
      <Result
        status="warning"
        title={error?.message ?? '联盟不存在或已删除'}
        extra={<Link to="/alliances">返回联盟列表</Link>}
      />
    );
  }
  const isCounty = a.kind === 'county_alliance';

  return (
    <>
      <PageHeader
        title={a.name}
        sub={
          <Space size={4}>
            <KindTag kind={a.kind} />
            <StatusTag alliance={a} />
            <CrossRegionTag alliance={a} />
          </Space>
        }
        extra={
          <Space>
            <Button onClick={() => navigate('/alliances')}>返回列表</Button>
            <Button type="primary" onClick={() => setFormOpen(true)}>
              编辑
            </Button>
            <Popconfirm
              title={`删除“${a.name}”？`}
              description="删除后可在回收站恢复"
              onConfirm={async () => {
                try {
                  await remove.mutateAsync({ id: a.id });
                  message.success('已移入回收站');
                  navigate('/alliances');
                } catch (e) {
                  message.error((e as Error).message);
                }
              }}
            >
              <Button danger>删除</Button>
            </Popconfirm>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'lead', label: isCounty ? '主任县区' : '牵头学校', children: (isCounty ? a.leadRegionName : a.leadSchoolName) ?? '—' },
            { key: 'modes', label: '办学模式', children: <ModeTags modes={a.modes} /> },
            { key: 'members', label: '当前成员', children: `${a.memberCount} 个` },
            { key: 'regions', label: '涉及县区', children: a.regionNames.length ? a.regionNames.join('、') : '—' },
            { key: 'established', label: '成立时间', children: fmtDate(a.establishedOn) },
            { key: 'agreement', label: '协议签订', children: fmtDate(a.agreementSignedOn) },
            { key: 'plan', label: '实施方案备案', children: fmtDate(a.planFiledOn) },
            { key: 'quality', label: '优质集团认定', children: <QualityTags ratings={a.qualityRatings} /> },
            ...(a.status === 'dissolved' ? [{ key: 'dissolved', label: '撤销日期', children: fmtDate(a.dissolvedOn) }] : []),
            { key: 'notes', label: '备注', span: 3, children: a.notes ?? '—' },
          ]}
        />
      </Card>
      <Card size="small">
        <AllianceLedgerTabs alliance={a} />
      </Card>
      <AllianceForm open={formOpen} alliance={a} onClose={() => setFormOpen(false)} />
    </>
  );
}
