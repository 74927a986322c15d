// The dashboard's headline numbers, each opening the list behind it.
import { Card, Col, Row, Statistic } from 'antd';
import { useNavigate } from 'react-router';
import type { DashboardSummary } from '../../../electron/api/dashboard';
import { termLabel } from '../../../electron/api/terms';
import { listLink } from './chart-specs';
import { num, pct } from './chart-setup';

interface Tile {
  label: string;
  value: string;
  sub?: string;
  to: string;
  warn?: boolean;
}

export function Headline({ summary, regionId, overdueReminders }: { summary: DashboardSummary; regionId?: string; overdueReminders?: number }) {
  const navigate = useNavigate();
  const h = summary.headline;
  const below = h.coverageRate !== null && h.coverageRate < summary.coverageTarget;
  const tiles: Tile[] = [
    { label: '义务教育学校', value: num(h.schools), sub: `参与联盟 ${num(h.covered)} 所`, to: listLink('/schools', { regionId }) },
    { label: '运行中的联盟', value: num(h.alliances), sub: `截至 ${summary.asOf}`, to: listLink('/alliances', { regionId, status: 'active' }) },
    { label: '联盟覆盖率', value: pct(h.coverageRate), sub: `目标 ${summary.coverageTarget}%${below ? '，未达标' : ''}`, to: listLink('/schools', { regionId }), warn: below },
    {
      label: '本学期交流活动',
      value: num(h.termActivities),
      sub: h.term ? termLabel(h.term) : '—',
      to: listLink('/activities', { term: h.term ?? undefined, regionId }),
    },
    {
      label: '教师交流人数',
      value: num(h.exchangeTeachers),
      sub: `${num(h.exchangeDays)} 天，${num(h.exchangeHours)} 课时`,
      to: listLink('/teacher-exchanges', { year: summary.year, regionId }),
    },
    {
      label: '未复查的整改通知书',
      value: num(h.openRectifications),
      sub: `其中逾期 ${num(h.overdueRectifications)} 份`,
      to: listLink('/supervisions/rectifications', { due: h.overdueRectifications ? 'overdue' : undefined }),
      warn: h.overdueRectifications > 0,
    },
    {
      label: '逾期提醒',
      value: overdueReminders === undefined ? '…' : num(overdueReminders),
      sub: '全部台账，今日',
      to: '/reminders',
      warn: (overdueReminders ?? 0) > 0,
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {tiles.map((t) => (
        <Col key={t.label} xs={12} md={8} xl={6} xxl={3} style={{ flex: '1 1 0', minWidth: 160 }}>
          <Card hoverable size="small" onClick={() => navigate(t.to)} data-tile={t.label}>
            <Statistic title={t.label} value={t.value} styles={{ content: { color: t.warn ? '#cf1322' : undefined } }} />
            <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{t.sub}</div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
