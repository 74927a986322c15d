import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Button, Select, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { supervisionConclusions, supervisionKinds } from '../../../electron/api/enums';
import type { Supervision, SupervisionConclusion, SupervisionKind, supervisionSortKeys } from '../../../electron/api/supervisions';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { RowActions } from '../../components/RowActions';
import { useEditor } from '../../components/use-editor';
import { boolParam, useListParams } from '../../components/use-list-params';
import { ConclusionTag, TargetTag, optionsOf } from './labels';
import { SupervisionForm } from './SupervisionForm';

type SortBy = (typeof supervisionSortKeys)[number];

export function SupervisionsPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'date', sortOrder: 'desc' });
  const editor = useEditor<Supervision>();
  const navigate = useNavigate();
  const remove = useApiMutation('supervisions.delete');
  const query: Args<'supervisions.list'> = {
    page,
    pageSize,
    search: params.search,
    kind: params.kind as SupervisionKind | undefined,
    conclusion: params.conclusion as SupervisionConclusion | undefined,
    open: boolParam(params.open),
    ...sort,
  };
  const { data, isFetching } = useApi('supervisions.list', query);

  return (
    <>
      <PageHeader
        title="督导"
        sub="专项督导、年度督导和视导，整改通知书与约谈"
        extra={
          <Space>
            <ExportListButton list="supervisions" query={query} />
            <Link to="/supervisions/rectifications">整改通知书台账</Link>
            <Button type="primary" onClick={() => editor.edit(null)}>
              登记督导
            </Button>
          </Space>
        }
      />
      <div className="page-toolbar">
        <ListSearch placeholder="督导对象、督导组成员、主要问题" params={params} update={update} width={260} />
        <Select
          allowClear
          placeholder="督导类型"
          value={params.kind}
          onChange={(v) => update({ kind: v })}
          options={optionsOf(supervisionKinds)}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder="督导结论"
          value={params.conclusion}
          onChange={(v) => update({ conclusion: v })}
          options={optionsOf(supervisionConclusions)}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder="整改情况"
          value={params.open}
          onChange={(v) => update({ open: v })}
          options={[{ value: '1', label: '有未销号的整改' }]}
          style={{ width: 160 }}
        />
      </div>
      <DataTable<Supervision>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          {
            key: 'date',
            title: '督导日期',
            sorter: true,
            sortDirections: ['descend', 'ascend'],
            render: (_, s) => <Link to={`/supervisions/${s.id}`}>{s.date}</Link>,
          },
          { key: 'kind', title: '督导类型', sorter: true, render: (_, s) => supervisionKinds.label(s.kind) },
          {
            key: 'target',
            title: '督导对象',
            sorter: true,
            render: (_, s) => (
              <Space size={4}>
                <TargetTag kind={s.targetKind} />
                <Link to={`/supervisions/${s.id}`}>{s.targetLabel}</Link>
              </Space>
            ),
          },
          { key: 'inspectors', title: '督导组成员', render: (_, s) => s.inspectors ?? '—' },
          {
            key: 'findings',
            title: '主要问题',
            render: (_, s) =>
              s.findings ? (
                <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s.findings }} style={{ margin: 0, maxWidth: 220 }}>
                  {s.findings}
                </Typography.Paragraph>
              ) : (
                '—'
              ),
          },
          { key: 'conclusion', title: '结论', render: (_, s) => <ConclusionTag conclusion={s.conclusion} /> },
          {
            key: 'notices',
            title: '整改通知书',
            render: (_, s) =>
              s.rectificationCount === 0 ? (
                '—'
              ) : (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {s.rectificationCount} 份
                  {s.openRectifications > 0 ? (
                    <Typography.Text type="warning">（未销号 {s.openRectifications}）</Typography.Text>
                  ) : (
                    <Typography.Text type="success">（已全部销号）</Typography.Text>
                  )}
                </span>
              ),
          },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, s) => (
              <RowActions
                name={`${s.date} ${s.targetLabel}督导`}
                onEdit={() => editor.edit(s)}
                onDelete={() => remove.mutateAsync({ id: s.id })}
              />
            ),
          },
        ]}
      />
      <SupervisionForm
        open={editor.open}
        supervision={editor.record}
        onClose={editor.close}
        onSaved={(s) => (editor.record ? undefined : navigate(`/supervisions/${s.id}`))}
      />
    </>
  );
}
