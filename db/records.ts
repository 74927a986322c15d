// Writing records: every create, update, delete and restore stamps the timestamps and
// appends one audit-log row (when, operator, entity, id, before and after) in the same
// transaction as the change itself.
import { newId } from './ids';
import type { Knex } from 'knex';
import { auditRowHash, genesisHash, type ChainedAuditRow } from './audit-chain';
import { insertRows } from './bulk-insert';

export type Row = Record<string, unknown>;

/** Who is writing and when; the operator name comes from 设置. */
export interface WriteContext {
  operator: string;
  now: Date;
}

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'restore'
  | 'bulk'
  | 'import'
  | 'export'
  | 'backup'
  | 'restoreBackup'
  | 'merge';

/**
 * Appends one row to the audit log, chained to the row before it (db/audit-chain.ts).
 * Runs inside the caller's transaction; on PostgreSQL an advisory lock held to the end of
 * that transaction keeps two writers from chaining onto the same row.
 */
export async function writeAudit(
  trx: Knex,
  ctx: WriteContext,
  entry: {
    entity: string;
    recordId: string;
    action: AuditAction;
    before?: unknown;
    after?: unknown;
    outcome?: 'success' | 'failed';
  },
): Promise<void> {
  if (trx.client.config.client === 'pg') await trx.raw('SELECT pg_advisory_xact_lock(7007001)');
  const last = (await trx('audit_log').select('seq', 'hash').whereNotNull('seq').orderBy('seq', 'desc').first()) as
    | { seq: number | string; hash: string }
    | undefined;
  const row: ChainedAuditRow = {
    seq: last ? Number(last.seq) + 1 : 1,
    id: newId(),
    at: ctx.now.toISOString(),
    operator: ctx.operator || '未署名',
    entity: entry.entity,
    record_id: entry.recordId,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    prev_hash: last ? last.hash : genesisHash,
  };
  await trx('audit_log').insert({ ...row, hash: auditRowHash(row) });
}

/**
 * Appends many audit rows at once (bulk imports: one row per record created), chained in
 * the order given exactly as `writeAudit` would chain them one by one, and inserted in
 * multi-row statements. Same transaction rules as `writeAudit`.
 */
export async function writeAudits(
  trx: Knex,
  ctx: WriteContext,
  entries: { entity: string; recordId: string; action: AuditAction; before?: unknown; after?: unknown }[],
): Promise<void> {
  if (entries.length === 0) return;
  if (trx.client.config.client === 'pg') await trx.raw('SELECT pg_advisory_xact_lock(7007001)');
  const last = (await trx('audit_log').select('seq', 'hash').whereNotNull('seq').orderBy('seq', 'desc').first()) as
    | { seq: number | string; hash: string }
    | undefined;
  let seq = last ? Number(last.seq) : 0;
  let prev = last ? last.hash : genesisHash;
  const at = ctx.now.toISOString();
  const operator = ctx.operator || '未署名';
  const columns = ['seq', 'id', 'at', 'operator', 'entity', 'record_id', 'action', 'outcome', 'before', 'after', 'prev_hash', 'hash'];
  const values = entries.map((entry) => {
    const row: ChainedAuditRow = {
      seq: ++seq,
      id: newId(),
      at,
      operator,
      entity: entry.entity,
      record_id: entry.recordId,
      action: entry.action,
      outcome: 'success',
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      prev_hash: prev,
    };
    prev = auditRowHash(row);
    return [row.seq, row.id, row.at, row.operator, row.entity, row.record_id, row.action, row.outcome, row.before, row.after, row.prev_hash, prev];
  });
  await insertRows(trx, 'audit_log', columns, values);
}

/** The sequence number of the last audit-log entry (0 for an empty log): it moves with every write. */
export async function auditHead(db: Knex): Promise<number> {
  const row = (await db('audit_log').max({ seq: 'seq' }).first()) as { seq: number | string | null } | undefined;
  return Number(row?.seq ?? 0);
}

export async function insertRecord(trx: Knex, table: string, values: Row, ctx: WriteContext): Promise<Row> {
  const stamp = ctx.now.toISOString();
  const row: Row = { id: newId(), ...values, created_at: stamp, updated_at: stamp, deleted_at: null };
  await trx(table).insert(row);
  await writeAudit(trx, ctx, { entity: table, recordId: row.id as string, action: 'create', after: row });
  return row;
}

/**
 * A save named the row version it was made from, and the row has moved on since (another
 * clerk saved first). The handler turns it into the clerk's 此记录已被他人修改 with the
 * record as it is now (electron/handlers/context.ts `versioned`).
 */
export class StaleRecordError extends Error {
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`${table} ${id} was changed by someone else`);
    this.name = 'StaleRecordError';
  }
}

/** The column change every write to a record makes besides its own: the row version goes up by one. */
export function bumpVersion(trx: Knex): { row_version: Knex.Raw } {
  return { row_version: trx.raw('row_version + 1') };
}

/**
 * Updates a live record; returns null when it does not exist or is deleted. With an
 * `expected` row version the write is a compare-and-set —
 * `UPDATE … SET …, row_version = row_version + 1 WHERE id = ? AND row_version = ?` — and
 * a row that has moved on throws StaleRecordError, writing nothing. Every update bumps the
 * version, expected or not (imports, reminders, status changes), so that forms opened
 * before it are refused too.
 */
export async function updateRecord(
  trx: Knex,
  table: string,
  id: string,
  changes: Row,
  ctx: WriteContext,
  expected?: number,
): Promise<Row | null> {
  const before = await trx(table).where({ id }).whereNull('deleted_at').first();
  if (!before) return null;
  if (expected !== undefined && Number(before.row_version) !== expected) throw new StaleRecordError(table, id);
  const after: Row = { ...before, ...changes, updated_at: ctx.now.toISOString() };
  if (!differs(before, after)) {
    // Nothing to write here, but a versioned save may still change child rows (receiving
    // schools, ratings): claim the version so that a concurrent save of the same record fails.
    if (expected !== undefined) await claimVersion(trx, table, id, expected);
    return expected === undefined ? before : { ...before, row_version: expected + 1 };
  }
  const query = trx(table).where({ id }).whereNull('deleted_at');
  // The version is checked again in the UPDATE itself: on PostgreSQL another clerk's
  // transaction may commit between the read above and this write.
  if (expected !== undefined) query.where('row_version', expected);
  const written = await query.update({ ...changes, updated_at: after.updated_at, ...bumpVersion(trx) });
  if (Number(written) === 0) throw new StaleRecordError(table, id);
  after.row_version = Number(before.row_version) + 1;
  await writeAudit(trx, ctx, { entity: table, recordId: id, action: 'update', before, after });
  return after;
}

/**
 * Checks (and claims) a record's row version without changing its columns, for saves
 * whose changes land in child rows (an evaluation's scores): bumps the version when it
 * matches, throws StaleRecordError when it does not, null when the record is gone.
 */
export async function claimVersion(trx: Knex, table: string, id: string, expected: number): Promise<boolean> {
  const written = await trx(table).where({ id, row_version: expected }).whereNull('deleted_at').update(bumpVersion(trx));
  if (Number(written) > 0) return true;
  const live = await trx(table).where({ id }).whereNull('deleted_at').first('id');
  if (live) throw new StaleRecordError(table, id);
  return false;
}

/**
 * Deletes (to 回收站) and restores are not version-checked: neither overwrites anyone's
 * values — a deleted record keeps its newest values and comes back with them — but both
 * bump the version, so a form still open on the record cannot save over the change.
 */
export async function softDeleteRecord(trx: Knex, table: string, id: string, ctx: WriteContext): Promise<boolean> {
  const before = await trx(table).where({ id }).whereNull('deleted_at').first();
  if (!before) return false;
  const stamp = ctx.now.toISOString();
  await trx(table).where({ id }).update({ deleted_at: stamp, updated_at: stamp, ...bumpVersion(trx) });
  await writeAudit(trx, ctx, { entity: table, recordId: id, action: 'delete', before });
  return true;
}

export async function restoreRecord(trx: Knex, table: string, id: string, ctx: WriteContext): Promise<boolean> {
  const before = await trx(table).where({ id }).whereNotNull('deleted_at').first();
  if (!before) return false;
  const stamp = ctx.now.toISOString();
  await trx(table).where({ id }).update({ deleted_at: null, updated_at: stamp, ...bumpVersion(trx) });
  await writeAudit(trx, ctx, {
    entity: table,
    recordId: id,
    action: 'restore',
    after: { ...before, deleted_at: null, row_version: Number(before.row_version) + 1 },
  });
  return true;
}

function differs(before: Row, after: Row): boolean {
  return Object.keys(after).some((k) => k !== 'updated_at' && !sameValue(before[k], after[k]));
}

function sameValue(a: unknown, b: unknown): boolean {
  // SQLite hands booleans back as 0/1 and decimals as numbers; compare loosely on those.
  if (typeof a === 'number' && typeof b === 'boolean') return a === Number(b);
  if (typeof a === 'boolean' && typeof b === 'number') return Number(a) === b;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  return a === b || String(a) === String(b);
}
