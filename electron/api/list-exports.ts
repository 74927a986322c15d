// 导出 Excel from any list screen: the list's own query (its filters and sort, exactly what
// the screen shows) goes to `lists.export`, which writes every page of it to one sheet in
// the report layout. Paging is the list's own; past `maxListExportRows` the clerk is sent
// to 报表导出, whose ledgers stream from SQL.
import { z } from 'zod';
import type { FilePayload } from './common';
import { def } from './define';
import { activityListQuery } from './activities';
import { allianceListQuery } from './alliances';
import { cooperationProjectListQuery } from './cooperation-projects';
import { awardListQuery, candidateListQuery, templateListQuery } from './evaluations';
import { problemListQuery } from './problems';
import { schoolListQuery } from './schools';
import { sharedCourseListQuery } from './shared-courses';
import { rectificationListQuery, supervisionListQuery } from './supervisions';
import { regionListQuery } from './regions';
import { teacherExchangeListQuery } from './teacher-exchanges';
import { auditLogQuery } from './system';

export const maxListExportRows = 100_000;

export const listExportInput = z.discriminatedUnion(
  'list',
  [
    z.object({ list: z.literal('schools'), query: schoolListQuery }),
    z.object({ list: z.literal('alliances'), query: allianceListQuery }),
    z.object({ list: z.literal('activities'), query: activityListQuery }),
    z.object({ list: z.literal('teacherExchanges'), query: teacherExchangeListQuery }),
    z.object({ list: z.literal('sharedCourses'), query: sharedCourseListQuery }),
    z.object({ list: z.literal('cooperationProjects'), query: cooperationProjectListQuery }),
    z.object({ list: z.literal('problems'), query: problemListQuery }),
    z.object({ list: z.literal('supervisions'), query: supervisionListQuery }),
    z.object({ list: z.literal('rectifications'), query: rectificationListQuery }),
    z.object({ list: z.literal('regions'), query: regionListQuery }),
    z.object({ list: z.literal('evaluationTemplates'), query: templateListQuery }),
    z.object({ list: z.literal('evaluationCandidates'), query: candidateListQuery }),
    z.object({ list: z.literal('awards'), query: awardListQuery }),
    z.object({ list: z.literal('auditLog'), query: auditLogQuery }),
  ],
  { message: '请选择要导出的列表' },
);
export type ListExportInput = z.infer<typeof listExportInput>;
export type ExportableList = ListExportInput['list'];

export const listExportsContract = {
  /** Every row the list's query selects, in its order, as one .xlsx sheet. */
  'lists.export': def(listExportInput).returns<FilePayload>({ long: true }),
} as const;
