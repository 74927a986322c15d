// The start-up notification: one summary of overdue and due-soon reminders, or nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeNotification } from './support/electron-stand-in';
import { notifyReminders, reminderSummary } from '../electron/main/startup-notice';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';
import { makeLedger } from './support/ledger';

vi.mock('electron', async () => (await import('./support/electron-stand-in.js')).electron);

let w: AllianceWorld;
beforeEach(async () => {
  FakeNotification.shown.length = 0;
  w = await makeAllianceWorld();
});
afterEach(() => w.close());

describe('the start-up notification', () => {
  it('words the counts in Chinese and says nothing when nothing is due', () => {
    expect(reminderSummary({ overdue: 2, dueSoon: 3 })).toBe('已逾期 2 条，即将到期 3 条，请打开“提醒”处理。');
    expect(reminderSummary({ overdue: 0, dueSoon: 1 })).toBe('即将到期 1 条，请打开“提醒”处理。');
    expect(reminderSummary({ overdue: 0, dueSoon: 0 })).toBeNull();
  });

  it('shows nothing on a ledger with nothing due', async () => {
    const empty = await makeLedger();
    const shown = await notifyReminders(empty.ctx, () => undefined);
    await empty.close();
    expect(shown).toBe(false);
    expect(FakeNotification.shown).toEqual([]);
  });

  it('shows one summary of what is due, counted like 提醒中心', async () => {
    const before = await w.call('reminders.counts', {});
    await w.call('problems.create', {
      allianceId: w.alliances.weibin,
      description: '联盟活动记录不完整',
      dueOn: '2026-11-01',
      owner: '王老师',
    });
    const shown = await notifyReminders(w.ctx, () => undefined);
    expect(shown).toBe(true);
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]!.body).toBe(reminderSummary({ ...before, overdue: before.overdue + 1 }));
  });
});
