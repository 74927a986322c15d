import { z } from 'zod';
import { id, isoDate, optionalDate, optionalText, pageQuery, text, type Page, type RecordMeta, rowVersion, versionedUpdate } from './common';
import { def } from './define';
import {
  allianceKinds,
  allianceStatuses,
  memberRoles,
  qualityRatings,
  type AllianceKind,
  type AllianceStatus,
  type Locality,
  type MemberRole,
  type QualityRating,
  type Stage,
} from './enums';

export interface QualityRatingEntry {
  rating: QualityRating;
  year: number;
}

export interface Alliance extends RecordMeta {
  name: string;
  kind: AllianceKind;
  /** Built-in mode codes (builtInModes) or names a bureau added in 设置. */
  modes: string[];
  leadSchoolId: string | null;
  leadSchoolName: string | null;
  /** 主任县区 of a county alliance. */
  leadRegionId: string | null;
  leadRegionName: string | null;
  establishedOn: string | null;
  agreementSignedOn: string | null;
  planFiledOn: string | null;
  status: AllianceStatus;
  dissolvedOn: string | null;
  notes: string | null;
  qualityRatings: QualityRatingEntry[];
  /** Current (not left) members, schools or counties. */
  memberCount: number;
  /** Derived, never stored: current members lie in more than one county-level region. */
  crossRegion: boolean;
  /** The county-level regions of the current members. */
  regionNames: string[];
}

export interface AllianceMember extends RecordMeta {
  allianceId: string;
  schoolId: string | null;
  schoolName: string | null;
  /** The member county (county alliance) or the member school's county. */
  regionId: string | null;
  regionName: string | null;
  stage: Stage | null;
  locality: Locality | null;
  /** 撤并 date of a member school: from then on it no longer counts as a current member. */
  schoolClosedOn: string | null;
  role: MemberRole;
  joinedOn: string | null;
  leftOn: string | null;
}

export interface AnnualPlan extends RecordMeta {
  allianceId: string;
  schoolYear: string;
  filedOn: string | null;
}

const memberTarget = z
  .object({
    schoolId: id.nullish().transform((s) => s ?? null),
    regionId: id.nullish().transform((s) => s ?? null),
  })
  .refine((m) => (m.schoolId === null) !== (m.regionId === null), {
    message: '成员应是一所学校或一个县区（二选一）',
    path: ['schoolId'],
  });

const memberTerms = z.object({
  role: memberRoles.schema.default('member'),
  joinedOn: optionalDate,
  leftOn: optionalDate,
});

const leftAfterJoined = {
  check: (m: { joinedOn: string | null; leftOn: string | null }) => !m.joinedOn || !m.leftOn || m.leftOn >= m.joinedOn,
  message: { message: '退出日期不能早于加入日期', path: ['leftOn'] },
};

export const memberDraft = z.intersection(memberTarget, memberTerms).refine(leftAfterJoined.check, leftAfterJoined.message);
export type MemberDraft = z.infer<typeof memberDraft>;

export const allianceDraft = z
  .object({
    name: text('联盟名称', 100),
    kind: allianceKinds.schema,
    modes: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
    leadSchoolId: id.nullish().transform((s) => s ?? null),
    leadRegionId: id.nullish().transform((s) => s ?? null),
    establishedOn: optionalDate,
    agreementSignedOn: optionalDate,
    planFiledOn: optionalDate,
    status: allianceStatuses.schema.default('active'),
    dissolvedOn: optionalDate,
    notes: optionalText('备注'),
    qualityRatings: z
      .array(z.object({ rating: qualityRatings.schema, year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确') }))
      .max(10)
      .default([]),
    /** Members to add when the alliance is created (the lead is added as a lead member). */
    members: z.array(memberDraft).max(500).optional(),
  })
  .refine((a) => a.kind !== 'county_alliance' || a.leadSchoolId === null, {
    message: '县区联盟由主任县区牵头，不设牵头学校',
    path: ['leadSchoolId'],
  })
  .refine((a) => a.kind === 'county_alliance' || a.leadRegionId === null, {
    message: '只有县区联盟设主任县区',
    path: ['leadRegionId'],
  })
  .refine((a) => a.status !== 'dissolved' || a.dissolvedOn !== null, {
    message: '已撤销的联盟请填写撤销日期',
    path: ['dissolvedOn'],
  });
export type AllianceDraft = z.infer<typeof allianceDraft>;

export const allianceListQuery = z.object({
  ...pageQuery,
  kind: allianceKinds.schema.optional(),
  status: allianceStatuses.schema.optional(),
  /** Alliances with a current member in (or a member county equal to) this county-level region. */
  regionId: id.optional(),
  crossRegion: z.boolean().optional(),
  /** Alliances the school is (or was) a member of. */
  schoolId: id.optional(),
  sortBy: z.enum(['name', 'kind', 'establishedOn', 'memberCount', 'updatedAt']).default('name'),
});
export type AllianceListQuery = z.infer<typeof allianceListQuery>;

export const memberListQuery = z.object({
  ...pageQuery,
  pageSize: z.number().int().min(1).max(500).default(100),
  allianceId: id,
  /** Include members who have left. */
  includeLeft: z.boolean().default(true),
});

export const alliancesContract = {
  'alliances.list': def(allianceListQuery).returns<Page<Alliance>>(),
  'alliances.get': def(z.object({ id })).returns<Alliance>(),
  'alliances.create': def(allianceDraft).returns<Alliance>(),
  'alliances.update': def(versionedUpdate(allianceDraft)).returns<Alliance>(),
  'alliances.delete': def(z.object({ id })).returns<{ id: string }>(),
  'alliances.members': def(memberListQuery).returns<Page<AllianceMember>>(),
  'alliances.addMember': def(z.object({ allianceId: id, member: memberDraft })).returns<AllianceMember>(),
  'alliances.updateMember': def(
    z.object({ id, rowVersion, terms: memberTerms.refine(leftAfterJoined.check, leftAfterJoined.message) }),
  ).returns<AllianceMember>(),
  'alliances.removeMember': def(z.object({ id })).returns<{ id: string }>(),
  'alliances.annualPlans': def(z.object({ allianceId: id })).returns<AnnualPlan[]>(),
  'alliances.fileAnnualPlan': def(
    z.object({
      allianceId: id,
      schoolYear: z
        .string()
        .regex(/^(\d{4})-(\d{4})$/, '学年格式应为 2024-2025')
        .refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, '学年应是相连的两年，例如 2024-2025'),
      filedOn: isoDate,
    }),
  ).returns<AnnualPlan>(),
} as const;
