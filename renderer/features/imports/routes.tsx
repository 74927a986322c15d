import type { RouteObject } from 'react-router';
import { ImportsPage } from './ImportsPage';

export const importsRoutes: RouteObject[] = [{ path: '/imports', element: <ImportsPage /> }];
