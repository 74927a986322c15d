// Screens with URLs (hash routing, so the same build works from app://, the loopback
// server and a file). Each feature owns its routes; planned areas show what they will hold.
import { createHashRouter, type RouteObject } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { plannedItems } from './navigation';
import { PlannedPage } from './features/planned/PlannedPage';
import { homeRoutes } from './features/home/routes';
import { schoolsRoutes } from './features/schools/routes';
import { regionsRoutes } from './features/regions/routes';
import { settingsRoutes } from './features/settings/routes';
import { recycleBinRoutes } from './features/recycle-bin/routes';
import { auditLogRoutes } from './features/audit-log/routes';
import { SetupPage } from './features/setup/SetupPage';

const featureRoutes: RouteObject[] = [
  ...homeRoutes,
  ...schoolsRoutes,
  ...regionsRoutes,
  ...settingsRoutes,
  ...recycleBinRoutes,
  ...auditLogRoutes,
  // Being built now:
  ...['/alliances', '/activities', '/teacher-exchanges', '/shared-courses', '/cooperation-projects'].map((path) => ({
    path,
    element: <PlannedPage item={{ path, label: '建设中', planned: '正在建设' }} />,
  })),
];

export const router = createHashRouter([
  { path: '/setup', element: <SetupPage /> },
  {
    element: <AppLayout />,
    children: [...featureRoutes, ...plannedItems.map((item) => ({ path: item.path, element: <PlannedPage item={item} /> }))],
  },
]);
