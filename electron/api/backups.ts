// 备份与恢复 and the audit log's chain check (issue 7). Backups exist for a SQLite ledger
// only; on PostgreSQL the server's administrator backs up.
import { z } from 'zod';
import type { FilePayload } from './common';
import { def } from './define';
import type { BackupPolicy } from './settings';

export const backupKindLabels = { auto: '自动备份', manual: '手动备份', migration: '升级前备份', restore: '恢复前备份', merge: '合并前备份' } as const;
export type BackupKindName = keyof typeof backupKindLabels;

export interface BackupInfo {
  /** The file's name in the data folder's backups/. */
  name: string;
  kind: BackupKindName;
  kindLabel: string;
  /** When it was taken (UTC ISO instant). */
  at: string;
  /** Bytes. */
  size: number;
}

export interface BackupStatus {
  /** False on PostgreSQL; `reason` says why. */
  available: boolean;
  reason: string | null;
  /** Set when the database sits on a network share (WAL is unsafe there). */
  networkWarning: string | null;
  backupDir: string | null;
  policy: BackupPolicy;
  backups: BackupInfo[];
}

const backupFileName = z.string().trim().min(1, '请选择备份').max(200);

export const restoreInput = z.union(
  [
    z.object({ name: backupFileName }).strict(),
    z
      .object({
        fileName: z.string().trim().min(1, '请选择备份文件').max(255),
        dataBase64: z.string().min(1, '备份文件为空').regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容格式不正确'),
      })
      .strict(),
  ],
  { message: '请选择要恢复的备份' },
);

export interface RestoreResult {
  /** Where the data came from: a listed backup's name or the uploaded file's. */
  restoredFrom: string;
  /** The backup of the data as it was just before, for undoing the restore. */
  savedAs: BackupInfo;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; id: string; at: string; entity: string; reason: string } | null;
}

export const backupsContract = {
  'backups.status': def(z.object({}).default({})).returns<BackupStatus>(),
  /** 立即备份: a manual backup, kept until deleted. */
  'backups.create': def(z.object({}).default({})).returns<BackupInfo>({ long: true }),
  /** 备份到文件: a listed backup's bytes (a fresh one when no name is given). */
  'backups.download': def(z.object({ name: backupFileName.optional() })).returns<FilePayload>({ long: true }),
  /** 从备份恢复: checks the file, saves the current data, then swaps the database. */
  'backups.restore': def(restoreInput).returns<RestoreResult>({ long: true }),
  'backups.delete': def(z.object({ name: backupFileName })).returns<{ name: string }>(),
  /** 校验: walks the audit log's hash chain and reports the first row that does not fit. */
  'auditLog.verify': def(z.object({}).default({})).returns<ChainCheck>({ long: true }),
} as const;
