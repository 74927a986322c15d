// Opening a ledger database: a SQLite file (the embedded default) or a PostgreSQL URL.
// Every open runs pending migrations; on SQLite a VACUUM INTO snapshot is taken first, and
// a migration that fails puts that snapshot back. A database a newer app has migrated is
// refused untouched.
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { backupDirOf, backupName } from './backup-files';
import { migrations as shippedMigrations, sourceOf, type MigrationList } from './migrations';

export type Db = Knex;

export class DatabaseMissingError extends Error {
  constructor(readonly target: string) {
    super(`数据库不存在：${target}`);
  }
}

export class DatabaseUnreadableError extends Error {
  constructor(
    readonly target: string,
    reason: string,
  ) {
    super(`无法打开数据库 ${redactUrl(target)}：${reason}`);
  }
}

/** The database was migrated by a newer version of the app: refused, and left as it was. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly target: string,
    readonly unknownMigrations: string[],
  ) {
    super(`此数据库由更新版本的台账程序创建，本程序无法打开。请安装最新版本后再打开；数据库未做任何改动（${redactUrl(target)}）`);
  }
}

/** A migration failed; the database was put back to the snapshot taken just before. */
export class MigrationFailedError extends Error {
  constructor(
    readonly target: string,
    readonly backup: string | null,
    reason: string,
  ) {
    super(
      backup
        ? `数据库升级失败，已恢复为升级前的备份，数据没有损失。原因：${reason}（备份文件：${backup}）`
        : `数据库升级失败：${reason}`,
    );
  }
}

export interface OpenOptions {
  /** Create the SQLite file when it does not exist (first run, `sample`). */
  create?: boolean;
  /** The migrations to run; tests pass their own (one that fails, one that hangs). */
  migrations?: MigrationList;
  /** The time the pre-migration backup is named by. */
  now?: () => Date;
  /**
   * Refresh the planner's statistics on open (default). Off for a door that must leave the
   * file as it was unless it writes (合并督导包 from the CLI: a refused package changes nothing).
   */
  analyze?: boolean;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

/** A postgres:// URL (or a text containing one) with its password taken out, for messages and logs. */
export function redactUrl(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*):[^@\s]*@/g, '$1:***@');
}

export async function openDatabase(target: string, options: OpenOptions = {}): Promise<Db> {
  const db = isPostgresUrl(target) ? openPostgres(target) : await openSqlite(target, options);
  try {
    await migrate(db, target, options);
    if (!isPostgresUrl(target) && options.analyze !== false) await refreshStatistics(db);
  } catch (e) {
    await db.destroy();
    if (e instanceof MigrationFailedError && e.backup) putBack(target, e.backup);
    throw e;
  }
  return db;
}

async function openSqlite(file: string, options: OpenOptions): Promise<Db> {
  const exists = fs.existsSync(file);
  if (!exists && !options.create) throw new DatabaseMissingError(file);
  if (exists) assertSqliteFile(file);
  if (!exists) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = knexFactory({
    client: 'sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    // One connection: SQLite has one writer anyway, and a single connection keeps
    // the PRAGMAs below in force for every statement.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
        conn.exec(
          'PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -64000;',
          (err) => done(err, conn),
        );
      },
    },
  });
  return db;
}

interface SqliteConnection {
  exec(sql: string, cb: (err: Error | null) => void): void;
}

/** A non-SQLite file must be refused before knex touches (and possibly rewrites) it. */
function assertSqliteFile(file: string): void {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
  } catch (e) {
    throw new DatabaseUnreadableError(file, (e as Error).message);
  }
  const size = fs.statSync(file).size;
  if (size > 0 && header.toString('latin1') !== 'SQLite format 3\0') {
    throw new DatabaseUnreadableError(file, '不是台账数据库文件（SQLite）');
  }
}

function openPostgres(url: string): Db {
  // A server behind a firewall that drops packets would otherwise hold the app's start for
  // the operating system's TCP timeout: 20 s, then a Chinese 超时 message (db/connection-check.ts).
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, types: { getTypeParser } },
    pool: { min: 0, max: 10 },
    acquireConnectionTimeout: 20_000,
  });
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Counts (bigint) and decimals (numeric) come back as numbers, as they do from SQLite, instead
 * of node-postgres's strings: every count in the app is far below 2^53, and the decimals are
 * scores and hours with one or two places. Per connection, so node-postgres's global parsers stay as they are.
 */
function getTypeParser(oid: number, format?: string) {
  if ((oid === INT8 || oid === NUMERIC) && format !== 'binary') return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format as 'text');
}

/**
 * Keeps the query planner's statistics current. Without them SQLite ignores some covering
 * indexes of the list queries (measured: 74 ms instead of 41 ms for the alliance list at
 * province scale). analysis_limit keeps this to a sample, so it stays quick on big files.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  await db.raw('PRAGMA analysis_limit = 1000');
  await db.raw('ANALYZE');
}

/** The advisory lock two app instances opening one PostgreSQL database at once migrate under. */
export const MIGRATION_LOCK = 7007002;

async function migrate(db: Db, target: string, options: OpenOptions): Promise<void> {
  if (!isPostgresUrl(target)) return migrateUnlocked(db, target, options);
  // One connection holds a session-level advisory lock while migrations run on the pool:
  // a second instance waits here, then finds nothing pending. (knex's own migration lock
  // would instead fail the second instance with "Migration table is already locked".)
  const holder = await db.client.acquireConnection();
  try {
    await db.raw('SELECT pg_advisory_lock(?)', [MIGRATION_LOCK]).connection(holder);
    try {
      await migrateUnlocked(db, target, options);
    } finally {
      await db.raw('SELECT pg_advisory_unlock(?)', [MIGRATION_LOCK]).connection(holder);
    }
  } finally {
    await db.client.releaseConnection(holder);
  }
}

async function migrateUnlocked(db: Db, target: string, options: OpenOptions): Promise<void> {
  const list = options.migrations ?? shippedMigrations;
  const config = { migrationSource: sourceOf(list) };
  const known = new Set(list.map(([name]) => name));
  if (await db.schema.hasTable('knex_migrations')) {
    const done = (await db('knex_migrations').pluck('name')) as string[];
    const unknown = done.filter((name) => !known.has(name));
    if (unknown.length > 0) throw new DatabaseTooNewError(target, unknown);
    // Up to date (every start but the first after an update): no need for knex's own,
    // slower look at its tables (several catalog queries on PostgreSQL).
    const finished = new Set(done);
    if (list.every(([name]) => finished.has(name))) return;
  }
  const [completed, pending] = (await db.migrate.list(config)) as [unknown[], unknown[]];
  if (pending.length === 0) return;
  // A new file has nothing to lose; a ledger that has been migrated before is snapshotted first.
  const backup = !isPostgresUrl(target) && completed.length > 0 ? await backupBeforeMigration(db, target, options) : null;
  try {
    await db.migrate.latest(config);
  } catch (e) {
    throw new MigrationFailedError(target, backup, e instanceof Error ? e.message : String(e));
  }
}

/** On SQLite a VACUUM INTO snapshot is taken before any migration touches a ledger with data. */
async function backupBeforeMigration(db: Db, file: string, options: OpenOptions): Promise<string> {
  const dir = backupDirOf(file);
  fs.mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, backupName(options.now?.() ?? new Date(), 'migration'));
  await db.raw('VACUUM INTO ?', [copy]);
  return copy;
}

/** Puts a closed database file back to a snapshot: the snapshot is whole, so the WAL goes. */
function putBack(file: string, snapshot: string): void {
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  const tmp = `${file}.restoring`;
  fs.copyFileSync(snapshot, tmp);
  fs.renameSync(tmp, file);
}

/** The SQLite file behind a connection; null on PostgreSQL. */
export function sqliteFileOf(db: Db): string | null {
  if (db.client.config.client !== 'sqlite3') return null;
  const connection = db.client.config.connection as { filename?: string };
  return connection.filename ? path.resolve(connection.filename) : null;
}

/**
 * WAL needs shared memory between the processes that open a file, which network shares do
 * not give: a database on one is warned about (architecture.md, "Data safety").
 */
export function networkShareWarning(file: string): string | null {
  const resolved = path.resolve(file);
  const warning = '数据库位于网络共享文件夹，多人同时使用可能损坏数据。请把数据文件夹放在本机磁盘上，多人共用请改用 PostgreSQL 服务器。';
  if (process.platform === 'win32') return /^\\\\/.test(resolved) ? warning : null;
  let mounts: string;
  try {
    mounts = fs.readFileSync('/proc/mounts', 'utf8');
  } catch {
    return null;
  }
  let best = { point: '', type: '' };
  for (const line of mounts.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const p = point.replace(/\\040/g, ' ');
    if ((resolved === p || resolved.startsWith(p.endsWith('/') ? p : `${p}/`)) && p.length > best.point.length) best = { point: p, type };
  }
  return /^(nfs|nfs4|cifs|smb|smbfs|smb3|9p|fuse\.sshfs|afs|ncpfs|davfs)$/.test(best.type) ? warning : null;
}
