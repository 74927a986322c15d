// Automatic backups for a door that keeps the ledger open: one shortly after start-up, and
// then whenever a day has passed since the last one (checked hourly). Never in the way:
// the work runs in the background and a failure is only logged and recorded.
import type { Ctx } from '../handlers/context';
import { autoBackup } from '../handlers/backups-handlers';

/** Returns a stop function that waits for a backup in progress. */
export function startAutoBackups(context: () => Ctx, options: { delayMs?: number; everyMs?: number } = {}): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = (atStartUp: boolean) => {
    if (stopped) return;
    running = running.then(() => (stopped ? null : autoBackup(context(), atStartUp))).catch(() => undefined);
  };
  const first = setTimeout(() => tick(true), options.delayMs ?? 5_000);
  const hourly = setInterval(() => tick(false), options.everyMs ?? 60 * 60 * 1000);
  first.unref?.();
  hourly.unref?.();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(hourly);
    await running;
  };
}
