import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Checkbox, Select, Space, Tag } from 'antd';
import type { School } from '../../../electron/api/schools';
import { localities, stages, type Locality, type Stage } from '../../../electron/api/enums';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { CountySelect } from '../../components/pickers';
import { RowActions } from '../../components/RowActions';
import { useEditor } from '../../components/use-editor';
import { useListParams } from '../../components/use-list-params';
import { fmtNumber } from '../../format';
import { SchoolForm } from './SchoolForm';

type SortBy = 'name' | 'code' | 'region' | 'stage' | 'students' | 'teachers' | 'updatedAt';

export function SchoolsPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'name', sortOrder: 'asc' });
  const editor = useEditor<School>();
  const remove = useApiMutation('schools.delete');
  const query: Args<'schools.list'> = {
    page,
    pageSize,
    search: params.search,
    regionId: params.regionId,
    stage: params.stage as Stage | undefined,
    locality: params.locality as Locality | undefined,
    includeClosed: params.includeClosed === '1',
    ...sort,
  };
  const { data, isFetching } = useApi('schools.list', query);

  const open = editor.edit;

  return (
    <>
      <PageHeader
        title="学校"
        sub="本辖区学校名录"
        extra={<ExportListButton list="schools" query={query} />}
        action={{ label: '新增学校', onClick: () => open(null) }}
      />
      <div className="page-toolbar">
        <ListSearch placeholder="校名、标识码、校长、地址" params={params} update={update} width={260} />
        <CountySelect allowClear value={params.regionId} onChange={(v) => update({ regionId: v })} style={{ width: 200 }} />
        <Select
          allowClear
          placeholder="学段"
          value={params.stage}
          onChange={(v) => update({ stage: v })}
          options={stages.codes.map((c) => ({ value: c, label: stages.labels[c] }))}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder="城乡属性"
          value={params.locality}
          onChange={(v) => update({ locality: v })}
          options={localities.codes.map((c) => ({ value: c, label: localities.labels[c] }))}
          style={{ width: 110 }}
        />
        <Checkbox checked={params.includeClosed === '1'} onChange={(e) => update({ includeClosed: e.target.checked ? '1' : undefined })}>
          含已撤并
        </Checkbox>
      </div>
      <DataTable<School>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          {
            key: 'name',
            title: '学校名称',
            sorter: true,
            render: (_, s) => (
              <Space size={4}>
                <a onClick={() => open(s)}>{s.name}</a>
                {s.isWeak ? <Tag color="orange">薄弱校</Tag> : null}
                {s.isNew ? <Tag color="blue">新建校</Tag> : null}
                {s.closedOn ? <Tag>已撤并 {s.closedOn}</Tag> : null}
              </Space>
            ),
          },
          { key: 'code', title: '学校标识码', dataIndex: 'code', sorter: true },
          { key: 'region', title: '所在县区', dataIndex: 'regionName', sorter: true },
          { key: 'stage', title: '学段', sorter: true, render: (_, s) => stages.label(s.stage) },
          { key: 'locality', title: '城乡', render: (_, s) => localities.label(s.locality) },
          { key: 'students', title: '学生数', sorter: true, align: 'right', render: (_, s) => fmtNumber(s.students) },
          { key: 'teachers', title: '教师数', sorter: true, align: 'right', render: (_, s) => fmtNumber(s.teachers) },
          { key: 'alliances', title: '所在联盟数', align: 'right', dataIndex: 'allianceCount' },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, s) => (
              <RowActions name={s.name} onEdit={() => open(s)} onDelete={() => remove.mutateAsync({ id: s.id })} />
            ),
          },
        ]}
      />
      <SchoolForm open={editor.open} school={editor.record} onClose={editor.close} />
    </>
  );
}
