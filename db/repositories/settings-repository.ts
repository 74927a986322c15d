import type { Knex } from 'knex';
import { defaultSettings, type Settings, type SettingsPatch } from '../../electron/api/settings';
import { StaleRecordError, writeAudit, type WriteContext } from '../records';

/** Settings are one row per key, JSON values, read over the defaults of electron/api/settings. */
export function settingsRepository(db: Knex) {
  return {
    async get(): Promise<Settings> {
      const rows = (await db('settings').select('key', 'value')) as { key: string; value: string }[];
      const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
      return { ...defaultSettings, ...stored } as Settings;
    },

    /**
     * The version of the settings as a whole: the sum of the keys' row versions, which every
     * write of a key raises (rows are never deleted), so it only ever grows.
     */
    async version(): Promise<number> {
      const row = (await db('settings').sum({ n: 'row_version' }).first()) as { n: number | string | null } | undefined;
      return Number(row?.n ?? 0);
    },

    /**
     * Writes the keys of the patch. With `expected` (the version the 设置 form loaded) a
     * save over a colleague's newer settings throws StaleRecordError and writes nothing.
     */
    async update(trx: Knex, patch: SettingsPatch, ctx: WriteContext, expected?: number): Promise<void> {
      // One settings writer at a time on PostgreSQL, so the version check below holds until commit.
      if (trx.client.config.client === 'pg') await trx.raw('SELECT pg_advisory_xact_lock(7007002)');
      if (expected !== undefined && (await settingsRepository(trx).version()) !== expected) {
        throw new StaleRecordError('settings', 'settings');
      }
      const before = await settingsRepository(trx).get();
      const stamp = ctx.now.toISOString();
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        const json = JSON.stringify(value);
        await trx('settings')
          .insert({ key, value: json, updated_at: stamp, row_version: 1 })
          .onConflict('key')
          .merge({ value: json, updated_at: stamp, row_version: trx.raw('settings.row_version + 1') });
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
