import { Alert, Badge, Layout, Menu, Spin, Typography } from 'antd';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { loginLabel } from '../api/access';
import { useApi, useFirstDataArrived } from '../api/hooks';
import { navigation } from '../navigation';
import { PackageBanner } from '../features/audit-packages/PackageBanner';

const { Sider, Content, Header } = Layout;

export function AppLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const status = useApi('system.status', {});
  const settings = useApi('settings.get', {});
  // The saved server could not be used at start: the clerk is on the local file and must know.
  const connection = useApi('connection.get', {});
  const firstDataArrived = useFirstDataArrived();
  const reminderCounts = useApi('reminders.counts', {}, { enabled: !!status.data?.homeChosen && firstDataArrived });
  const dueCount = (reminderCounts.data?.overdue ?? 0) + (reminderCounts.data?.dueSoon ?? 0);

  // The screen renders (and asks for its data) while the status is on its way; only a ledger
  // without a home region sends the clerk to the first-run screen. A cached "no home region"
  // may be stale right after that screen set it: wait for the refetch rather than bouncing
  // the clerk back there.
  if (status.data && !status.data.homeChosen && status.isFetching) {
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
            {status.data?.access.login
              ? ` · 登录：${loginLabel(status.data.access)}`
              : settings.data?.operatorName
                ? ` · 操作人：${settings.data.operatorName}`
                : ''}
          </Typography.Text>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>
          {status.data?.package ? <PackageBanner pkg={status.data.package} /> : null}
          {connection.data?.startupProblem && (
            <Alert
              type="error"
              showIcon
              banner
              style={{ marginBottom: 16 }}
              title={connection.data.startupProblem}
              action={<Link to="/settings">去设置</Link>}
            />
          )}
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
