// Pickers that search the database as the clerk types, instead of loading whole tables.
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/hooks';
import { stages } from '../../electron/api/enums';

type PickerProps = Omit<SelectProps, 'options' | 'onSearch' | 'filterOption' | 'showSearch'>;

/** County-level regions (县、区、县级市), the unit schools belong to. */
export function CountySelect(props: PickerProps) {
  const { data, isLoading } = useApi('regions.list', { level: 'county', pageSize: 1000, sortBy: 'code' });
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择县（市、区）"
      loading={isLoading}
      options={(data?.rows ?? []).map((r) => ({ value: r.id, label: r.parentName ? `${r.name}（${r.parentName}）` : r.name }))}
      {...props}
    />
  );
}

/** Any region, for parents in the region tree and county-alliance members. */
export function RegionSelect({ level, ...props }: PickerProps & { level?: 'province' | 'city' | 'county' }) {
  const { data, isLoading } = useApi('regions.list', { level, pageSize: 1000, sortBy: 'code' });
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择行政区划"
      loading={isLoading}
      options={(data?.rows ?? []).map((r) => ({ value: r.id, label: r.name }))}
      {...props}
    />
  );
}

/**
 * Schools by name, searched in SQL as the clerk types. `known` supplies labels for ids
 * already chosen (an edit form's values), so they show as names before any search.
 */
export function SchoolSelect({
  known = [],
  allianceId,
  ...props
}: PickerProps & { known?: { id: string; name: string }[]; allianceId?: string }) {
  const [search, setSearch] = useState('');
  const { data, isFetching } = useApi('schools.list', { search: search || undefined, allianceId, pageSize: 30 });
  const options = new Map<string, string>();
  for (const k of known) options.set(k.id, k.name);
  for (const s of data?.rows ?? []) options.set(s.id, `${s.name}（${s.regionName}·${stages.label(s.stage)}）`);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder="输入校名搜索"
      loading={isFetching}
      notFoundContent={isFetching ? '搜索中…' : '没有找到学校'}
      options={[...options].map(([value, label]) => ({ value, label }))}
      {...props}
    />
  );
}

/** Alliances by name, searched in SQL as the clerk types. */
export function AllianceSelect({ known = [], ...props }: PickerProps & { known?: { id: string; name: string }[] }) {
  const [search, setSearch] = useState('');
  const { data, isFetching } = useApi('alliances.list', { search: search || undefined, pageSize: 30 });
  const options = new Map<string, string>();
  for (const k of known) options.set(k.id, k.name);
  for (const a of data?.rows ?? []) options.set(a.id, a.name);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder="输入联盟名称搜索"
      loading={isFetching}
      notFoundContent={isFetching ? '搜索中…' : '没有找到联盟'}
      options={[...options].map(([value, label]) => ({ value, label }))}
      {...props}
    />
  );
}
