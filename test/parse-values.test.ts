// The cell checks every imported row goes through (electron/services/import): the fast
// paths added for province-sized files must answer exactly as the general ones.
import { describe, expect, it } from 'vitest';
import { isRealDate } from '../electron/api/common';
import { nameKey, parseChoice, parseDate } from '../electron/services/import/parse-values';
import { isBlank } from '../electron/services/import/read-sheet';

describe('isRealDate', () => {
  it('knows the calendar: month lengths and leap years', () => {
    expect(['2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30', '1999-01-01'].map(isRealDate)).toEqual([true, true, true, true, true]);
    expect(['2025-02-29', '1900-02-29', '2100-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-01-32'].map(isRealDate)).toEqual(
      Array(8).fill(false),
    );
  });

  it('agrees with the calendar of Date for every day of four centuries', () => {
    const byDate = (s: string) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      const t = new Date(Date.UTC(y, m - 1, d));
      return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
    };
    const differ: string[] = [];
    for (let y = 1800; y <= 2200; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (isRealDate(s) !== byDate(s)) differ.push(s);
        }
    expect(differ).toEqual([]);
  });

  it('refuses 2月30日 in an imported cell', () => {
    expect(parseDate('2025年2月30日')).toMatchObject({ ok: false });
    expect(parseDate('2024年2月29日')).toEqual({ ok: true, value: '2024-02-29' });
  });
});

describe('isBlank', () => {
  it('is true for empty cells, spaces, tabs and the ideographic space only', () => {
    expect([null, '', '   ', '\t\n', '\u3000\u3000', ' \u3000 '].map(isBlank)).toEqual(Array(6).fill(true));
    expect(['a', ' 备课 ', '\u3000x', 0, false, `${' '.repeat(10_000)}。`].map((v) => isBlank(v as never))).toEqual(Array(6).fill(false));
  });
});

describe('nameKey', () => {
  it('leaves ASCII and common CJK names as they are', () => {
    expect(nameKey('渭滨区清姜路小学')).toBe('渭滨区清姜路小学');
    expect(nameKey('No.1中学')).toBe('No.1中学');
  });

  it('folds full-width letters, digits and spaces the way NFKC does', () => {
    expect(nameKey('清姜路　小学')).toBe('清姜路小学');
    expect(nameKey('Ｎｏ．１中学')).toBe('No.1中学');
    expect(nameKey('第 ２ 小学')).toBe('第2小学');
  });

  it('makes a choice word match whatever its spacing or width', () => {
    const words = { 线上: 'online', 线下: 'onsite' } as const;
    expect(parseChoice(' 线　上 ', words)).toEqual({ ok: true, value: 'online' });
    expect(parseChoice('现场', words)).toMatchObject({ ok: false });
  });
});
