// Every feature's handlers in one map, typed against the contract: a method without a
// handler, or a handler for a method that does not exist, fails to compile.
import type { Handlers } from '../api/contract';
import type { Ctx } from './context';
import { alliancesHandlers } from './alliances-handlers';
import { activitiesHandlers } from './activities-handlers';
import { regionsHandlers } from './regions-handlers';
import { schoolsHandlers } from './schools-handlers';
import { settingsHandlers } from './settings-handlers';
import { systemHandlers } from './system-handlers';
import { teacherExchangesHandlers } from './teacher-exchanges-handlers';
import { sharedCoursesHandlers } from './shared-courses-handlers';
import { cooperationProjectsHandlers } from './cooperation-projects-handlers';
import { remindersHandlers } from './reminders-handlers';
import { supervisionsHandlers } from './supervisions-handlers';
import { problemsHandlers } from './problems-handlers';
import { importsHandlers } from './imports-handlers';
import { reportsHandlers } from './reports-handlers';
import { awardsHandlers, evaluationsHandlers, evaluationTemplatesHandlers } from './evaluations-handlers';
import { listExportsHandlers } from './list-exports-handlers';
import { dashboardHandlers } from './dashboard-handlers';
import { backupsHandlers } from './backups-handlers';
import { connectionHandlers } from './connection-handlers';
import { auditPackagesHandlers } from './audit-packages-handlers';

export const handlers: Handlers<Ctx> = {
  ...activitiesHandlers,
  ...alliancesHandlers,
  ...regionsHandlers,
  ...schoolsHandlers,
  ...settingsHandlers,
  ...systemHandlers,
  ...teacherExchangesHandlers,
  ...sharedCoursesHandlers,
  ...cooperationProjectsHandlers,
  ...supervisionsHandlers,
  ...problemsHandlers,
  ...importsHandlers,
  ...remindersHandlers,
  ...evaluationTemplatesHandlers,
  ...evaluationsHandlers,
  ...awardsHandlers,
  ...listExportsHandlers,
  ...reportsHandlers,
  ...dashboardHandlers,
  ...backupsHandlers,
  ...connectionHandlers,
  ...auditPackagesHandlers,
};
