import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Button, Select, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { Problem, ProblemStatus, problemSortKeys } from '../../../electron/api/problems';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { useKnownAlliance } from '../../components/ledger-filters';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { AllianceSelect, CountySelect, SchoolSelect } from '../../components/pickers';
import { RowActions } from '../../components/RowActions';
import { useEditor } from '../../components/use-editor';
import { useListParams, type ListParams } from '../../components/use-list-params';
import { fmtDate } from '../../format';
import { DeadlineMark, ProblemStatusTag, statusOptions } from './labels';
import { ProblemActions, useProblemClose } from './ProblemActions';
import { ProblemDetails } from './ProblemDetails';
import { ProblemForm } from './ProblemForm';

type SortBy = (typeof problemSortKeys)[number];

const withinChoices = [3, 7, 15, 30, 60];

/** One picker for the deadline filters, kept in the URL as overdue=1|0 or dueWithin=N. */
function deadlineValue(params: ListParams): string | undefined {
  if (params.overdue === '1') return 'overdue';
  if (params.overdue === '0') return 'notOverdue';
  if (params.dueWithin) return `within:${params.dueWithin}`;
  return undefined;
}

function deadlinePatch(v: string | undefined): ListParams {
  if (v === 'overdue') return { overdue: '1', dueWithin: undefined };
  if (v === 'notOverdue') return { overdue: '0', dueWithin: undefined };
  if (v?.startsWith('within:')) return { overdue: undefined, dueWithin: v.slice(7) };
  return { overdue: undefined, dueWithin: undefined };
}

export function ProblemsPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'dueOn', sortOrder: 'asc' });
  const editor = useEditor<Problem>();
  const closing = useProblemClose();
  const remove = useApiMutation('problems.delete');
  const knownAlliance = useKnownAlliance(params.allianceId);
  const school = useApi('schools.get', { id: params.schoolId ?? '' }, { enabled: !!params.schoolId });
  const dueWithin = params.dueWithin && /^\d+$/.test(params.dueWithin) ? Number(params.dueWithin) : undefined;
  const query: Args<'problems.list'> = {
    page,
    pageSize,
    search: params.search,
    allianceId: params.allianceId,
    schoolId: params.schoolId,
    regionId: params.regionId,
    owner: params.owner,
    status: params.status as ProblemStatus | undefined,
    overdue: params.overdue === '1' ? true : params.overdue === '0' ? false : undefined,
    dueWithinDays: dueWithin,
    ...sort,
  };
  const { data, isFetching } = useApi('problems.list', query);
  const overdue = useApi('problems.list', { overdue: true, pageSize: 1, allianceId: params.allianceId, regionId: params.regionId });

  const open = editor.edit;
  const within = dueWithin !== undefined && !withinChoices.includes(dueWithin) ? [...withinChoices, dueWithin] : withinChoices;

  return (
    <>
      <PageHeader
        title="问题清单"
        sub={
          overdue.data && overdue.data.total > 0 ? (
            <Typography.Text type="danger">
              {params.allianceId || params.regionId ? '所选范围内' : ''}共 {overdue.data.total} 个问题已逾期未完成，
              <a onClick={() => update({ ...deadlinePatch('overdue'), status: undefined })}>查看</a>
            </Typography.Text>
          ) : (
            '各联盟的问题、工作目标、工作措施、阶段任务、完成时限和责任人'
          )
        }
        extra={
          <Space>
            <ExportListButton list="problems" query={query} />
            <Link to="/imports?kind=problems">
              <Button>导入问题清单</Button>
            </Link>
            <Button type="primary" onClick={() => open(null)}>
              登记问题
            </Button>
          </Space>
        }
      />
      <div className="page-toolbar">
        <ListSearch placeholder="搜索问题" params={params} update={update} width={160} />
        <AllianceSelect
          allowClear
          known={knownAlliance}
          value={params.allianceId}
          onChange={(v) => update({ allianceId: v })}
          style={{ width: 200 }}
        />
        <SchoolSelect
          allowClear
          placeholder="学校"
          known={school.data ? [{ id: school.data.id, name: school.data.name }] : []}
          value={params.schoolId}
          onChange={(v) => update({ schoolId: v })}
          style={{ width: 160 }}
        />
        <CountySelect allowClear placeholder="县（市、区）" value={params.regionId} onChange={(v) => update({ regionId: v })} style={{ width: 150 }} />
        <ListSearch placeholder="责任人" params={params} update={update} width={130} field="owner" />
        <Select allowClear placeholder="状态" value={params.status} onChange={(v) => update({ status: v })} options={statusOptions} style={{ width: 90 }} />
        <Select<string>
          allowClear
          placeholder="期限"
          value={deadlineValue(params)}
          onChange={(v) => update(deadlinePatch(v))}
          options={[
            { value: 'overdue', label: '已逾期' },
            { value: 'notOverdue', label: '未逾期' },
            ...within.map((n) => ({ value: `within:${n}`, label: n === 0 ? '今日到期' : `${n} 天内到期` })),
          ]}
          style={{ width: 130 }}
        />
      </div>
      <DataTable<Problem>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        expandable={{ expandedRowRender: (p) => <ProblemDetails problem={p} /> }}
        columns={[
          {
            key: 'description',
            title: '问题',
            render: (_, p) => (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: p.description }} style={{ margin: 0, width: 280 }}>
                <a onClick={() => open(p)}>{p.description}</a>
              </Typography.Paragraph>
            ),
          },
          {
            key: 'alliance',
            title: '联盟 / 学校',
            sorter: true,
            render: (_, p) => (
              <div style={{ width: 220 }}>
                <Typography.Text ellipsis={{ tooltip: p.allianceName }}>{p.allianceName}</Typography.Text>
                {p.schoolName ? (
                  <Typography.Text type="secondary" ellipsis={{ tooltip: p.schoolName }} style={{ display: 'block', fontSize: 12 }}>
                    {p.schoolName}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          },
          { key: 'owner', title: '责任人', dataIndex: 'owner' },
          {
            key: 'dueOn',
            title: '完成时限',
            sorter: true,
            render: (_, p) => (
              <Space size={6}>
                {fmtDate(p.dueOn)}
                <DeadlineMark problem={p} />
              </Space>
            ),
          },
          { key: 'status', title: '状态', sorter: true, render: (_, p) => <ProblemStatusTag status={p.status} /> },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, p) => (
              <RowActions
                name={p.description.length > 20 ? `${p.description.slice(0, 20)}…` : p.description}
                extra={<ProblemActions problem={p} onClose={closing.start} />}
                onEdit={() => open(p)}
                onDelete={() => remove.mutateAsync({ id: p.id })}
              />
            ),
          },
        ]}
      />
      <ProblemForm
        open={editor.open}
        problem={editor.record}
        defaults={{ allianceId: knownAlliance[0]?.id, allianceName: knownAlliance[0]?.name }}
        onClose={editor.close}
      />
      {closing.dialog}
    </>
  );
}
