// 交流活动台账: every joint activity of the period, oldest first. A province's year is
// 100,000+ rows: read in keyset pages over the (date, id) index and streamed out.
import { activityCategories } from '../../api/enums';
import { termLabel, termOf } from '../../api/terms';
import { reportRepository } from '../../../db/repositories/report-repository';
import { filterOf, keysetChunks, titleOf, yesNo, type ReportDefinition } from './report-scope';

export const activitiesReport: ReportDefinition = {
  title: '教育联盟交流活动台账',
  async sheets(scope) {
    const repo = reportRepository(scope.db);
    const f = filterOf(scope);
    const terms = scope.settings.terms;
    return [
      {
        name: '交流活动',
        title: titleOf(scope, '教育联盟交流活动台账'),
        columns: [
          { header: '联盟名称', type: 'text' },
          { header: '活动日期', type: 'date' },
          { header: '学期', type: 'text' },
          { header: '活动类别', type: 'text' },
          { header: '活动形式', type: 'text' },
          { header: '活动主题', type: 'longText' },
          { header: '承办学校', type: 'text' },
          { header: '参与学校', type: 'longText' },
          { header: '参与人数', type: 'int', sum: true },
          { header: '校级领导互访', type: 'text' },
          { header: '活动成效', type: 'longText' },
          { header: '备注', type: 'text' },
        ],
        count: await repo.countActivities(f),
        chunks: () =>
          keysetChunks(
            (after, limit) => repo.activitiesPage(f, after, limit),
            (r) => [r.date, r.id],
            (r) => {
              const term = termOf(r.date, terms);
              return [
                r.allianceName,
                r.date,
                term ? termLabel(term) : '假期',
                activityCategories.label(r.category as never),
                r.form,
                r.title,
                r.hostName,
                r.schools.join('、') || null,
                r.participants,
                yesNo(r.leadershipVisit),
                r.outcome,
                r.notes,
              ];
            },
          ),
        totals: {},
      },
    ];
  },
};
