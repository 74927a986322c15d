// How a field's value reads in the merge screens: deletion as 已删除/有效, yes/no flags, blanks.
import { fmtTime } from '../../format';

export function packageValue(field: string, value: unknown, text: string | null): string {
  if (field === 'deleted_at') return value ? `已删除（${fmtTime(String(value))}）` : '有效（未删除）';
  if (value === null || value === undefined || value === '') return '（空）';
  if (field.startsWith('is_')) return Number(value) ? '是' : '否';
  return text ?? String(value);
}

export function whoWhen(change: { operator: string; at: string } | null): string {
  return change ? `${change.operator}，${fmtTime(change.at)}` : '（操作日志中无记录）';
}
