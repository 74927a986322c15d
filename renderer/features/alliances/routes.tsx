import type { RouteObject } from 'react-router';
import { AllianceDetailPage } from './AllianceDetailPage';
import { AlliancesPage } from './AlliancesPage';

export const alliancesRoutes: RouteObject[] = [
  { path: '/alliances', element: <AlliancesPage /> },
  { path: '/alliances/:id', element: <AllianceDetailPage /> },
];
