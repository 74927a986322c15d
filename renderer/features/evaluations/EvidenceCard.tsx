// 台账佐证: what the ledger holds about the target for the year, beside the scoring form,
// so that an evaluator scores from facts rather than memory.
import { Alert, Card, Divider, Empty, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { EvaluationTarget } from '../../../electron/api/evaluations';
import { useApi } from '../../api/hooks';
import { fmtNumber } from '../../format';

const bad = '#cf1322';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 4 }}>
      <Divider titlePlacement="start" plain style={{ margin: '10px 0 6px', fontWeight: 600 }}>
        {title}
      </Divider>
      {children}
    </div>
  );
}

/** A line of label and figure, the figure right-aligned (red when it needs attention). */
function Figure(props: { label: ReactNode; value: number; unit?: string; alarm?: boolean; faint?: boolean; note?: ReactNode }) {
  const { label, value, unit, alarm, faint, note } = props;
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, lineHeight: '24px', color: faint ? '#bfbfbf' : undefined }}>
      <span>{label}</span>
      <span style={{ color: alarm ? bad : undefined, fontWeight: alarm ? 600 : undefined, whiteSpace: 'nowrap' }}>
        {fmtNumber(value)}
        {unit ? ` ${unit}` : ''}
        {note}
      </span>
    </div>
  );
}

export function EvidenceCard({ year, targetType, targetId }: { year: number; targetType: EvaluationTarget; targetId: string }) {
  const { data, error, isLoading } = useApi('evaluations.evidence', { year, targetType, targetId });
  return (
    <Card
      size="small"
      title={`台账佐证（${year} 年度）`}
      extra={targetType === 'alliance' ? <Link to={`/alliances/${targetId}`}>联盟台账</Link> : null}
    >
      {error ? <Alert type="error" title={error.message} /> : null}
      {isLoading ? <Spin /> : null}
      {data ? (
        <>
          <Section title={`交流活动（共 ${fmtNumber(data.activityTotal)} 次）`}>
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
              {data.activities.map((a) => (
                <Figure key={a.category} label={a.label} value={a.count} unit="次" faint={a.count === 0} />
              ))}
            </div>
          </Section>
          <Section title="领导互访（按学期，对照次数要求）">
            {data.leadershipVisits.length ? (
              data.leadershipVisits.map((v) => (
                <Figure
                  key={v.term}
                  label={v.label}
                  value={v.count}
                  unit="次"
                  alarm={v.count < v.quota}
                  note={<Typography.Text type="secondary"> / 要求 {v.quota} 次</Typography.Text>}
                />
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度没有学期" />
            )}
          </Section>
          <Section title="教师交流">
            <Figure label="交流人数" value={data.teacherExchanges.people} unit="人" />
            <Figure label="交流人次" value={data.teacherExchanges.count} unit="人次" />
            <Figure label="交流天数" value={data.teacherExchanges.days} unit="天" />
          </Section>
          <Section title="课程共享">
            <Figure label="共享课程" value={data.sharedCourses.count} unit="门" />
            <Figure label="课时" value={data.sharedCourses.hours} unit="课时" />
          </Section>
          <Section title="问题清单">
            <Figure label="本年销号" value={data.problems.closedInYear} unit="项" />
            <Figure label="未完成" value={data.problems.open} unit="项" />
            <Figure label="其中逾期" value={data.problems.overdue} unit="项" alarm={data.problems.overdue > 0} />
          </Section>
          <Section title="督导整改">
            <Figure label="本年下发整改通知书" value={data.rectifications.issuedInYear} unit="份" />
            <Figure label="未销号" value={data.rectifications.open} unit="份" />
            <Figure label="其中逾期" value={data.rectifications.overdue} unit="份" alarm={data.rectifications.overdue > 0} />
          </Section>
        </>
      ) : null}
    </Card>
  );
}
