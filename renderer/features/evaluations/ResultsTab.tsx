// 评价结果: the ranked table of a year and template — one column per 一级指标, the total,
// grade and rank; drafts follow the ranked evaluations without a rank.
import { ExportButton } from '../../components/ExportListButton';
import { Checkbox, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { ResultRow } from '../../../electron/api/evaluations';
import { useApi } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { RegionSelect } from '../../components/pickers';
import { useListParams } from '../../components/use-list-params';
import type { ChosenTemplate } from './EvaluationsPage';
import { fmtScore, GradeTag, StatusTag } from './labels';

type SortBy = 'rank' | 'name';
type Row = ResultRow & { id: string };

export function ResultsTab({ year, template }: { year: number; template: ChosenTemplate }) {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'rank', sortOrder: 'asc' });
  const { data, isFetching } = useApi('evaluations.results', {
    templateId: template.id,
    year,
    page,
    pageSize,
    regionId: params.regionId,
    includeDrafts: params.drafts !== '0',
    ...sort,
  });
  const rows = data && { ...data.page, rows: data.page.rows.map((r): Row => ({ ...r, id: r.evaluationId })) };
  const bands = data?.template.gradeBands ?? template.gradeBands;
  const ranked = data?.gradeCounts.reduce((s, g) => s + g.count, 0) ?? 0;

  const columns: TableColumnsType<Row> = [
    { key: 'rank', title: '排名', sorter: true, align: 'center', width: 76, fixed: 'left', render: (_, r) => (r.rank === null ? '—' : <strong>{r.rank}</strong>) },
    {
      key: 'name',
      title: template.targetType === 'school' ? '学校名称' : '联盟名称',
      sorter: true,
      fixed: 'left',
      render: (_, r) => <Link to={`/evaluations/${r.evaluationId}`}>{r.targetName}</Link>,
    },
    { key: 'region', title: '地区', render: (_, r) => r.regionName ?? '—' },
    // Many 一级指标 scroll sideways between the name and the total, which stay in view.
    ...(data?.dimensions ?? []).map((d, i) => ({
      key: `dim-${d.id}`,
      title: (
        <span title={d.code ? `${d.code} ${d.name}` : d.name}>
          {d.name}
          <br />
          <span style={{ fontWeight: 'normal' }}>（{fmtScore(d.maxScore)}）</span>
        </span>
      ),
      width: 112,
      align: 'right' as const,
      render: (_: unknown, r: Row) => fmtScore(r.scores[i]),
    })),
    {
      key: 'total',
      title: `总分（${fmtScore(data?.template.totalScore ?? template.totalScore)}）`,
      align: 'right',
      fixed: 'right',
      render: (_, r) => <strong>{fmtScore(r.total)}</strong>,
    },
    { key: 'grade', title: '等次', fixed: 'right', render: (_, r) => <GradeTag grade={r.grade} bands={bands} /> },
    { key: 'status', title: '状态', fixed: 'right', render: (_, r) => <StatusTag status={r.status} /> },
  ];

  return (
    <>
      <div className="page-toolbar">
        <RegionSelect allowClear placeholder="所在地区" value={params.regionId} onChange={(v) => update({ regionId: v })} style={{ width: 180 }} />
        <Checkbox checked={params.drafts !== '0'} onChange={(e) => update({ drafts: e.target.checked ? undefined : '0' })}>
          列出草稿（不排名）
        </Checkbox>
        <div className="spacer" />
        <ExportButton
          method="reports.export"
          label="导出年度考核结果汇总表"
          args={{ report: 'evaluation', period: { type: 'year', year }, templateId: template.id, ...(params.regionId ? { regionId: params.regionId } : {}) }}
        />
        {data ? (
          <Space size={4} wrap className="grade-counts">
            <Typography.Text type="secondary">已提交 {ranked} 份：</Typography.Text>
            {data.gradeCounts.map((g, i) => (
              <span key={g.grade}>
                {i > 0 ? <Typography.Text type="secondary"> · </Typography.Text> : null}
                <GradeName grade={g.grade} bands={bands} /> {g.count}
              </span>
            ))}
          </Space>
        ) : null}
      </div>
      <DataTable<Row> className="evaluation-results" data={rows} loading={isFetching} params={params} update={update} columns={columns} bordered />
    </>
  );
}

function GradeName({ grade, bands }: { grade: string; bands: ChosenTemplate['gradeBands'] }) {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  const i = sorted.findIndex((b) => b.name === grade);
  const colors = ['#389e0d', '#1677ff', '#d48806', '#d46b08'];
  const color = i === sorted.length - 1 && sorted.length > 1 ? '#cf1322' : colors[i];
  return <span style={{ color, fontWeight: 600 }}>{grade}</span>;
}
