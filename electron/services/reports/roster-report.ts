// 联盟名册: one row per member on the period's last day (or today), alliance by alliance,
// the lead first.
import { allianceKinds, builtInModes, localities, stages } from '../../api/enums';
import { reportRepository } from '../../../db/repositories/report-repository';
import { chineseDate } from './period';
import { filterOf, offsetChunks, type ReportDefinition } from './report-scope';

export const rosterReport: ReportDefinition = {
  title: '教育联盟名册',
  async sheets(scope) {
    const repo = reportRepository(scope.db);
    const f = filterOf(scope);
    return [
      {
        name: '联盟名册',
        title: `${scope.regionName ?? ''}教育联盟名册（截至${chineseDate(f.asOf)}）`,
        columns: [
          { header: '联盟名称', type: 'text' },
          { header: '类型', type: 'text' },
          { header: '办学模式', type: 'text' },
          { header: '牵头学校', type: 'text' },
          { header: '成员校', type: 'text' },
          { header: '所在县区', type: 'text' },
          { header: '学段', type: 'text' },
          { header: '城乡属性', type: 'text' },
          { header: '加入时间', type: 'date' },
        ],
        count: await repo.countRoster(f),
        chunks: () =>
          offsetChunks(
            (offset, limit) => repo.rosterPage(f, offset, limit),
            (r) => [
              r.allianceName,
              allianceKinds.label(r.kind as never),
              r.modes.map((m) => builtInModes[m] ?? m).join('、') || null,
              r.leadName,
              r.memberName,
              r.countyName,
              r.stage ? stages.label(r.stage as never) : null,
              r.locality ? localities.label(r.locality as never) : null,
              r.joinedOn,
            ],
          ),
      },
    ];
  },
};
