// The audit log's hash chain: every row stores the hash of the row before it, and its own
// hash covers its content and that previous hash. Editing, inserting or removing a row
// anywhere breaks the chain from that row on, which `verifyAuditChain` reports.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** The columns a row's hash covers, in a fixed order. */
export interface ChainedAuditRow {
  seq: number;
  id: string;
  at: string;
  operator: string;
  entity: string;
  record_id: string;
  action: string;
  outcome: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
}

/** The first row's "previous hash". */
export const genesisHash = '0'.repeat(64);

export function auditRowHash(row: ChainedAuditRow): string {
  const canonical = JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.operator,
    row.entity,
    row.record_id,
    row.action,
    row.outcome,
    row.before,
    row.after,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export interface ChainBreak {
  seq: number;
  id: string;
  at: string;
  entity: string;
  reason: string;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBroken: ChainBreak | null;
}

/** Reads the log in chain order, a page at a time, and reports the first row that does not fit. */
export async function verifyAuditChain(
  db: Knex,
  options: { signal?: AbortSignal; progress?: (done: number, total: number) => void } = {},
): Promise<ChainVerdict> {
  const [{ n }] = (await db('audit_log').count({ n: '*' })) as [{ n: number | string }];
  const total = Number(n);
  let prev = genesisHash;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  const pageSize = 2000;
  for (;;) {
    if (options.signal?.aborted) throw new Error('cancelled');
    const rows = (await db('audit_log').where('seq', '>', after).orderBy('seq').limit(pageSize)) as Record<string, unknown>[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const row = toChained(r);
      const broken = (reason: string): ChainVerdict => ({
        ok: false,
        checked,
        firstBroken: { seq: row.seq, id: row.id, at: row.at, entity: row.entity, reason },
      });
      if (row.seq !== expectedSeq) return broken(`序号不连续：应为第 ${expectedSeq} 条，实为第 ${row.seq} 条（中间的记录被删除）`);
      if (row.prev_hash !== prev) return broken('与上一条记录的链接不符（上一条被修改或删除）');
      if (auditRowHash(row) !== String(r.hash)) return broken('记录内容与校验值不符（本条被修改）');
      prev = String(r.hash);
      expectedSeq++;
      checked++;
      after = row.seq;
    }
    options.progress?.(checked, total);
  }
  if (checked !== total) {
    return { ok: false, checked, firstBroken: { seq: 0, id: '', at: '', entity: '', reason: `有 ${total - checked} 条记录没有序号（绕过程序写入）` } };
  }
  return { ok: true, checked, firstBroken: null };
}

export function toChained(r: Record<string, unknown>): ChainedAuditRow {
  return {
    seq: Number(r.seq),
    id: String(r.id),
    at: String(r.at),
    operator: String(r.operator),
    entity: String(r.entity),
    record_id: String(r.record_id),
    action: String(r.action),
    outcome: String(r.outcome ?? 'success'),
    before: r.before === null || r.before === undefined ? null : String(r.before),
    after: r.after === null || r.after === undefined ? null : String(r.after),
    prev_hash: String(r.prev_hash),
  };
}

/** The message the append-only triggers raise. */
export const auditLogImmutable = '操作日志不可修改';
