// The glossary of domain.md as code: each enum's code names and the Chinese label the
// clerk sees. Screens, reports, imports and sample data all read these maps.
import { z } from 'zod';

function labelled<const K extends string>(labels: Record<K, string>, what: string) {
  const codes = Object.keys(labels) as [K, ...K[]];
  return {
    labels,
    codes,
    schema: z.enum(codes, { message: `请选择${what}` }),
    label: (code: K | null | undefined): string => (code ? labels[code] ?? code : ''),
  };
}

export const regionLevels = labelled(
  { province: '省级', city: '地市级', county: '县级', town: '乡镇' },
  '行政级别',
);
export type RegionLevel = (typeof regionLevels.codes)[number];

export const stages = labelled(
  {
    kindergarten: '幼儿园',
    primary: '小学',
    junior: '初中',
    nine_year: '九年一贯制',
    senior: '高中',
    complete_secondary: '完全中学',
    twelve_year: '十二年一贯制',
    special: '特殊教育',
    vocational: '中职',
  },
  '学段',
);
export type Stage = (typeof stages.codes)[number];
/** Compulsory education, the default stage filter of coverage (domain.md). */
export const compulsoryStages: Stage[] = ['primary', 'junior', 'nine_year'];

export const localities = labelled({ urban: '城区', town: '镇区', rural: '乡村' }, '城乡属性');
export type Locality = (typeof localities.codes)[number];

export const allianceKinds = labelled(
  {
    county_alliance: '县区联盟',
    school_alliance: '学校联盟',
    featured_alliance: '特色联盟',
    special_ed_alliance: '特殊教育联盟',
    education_group: '教育集团',
    community: '教共体',
  },
  '联盟类型',
);
export type AllianceKind = (typeof allianceKinds.codes)[number];

/** Built-in modes; a bureau may add its own in 设置, so stored modes are free strings. */
export const builtInModes: Record<string, string> = {
  close: '紧密型',
  leading: '引领型',
  project: '项目型',
  merged: '融合型',
  co_built: '共建型',
  entrusted: '托管',
  multi_campus: '一校多区',
};

export const allianceStatuses = labelled({ active: '运行中', dissolved: '已撤销' }, '联盟状态');
export type AllianceStatus = (typeof allianceStatuses.codes)[number];

export const qualityRatings = labelled(
  { city_quality: '市级优质集团', province_quality: '省级优质集团', province_cultivation: '省级培育对象' },
  '优质集团认定',
);
export type QualityRating = (typeof qualityRatings.codes)[number];

export const memberRoles = labelled({ lead: '牵头', member: '成员' }, '角色');
export type MemberRole = (typeof memberRoles.codes)[number];

export const activityCategories = labelled(
  {
    party_building: '党建交流',
    philosophy: '理念引领',
    teacher_exchange: '教师交流',
    teaching_research: '教研交流',
    management: '管理协作',
    student_activity: '学生活动',
    course_sharing: '课程共享',
    culture: '文化活动',
    other: '其他',
  },
  '活动类别',
);
export type ActivityCategory = (typeof activityCategories.codes)[number];

/** Built-in activity forms; a bureau may extend the list in 设置. */
export const builtInActivityForms = [
  '集体备课',
  '同课异构',
  '听课评课',
  '送教送研',
  '公开课',
  '专题讲座',
  '同步课堂',
  '线上教研',
  '互访',
  '跟岗',
  '研学',
  '联合考试/统一命题',
  '其他',
];

export const exchangeKinds = labelled(
  { support_teaching: '支教', shadowing: '跟岗', rotation: '轮岗', visiting_teaching: '送教' },
  '交流类型',
);
export type ExchangeKind = (typeof exchangeKinds.codes)[number];

export const exchangeStatuses = labelled(
  { planned: '计划中', ongoing: '进行中', finished: '已结束' },
  '交流状态',
);
export type ExchangeStatus = (typeof exchangeStatuses.codes)[number];

export const projectStatuses = labelled(
  { planned: '计划中', ongoing: '实施中', finished: '已完成' },
  '项目状态',
);
export type ProjectStatus = (typeof projectStatuses.codes)[number];

export const problemStatuses = labelled({ open: '未完成', in_progress: '进行中', done: '已完成' }, '问题状态');
export const supervisionKinds = labelled(
  { special: '专项督导', annual: '年度督导', routine_visit: '视导' },
  '督导类型',
);
export const supervisionConclusions = labelled(
  { pass: '合格', needs_rectification: '需整改', fail: '不合格' },
  '督导结论',
);
export const rectificationStatuses = labelled(
  { issued: '已下发', reported: '已报告', verified: '已复查' },
  '整改状态',
);
export const evaluationStatuses = labelled(
  { draft: '草稿', submitted: '已提交', locked: '已锁定' },
  '评价状态',
);
export const evaluationTargets = labelled({ alliance: '联盟', school: '学校' }, '评价对象');
