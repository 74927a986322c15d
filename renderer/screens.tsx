// Every screen but 首页: a second script, fetched the first time the clerk goes past 首页
// (or opens the app on another screen), so that the dashboard draws without waiting for it.
import type { RouteObject } from 'react-router';
import { plannedItems } from './navigation';
import { PlannedPage } from './features/planned/PlannedPage';
import { schoolsRoutes } from './features/schools/routes';
import { regionsRoutes } from './features/regions/routes';
import { settingsRoutes } from './features/settings/routes';
import { recycleBinRoutes } from './features/recycle-bin/routes';
import { auditLogRoutes } from './features/audit-log/routes';
import { teacherExchangesRoutes } from './features/teacher-exchanges/routes';
import { sharedCoursesRoutes } from './features/shared-courses/routes';
import { cooperationProjectsRoutes } from './features/cooperation-projects/routes';
import { alliancesRoutes } from './features/alliances/routes';
import { activitiesRoutes } from './features/activities/routes';
import { problemsRoutes } from './features/problems/routes';
import { remindersRoutes } from './features/reminders/routes';
import { supervisionsRoutes } from './features/supervisions/routes';
import { importsRoutes } from './features/imports/routes';
import { evaluationTemplatesRoutes } from './features/evaluation-templates/routes';
import { evaluationsRoutes } from './features/evaluations/routes';
import { awardsRoutes } from './features/awards/routes';
import { reportsRoutes } from './features/reports/routes';
import { auditPackagesRoutes } from './features/audit-packages/routes';

export const screenRoutes: RouteObject[] = [
  ...schoolsRoutes,
  ...regionsRoutes,
  ...settingsRoutes,
  ...recycleBinRoutes,
  ...auditLogRoutes,
  ...teacherExchangesRoutes,
  ...sharedCoursesRoutes,
  ...cooperationProjectsRoutes,
  ...alliancesRoutes,
  ...activitiesRoutes,
  ...problemsRoutes,
  ...supervisionsRoutes,
  ...remindersRoutes,
  ...importsRoutes,
  ...evaluationTemplatesRoutes,
  ...evaluationsRoutes,
  ...awardsRoutes,
  ...reportsRoutes,
  ...auditPackagesRoutes,
  ...plannedItems.map((item) => ({ path: item.path, element: <PlannedPage item={item} /> })),
];
