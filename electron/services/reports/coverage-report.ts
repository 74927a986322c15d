// 覆盖情况统计表: one row per county-level region — schools, schools in an alliance, the
// rate, alliances by kind and the cross-region ones — and a 合计 whose rate is the ratio of
// the sums and where an alliance spanning several counties counts once.
import { allianceKinds, compulsoryStages } from '../../api/enums';
import { coverageRepository, type CoverageCounts } from '../../../db/repositories/coverage-repository';
import type { ReportCell } from '../../api/reports';
import { listChunks, titleOf, type ReportDefinition } from './report-scope';
import type { ReportColumn } from './sheet-writer';

const rate = (c: CoverageCounts): number | null => (c.schools ? Math.round((c.covered / c.schools) * 10000) / 100 : null);

export const coverageReport: ReportDefinition = {
  title: '城乡教育联盟覆盖情况统计表',
  async sheets(scope) {
    const { rows, total } = await coverageRepository(scope.db).byCounty({
      asOf: scope.period.asOf,
      stages: compulsoryStages,
      ...(scope.regionId ? { regionId: scope.regionId } : {}),
      ...(scope.allianceKind ? { allianceKind: scope.allianceKind } : {}),
    });
    const target = scope.settings.coverageTarget;
    const kinds = allianceKinds.codes;
    const columns: ReportColumn[] = [
      { header: '县（市、区）', type: 'text' },
      { header: '学校总数', type: 'int', sum: true },
      { header: '参与联盟学校数', type: 'int', sum: true },
      { header: '覆盖率(%)', type: 'percent' },
      { header: '联盟总数', type: 'int' },
      ...kinds.map((k): ReportColumn => ({ header: allianceKinds.label(k), group: '按联盟类型', type: 'int' })),
      { header: '跨区域联盟数', type: 'int' },
      { header: '备注', type: 'text' },
    ];
    const counts = (c: CoverageCounts): ReportCell[] => [c.alliances, ...kinds.map((k) => c.byKind[k] ?? 0), c.crossRegion];
    const note = (c: CoverageCounts) => {
      const r = rate(c);
      return r !== null && r < target ? `低于目标 ${target}%` : null;
    };
    const cells = rows.map((r): ReportCell[] => [r.regionName, r.schools, r.covered, rate(r), ...counts(r), note(r)]);
    return [
      {
        name: '覆盖情况',
        title: titleOf(scope, '城乡教育联盟覆盖情况统计表'),
        columns,
        count: cells.length,
        chunks: () => listChunks(cells),
        totals: {
          overrides: async () =>
            Object.fromEntries([rate(total), ...counts(total), note(total)].map((v, i) => [i + 3, v])) as Record<number, ReportCell>,
        },
      },
    ];
  },
};
