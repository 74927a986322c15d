// At start-up the desktop app shows one system notification summarising the reminders
// that need the clerk (overdue and due soon); nothing when there are none.
import { Notification } from 'electron';
import { dispatch } from '../api/dispatch';
import { handlers } from '../handlers';
import type { Ctx } from '../handlers/context';

/** The notification's text, or null when nothing is overdue or due soon. */
export function reminderSummary(counts: { overdue: number; dueSoon: number }): string | null {
  const parts = [
    counts.overdue ? `已逾期 ${counts.overdue} 条` : '',
    counts.dueSoon ? `即将到期 ${counts.dueSoon} 条` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('，')}，请打开“提醒”处理。` : null;
}

export async function notifyReminders(ctx: Ctx, onClick: () => void): Promise<boolean> {
  const reply = await dispatch(handlers, 'reminders.counts', {}, ctx);
  if (!reply.ok) {
    ctx.log.error(new Error(`reminders.counts at start-up: ${reply.message}`));
    return false;
  }
  const body = reminderSummary(reply.value as { overdue: number; dueSoon: number });
  if (!body || !Notification.isSupported()) return false;
  const notice = new Notification({ title: '教育联盟台账 · 提醒', body });
  notice.on('click', onClick);
  notice.show();
  return true;
}
