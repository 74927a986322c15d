import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A screen's title, a line of explanation, and its main action (新增…/登记…) on the right. */
export function PageHeader({
  title,
  extra,
  sub,
  action,
}: {
  title: ReactNode;
  extra?: ReactNode;
  sub?: ReactNode;
  action?: { label: string; onClick: () => void };
}) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', marginBottom: 16, gap: 12 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      <div style={{ flex: 1 }} />
      <Space>
        {extra}
        {action ? (
          <Button type="primary" onClick={action.onClick}>
            {action.label}
          </Button>
        ) : null}
      </Space>
    </div>
  );
}
