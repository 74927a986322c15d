import type { RouteObject } from 'react-router';
import { SharedCoursesPage } from './SharedCoursesPage';

export const sharedCoursesRoutes: RouteObject[] = [{ path: '/shared-courses', element: <SharedCoursesPage /> }];
