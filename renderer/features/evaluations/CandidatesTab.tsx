// 评分进度: every alliance (or school) the template evaluates, with its status and score so
// far; 评分 starts (or continues) its evaluation.
import { App, Progress, Select } from 'antd';
import type { Args } from '../../../electron/api/contract';
import { ExportListButton } from '../../components/ExportListButton';
import { useNavigate } from 'react-router';
import { evaluationStatuses } from '../../../electron/api/enums';
import type { EvaluationCandidate, EvaluationStatus } from '../../../electron/api/evaluations';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ListSearch } from '../../components/ListSearch';
import { RegionSelect } from '../../components/pickers';
import { useListParams } from '../../components/use-list-params';
import type { ChosenTemplate } from './EvaluationsPage';
import { fmtScore, GradeTag, StatusTag } from './labels';

type SortBy = 'name' | 'status' | 'total';
type Row = EvaluationCandidate & { id: string };

export function CandidatesTab({ year, template }: { year: number; template: ChosenTemplate }) {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'name', sortOrder: 'asc' });
  const navigate = useNavigate();
  const { message } = App.useApp();
  const start = useApiMutation('evaluations.start');
  const query: Args<'evaluations.candidates'> = {
    templateId: template.id,
    year,
    page,
    pageSize,
    search: params.search,
    regionId: params.regionId,
    status: params.status as EvaluationStatus | 'none' | undefined,
    ...sort,
  };
  const { data, isFetching } = useApi('evaluations.candidates', query);
  const rows = data && { ...data, rows: data.rows.map((r): Row => ({ ...r, id: r.targetId })) };
  const what = template.targetType === 'school' ? '学校' : '联盟';

  const score = async (c: Row) => {
    if (c.evaluationId) return navigate(`/evaluations/${c.evaluationId}`);
    try {
      const e = await start.mutateAsync({ templateId: template.id, year, targetId: c.targetId });
      navigate(`/evaluations/${e.id}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      <div className="page-toolbar">
        <ListSearch placeholder={`${what}名称`} params={params} update={update} />
        <RegionSelect allowClear placeholder="所在地区" value={params.regionId} onChange={(v) => update({ regionId: v })} style={{ width: 180 }} />
        <Select
          allowClear
          placeholder="评价状态"
          value={params.status}
          onChange={(v) => update({ status: v })}
          options={[
            { value: 'none', label: '未开始' },
            ...evaluationStatuses.codes.map((c) => ({ value: c, label: evaluationStatuses.labels[c] })),
          ]}
          style={{ width: 120 }}
        />
        <div style={{ flex: 1 }} />
        <ExportListButton list="evaluationCandidates" query={query} />
      </div>
      <DataTable<Row>
        data={rows}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          {
            key: 'name',
            title: `${what}名称`,
            sorter: true,
            render: (_, c) => (c.evaluationId ? <a onClick={() => void score(c)}>{c.targetName}</a> : c.targetName),
          },
          { key: 'region', title: '所在地区', render: (_, c) => c.regionName ?? '—' },
          { key: 'status', title: '状态', sorter: true, render: (_, c) => <StatusTag status={c.status} /> },
          {
            key: 'progress',
            title: '进度',
            render: (_, c) => (
              <Progress
                size="small"
                style={{ width: 130, margin: 0 }}
                percent={c.leafCount ? Math.round((c.scoredCount / c.leafCount) * 100) : 0}
                format={() => `${c.scoredCount}/${c.leafCount}`}
                status={c.scoredCount === c.leafCount && c.leafCount > 0 ? 'success' : 'normal'}
              />
            ),
          },
          { key: 'total', title: '总分', sorter: true, align: 'right', render: (_, c) => fmtScore(c.total) },
          { key: 'grade', title: '等次', render: (_, c) => <GradeTag grade={c.grade} bands={template.gradeBands} /> },
          { key: 'rank', title: '排名', align: 'right', render: (_, c) => c.rank ?? '—' },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, c) =>
              c.status === 'submitted' || c.status === 'locked' ? (
                <a onClick={() => void score(c)}>查看</a>
              ) : (
                <a onClick={() => void score(c)}>{c.status === 'draft' ? '继续评分' : '评分'}</a>
              ),
          },
        ]}
      />
    </>
  );
}
