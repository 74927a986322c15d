// The clerk's decisions applied to derived reminders: done hides a reminder for good (for its
// key, i.e. this term or year only); snoozed hides it until the chosen day.
import type { Reminder, ReminderCounts } from '../../api/reminders';
import type { DerivedReminder } from './compute';

export interface ReminderDecision {
  state: 'done' | 'snoozed';
  snoozedUntil: string | null;
  note: string | null;
}

export function applyDecisions(
  derived: DerivedReminder[],
  decisions: Map<string, ReminderDecision>,
  today: string,
  includeHandled: boolean,
): Reminder[] {
  const out: Reminder[] = [];
  for (const r of derived) {
    const d = decisions.get(r.key);
    let state: Reminder['state'] = 'open';
    if (d?.state === 'done') state = 'done';
    else if (d?.state === 'snoozed' && d.snoozedUntil && d.snoozedUntil > today) state = 'snoozed';
    if (state !== 'open' && !includeHandled) continue;
    out.push({
      ...r,
      state,
      snoozedUntil: state === 'snoozed' ? d!.snoozedUntil : null,
      note: d?.note ?? null,
    });
  }
  return out;
}

export function countOpen(reminders: Reminder[]): ReminderCounts {
  const c: ReminderCounts = { overdue: 0, dueSoon: 0, notice: 0 };
  for (const r of reminders) {
    if (r.state !== 'open') continue;
    if (r.severity === 'overdue') c.overdue++;
    else if (r.severity === 'due_soon') c.dueSoon++;
    else c.notice++;
  }
  return c;
}
