import type { RouteObject } from 'react-router';
import { AuditPackagesPage } from './AuditPackagesPage';
import { MergePackagePage } from './MergePackagePage';

export const auditPackagesRoutes: RouteObject[] = [
  { path: '/audit-packages', element: <AuditPackagesPage /> },
  { path: '/package-merge', element: <MergePackagePage /> },
];
