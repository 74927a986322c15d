import type { RouteObject } from 'react-router';
import { RectificationsPage } from './RectificationsPage';
import { SupervisionDetailPage } from './SupervisionDetailPage';
import { SupervisionsPage } from './SupervisionsPage';

export const supervisionsRoutes: RouteObject[] = [
  { path: '/supervisions', element: <SupervisionsPage /> },
  { path: '/supervisions/rectifications', element: <RectificationsPage /> },
  { path: '/supervisions/:id', element: <SupervisionDetailPage /> },
];
