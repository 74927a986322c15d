import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Select, Space } from 'antd';
import { Link } from 'react-router';
import type { Alliance } from '../../../electron/api/alliances';
import { allianceKinds, allianceStatuses, type AllianceKind, type AllianceStatus } from '../../../electron/api/enums';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { CountySelect } from '../../components/pickers';
import { RowActions } from '../../components/RowActions';
import { useEditor } from '../../components/use-editor';
import { boolParam, useListParams } from '../../components/use-list-params';
import { fmtDate } from '../../format';
import { AllianceForm } from './AllianceForm';
import { CrossRegionTag, KindTag, leadName, ModeTags, QualityTags, StatusTag } from './labels';

type SortBy = 'name' | 'kind' | 'establishedOn' | 'memberCount' | 'updatedAt';

export function AlliancesPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'name', sortOrder: 'asc' });
  const editor = useEditor<Alliance>();
  const remove = useApiMutation('alliances.delete');
  const query: Args<'alliances.list'> = {
    page,
    pageSize,
    search: params.search,
    kind: params.kind as AllianceKind | undefined,
    status: params.status as AllianceStatus | undefined,
    regionId: params.regionId,
    crossRegion: boolParam(params.crossRegion),
    ...sort,
  };
  const { data, isFetching } = useApi('alliances.list', query);

  const open = editor.edit;

  return (
    <>
      <PageHeader
        title="联盟"
        sub="城乡教育联盟、教育集团、教共体台账"
        extra={<ExportListButton list="alliances" query={query} />}
        action={{ label: '新增联盟', onClick: () => open(null) }}
      />
      <div className="page-toolbar">
        <ListSearch placeholder="联盟名称" params={params} update={update} width={220} />
        <Select
          allowClear
          placeholder="联盟类型"
          value={params.kind}
          onChange={(v) => update({ kind: v })}
          options={allianceKinds.codes.map((c) => ({ value: c, label: allianceKinds.labels[c] }))}
          style={{ width: 140 }}
        />
        <CountySelect
          allowClear
          placeholder="成员所在县区"
          value={params.regionId}
          onChange={(v) => update({ regionId: v })}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          placeholder="状态"
          value={params.status}
          onChange={(v) => update({ status: v })}
          options={allianceStatuses.codes.map((c) => ({ value: c, label: allianceStatuses.labels[c] }))}
          style={{ width: 110 }}
        />
        <Select
          allowClear
          placeholder="是否跨区域"
          value={params.crossRegion}
          onChange={(v) => update({ crossRegion: v })}
          options={[
            { value: '1', label: '跨区域' },
            { value: '0', label: '不跨区域' },
          ]}
          style={{ width: 120 }}
        />
      </div>
      <DataTable<Alliance>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          {
            key: 'name',
            title: '联盟名称',
            sorter: true,
            render: (_, a) => (
              <Space size={4}>
                <Link to={`/alliances/${a.id}`}>{a.name}</Link>
                {a.status === 'dissolved' ? <StatusTag alliance={a} /> : null}
              </Space>
            ),
          },
          { key: 'kind', title: '类型', sorter: true, render: (_, a) => <KindTag kind={a.kind} /> },
          { key: 'modes', title: '办学模式', render: (_, a) => <ModeTags modes={a.modes} /> },
          { key: 'lead', title: '牵头学校/县区', render: (_, a) => leadName(a) },
          {
            key: 'memberCount',
            title: '成员数',
            sorter: true,
            render: (_, a) => (
              <Space size={6}>
                <span style={{ display: 'inline-block', minWidth: 20, textAlign: 'right' }}>{a.memberCount}</span>
                <CrossRegionTag alliance={a} />
              </Space>
            ),
          },
          { key: 'establishedOn', title: '成立时间', sorter: true, render: (_, a) => fmtDate(a.establishedOn) },
          { key: 'quality', title: '优质集团认定', render: (_, a) => <QualityTags ratings={a.qualityRatings} /> },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, a) => (
              <RowActions name={a.name} onEdit={() => open(a)} onDelete={() => remove.mutateAsync({ id: a.id })} />
            ),
          },
        ]}
      />
      <AllianceForm open={editor.open} alliance={editor.record} onClose={editor.close} />
    </>
  );
}
