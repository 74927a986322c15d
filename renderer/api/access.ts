// What the current login may do (system.status → access): the screens hide 锁定, 恢复 and
// disable 设置 editing for a login the database would refuse anyway.
import type { Access } from '../../electron/api/system';
import { useApi } from './hooks';

/** Until the answer is in, nothing privileged is offered. */
const unknown: Access = { engine: 'sqlite', login: null, role: 'none', canLock: false, canRestore: false, canEditSettings: false };

export function useAccess(): Access {
  return useApi('system.status', {}).data?.access ?? unknown;
}

export const roleLabels: Record<Access['role'], string> = {
  owner: '数据库所有者',
  admin: '管理员',
  reviewer: '审核员',
  clerk: '办事员',
  none: '未授权',
};

/** 当前登录：wang（办事员）, for notices; null on SQLite. */
export function loginLabel(access: Access): string | null {
  return access.login ? `${access.login}（${roleLabels[access.role]}）` : null;
}
