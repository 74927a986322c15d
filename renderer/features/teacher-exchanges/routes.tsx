import type { RouteObject } from 'react-router';
import { TeacherExchangesPage } from './TeacherExchangesPage';

export const teacherExchangesRoutes: RouteObject[] = [{ path: '/teacher-exchanges', element: <TeacherExchangesPage /> }];
