import type { RouteObject } from 'react-router';
import { SchoolsPage } from './SchoolsPage';

export const schoolsRoutes: RouteObject[] = [{ path: '/schools', element: <SchoolsPage /> }];
