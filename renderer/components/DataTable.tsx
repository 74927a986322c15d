// A server-paged, server-sorted table: antd's Table wired to the list's URL parameters.
import { Table, type TableColumnsType, type TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { Page } from '../../electron/api/common';
import type { ListParams } from './use-list-params';

interface Props<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'onChange' | 'columns'> {
  columns: TableColumnsType<T>;
  data: Page<T> | undefined;
  loading: boolean;
  params: ListParams;
  update: (patch: ListParams, resetPage?: boolean) => void;
}

export function DataTable<T extends { id: string }>({ columns, data, loading, params, update, ...rest }: Props<T>) {
  // Show the current sort on the column whose key matches sortBy.
  const sorted = columns.map((c) =>
    c.key && c.key === params.sortBy
      ? { ...c, sortOrder: params.sortOrder === 'desc' ? ('descend' as const) : ('ascend' as const) }
      : { ...c, sortOrder: c.sorter ? null : undefined },
  );
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      columns={sorted}
      dataSource={data?.rows ?? []}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (total) => `共 ${total.toLocaleString('zh-CN')} 条`,
      }}
      onChange={(pagination, _filters, sorter) => {
        const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
        const sortBy = s?.order ? String(s.columnKey ?? '') : undefined;
        update(
          {
            page: String(pagination.current ?? 1),
            pageSize: String(pagination.pageSize ?? 20),
            sortBy,
            sortOrder: s?.order === 'descend' ? 'desc' : s?.order === 'ascend' ? 'asc' : undefined,
          },
          false,
        );
      }}
      {...rest}
    />
  );
}
