// Where a reminder's record is shown.
import type { Reminder } from '../../../electron/api/reminders';

export function recordLink(r: Reminder): string | null {
  switch (r.entity) {
    case 'alliance':
      return `/alliances/${r.recordId}`;
    case 'problem':
      return r.allianceId ? `/problems?allianceId=${r.allianceId}` : '/problems';
    case 'rectification':
      return r.parentId ? `/supervisions/${r.parentId}` : '/supervisions';
    case 'evaluation':
      return `/evaluations/${r.recordId}`;
    default:
      return null;
  }
}
