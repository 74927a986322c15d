// 督导整改台账: each supervision of the period with its rectification notices (one row per
// notice, or one row when none was issued) and the interviews that followed it.
import { rectificationStatuses, supervisionKinds } from '../../api/enums';
import { reportRepository } from '../../../db/repositories/report-repository';
import { filterOf, offsetChunks, titleOf, type ReportDefinition } from './report-scope';

export const supervisionReport: ReportDefinition = {
  title: '教育联盟督导整改台账',
  async sheets(scope) {
    const repo = reportRepository(scope.db);
    const f = filterOf(scope);
    return [
      {
        name: '督导整改',
        title: titleOf(scope, '教育联盟督导整改台账'),
        columns: [
          { header: '督导日期', type: 'date' },
          { header: '督导类型', type: 'text' },
          { header: '督导对象', type: 'text' },
          { header: '督导组成员', type: 'text' },
          { header: '主要问题', type: 'longText' },
          { header: '整改通知书文号', type: 'text' },
          { header: '下发日期', type: 'date' },
          { header: '整改期限', type: 'date' },
          { header: '整改状态', type: 'text' },
          { header: '复查日期', type: 'date' },
          { header: '约谈情况', type: 'longText' },
        ],
        count: await repo.countSupervisions(f),
        chunks: () =>
          offsetChunks(
            (offset, limit) => repo.supervisionsPage(f, offset, limit),
            (r) => [
              r.date,
              supervisionKinds.label(r.kind as never),
              r.targetName,
              r.inspectors,
              r.findings,
              r.number,
              r.issuedOn,
              r.deadline,
              r.status ? rectificationStatuses.label(r.status as never) : '未下发整改通知',
              r.verifiedOn,
              r.interviews,
            ],
          ),
      },
    ];
  },
};
