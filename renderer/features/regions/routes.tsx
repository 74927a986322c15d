import type { RouteObject } from 'react-router';
import { RegionsPage } from './RegionsPage';

export const regionsRoutes: RouteObject[] = [{ path: '/regions', element: <RegionsPage /> }];
