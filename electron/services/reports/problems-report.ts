// 问题清单台账: problems due in the period and earlier ones still open when it began, with
// the days past the deadline — until done, or counted to the report's date.
import { problemStatuses } from '../../api/enums';
import { reportRepository, type ProblemReportRow } from '../../../db/repositories/report-repository';
import { filterOf, keysetChunks, titleOf, type ReportDefinition } from './report-scope';

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

export function overdueDays(p: Pick<ProblemReportRow, 'dueOn' | 'status' | 'doneOn'>, asOf: string): number | null {
  const end = p.status === 'done' ? p.doneOn : asOf;
  if (!end) return null;
  const days = dayNumber(end) - dayNumber(p.dueOn);
  return days > 0 ? days : null;
}

export const problemsReport: ReportDefinition = {
  title: '教育联盟问题清单台账',
  async sheets(scope) {
    const repo = reportRepository(scope.db);
    const f = filterOf(scope);
    return [
      {
        name: '问题清单',
        title: titleOf(scope, '教育联盟问题清单台账'),
        columns: [
          { header: '联盟名称', type: 'text' },
          { header: '学校', type: 'text' },
          { header: '问题描述', type: 'longText' },
          { header: '工作目标', type: 'longText' },
          { header: '工作措施', type: 'longText' },
          { header: '阶段任务', type: 'longText' },
          { header: '完成时限', type: 'date' },
          { header: '责任人', type: 'text' },
          { header: '状态', type: 'text' },
          { header: '完成日期', type: 'date' },
          { header: '逾期天数', type: 'int' },
        ],
        count: await repo.countProblems(f),
        chunks: () =>
          keysetChunks(
            (after, limit) => repo.problemsPage(f, after, limit),
            (r) => [r.dueOn, r.id],
            (r) => [
              r.allianceName,
              r.schoolName,
              r.description,
              r.goal,
              r.measures,
              r.stageTasks,
              r.dueOn,
              r.owner,
              problemStatuses.label(r.status as never),
              r.doneOn,
              overdueDays(r, f.asOf),
            ],
          ),
      },
    ];
  },
};
