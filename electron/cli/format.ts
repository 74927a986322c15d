// Output for a person, in Chinese.
import type { LedgerStats } from '../api/system';

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
