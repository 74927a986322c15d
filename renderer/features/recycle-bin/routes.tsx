import type { RouteObject } from 'react-router';
import { RecycleBinPage } from './RecycleBinPage';

export const recycleBinRoutes: RouteObject[] = [{ path: '/recycle-bin', element: <RecycleBinPage /> }];
