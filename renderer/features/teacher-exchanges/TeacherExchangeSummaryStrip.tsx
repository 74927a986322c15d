// The strip above the list: people by kind, total days and hours over the alliance,
// county and period chosen in the filters (computed in SQL by teacherExchanges.summary).
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Args } from '../../../electron/api/contract';
import { exchangeKinds } from '../../../electron/api/enums';
import { useApi } from '../../api/hooks';

export function TeacherExchangeSummaryStrip({ scope, caption }: { scope: Args<'teacherExchanges.summary'>; caption: string }) {
  const { data, isLoading } = useApi('teacherExchanges.summary', scope);
  const t = data?.totals;
  const tiles = [
    { key: 'exchanges', title: '交流人次', value: t?.exchanges, suffix: '人次' },
    { key: 'teachers', title: '涉及教师', value: t?.teachers, suffix: '人' },
    ...exchangeKinds.codes.map((k) => ({ key: k, title: `${exchangeKinds.labels[k]}人数`, value: t?.byKind[k], suffix: '人' })),
    { key: 'days', title: '总天数', value: t?.totalDays, suffix: '天' },
    { key: 'hours', title: '总课时/小时', value: t?.totalHours, suffix: '小时' },
  ];
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Row gutter={[16, 8]} wrap>
        {tiles.map((tile) => (
          <Col key={tile.key} flex="1 0 110px">
            <Statistic title={tile.title} value={tile.value ?? 0} suffix={tile.suffix} loading={isLoading} styles={{ content: { fontSize: 20 } }} />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {caption}
        {data ? `；共 ${data.rows.length} 个联盟有教师交流` : ''}。人数按教师去重（同一学校同名教师计 1 人）。
      </Typography.Text>
    </Card>
  );
}
