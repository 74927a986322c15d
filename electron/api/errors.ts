// Expected failures are data: a code, a Chinese message, and per-field messages for forms.
import type { ErrorCode } from './common';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Another clerk saved the record after this one was loaded: the save is refused and the
 * reply carries the record as it is now, so the form can show 你的修改 against 当前值.
 */
export class EditConflictError extends AppError {
  constructor(readonly current: unknown) {
    super('edit_conflict', editConflictMessage);
    this.name = 'EditConflictError';
  }
}
export const editConflictMessage = '此记录已被他人修改';

export const notFound = (what: string) => new AppError('not_found', `${what}不存在或已删除`);
export const duplicate = (message: string, field?: string) =>
  new AppError('duplicate', message, field ? { [field]: message } : undefined);
export const conflict = (message: string, fieldErrors?: Record<string, string>) =>
  new AppError('conflict', message, fieldErrors);
export const invalid = (message: string, fieldErrors?: Record<string, string>) =>
  new AppError('invalid', message, fieldErrors);
export const cancelled = () => new AppError('cancelled', '操作已取消');
