import { Badge, Layout, Menu, Spin, Typography } from 'antd';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useApi } from '../api/hooks';
import { navigation } from '../navigation';
import { PackageBanner } from '../features/audit-packages/PackageBanner';

const { Sider, Content, Header } = Layout;

export function AppLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const status = useApi('system.status', {});
  const settings = useApi('settings.get', {});
  const reminderCounts = useApi('reminders.counts', {}, { enabled: !!status.data?.homeChosen });
  const dueCount = (reminderCounts.data?.overdue ?? 0) + (reminderCounts.data?.dueSoon ?? 0);

  // A cached "no home region" may be stale right after the first-run screen set it: wait for
  // the refetch rather than bouncing the clerk back to that screen.
  if (status.isLoading || (status.isFetching && !status.data?.homeChosen)) {
    return <Spin fullscreen description="正在打开台账…" />;
  }
  // First run: the clerk picks the bureau's own region before anything else.
  if (status.data && !status.data.homeChosen && location.pathname !== '/setup') return <Navigate to="/setup" replace />;

  const selected = '/' + (location.pathname.split('/')[1] ?? '');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 16px 8px', fontWeight: 600, fontSize: 16 }}>教育联盟台账</div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          onClick={(e) => navigate(e.key)}
          items={navigation.map((g) => ({
            type: 'group' as const,
            key: g.label,
            label: g.label,
            children: g.items.map((i) => ({
              key: i.path,
              label:
                i.path === '/reminders' && dueCount > 0 ? (
                  <span>
                    {i.label} <Badge count={dueCount} overflowCount={999} size="small" title={`已逾期和即将到期的提醒 ${dueCount} 条`} />
                  </span>
                ) : (
                  i.label
                ),
            })),
          }))}
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0', height: 48, lineHeight: '48px' }}>
          <Typography.Text type="secondary">
            {settings.data?.reportingUnit || '未设置填报单位'}
            {settings.data?.operatorName ? ` · 操作人：${settings.data.operatorName}` : ''}
          </Typography.Text>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>
          {status.data?.package ? <PackageBanner pkg={status.data.package} /> : null}
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
