// Methods that concern the ledger as a whole: counts, sample data, 回收站, the audit log
// and attachments.
import { z } from 'zod';
import { id, isoDate, pageQuery, type Page } from './common';
import { def } from './define';
import type { OpenPackage } from './audit-packages';

export interface LedgerStats {
  regions: number;
  schools: number;
  alliances: number;
  allianceMembers: number;
  activities: number;
  teacherExchanges: number;
  sharedCourses: number;
  cooperationProjects: number;
  problems: number;
  supervisions: number;
  rectifications: number;
  evaluations: number;
}

/** What the current login may do; the UI hides what it may not (the database refuses it anyway). */
export interface Access {
  engine: 'sqlite' | 'postgres';
  /** The PostgreSQL login; null on SQLite. */
  login: string | null;
  /** owner: the database's owner or a superuser, who may do everything. */
  role: 'owner' | 'clerk' | 'reviewer' | 'admin' | 'none';
  /** 锁定 / 锁定全部 / 解锁 of evaluations. */
  canLock: boolean;
  /** 恢复 in 回收站. */
  canRestore: boolean;
  /** Changing 设置. */
  canEditSettings: boolean;
}

export const sampleScales = ['county', 'city', 'province'] as const;
export type SampleScale = (typeof sampleScales)[number];

export const sampleInput = z.object({
  scale: z.enum(sampleScales, { message: '规模应为 county、city 或 province' }).default('county'),
  seed: z.number().int().min(0).max(2 ** 31).default(1),
});

/** Entities that can be deleted to and restored from 回收站, with their Chinese names. */
export const recyclableEntities = {
  regions: '行政区划',
  schools: '学校',
  alliances: '联盟',
  alliance_members: '联盟成员',
  activities: '交流活动',
  teacher_exchanges: '教师交流',
  shared_courses: '课程共享',
  cooperation_projects: '合作项目',
  problems: '问题清单',
  supervisions: '督导',
  rectifications: '整改通知书',
  interviews: '约谈',
  evaluation_templates: '评价模板',
  evaluations: '考核评价',
  awards: '表彰',
  manual_reminders: '提醒',
} as const;
export type RecyclableEntity = keyof typeof recyclableEntities;
const recyclableEntity = z.enum(Object.keys(recyclableEntities) as [RecyclableEntity, ...RecyclableEntity[]], {
  message: '未知的记录类型',
});

export interface DeletedRecord {
  entity: RecyclableEntity;
  id: string;
  label: string;
  deletedAt: string;
}

/** The record types the audit log names, in Chinese (recyclable ones and the rest). */
export const auditEntityLabels: Record<string, string> = {
  ...recyclableEntities,
  settings: '设置',
  attachments: '附件',
  annual_plans: '年度计划',
  alliance_quality_ratings: '联盟质量评定',
  shared_course_schools: '课程共享学校',
  reminder_states: '提醒状态',
  evaluation_scores: '评分',
  activity_schools: '活动参与学校',
  indicators: '评价指标',
  imports: '导入',
  reports: '报表导出',
  lists: '列表导出',
  backups: '备份',
  audit_packages: '督导包',
};

export const auditActions = {
  create: '新增',
  update: '修改',
  delete: '删除',
  restore: '还原',
  bulk: '批量载入',
  import: '导入',
  export: '导出',
  backup: '备份',
  restoreBackup: '恢复备份',
  merge: '合并督导包',
} as const;
export type AuditAction = keyof typeof auditActions;

export interface AuditEntry {
  /** Position in the hash chain, from 1. */
  seq: number;
  id: string;
  at: string;
  operator: string;
  entity: string;
  recordId: string;
  action: AuditAction;
  outcome: 'success' | 'failed';
  before: unknown;
  after: unknown;
}

/** 操作日志 filters: the record type and id, the action, who, and a date span (local days). */
export const auditLogQuery = z.object({
  ...pageQuery,
  entity: z.string().max(50).optional(),
  recordId: z.string().max(64).optional(),
  action: z.enum(Object.keys(auditActions) as [AuditAction, ...AuditAction[]], { message: '未知的操作类型' }).optional(),
  operator: z.string().trim().max(50).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export interface Attachment {
  id: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export const attachmentUpload = z.object({
  name: z.string().trim().min(1, '文件名不能为空').max(255),
  mime: z.string().max(100).default('application/octet-stream'),
  /** File content, base64. 30 MB is plenty for a photo or a scanned sign-in sheet. */
  dataBase64: z
    .string()
    .min(1, '文件为空')
    .max(40_000_000, '单个附件不能超过 30 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容格式不正确'),
});

export const systemContract = {
  'system.stats': def(z.object({}).default({})).returns<LedgerStats>(),
  /** Is this a fresh ledger? The first-run screen and 载入示例数据 ask. */
  /** …what the current login may do (on a shared PostgreSQL server; everything on SQLite), and the 督导包 open as the working database, if any. */
  'system.status': def(z.object({}).default({})).returns<{ empty: boolean; homeChosen: boolean; dataDir: string; access: Access; package: OpenPackage | null }>(),
  'sample.load': def(sampleInput).returns<LedgerStats>({ long: true }),
  'recycleBin.list': def(z.object({ ...pageQuery, entity: recyclableEntity.optional() })).returns<Page<DeletedRecord>>(),
  'recycleBin.restore': def(z.object({ entity: recyclableEntity, id })).returns<{ id: string }>(),
  'auditLog.list': def(auditLogQuery).returns<Page<AuditEntry>>(),
  'attachments.upload': def(attachmentUpload).returns<Attachment>(),
  'attachments.get': def(z.object({ id })).returns<Attachment & { dataBase64: string }>(),
} as const;
