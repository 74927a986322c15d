// Fills a fresh ledger file (already migrated) with the records of a package, their base
// snapshot, the settings, the attachment files and the manifest — the manifest's
// `complete` flag and seal last, in the same transaction.
import { newId } from '../ids';
import type { Knex } from 'knex';
import { insertRows } from '../bulk-insert';
import { reindexActivities } from '../repositories/activity-writes';
import { packageChecksum, packageFormatVersion, packageTables, storedRow, type PackageScopeLabel } from './package-tables';
import { rowsOf, type PackageIds } from './package-scope';

export interface PackageMeta {
  sourceDatabaseId: string;
  sourceName: string | null;
  createdBy: string;
  now: Date;
  scope: PackageScopeLabel;
}

export interface BuildWork {
  signal?: AbortSignal;
  progress?: (p: { phase: string; done: number; total: number }) => void;
  /** The bytes of an attachment file, or null when the office's folder lacks it. */
  readFile(sha256: string): Buffer | null;
}

export async function buildPackage(office: Knex, pkg: Knex, ids: PackageIds, meta: PackageMeta, work: BuildWork): Promise<{ packageId: string; recordCount: number }> {
  const packageId = newId();
  const total = packageTables.reduce((n, t) => n + ids[t].size, 0);
  let done = 0;
  await pkg.transaction(async (trx) => {
    await trx.raw('PRAGMA defer_foreign_keys = ON');
    // The fresh file's own settings rows give way to the office's.
    await trx('settings').del();
    const settings = (await office('settings').select('key', 'value', 'updated_at')) as Record<string, unknown>[];
    await insertRows(trx, 'settings', ['key', 'value', 'updated_at'], settings.map((s) => [s.key, s.value, s.updated_at]));
    for (const table of packageTables) {
      for await (const rows of rowsOf(office, table, ids[table])) {
        if (work.signal?.aborted) throw new Error('cancelled');
        if (rows.length === 0) continue;
        const stored = rows.map(storedRow);
        const columns = Object.keys(stored[0]!);
        await insertRows(trx, table, columns, stored.map((r) => columns.map((c) => r[c])));
        await insertRows(trx, 'package_base', ['entity', 'record_id', 'row'], stored.map((r) => [table, r.id, JSON.stringify(r)]));
        done += rows.length;
        work.progress?.({ phase: '写入督导包', done, total });
      }
    }
    const hashes = (await trx('attachments').distinct('sha256').pluck('sha256')) as string[];
    for (const [i, sha256] of hashes.entries()) {
      const bytes = work.readFile(sha256);
      if (bytes) await trx('package_files').insert({ sha256, bytes });
      work.progress?.({ phase: '打包附件', done: i + 1, total: hashes.length });
    }
    for (const allianceId of ids.alliances) await reindexActivities(trx, { allianceId });
    await trx('package_manifest').insert({
      package_id: packageId,
      format_version: packageFormatVersion,
      source_database_id: meta.sourceDatabaseId,
      source_name: meta.sourceName,
      created_at: meta.now.toISOString(),
      created_by: meta.createdBy || '未署名',
      scope: JSON.stringify(meta.scope),
      migrations: JSON.stringify(((await trx('knex_migrations').orderBy('id').pluck('name')) as string[])),
      record_count: total,
      complete: false,
    });
    const checksum = await packageChecksum(trx);
    await trx('package_manifest').where({ package_id: packageId }).update({ checksum, sealed_at: meta.now.toISOString(), complete: true });
  });
  return { packageId, recordCount: total };
}
