// 外出督导包 (issue 9): export a package of chosen alliances, schools or a county for a
// visit without network; open it on the laptop as the working database; bring it back
// with 合并督导包 — a read-only preview, then a merge that takes the clerk's choice for
// every conflict.
import { z } from 'zod';
import { id, type FilePayload } from './common';
import { def } from './define';

const fileUpload = {
  fileName: z.string().trim().min(1, '请选择督导包文件').max(255),
  dataBase64: z.string().min(1, '督导包文件为空').regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容格式不正确'),
};

export const packageExportInput = z
  .object({
    allianceIds: z.array(id).max(500, '一次最多选择 500 个联盟').default([]),
    schoolIds: z.array(id).max(2000, '一次最多选择 2000 所学校').default([]),
    regionIds: z.array(id).max(50, '一次最多选择 50 个县区').default([]),
    /** The evaluation year; default the current year. */
    year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确').optional(),
  })
  .refine((s) => s.allianceIds.length + s.schoolIds.length + s.regionIds.length > 0, {
    message: '请至少选择一个联盟、学校或县区',
    path: ['allianceIds'],
  });

const side = z.enum(['office', 'package'], { message: '请选择保留台账或督导包的版本' });
export const packageResolution = z.object({
  entity: z.string().min(1).max(50),
  id: z.string().min(1).max(64),
  keep: side,
  fields: z.record(z.string().max(64), side).optional(),
});
export type PackageResolution = z.infer<typeof packageResolution>;

export const packageMergeInput = z.object({ ...fileUpload, resolutions: z.array(packageResolution).max(10_000).default([]) });

/** A package as the app describes it: which one, of what, made when and by whom. */
export interface PackageSummary {
  packageId: string;
  label: string;
  createdAt: string;
  createdBy: string;
  recordCount: number;
  sourceName: string | null;
}

/** The package open as the working database on the laptop. */
export interface OpenPackage extends PackageSummary {
  openedAt: string;
  fileName: string;
}

export interface SideChange {
  operator: string;
  at: string;
}

export interface ConflictField {
  field: string;
  label: string;
  /** The stored values (as the CLI prints them) … */
  office: unknown;
  package: unknown;
  /** … and as the clerk reads them: enum labels, names of referenced records. */
  officeText: string | null;
  packageText: string | null;
}

export interface PackageConflict {
  entity: string;
  entityLabel: string;
  id: string;
  label: string;
  fields: ConflictField[];
  officeChange: SideChange | null;
  packageChange: SideChange | null;
}

export interface PackageChange {
  entity: string;
  entityLabel: string;
  id: string;
  label: string;
  kind: 'added' | 'updated';
  /** For an update: the fields the package changed. */
  fieldLabels: string[];
}

export interface MergePreview {
  package: PackageSummary;
  added: number;
  updated: number;
  /** The records added or changed (the first 500). */
  changes: PackageChange[];
  conflicts: PackageConflict[];
}

export interface MergeResult {
  added: number;
  updated: number;
  /** Conflicts decided for the office's version / (some of) the package's. */
  keptOffice: number;
  keptPackage: number;
  /** The backup taken just before; null when there was nothing to merge. */
  backup: string | null;
}

export const packageEntityLabels: Record<string, string> = {
  regions: '行政区划',
  schools: '学校',
  alliances: '联盟',
  alliance_members: '联盟成员',
  alliance_quality_ratings: '联盟质量评定',
  annual_plans: '年度计划',
  activities: '交流活动',
  activity_schools: '活动参与学校',
  teacher_exchanges: '教师交流',
  shared_courses: '课程共享',
  shared_course_schools: '课程共享学校',
  cooperation_projects: '合作项目',
  awards: '表彰',
  problems: '问题清单',
  supervisions: '督导',
  rectifications: '整改通知书',
  interviews: '约谈',
  evaluation_templates: '评价模板',
  indicators: '评价指标',
  evaluations: '考核评价',
  evaluation_scores: '评分',
  attachments: '附件',
  record_attachments: '记录附件',
};

export const packageFieldLabels: Record<string, string> = {
  deleted_at: '删除状态',
  name: '名称',
  code: '编码',
  title: '活动主题',
  date: '日期',
  kind: '类型',
  level: '级别',
  parent_id: '上级',
  lead_school_id: '牵头学校',
  lead_region_id: '主任县区',
  modes: '办学模式',
  established_on: '成立时间',
  former_names: '曾用名',
  opened_on: '建校时间',
  closed_on: '撤并时间',
  is_weak: '薄弱校',
  is_new: '新建校',
  category: '活动类别',
  form: '活动形式',
  participants: '参与人数',
  is_leadership_visit: '校级领导互访',
  is_online: '线上活动',
  summary: '活动简介',
  outcome: '活动成效',
  notes: '备注',
  host_school_id: '承办学校',
  alliance_id: '联盟',
  school_id: '学校',
  region_id: '所在县区',
  stage: '学段',
  locality: '城乡属性',
  principal: '校长',
  phone: '联系电话',
  address: '地址',
  students: '学生数',
  teachers: '教师数',
  role: '角色',
  joined_on: '加入时间',
  left_on: '退出时间',
  status: '状态',
  description: '问题',
  goal: '工作目标',
  measures: '工作措施',
  stage_tasks: '阶段任务',
  due_on: '完成时限',
  owner: '责任人',
  done_on: '完成日期',
  verification_note: '复查意见',
  inspectors: '督导组成员',
  findings: '主要问题',
  rating: '评定等级',
  conclusion: '督导结论',
  target_alliance_id: '督导对象（联盟）',
  target_school_id: '对象（学校）',
  target_region_id: '督导对象（县区）',
  supervision_id: '督导',
  number: '文号',
  issued_on: '下发日期',
  deadline: '整改期限',
  items: '整改事项',
  reported_on: '报告日期',
  verified_on: '复查日期',
  verifier: '复查人',
  interviewees: '约谈对象',
  content: '约谈内容',
  follow_up: '后续跟进',
  year: '年度',
  evaluators: '评价人',
  comments: '评语',
  score: '得分',
  note: '说明',
  submitted_at: '提交时间',
  locked_at: '锁定时间',
  max_score: '分值',
  scoring_rule: '评分标准',
  original_name: '文件名',
  teacher_name: '教师姓名',
  subject: '学科',
  from_school_id: '派出学校',
  to_school_id: '接收学校',
  start_on: '开始日期',
  end_on: '结束日期',
  hours: '课时/小时',
  provider_school_id: '提供学校',
  term: '学期',
  students_reached: '受益学生',
  shared_course_id: '课程',
  lead: '负责人',
  school_year: '学年',
  filed_on: '备案日期',
  person_name: '个人',
  issuing_body: '颁发单位',
  document_number: '文号',
  awarded_on: '表彰日期',
  activity_id: '活动',
  evaluation_id: '考核评价',
  indicator_id: '评价指标',
  template_id: '评价模板',
};

export const auditPackagesContract = {
  /** 外出督导包: the package file of the chosen alliances, schools or counties. */
  'auditPackages.export': def(packageExportInput).returns<FilePayload & { packageId: string; recordCount: number }>({ long: true }),
  /** 打开督导包 (laptop): checks the file and makes it the working database. */
  'auditPackages.open': def(z.object(fileUpload)).returns<OpenPackage>({ long: true }),
  /** Back to the normal ledger; the package file stays in the data folder. */
  'auditPackages.close': def(z.object({}).default({})).returns<{ closed: boolean }>(),
  /** The open package as a file to carry back to the office (sealed, with its attachments). */
  'auditPackages.download': def(z.object({}).default({})).returns<FilePayload>({ long: true }),
  /** 合并督导包, step one: what the package adds and changes, and the conflicts. Writes nothing. */
  'auditPackages.preview': def(z.object(fileUpload)).returns<MergePreview>({ long: true }),
  /** 合并督导包: one transaction after an automatic backup; every conflict needs a choice. */
  'auditPackages.merge': def(packageMergeInput).returns<MergeResult>({ long: true }),
} as const;
