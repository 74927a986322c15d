// Input fields shared by the alliance ledgers (teacher exchanges, shared courses,
// cooperation projects), with the clerk's words when something is missing or wrong.
import { z } from 'zod';

/** A required reference to another record (联盟, 学校…). */
export const chosen = (label: string) =>
  z.uuid({
    error: (issue) =>
      issue.input === undefined || issue.input === null || issue.input === '' ? `请选择${label}` : `${label}编号格式不正确`,
  });

/** Hours (课时/小时) may be fractional, e.g. 1.5 课时; stored with one decimal. */
export const hoursField = (label: string) =>
  z
    .number({ message: `${label}应为数字` })
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}过大`)
    .nullish()
    .transform((n) => (n === null || n === undefined ? null : Math.round(n * 10) / 10));

/** A calendar year (年度): cooperation projects and annual reports run 1 January – 31 December. */
export const calendarYear = z
  .number({ message: '请填写年度' })
  .int('年度应为整数')
  .min(2000, '年度应在 2000—2100 之间')
  .max(2100, '年度应在 2000—2100 之间');

/** A term named like 2024-2025-1 (第一学期) or 2024-2025-2 (第二学期). */
export const term = z
  .string({ message: '请选择学期' })
  .regex(/^\d{4}-\d{4}-[12]$/, '学期格式应为 2024-2025-1')
  .refine((t) => Number(t.slice(5, 9)) === Number(t.slice(0, 4)) + 1, '学年的两个年份应相邻，例如 2024-2025');
