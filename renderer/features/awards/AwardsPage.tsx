import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Select } from 'antd';
import type { Award, AwardListQuery, AwardTarget } from '../../../electron/api/evaluations';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { yearOptions } from '../../components/ledger-filters';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { RowActions } from '../../components/RowActions';
import { useEditor } from '../../components/use-editor';
import { useListParams } from '../../components/use-list-params';
import { fmtDate } from '../../format';
import { AwardForm } from './AwardForm';
import { AwardTargetCell, targetOptions } from './labels';

type SortBy = AwardListQuery['sortBy'];

export function AwardsPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'year', sortOrder: 'desc' });
  const editor = useEditor<Award>();
  const remove = useApiMutation('awards.delete');
  const year = params.year ? Number(params.year) : undefined;
  const targetType = params.targetType as AwardTarget | undefined;
  const query: Args<'awards.list'> = { page, pageSize, search: params.search, year, targetType, ...sort };
  const { data, isFetching } = useApi('awards.list', query);

  const open = editor.edit;

  return (
    <>
      <PageHeader
        title="表彰"
        sub="优秀城乡教育联盟、示范学校、优秀校长和教师等表彰，按文件登记"
        extra={<ExportListButton list="awards" query={query} />}
        action={{ label: '登记表彰', onClick: () => open(null) }}
      />
      <div className="page-toolbar">
        <ListSearch placeholder="表彰名称、对象、文号" params={params} update={update} width={220} />
        <Select<number>
          allowClear
          placeholder="年度"
          value={year}
          onChange={(v) => update({ year: v ? String(v) : undefined })}
          options={yearOptions()}
          style={{ width: 100 }}
        />
        <Select<AwardTarget>
          allowClear
          placeholder="对象类型"
          value={targetType}
          onChange={(v) => update({ targetType: v })}
          options={targetOptions}
          style={{ width: 110 }}
        />
      </div>
      <DataTable<Award>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          { key: 'year', title: '年度', sorter: true, sortDirections: ['descend', 'ascend'], dataIndex: 'year' },
          { key: 'title', title: '表彰名称', sorter: true, render: (_, a) => <a onClick={() => open(a)}>{a.title}</a> },
          { key: 'target', title: '对象', sorter: true, render: (_, a) => <AwardTargetCell award={a} /> },
          { key: 'issuingBody', title: '发文单位', render: (_, a) => a.issuingBody ?? '—' },
          { key: 'documentNumber', title: '文号', render: (_, a) => a.documentNumber ?? '—' },
          { key: 'awardedOn', title: '表彰日期', render: (_, a) => fmtDate(a.awardedOn) },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, a) => <RowActions name={a.title} onEdit={() => open(a)} onDelete={() => remove.mutateAsync({ id: a.id })} />,
          },
        ]}
      />
      <AwardForm open={editor.open} award={editor.record} defaults={{ year, targetType }} onClose={editor.close} />
    </>
  );
}
