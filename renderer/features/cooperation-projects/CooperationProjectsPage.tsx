import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Select, Tag, Typography } from 'antd';
import type { CooperationProject, cooperationProjectSortKeys } from '../../../electron/api/cooperation-projects';
import { projectStatuses, type ProjectStatus } from '../../../electron/api/enums';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { useKnownAlliance, yearOptions } from '../../components/ledger-filters';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { AllianceSelect, CountySelect } from '../../components/pickers';
import { RowActions } from '../../components/RowActions';
import { useEditor } from '../../components/use-editor';
import { useListParams } from '../../components/use-list-params';
import { CooperationProjectForm } from './CooperationProjectForm';
import { ProjectGapNote } from './ProjectGapNote';

type SortBy = (typeof cooperationProjectSortKeys)[number];

const statusColors: Record<ProjectStatus, string> = { planned: 'default', ongoing: 'processing', finished: 'success' };

export function CooperationProjectsPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'year', sortOrder: 'desc' });
  const editor = useEditor<CooperationProject>();
  const remove = useApiMutation('cooperationProjects.delete');
  const year = params.year ? Number(params.year) : undefined;
  const knownAlliance = useKnownAlliance(params.allianceId);
  const query: Args<'cooperationProjects.list'> = {
    page,
    pageSize,
    search: params.search,
    allianceId: params.allianceId,
    regionId: params.regionId,
    year,
    status: params.status as ProjectStatus | undefined,
    ...sort,
  };
  const { data, isFetching } = useApi('cooperationProjects.list', query);

  const open = editor.edit;

  return (
    <>
      <PageHeader
        title="合作项目"
        sub="每个联盟每年开展教育合作项目 1~2 个"
        extra={<ExportListButton list="cooperationProjects" query={query} />}
        action={{ label: '登记合作项目', onClick: () => open(null) }}
      />
      <div className="page-toolbar">
        <ListSearch placeholder="项目名称、负责人、成效" params={params} update={update} width={220} />
        <AllianceSelect
          allowClear
          known={knownAlliance}
          value={params.allianceId}
          onChange={(v) => update({ allianceId: v })}
          style={{ width: 240 }}
        />
        <CountySelect allowClear value={params.regionId} onChange={(v) => update({ regionId: v })} style={{ width: 180 }} />
        <Select<number>
          allowClear
          placeholder="年度"
          value={year}
          onChange={(v) => update({ year: v ? String(v) : undefined })}
          options={yearOptions()}
          style={{ width: 100 }}
        />
        <Select
          allowClear
          placeholder="状态"
          value={params.status}
          onChange={(v) => update({ status: v })}
          options={projectStatuses.codes.map((c) => ({ value: c, label: projectStatuses.labels[c] }))}
          style={{ width: 100 }}
        />
      </div>
      {year ? <ProjectGapNote year={year} regionId={params.regionId} /> : null}
      <DataTable<CooperationProject>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          { key: 'year', title: '年度', sorter: true, sortDirections: ['descend', 'ascend'], dataIndex: 'year' },
          { key: 'name', title: '项目名称', sorter: true, render: (_, p) => <a onClick={() => open(p)}>{p.name}</a> },
          { key: 'alliance', title: '联盟', dataIndex: 'allianceName', sorter: true },
          { key: 'lead', title: '负责人', render: (_, p) => p.lead ?? '—' },
          {
            key: 'status',
            title: '状态',
            sorter: true,
            render: (_, p) => <Tag color={statusColors[p.status]}>{projectStatuses.label(p.status)}</Tag>,
          },
          {
            key: 'outcome',
            title: '项目成效',
            render: (_, p) =>
              p.outcome ? (
                <Typography.Paragraph ellipsis={{ rows: 2, tooltip: p.outcome }} style={{ margin: 0, maxWidth: 360 }}>
                  {p.outcome}
                </Typography.Paragraph>
              ) : (
                '—'
              ),
          },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, p) => (
              <RowActions name={p.name} onEdit={() => open(p)} onDelete={() => remove.mutateAsync({ id: p.id })} />
            ),
          },
        ]}
      />
      <CooperationProjectForm
        open={editor.open}
        project={editor.record}
        defaults={{ allianceId: knownAlliance[0]?.id, allianceName: knownAlliance[0]?.name, year }}
        onClose={editor.close}
      />
    </>
  );
}
