// 合作项目: a named joint project of an alliance in a calendar year. The bureau's rule
// (Baoji): each alliance runs 1–2 cooperation projects a year (每年开展教育合作项目1~2个).
import { z } from 'zod';
import { id, optionalText, pageQuery, sortOrder, text, type Page, type RecordMeta, versionedUpdate } from './common';
import { def } from './define';
import { projectStatuses, type ProjectStatus } from './enums';
import { calendarYear, chosen } from './ledger-fields';

export interface CooperationProject extends RecordMeta {
  allianceId: string;
  allianceName: string;
  year: number;
  name: string;
  /** 负责人 or 牵头单位, as the alliance reports it. */
  lead: string | null;
  status: ProjectStatus;
  outcome: string | null;
}

export const cooperationProjectDraft = z.object({
  allianceId: chosen('联盟'),
  year: calendarYear,
  name: text('项目名称', 200),
  lead: optionalText('负责人', 100),
  status: projectStatuses.schema.default('planned'),
  outcome: optionalText('项目成效', 4000),
});
export type CooperationProjectDraft = z.infer<typeof cooperationProjectDraft>;

export const cooperationProjectSortKeys = ['year', 'name', 'alliance', 'status', 'updatedAt'] as const;

export const cooperationProjectListQuery = z.object({
  ...pageQuery,
  sortOrder: sortOrder.default('desc'),
  /** Matches project name, lead or outcome. */
  search: z.string().trim().max(100).optional(),
  allianceId: id.optional(),
  year: calendarYear.optional(),
  status: projectStatuses.schema.optional(),
  /** Projects of alliances with a member school or member county in this region (or below it). */
  regionId: id.optional(),
  sortBy: z.enum(cooperationProjectSortKeys).default('year'),
});
export type CooperationProjectListQuery = z.infer<typeof cooperationProjectListQuery>;

export const cooperationProjectMissingQuery = z.object({ year: calendarYear, regionId: id.optional() });

/** Active alliances without a cooperation project in the year. */
export interface CooperationProjectGap {
  year: number;
  /** Active alliances (established by the end of the year) with no project that year. */
  count: number;
  /** All active alliances established by the end of the year. */
  total: number;
  /** The first few of them by name, for the note on the list page. */
  examples: { id: string; name: string }[];
}

export const cooperationProjectsContract = {
  'cooperationProjects.list': def(cooperationProjectListQuery).returns<Page<CooperationProject>>(),
  'cooperationProjects.get': def(z.object({ id })).returns<CooperationProject>(),
  'cooperationProjects.create': def(cooperationProjectDraft).returns<CooperationProject>(),
  'cooperationProjects.update': def(versionedUpdate(cooperationProjectDraft)).returns<CooperationProject>(),
  'cooperationProjects.delete': def(z.object({ id })).returns<{ id: string }>(),
  'cooperationProjects.missing': def(cooperationProjectMissingQuery).returns<CooperationProjectGap>(),
} as const;
