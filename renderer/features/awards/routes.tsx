import type { RouteObject } from 'react-router';
import { AwardsPage } from './AwardsPage';

export const awardsRoutes: RouteObject[] = [{ path: '/awards', element: <AwardsPage /> }];
