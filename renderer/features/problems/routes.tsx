import type { RouteObject } from 'react-router';
import { ProblemsPage } from './ProblemsPage';

export const problemsRoutes: RouteObject[] = [{ path: '/problems', element: <ProblemsPage /> }];
