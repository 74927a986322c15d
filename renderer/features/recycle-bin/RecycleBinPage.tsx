import { App, Select } from 'antd';
import { recyclableEntities, type DeletedRecord, type RecyclableEntity } from '../../../electron/api/system';
import { useAccess } from '../../api/access';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/use-list-params';
import { fmtTime } from '../../format';

export function RecycleBinPage() {
  const { params, update, page, pageSize } = useListParams();
  const { message } = App.useApp();
  const restore = useApiMutation('recycleBin.restore');
  // 恢复 needs a reviewer or administrator on a shared server (the database enforces it).
  const { canRestore } = useAccess();
  const { data, isFetching } = useApi('recycleBin.list', {
    page,
    pageSize,
    entity: params.entity as RecyclableEntity | undefined,
  });
  return (
    <>
      <PageHeader
        title="回收站"
        sub={canRestore ? '删除的记录保留在这里，可以随时恢复' : '删除的记录保留在这里；恢复需要审核员或管理员权限'}
      />
      <div className="page-toolbar">
        <Select
          allowClear
          placeholder="记录类型"
          value={params.entity}
          onChange={(v) => update({ entity: v })}
          style={{ width: 160 }}
          options={Object.entries(recyclableEntities).map(([value, label]) => ({ value, label }))}
        />
      </div>
      <DataTable<DeletedRecord & { key?: string }>
        rowKey={(r) => `${r.entity}:${r.id}`}
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          { key: 'entity', title: '类型', render: (_, r) => recyclableEntities[r.entity] },
          { key: 'label', title: '记录', dataIndex: 'label' },
          { key: 'deletedAt', title: '删除时间', render: (_, r) => fmtTime(r.deletedAt) },
          ...(canRestore
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  render: (_: unknown, r: DeletedRecord) => (
                    <a
                      onClick={async () => {
                        try {
                          await restore.mutateAsync({ entity: r.entity, id: r.id });
                          message.success(`已恢复：${r.label}`);
                        } catch (e) {
                          message.error((e as Error).message);
                        }
                      }}
                    >
                      恢复
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
