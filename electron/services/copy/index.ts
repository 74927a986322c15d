// Moving an office onto the server (and back): a whole ledger copied from one database to
// another — SQLite file → PostgreSQL, PostgreSQL → SQLite file, or between two of a kind.
//
// - The target is built by the same migrations (the caller opens it with openDatabase) and
//   must hold no records: a copy never merges into a ledger.
// - Tables go in dependency order (parents before the rows that point at them; within the
//   self-referencing tables — regions, template versions, indicators — parents first too),
//   in ONE transaction on the target: a failed copy leaves it as empty as it was. The source
//   is read in one read transaction (one snapshot on PostgreSQL), ordered by primary key.
// - Rows go in multi-row INSERTs (db/bulk-insert.ts). The audit log is copied as it is —
//   seq, prev_hash and hash included — so its chain verifies on the target; its triggers
//   refuse UPDATE and DELETE, not INSERT.
// - The search index is derived data stored differently per engine (FTS5 vs tsvector): its
//   entries are copied with their keys, the text is read back as tokens (fts5vocab on
//   SQLite, the tsvector's positions on PostgreSQL) and indexed again on the target.
//   activities.search_key (SQLite's join key into that index) is left to the target's own
//   trigger, and left out of the checksum.
// - Afterwards each table's row count and a sha256 over its rows in primary-key order
//   (values normalized so both engines hash alike) are compared, source against target;
//   a difference fails the copy and names the table.
import { createHash, type Hash } from 'node:crypto';
import type { Knex } from 'knex';
import { insertRows } from '../../../db/bulk-insert';
import type { Db } from '../../../db/connection';
import { AppError } from '../../api/errors';

export interface CopyTable {
  name: string;
  /** The primary key, the order rows are read, hashed and compared in. */
  key: string;
  /** A column pointing at another row of the same table: parents are inserted first. */
  parent?: string;
  /** Derived per engine: not copied (the target fills it) and not hashed. */
  skip?: string[];
  /** Made by the migrations on every database (its identity): the source's row replaces the target's own. */
  replace?: boolean;
  /** An auto-numbered key: on PostgreSQL its sequence continues after the copied rows. */
  serial?: boolean;
}

/** Every table of the ledger, parents before children. */
export const copyTables: CopyTable[] = [
  { name: 'regions', key: 'id', parent: 'parent_id' },
  { name: 'schools', key: 'id' },
  { name: 'alliances', key: 'id' },
  { name: 'alliance_quality_ratings', key: 'id' },
  { name: 'annual_plans', key: 'id' },
  { name: 'alliance_members', key: 'id' },
  { name: 'activities', key: 'id', skip: ['search_key'] },
  { name: 'activity_schools', key: 'id' },
  { name: 'attachments', key: 'id' },
  { name: 'record_attachments', key: 'id' },
  { name: 'teacher_exchanges', key: 'id' },
  { name: 'shared_courses', key: 'id' },
  { name: 'shared_course_schools', key: 'id' },
  { name: 'cooperation_projects', key: 'id' },
  { name: 'problems', key: 'id' },
  { name: 'supervisions', key: 'id' },
  { name: 'rectifications', key: 'id' },
  { name: 'interviews', key: 'id' },
  { name: 'evaluation_templates', key: 'id', parent: 'previous_version_id' },
  { name: 'indicators', key: 'id', parent: 'parent_id' },
  { name: 'evaluations', key: 'id' },
  { name: 'evaluation_scores', key: 'id' },
  { name: 'awards', key: 'id' },
  { name: 'reminder_states', key: 'id' },
  { name: 'manual_reminders', key: 'id' },
  { name: 'settings', key: 'key' },
  { name: 'audit_log', key: 'seq' },
  { name: 'search_entries', key: 'id', serial: true },
  // 外出督导包: the ledger's identity moves with it, so packages made from the file merge
  // into the server; a package file's own tables, and what the office merged from packages.
  { name: 'ledger_identity', key: 'id', replace: true },
  { name: 'package_manifest', key: 'package_id' },
  { name: 'package_base', key: 'record_id' },
  { name: 'package_files', key: 'sha256' },
  { name: 'package_merges', key: 'seq', serial: true },
];

/** Tables that belong to the engine or to knex, not to the ledger. */
const internal = /^(knex_|sqlite_|search_fts)/;

export interface TableCheck {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ms: number;
}

export interface CopyResult {
  tables: TableCheck[];
  rows: number;
  ms: number;
}

export interface CopyOptions {
  /** A line of progress, in Chinese ("复制 activities：20000/51234 行"). */
  progress?: (line: string) => void;
  /** Rows read and written per batch. */
  batchSize?: number;
}

const isPg = (db: Knex) => db.client.config.client === 'pg';

/** Copies the whole ledger from `source` into the empty, migrated `target`, then checks it. */
export async function copyLedger(source: Db, target: Db, options: CopyOptions = {}): Promise<CopyResult> {
  const progress = options.progress ?? (() => undefined);
  const batchSize = options.batchSize ?? 2000;
  const started = Date.now();
  await assertKnownTables(source);
  await assertKnownTables(target);
  await assertEmpty(target);

  const sourceSums = new Map<string, { rows: number; checksum: string; ms: number }>();
  await readTransaction(source, async (reader) => {
    await target.transaction(async (writer) => {
      for (const table of copyTables) {
        try {
          await copyTable(table);
        } catch (e) {
          if (e instanceof AppError) throw e;
          // The whole copy is one transaction: nothing of it stays on the target.
          throw new AppError('conflict', `复制 ${table.name} 表失败，目标数据库未做任何改动：${e instanceof Error ? e.message : String(e)}`);
        }
      }
      async function copyTable(table: CopyTable) {
        const t0 = Date.now();
        const total = await countRows(reader, table.name);
        if (table.replace) await writer(table.name).del();
        progress(`复制 ${table.name}：共 ${total} 行`);
        const hash = createHash('sha256');
        let done = 0;
        let lastReport = Date.now();
        const write = async (rows: Row[]) => {
          for (const row of rows) hashRow(hash, table, row);
          await insertBatch(writer, table, rows);
          done += rows.length;
          if (Date.now() - lastReport > 2000 && done < total) {
            lastReport = Date.now();
            progress(`复制 ${table.name}：${done}/${total} 行`);
          }
        };
        if (table.parent) {
          // Self-referencing tables are small (regions, template versions, indicators):
          // read whole, hashed in key order, inserted parents first.
          const rows = await readAll(reader, table);
          for (const row of rows) hashRow(hash, table, row);
          for (let i = 0, ordered = parentsFirst(rows, table); i < ordered.length; i += batchSize) {
            await insertBatch(writer, table, ordered.slice(i, i + batchSize));
          }
          done = rows.length;
        } else {
          await readInKeyOrder(reader, table, batchSize, write);
        }
        if (table.serial) await continueSequence(writer, table);
        sourceSums.set(table.name, { rows: done, checksum: hash.digest('hex'), ms: Date.now() - t0 });
        const ms = Date.now() - t0;
        progress(`复制 ${table.name}：${done} 行完成（${ms} ms${done > 0 && ms > 0 ? `，${Math.round((done * 1000) / ms)} 行/秒` : ''}）`);
      }
    });
  });

  progress('核对行数与校验和……');
  const tables: TableCheck[] = [];
  for (const table of copyTables) {
    const s = sourceSums.get(table.name)!;
    const t = await checksumOf(target, table, batchSize);
    tables.push({ table: table.name, sourceRows: s.rows, targetRows: t.rows, sourceChecksum: s.checksum, targetChecksum: t.checksum, ms: s.ms });
  }
  const bad = tables.filter((t) => t.sourceRows !== t.targetRows || t.sourceChecksum !== t.targetChecksum);
  if (bad.length > 0) {
    const which = bad
      .map((t) => (t.sourceRows !== t.targetRows ? `${t.table}（源 ${t.sourceRows} 行，目标 ${t.targetRows} 行）` : `${t.table}（校验和不一致）`))
      .join('、');
    throw new AppError('conflict', `复制后核对不一致：${which}`);
  }
  return { tables, rows: tables.reduce((n, t) => n + t.sourceRows, 0), ms: Date.now() - started };
}

/** Row counts and checksums of a ledger, table by table (what a copy compares). */
export async function ledgerChecksums(db: Db, batchSize = 2000): Promise<{ table: string; rows: number; checksum: string }[]> {
  const out: { table: string; rows: number; checksum: string }[] = [];
  await readTransaction(db, async (reader) => {
    for (const table of copyTables) out.push({ table: table.name, ...(await checksumOf(reader, table, batchSize)) });
  });
  return out;
}

type Row = Record<string, unknown>;

async function checksumOf(db: Knex, table: CopyTable, batchSize: number): Promise<{ rows: number; checksum: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  await readInKeyOrder(db, table, batchSize, async (batch) => {
    for (const row of batch) hashRow(hash, table, row);
    rows += batch.length;
  });
  return { rows, checksum: hash.digest('hex') };
}

/**
 * One row as both engines see it alike: columns by name (sorted), PostgreSQL's booleans as
 * SQLite's 0/1, numbers as JSON writes them, text as it is, and null.
 */
function hashRow(hash: Hash, table: CopyTable, row: Row): void {
  const columns = Object.keys(row)
    .filter((c) => !table.skip?.includes(c))
    .sort();
  hash.update(JSON.stringify(columns.map((c) => [c, normalize(row[c])])));
  hash.update('\n');
}

function normalize(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  return v;
}

/** The ledger's tables on this database must be exactly the ones this copy knows. */
async function assertKnownTables(db: Knex): Promise<void> {
  const names = isPg(db)
    ? ((await db('information_schema.tables').where({ table_schema: db.raw('current_schema()'), table_type: 'BASE TABLE' }).pluck('table_name')) as string[])
    : ((await db('sqlite_master').where({ type: 'table' }).pluck('name')) as string[]);
  const known = new Set(copyTables.map((t) => t.name));
  const unknown = names.filter((n) => !internal.test(n) && !known.has(n));
  const missing = [...known].filter((n) => !names.includes(n));
  if (unknown.length || missing.length) {
    throw new AppError('conflict', `数据库的表与本程序不一致，无法复制（${[...unknown.map((n) => `多出 ${n}`), ...missing.map((n) => `缺少 ${n}`)].join('，')}）`);
  }
}

async function assertEmpty(target: Knex): Promise<void> {
  for (const table of copyTables.filter((t) => !t.replace)) {
    const n = await countRows(target, table.name);
    if (n > 0) {
      throw new AppError('conflict', `目标数据库已有数据（${table.name} 表有 ${n} 条记录），只能复制到空数据库。请换一个新建的空数据库后重试。`);
    }
  }
}

async function countRows(db: Knex, table: string): Promise<number> {
  const [{ n }] = (await db(table).count({ n: '*' })) as [{ n: number | string }];
  return Number(n);
}

/** Reads in one transaction: one consistent snapshot of the source for the whole copy. */
async function readTransaction(db: Db, work: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
  await db.transaction(async (trx) => {
    if (isPg(db)) await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await work(trx);
  });
}

/** The rows' select list: the search index's text is read back as tokens. */
function selectFor(db: Knex, table: CopyTable): string {
  if (table.name !== 'search_entries') return '*';
  return isPg(db)
    ? `id, entity, record_id, (SELECT COALESCE(string_agg(u.lexeme, ' ' ORDER BY p), '') FROM unnest(search_entries.body) u, unnest(u.positions) p) AS body`
    : 'id, entity, record_id';
}

/**
 * Calls `onBatch` with the table's rows in primary-key order (byte order of the key's text
 * on both engines: COLLATE "C" on PostgreSQL, BINARY on SQLite), `batchSize` at a time.
 * PostgreSQL reads through a cursor (one sort); SQLite pages on the key's index.
 */
async function readInKeyOrder(db: Knex, table: CopyTable, batchSize: number, onBatch: (rows: Row[]) => Promise<void>): Promise<void> {
  const numericKey = table.key === 'seq' || table.name === 'search_entries';
  if (isPg(db)) {
    const cursor = `copy_${table.name}`;
    const order = numericKey ? table.key : `${table.key} COLLATE "C"`;
    const run = async (work: (trx: Knex) => Promise<void>) => (db.isTransaction ? work(db) : db.transaction(work));
    await run(async (trx) => {
      await trx.raw(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${selectFor(trx, table)} FROM ${table.name} ORDER BY ${order}`);
      try {
        for (;;) {
          const result = (await trx.raw(`FETCH ${batchSize} FROM ${cursor}`)) as { rows: Row[] };
          if (result.rows.length === 0) break;
          await onBatch(result.rows);
        }
      } finally {
        await trx.raw(`CLOSE ${cursor}`);
      }
    });
    return;
  }
  let after: unknown = undefined;
  for (;;) {
    const q = db(table.name).select(db.raw(selectFor(db, table))).orderBy(table.key).limit(batchSize);
    if (after !== undefined) q.where(table.key, '>', after as Knex.Value);
    const rows = (await q) as Row[];
    if (rows.length === 0) break;
    if (table.name === 'search_entries') await addSqliteSearchBodies(db, rows);
    await onBatch(rows);
    after = rows[rows.length - 1]![table.key];
    if (rows.length < batchSize) break;
  }
  sqliteBodies.delete(db);
}

async function readAll(db: Knex, table: CopyTable): Promise<Row[]> {
  const rows: Row[] = [];
  await readInKeyOrder(db, table, 5000, async (batch) => void rows.push(...batch));
  return rows;
}

/** Parents before children; a row whose parent is missing (or a cycle) keeps its place at the end. */
function parentsFirst(rows: Row[], table: CopyTable): Row[] {
  const parent = table.parent!;
  const byKey = new Map(rows.map((r) => [r[table.key], r]));
  const placed = new Set<unknown>();
  const out: Row[] = [];
  const visiting = new Set<unknown>();
  const place = (r: Row) => {
    const k = r[table.key];
    if (placed.has(k) || visiting.has(k)) return;
    visiting.add(k);
    const p = r[parent];
    if (p != null && byKey.has(p)) place(byKey.get(p)!);
    visiting.delete(k);
    placed.add(k);
    out.push(r);
  };
  for (const r of rows) place(r);
  return out;
}

/**
 * SQLite's FTS5 index is contentless: the text of each entry is read back from the index
 * itself (fts5vocab: one row per token with its position). fts5vocab cannot look up one
 * document, so all the texts are read in one pass, once per connection, and kept for the batches.
 */
const sqliteBodies = new WeakMap<object, Map<number, string>>();

async function addSqliteSearchBodies(db: Knex, rows: Row[]): Promise<void> {
  let bodies = sqliteBodies.get(db);
  if (!bodies) {
    await db.raw('CREATE VIRTUAL TABLE IF NOT EXISTS temp.copy_search_tokens USING fts5vocab(main, search_fts, instance)');
    const all = (await db.raw(
      `SELECT doc, group_concat(term, ' ') AS body FROM
         (SELECT doc, term FROM temp.copy_search_tokens ORDER BY doc, offset)
       GROUP BY doc`,
    )) as { doc: number; body: string }[];
    bodies = new Map(all.map((b) => [b.doc, b.body]));
    sqliteBodies.set(db, bodies);
  }
  for (const r of rows) r.body = bodies.get(r.id as number) ?? '';
}

async function insertBatch(trx: Knex, table: CopyTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  if (table.name === 'search_entries') return insertSearchEntries(trx, rows);
  const columns = Object.keys(rows[0]!).filter((c) => !table.skip?.includes(c));
  await insertRows(
    trx,
    table.name,
    columns,
    rows.map((r) => columns.map((c) => r[c])),
  );
}

async function insertSearchEntries(trx: Knex, rows: Row[]): Promise<void> {
  if (isPg(trx)) {
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      await trx.raw(
        `INSERT INTO search_entries (id, entity, record_id, body) VALUES ${part.map(() => "(?, ?, ?, to_tsvector('simple', ?))").join(',')}`,
        part.flatMap((r) => [r.id, r.entity, r.record_id, r.body] as Knex.Value[]),
      );
    }
    return;
  }
  await insertRows(
    trx,
    'search_entries',
    ['id', 'entity', 'record_id'],
    rows.map((r) => [r.id, r.entity, r.record_id]),
  );
  await insertRows(
    trx,
    'search_fts',
    ['rowid', 'body'],
    rows.map((r) => [r.id, r.body]),
  );
}

/** PostgreSQL: the rows came with their keys; later ones must be numbered after them. */
async function continueSequence(trx: Knex, table: CopyTable): Promise<void> {
  if (!isPg(trx)) return;
  await trx.raw(
    `SELECT setval(pg_get_serial_sequence(?, ?), GREATEST((SELECT COALESCE(MAX(??), 0) FROM ??), 1), (SELECT COUNT(*) > 0 FROM ??))`,
    [table.name, table.key, table.key, table.name, table.name],
  );
}
