// Every area of domain.md, as the clerk finds it in the menu. Areas whose screens come in
// later versions are listed with `planned` and open a page saying what they will hold.
export interface NavItem {
  path: string;
  label: string;
  planned?: string;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

export const navigation: NavGroup[] = [
  { label: '概览', items: [{ path: '/', label: '首页' }] },
  {
    label: '联盟台账',
    items: [
      { path: '/alliances', label: '联盟' },
      { path: '/activities', label: '交流活动' },
      { path: '/teacher-exchanges', label: '教师交流' },
      { path: '/shared-courses', label: '课程共享' },
      { path: '/cooperation-projects', label: '合作项目' },
    ],
  },
  {
    label: '基础信息',
    items: [
      { path: '/schools', label: '学校' },
      { path: '/regions', label: '行政区划' },
    ],
  },
  {
    label: '督导整改',
    items: [
      { path: '/problems', label: '问题清单' },
      { path: '/supervisions', label: '督导' },
      { path: '/reminders', label: '提醒' },
      { path: '/audit-packages', label: '外出督导包' },
      { path: '/package-merge', label: '合并督导包' },
    ],
  },
  {
    label: '考核表彰',
    items: [
      { path: '/evaluation-templates', label: '评价模板' },
      { path: '/evaluations', label: '考核评价' },
      { path: '/awards', label: '表彰' },
    ],
  },
  {
    label: '报表',
    items: [
      { path: '/reports', label: '报表导出' },
      { path: '/imports', label: '数据导入' },
    ],
  },
  {
    label: '系统',
    items: [
      { path: '/recycle-bin', label: '回收站' },
      { path: '/audit-log', label: '操作日志' },
      { path: '/settings', label: '设置' },
    ],
  },
];

export const plannedItems = navigation.flatMap((g) => g.items).filter((i) => i.planned);
