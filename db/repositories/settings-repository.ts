import type { Knex } from 'knex';
import { defaultSettings, type Settings, type SettingsPatch } from '../../electron/api/settings';
import { writeAudit, type WriteContext } from '../records';

/** Settings are one row per key, JSON values, read over the defaults of electron/api/settings. */
export function settingsRepository(db: Knex) {
  return {
    async get(): Promise<Settings> {
      const rows = (await db('settings').select('key', 'value')) as { key: string; value: string }[];
      const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
      return { ...defaultSettings, ...stored } as Settings;
    },

    async update(trx: Knex, patch: SettingsPatch, ctx: WriteContext): Promise<void> {
      const before = await settingsRepository(trx).get();
      const stamp = ctx.now.toISOString();
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        await trx('settings')
          .insert({ key, value: JSON.stringify(value), updated_at: stamp })
          .onConflict('key')
          .merge();
      }
      const changed = Object.keys(patch).filter((k) => patch[k as keyof SettingsPatch] !== undefined);
      if (changed.length === 0) return;
      await writeAudit(trx, ctx, {
        entity: 'settings',
        recordId: 'settings',
        action: 'update',
        before: Object.fromEntries(changed.map((k) => [k, before[k as keyof Settings]])),
        after: Object.fromEntries(changed.map((k) => [k, patch[k as keyof SettingsPatch]])),
      });
    },
  };
}
