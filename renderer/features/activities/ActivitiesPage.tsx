import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Select } from 'antd';
import type { Activity, activitySortKeys } from '../../../electron/api/activities';
import type { ActivityCategory } from '../../../electron/api/enums';
import { termLabel } from '../../../electron/api/terms';
import { useApi } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { useKnownAlliance } from '../../components/ledger-filters';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { AllianceSelect, CountySelect } from '../../components/pickers';
import { useEditor } from '../../components/use-editor';
import { boolParam, useListParams } from '../../components/use-list-params';
import { ActivityForm } from './ActivityForm';
import { useActivityColumns } from './activity-columns';
import { categoryOptions } from './labels';

type SortBy = (typeof activitySortKeys)[number];

export function ActivitiesPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'date', sortOrder: 'desc' });
  const editor = useEditor<Activity>();
  const knownAlliance = useKnownAlliance(params.allianceId);
  const terms = useApi('activities.terms', {});
  const query: Args<'activities.list'> = {
    page,
    pageSize,
    search: params.search,
    allianceId: params.allianceId,
    regionId: params.regionId,
    term: params.term,
    category: params.category as ActivityCategory | undefined,
    leadershipVisit: boolParam(params.leadershipVisit),
    ...sort,
  };
  const { data, isFetching } = useApi('activities.list', query);

  const open = editor.edit;
  const columns = useActivityColumns({ onOpen: open });
  // A term from a link (the dashboard) shows even before the list of terms arrives.
  const termValues = [...new Set([...(params.term ? [params.term] : []), ...(terms.data ?? [])])];

  return (
    <>
      <PageHeader
        title="交流活动"
        sub="联盟交流活动台账"
        extra={<ExportListButton list="activities" query={query} />}
        action={{ label: '登记活动', onClick: () => open(null) }}
      />
      <div className="page-toolbar">
        <ListSearch placeholder="主题、内容、成效、学校或联盟名称" params={params} update={update} width={280} />
        <AllianceSelect
          allowClear
          known={knownAlliance}
          value={params.allianceId}
          onChange={(v) => update({ allianceId: v })}
          style={{ width: 230 }}
        />
        <CountySelect allowClear value={params.regionId} onChange={(v) => update({ regionId: v })} style={{ width: 170 }} />
        <Select
          allowClear
          placeholder="学期"
          value={params.term}
          onChange={(v) => update({ term: v })}
          loading={terms.isLoading}
          options={termValues.map((t) => ({ value: t, label: termLabel(t) }))}
          notFoundContent="还没有活动"
          style={{ width: 210 }}
        />
        <Select
          allowClear
          placeholder="活动类别"
          value={params.category}
          onChange={(v) => update({ category: v })}
          options={categoryOptions}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder="校级领导互访"
          value={params.leadershipVisit}
          onChange={(v) => update({ leadershipVisit: v })}
          options={[
            { value: '1', label: '仅领导互访' },
            { value: '0', label: '不含领导互访' },
          ]}
          style={{ width: 140 }}
        />
      </div>
      <DataTable<Activity>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={columns}
      />
      <ActivityForm
        open={editor.open}
        activity={editor.record}
        defaults={knownAlliance[0] ? { allianceId: knownAlliance[0].id, allianceName: knownAlliance[0].name } : undefined}
        onClose={editor.close}
      />
    </>
  );
}
