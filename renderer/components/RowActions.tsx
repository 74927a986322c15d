// The 编辑 / 删除 links at the end of a list row; deleting asks first and says where the
// record went (回收站).
import { App, Popconfirm, Space } from 'antd';
import type { ReactNode } from 'react';

export function RowActions({
  name,
  onEdit,
  onDelete,
  extra,
}: {
  /** How the record is called in the confirmation, e.g. the school's name. */
  name: string;
  onEdit?: () => void;
  onDelete?: () => Promise<unknown>;
  extra?: ReactNode;
}) {
  const { message } = App.useApp();
  return (
    <Space>
      {extra}
      {onEdit ? <a onClick={onEdit}>编辑</a> : null}
      {onDelete ? (
        <Popconfirm
          title={`删除“${name}”？`}
          description="删除后可在回收站恢复"
          onConfirm={async () => {
            try {
              await onDelete();
              message.success('已移入回收站');
            } catch (e) {
              message.error((e as Error).message);
            }
          }}
        >
          <a>删除</a>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
