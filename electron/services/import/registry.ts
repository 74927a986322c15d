// Every import kind by its code (the CLI's word for it).
import type { ImportKind } from '../../api/imports';
import type { ImportKindSpec } from './kind';
import { activitiesImport } from './kinds/activities';
import { alliancesImport } from './kinds/alliances';
import { indicatorsImport } from './kinds/indicators';
import { problemsImport } from './kinds/problems';
import { schoolsImport } from './kinds/schools';
import { teacherExchangesImport } from './kinds/teacher-exchanges';

export const importKindSpecs: Record<ImportKind, ImportKindSpec> = {
  schools: schoolsImport,
  alliances: alliancesImport,
  activities: activitiesImport,
  'teacher-exchanges': teacherExchangesImport,
  problems: problemsImport,
  indicators: indicatorsImport,
};
