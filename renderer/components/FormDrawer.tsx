// The drawer every create/edit form opens in: title, 取消 and 保存 at the top right.
import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';

export function FormDrawer({
  title,
  open,
  onClose,
  onSave,
  saving,
  width = 640,
  children,
}: {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onSave: () => void;
  saving: boolean;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={width}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={onSave} loading={saving}>
            保存
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
