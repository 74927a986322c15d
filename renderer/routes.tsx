// Screens with URLs (hash routing, so the same build works from app://, the loopback
// server and a file). Each feature owns its routes; planned areas show what they will hold.
import { createHashRouter, type RouteObject } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { plannedItems } from './navigation';
import { PlannedPage } from './features/planned/PlannedPage';
import { homeRoutes } from './features/home/routes';
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
import { SetupPage } from './features/setup/SetupPage';

const featureRoutes: RouteObject[] = [
  ...homeRoutes,
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
];

export const router = createHashRouter([
  { path: '/setup', element: <SetupPage /> },
  {
    element: <AppLayout />,
    children: [...featureRoutes, ...plannedItems.map((item) => ({ path: item.path, element: <PlannedPage item={item} /> }))],
  },
]);
