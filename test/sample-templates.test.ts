import { describe, expect, it } from 'vitest';
import { gradeOf, templateDraft, topMax } from '../electron/api/evaluations';
import { baojiSampleTemplate, hainingSampleTemplate, sampleTemplates } from '../electron/services/evaluation/sample-templates';

describe('sample evaluation templates', () => {
  it('are both valid templates of alliances out of 100, marked as samples and for no particular year', () => {
    expect(sampleTemplates).toHaveLength(2);
    for (const t of sampleTemplates) {
      const parsed = templateDraft.parse(t);
      expect(parsed.name.endsWith('（示例）')).toBe(true);
      expect(parsed.targetType).toBe('alliance');
      expect(parsed.year).toBeNull();
      expect(parsed.totalScore).toBe(100);
      expect(parsed.indicators.reduce((s, i) => s + topMax(i), 0)).toBe(100);
      expect(parsed.gradeBands.map((b) => b.name)).toEqual(['优秀', '良好', '合格', '不合格']);
      expect(gradeOf(90, parsed.gradeBands)).toBe('优秀');
      expect(gradeOf(89.5, parsed.gradeBands)).toBe('良好');
      for (const top of parsed.indicators) {
        expect(top.children.length, top.name).toBeGreaterThanOrEqual(2);
        for (const leaf of top.children) {
          expect(leaf.code?.startsWith(`${top.code}.`), leaf.name).toBe(true);
          expect(leaf.scoringRule, leaf.name).toBeTruthy();
        }
      }
    }
  });

  it('scores Haining communities on the ten aspects, in order', () => {
    expect(hainingSampleTemplate.name).toBe('海宁市城乡教共体考核评价（示例）');
    expect(hainingSampleTemplate.indicators.map((i) => i.name)).toEqual([
      '党建引领', '管理贯通', '师资联培', '教学帮扶', '学科同进', '课程共建', '学生共育', '评价一体', '文化相长', '共同进步',
    ]);
    expect(hainingSampleTemplate.indicators.map((i) => i.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10']);
    expect(hainingSampleTemplate.indicators.every((i) => (i.children ?? []).length <= 3)).toBe(true);
  });

  it("scores Baoji's alliances on the five exchanges, between the groundwork and the outcomes", () => {
    expect(baojiSampleTemplate.name).toBe('宝鸡市城乡教育联盟考核评价（示例）');
    expect(baojiSampleTemplate.indicators.map((i) => i.name)).toEqual([
      '组织保障', '党建工作交流', '先进理念引领', '教师交流', '教研交流', '管理协作', '工作成效',
    ]);
  });
});
