// 教师交流情况统计表: a detail sheet of every exchange running during the period, and a
// summary by alliance — people per kind of exchange, days and hours.
import { exchangeKinds, exchangeStatuses } from '../../api/enums';
import type { ReportCell } from '../../api/reports';
import { reportRepository } from '../../../db/repositories/report-repository';
import { filterOf, keysetChunks, listChunks, titleOf, type ReportDefinition } from './report-scope';

export const teacherExchangesReport: ReportDefinition = {
  title: '教育联盟教师交流情况统计表',
  async sheets(scope) {
    const repo = reportRepository(scope.db);
    const f = filterOf(scope);
    const summary = await repo.exchangeSummary(f);
    const kinds = exchangeKinds.codes;
    const summaryRows = summary.map((r): ReportCell[] => [
      r.allianceName,
      ...kinds.map((k) => r.people[k] ?? 0),
      r.days,
      Math.round(r.hours * 10) / 10,
    ]);
    return [
      {
        name: '教师交流明细',
        title: titleOf(scope, '教育联盟教师交流情况明细表'),
        columns: [
          { header: '联盟名称', type: 'text' },
          { header: '教师姓名', type: 'text' },
          { header: '学科', type: 'text' },
          { header: '派出学校', type: 'text' },
          { header: '接收学校', type: 'text' },
          { header: '交流类型', type: 'text' },
          { header: '开始日期', type: 'date' },
          { header: '结束日期', type: 'date' },
          { header: '天数', type: 'int', sum: true },
          { header: '课时/小时', type: 'number', sum: true },
          { header: '状态', type: 'text' },
        ],
        count: await repo.countExchanges(f),
        chunks: () =>
          keysetChunks(
            (after, limit) => repo.exchangesPage(f, after, limit),
            (r) => [r.startOn, r.id],
            (r) => [
              r.allianceName,
              r.teacherName,
              r.subject,
              r.fromName,
              r.toName,
              exchangeKinds.label(r.kind as never),
              r.startOn,
              r.endOn,
              r.days,
              r.hours,
              exchangeStatuses.label(r.status as never),
            ],
          ),
        totals: {},
      },
      {
        name: '教师交流汇总',
        title: titleOf(scope, '教育联盟教师交流情况汇总表'),
        columns: [
          { header: '联盟名称', type: 'text' },
          ...kinds.map((k) => ({ header: `${exchangeKinds.label(k)}人数`, group: '交流人数', type: 'int' as const, sum: true })),
          { header: '总天数', type: 'int', sum: true },
          { header: '总小时', type: 'number', sum: true },
        ],
        count: summaryRows.length,
        chunks: () => listChunks(summaryRows),
        totals: {},
      },
    ];
  },
};
