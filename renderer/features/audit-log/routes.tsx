import type { RouteObject } from 'react-router';
import { AuditLogPage } from './AuditLogPage';

export const auditLogRoutes: RouteObject[] = [{ path: '/audit-log', element: <AuditLogPage /> }];
