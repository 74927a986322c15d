import type { RouteObject } from 'react-router';
import { ActivitiesPage } from './ActivitiesPage';

export const activitiesRoutes: RouteObject[] = [{ path: '/activities', element: <ActivitiesPage /> }];
