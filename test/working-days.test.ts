import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '../electron/services/working-days';

describe('working days (限期 N 个工作日)', () => {
  it('skips the 2025 National Day week and counts the 调休 Sundays as working days', () => {
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2025-10-08')).toBe(false); // 国庆中秋 holiday
    // Issued Friday 26 September: Sunday 28th is the 1st working day, Tuesday 30th the 3rd,
    // then 1–8 October are off; Thursday 9th is the 4th.
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-26', 3)).toBe('2025-09-30');
    expect(addWorkingDays('2025-09-26', 4)).toBe('2025-10-09');
    // 9th, 10th, Saturday 11th (调休), 13th, 14th …
    expect(addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    // 限期15个工作日 from 30 September: 9, 10, 11, 13–17, 20–24, 27, 28 October.
    expect(addWorkingDays('2025-09-30', 15)).toBe('2025-10-28');
  });

  it('skips the Spring Festival holiday', () => {
    // 2026 春节: 15–23 February off, Saturday 14th and 28th worked.
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('lets a correction from 设置 override the package', () => {
    // The clerk's calendar says 2025-10-09 is still off, and Sunday 2025-10-12 is worked.
    const corrections = [
      { date: '2025-10-09', kind: 'holiday' as const },
      { date: '2025-10-12', kind: 'workday' as const },
    ];
    expect(isWorkingDay('2025-10-09', corrections)).toBe(false);
    expect(addWorkingDays('2025-09-30', 1, corrections)).toBe('2025-10-10');
    expect(addWorkingDays('2025-09-30', 3, corrections)).toBe('2025-10-12');
    // A correction can also turn a 调休 day back into a day off.
    expect(addWorkingDays('2025-09-26', 1, [{ date: '2025-09-28', kind: 'holiday' }])).toBe('2025-09-29');
  });

  it('counts 2027, which the package lacks, by weekends and corrections only', () => {
    // 1 January 2027 is a Friday: without a correction it is a working day.
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addWorkingDays('2027-01-01', 1)).toBe('2027-01-04');
    expect(addWorkingDays('2027-01-01', 5)).toBe('2027-01-08');
    expect(addWorkingDays('2026-12-31', 1, [{ date: '2027-01-01', kind: 'holiday' }])).toBe('2027-01-04');
    expect(addWorkingDays('2027-01-08', 1, [{ date: '2027-01-09', kind: 'workday' }])).toBe('2027-01-09');
  });

  it('returns the issue date for zero days', () => {
    expect(addWorkingDays('2025-10-01', 0)).toBe('2025-10-01');
  });
});
