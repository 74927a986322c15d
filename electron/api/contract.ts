// THE contract: every API method, its input schema and its result type. The preload
// bridge, IPC handlers, loopback HTTP, the CLI and the renderer client all derive from
// this one map; adding a method is one entry here and one handler.
import type { z } from 'zod';
import type { HandlerContext } from './context';
import { activitiesContract } from './activities';
import { alliancesContract } from './alliances';
import { regionsContract } from './regions';
import { schoolsContract } from './schools';
import { settingsContract } from './settings';
import { systemContract } from './system';
import { teacherExchangesContract } from './teacher-exchanges';
import { sharedCoursesContract } from './shared-courses';
import { cooperationProjectsContract } from './cooperation-projects';
import { remindersContract } from './reminders';
import { supervisionsContract } from './supervisions';
import { problemsContract } from './problems';
import { importsContract } from './imports';
import { evaluationsContract } from './evaluations';
import { listExportsContract } from './list-exports';
import { reportsContract } from './reports';
import { dashboardContract } from './dashboard';
import { backupsContract } from './backups';
import { connectionContract } from './connection';
import { auditPackagesContract } from './audit-packages';

export const contract = {
  ...activitiesContract,
  ...alliancesContract,
  ...regionsContract,
  ...schoolsContract,
  ...settingsContract,
  ...systemContract,
  ...teacherExchangesContract,
  ...sharedCoursesContract,
  ...cooperationProjectsContract,
  ...supervisionsContract,
  ...problemsContract,
  ...importsContract,
  ...remindersContract,
  ...evaluationsContract,
  ...listExportsContract,
  ...connectionContract,
  ...reportsContract,
  ...dashboardContract,
  ...backupsContract,
  ...auditPackagesContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a handler receives: the schema's output, after defaults and transforms. */
export type Input<M extends Method> = z.output<Contract[M]['input']>;
/** What a caller sends: the schema's input, before defaults. */
export type Args<M extends Method> = z.input<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M]['output'];

export type Handlers<C extends HandlerContext = HandlerContext> = {
  [M in Method]: (input: Input<M>, ctx: C) => Promise<Output<M>>;
};

/** The methods of one feature, by prefix: FeatureMethods<'schools'> = 'schools.list' | … */
export type FeatureMethods<P extends string> = Extract<Method, `${P}.${string}`>;
export type FeatureHandlers<P extends string, C extends HandlerContext = HandlerContext> = Pick<
  Handlers<C>,
  FeatureMethods<P>
>;
