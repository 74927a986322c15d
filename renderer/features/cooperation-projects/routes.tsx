import type { RouteObject } from 'react-router';
import { CooperationProjectsPage } from './CooperationProjectsPage';

export const cooperationProjectsRoutes: RouteObject[] = [{ path: '/cooperation-projects', element: <CooperationProjectsPage /> }];
