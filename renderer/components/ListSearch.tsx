// A list's free-text box: the text lives in the URL (`search`) like every other filter.
import { Input } from 'antd';
import type { ListParams } from './use-list-params';

export function ListSearch({
  placeholder,
  params,
  update,
  width = 220,
  field = 'search',
}: {
  placeholder: string;
  params: ListParams;
  update: (patch: ListParams) => void;
  width?: number;
  field?: string;
}) {
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      defaultValue={params[field]}
      onSearch={(v) => update({ [field]: v })}
      style={{ width }}
    />
  );
}
