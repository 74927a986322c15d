// Output for a person, in Chinese.
import type { LedgerStats } from '../api/system';
import type { Reminder } from '../api/reminders';

const statLabels: Record<keyof LedgerStats, string> = {
  regions: '行政区划',
  schools: '学校',
  alliances: '联盟',
  allianceMembers: '联盟成员',
  activities: '交流活动',
  teacherExchanges: '教师交流',
  sharedCourses: '课程共享',
  cooperationProjects: '合作项目',
  problems: '问题清单',
  supervisions: '督导',
  rectifications: '整改通知书',
  evaluations: '考核评价',
};

export function formatStats(stats: LedgerStats): string {
  return (Object.keys(statLabels) as (keyof LedgerStats)[])
    .map((k) => `${statLabels[k].padEnd(6, '　')} ${stats[k].toLocaleString('zh-CN')}`)
    .join('\n');
}

const severityTitles: Record<Reminder['severity'], string> = { overdue: '已逾期', due_soon: '即将到期', notice: '提示' };
const stateLabels: Record<Reminder['state'], string> = { open: '', done: '（已办）', snoozed: '（已推迟）' };

/** Reminders grouped by severity, one line each: due date, alliance, what to do. */
export function formatReminders(list: Reminder[]): string {
  if (list.length === 0) return '当天没有提醒。';
  const parts: string[] = [];
  for (const severity of ['overdue', 'due_soon', 'notice'] as const) {
    const group = list.filter((r) => r.severity === severity);
    if (!group.length) continue;
    parts.push(`${severityTitles[severity]}（${group.length}）`);
    for (const r of group) {
      const until = r.state === 'snoozed' && r.snoozedUntil ? `（推迟到${r.snoozedUntil}）` : stateLabels[r.state];
      parts.push(`  ${r.dueOn}  ${r.allianceName ? `【${r.allianceName}】` : ''}${r.message}${until}`);
    }
  }
  return parts.join('\n');
}

/** One evaluated alliance or school as `evaluations` prints it (and as its --json holds). */
export interface EvaluationResultLine {
  name: string;
  region: string | null;
  template: string;
  /** Per 一级指标, by name. */
  scores: Record<string, number | null>;
  total: number;
  grade: string | null;
  rank: number | null;
  status: string;
  statusLabel: string;
}

/** The results table: rank, name, total, grade and status, the ranked first. */
export function formatEvaluationResults(template: string, year: number, rows: EvaluationResultLine[]): string {
  if (rows.length === 0) return `${year} 年度“${template}”还没有考核评价。`;
  const lines = [`${year} 年度考核评价结果 · ${template}（${rows.length} 个对象）`, '排名  总分    等次    状态    名称'];
  for (const r of rows) {
    const rank = r.rank === null ? '—' : String(r.rank);
    lines.push(`${rank.padEnd(5)} ${r.total.toFixed(2).padStart(6)}  ${(r.grade ?? '—').padEnd(4, '　')}  ${r.statusLabel.padEnd(4, '　')}  ${r.name}`);
  }
  return lines.join('\n');
}
