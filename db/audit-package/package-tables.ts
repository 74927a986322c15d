// What an audit package (外出督导包) holds, and its seal. A package is a ledger file with
// the same schema, holding a chosen subset of the office's records, plus its manifest and
// the rows as they were at export (package_base).
//
// The seal: manifest.checksum is a SHA-256 over the package's records, its base rows and
// its manifest. The app recomputes it inside the same transaction as each of its own
// writes (db/audit-package/seal.ts, called by every write of a handler), so a crash can
// never leave records and seal out of step; an edit made with a SQLite tool outside the
// app leaves the seal stale, and the office refuses the package.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** The version of the package format this app writes and reads. */
export const packageFormatVersion = 1;

/** The record tables a package carries, parents before children (the merge order). */
export const packageTables = [
  'regions',
  'schools',
  'alliances',
  'alliance_members',
  'alliance_quality_ratings',
  'annual_plans',
  'activities',
  'activity_schools',
  'teacher_exchanges',
  'shared_courses',
  'shared_course_schools',
  'cooperation_projects',
  'problems',
  'supervisions',
  'rectifications',
  'interviews',
  'evaluation_templates',
  'indicators',
  'evaluations',
  'evaluation_scores',
  'awards',
  'attachments',
  'record_attachments',
] as const;
export type PackageTable = (typeof packageTables)[number];

/** Derived columns: never compared, copied or merged. */
const derivedColumns = new Set(['search_key']);
/** Bookkeeping columns: not part of a record's content (row_version counts saves on each side). */
const stampColumns = new Set(['id', 'created_at', 'updated_at', 'row_version']);

export type Row = Record<string, unknown>;

/** A row without its derived columns, values normalised as SQLite hands them back. */
export function storedRow(row: Row): Row {
  const out: Row = {};
  for (const key of Object.keys(row).sort()) {
    if (derivedColumns.has(key)) continue;
    const v = row[key];
    out[key] = v === undefined ? null : typeof v === 'boolean' ? Number(v) : v;
  }
  return out;
}

/** The columns that make a record's content (deleted_at included: a deletion is a change). */
export function contentColumns(row: Row): string[] {
  return Object.keys(storedRow(row)).filter((k) => !stampColumns.has(k));
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (typeof a === 'boolean') a = Number(a);
  if (typeof b === 'boolean') b = Number(b);
  return a === b || String(a) === String(b);
}

/** Content columns whose values differ between two versions of one record. */
export function changedColumns(a: Row, b: Row): string[] {
  const columns = new Set([...contentColumns(a), ...contentColumns(b)]);
  return [...columns].filter((c) => !sameValue(a[c], b[c])).sort();
}

/** The hash of a record version (content and stamps), as remembered by the office after a merge. */
export function rowHash(row: Row): string {
  return createHash('sha256').update(JSON.stringify(storedRow(row)), 'utf8').digest('hex');
}

/** The hash of a record's content only (no id or time stamps). */
export function contentHash(row: Row): string {
  const stored = storedRow(row);
  const content = Object.fromEntries(contentColumns(row).map((c) => [c, stored[c] === null || stored[c] === undefined ? null : String(stored[c])]));
  return createHash('sha256').update(JSON.stringify(content), 'utf8').digest('hex');
}

export interface Manifest {
  packageId: string;
  formatVersion: number;
  sourceDatabaseId: string;
  sourceName: string | null;
  createdAt: string;
  createdBy: string;
  scope: PackageScopeLabel;
  migrations: string[];
  recordCount: number;
  checksum: string | null;
  sealedAt: string | null;
  complete: boolean;
}

export interface PackageScopeLabel {
  label: string;
  allianceIds: string[];
  schoolIds: string[];
  regionIds: string[];
  year: number;
}

/** The manifest of a package file; null for an office ledger (no manifest row). */
export async function readManifest(db: Knex): Promise<Manifest | null> {
  const r = (await db('package_manifest').first()) as Row | undefined;
  if (!r) return null;
  const parse = <T>(s: unknown, fallback: T): T => {
    try {
      return JSON.parse(String(s)) as T;
    } catch {
      return fallback;
    }
  };
  return {
    packageId: String(r.package_id),
    formatVersion: Number(r.format_version),
    sourceDatabaseId: String(r.source_database_id),
    sourceName: (r.source_name as string | null) ?? null,
    createdAt: String(r.created_at),
    createdBy: String(r.created_by),
    scope: parse<PackageScopeLabel>(r.scope, { label: '', allianceIds: [], schoolIds: [], regionIds: [], year: 0 }),
    migrations: parse<string[]>(r.migrations, []),
    recordCount: Number(r.record_count),
    checksum: (r.checksum as string | null) ?? null,
    sealedAt: (r.sealed_at as string | null) ?? null,
    complete: Boolean(Number(r.complete)),
  };
}

/** This database's id (made once by migration 014). */
export async function databaseIdOf(db: Knex): Promise<string> {
  const r = (await db('ledger_identity').first('id')) as { id: string } | undefined;
  if (!r) throw new Error('ledger_identity is empty');
  return r.id;
}

/**
 * The seal over a package's content: every record of the package tables in id order, the
 * base rows, and the manifest's identifying fields. Reads a page at a time.
 */
export async function packageChecksum(db: Knex): Promise<string> {
  const hash = createHash('sha256');
  const m = (await db('package_manifest').first()) as Row | undefined;
  if (!m) throw new Error('not a package');
  hash.update(
    JSON.stringify([m.package_id, Number(m.format_version), m.source_database_id, m.created_at, m.created_by, m.scope, m.migrations, Number(m.record_count)]),
  );
  const page = 2000;
  for (const table of packageTables) {
    hash.update(`\n#${table}\n`);
    let after = '';
    for (;;) {
      const rows = (await db(table).where('id', '>', after).orderBy('id').limit(page)) as Row[];
      for (const r of rows) hash.update(`${JSON.stringify(storedRow(r))}\n`);
      if (rows.length < page) break;
      after = String(rows[rows.length - 1]!.id);
    }
  }
  hash.update('\n#base\n');
  const base = (await db('package_base').orderBy(['entity', 'record_id'])) as Row[];
  for (const b of base) hash.update(`${String(b.entity)}|${String(b.record_id)}|${String(b.row)}\n`);
  return hash.digest('hex');
}

/** Re-seals a package after the app's own write; does nothing in an office ledger. Call inside the write's transaction. */
export async function resealIfPackage(trx: Knex, now: Date): Promise<void> {
  const m = (await trx('package_manifest').first('package_id', 'complete')) as Row | undefined;
  if (!m || !Number(m.complete)) return;
  const checksum = await packageChecksum(trx);
  await trx('package_manifest').where({ package_id: m.package_id }).update({ checksum, sealed_at: now.toISOString() });
}
