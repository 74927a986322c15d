// 操作日志 (issue 7): every change, import, export and backup leaves one row, written in the
// same transaction; the log is append-only (triggers refuse UPDATE and DELETE) and
// hash-chained, so a row edited behind the app's back is found by 校验.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowHash, toChained } from '../db/audit-chain';
import { openDatabase } from '../db/connection';
import { migrations } from '../db/migrations';
import { makeAllianceWorld, type AllianceWorld } from './support/alliance-world';
import { makeLedger } from './support/ledger';
import { freshPostgresDatabase, onPostgres } from './support/test-database';

let w: AllianceWorld;
beforeEach(async () => {
  w = await makeAllianceWorld({ today: '2025-03-10' });
});
afterEach(() => w.close());

const triggers = ['audit_log_no_update', 'audit_log_no_delete'];
/** Someone with the database's owner rights edits the log behind the app's back. */
async function withoutTriggers(work: () => Promise<unknown>) {
  if (onPostgres) {
    await w.db.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    await work();
    await w.db.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    return;
  }
  for (const t of triggers) await w.db.raw(`DROP TRIGGER ${t}`);
  await work();
  await w.db.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '操作日志不可修改'); END`);
  await w.db.raw(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '操作日志不可修改'); END`);
}

describe('the audit trail', () => {
  it('chains every row to the one before it, and 校验 finds the chain whole', async () => {
    const school = await w.call('schools.create', { name: '石坝河小学', regionId: w.county('渭滨区'), stage: 'primary' });
    await w.call('schools.update', { id: school.id, rowVersion: school.rowVersion, draft: { name: '石坝河小学', regionId: w.county('渭滨区'), stage: 'primary', students: 300 } });
    await w.call('schools.delete', { id: school.id });
    const rows = await w.db('audit_log').orderBy('seq');
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    const last = rows.slice(-3);
    expect(last.map((r) => [r.entity, r.action, r.operator, r.outcome])).toEqual([
      ['schools', 'create', '王科员', 'success'],
      ['schools', 'update', '王科员', 'success'],
      ['schools', 'delete', '王科员', 'success'],
    ]);
    expect(await w.call('auditLog.verify', {})).toEqual({ ok: true, checked: rows.length, firstBroken: null });
  });

  it('refuses to update or delete a row of the log', async () => {
    const before = await w.db('audit_log').orderBy('seq');
    await expect(w.db('audit_log').where({ seq: 1 }).update({ operator: '别人' })).rejects.toThrow('操作日志不可修改');
    await expect(w.db('audit_log').where({ seq: 1 }).delete()).rejects.toThrow('操作日志不可修改');
    await expect(w.db('audit_log').delete()).rejects.toThrow('操作日志不可修改');
    expect(await w.db('audit_log').orderBy('seq')).toEqual(before);
  });

  it('reports the first row edited behind the app’s back', async () => {
    const rows = await w.db('audit_log').orderBy('seq');
    const victim = rows[4]!;
    await withoutTriggers(() => w.db('audit_log').where({ seq: victim.seq }).update({ operator: '冒名者' }));
    const verdict = await w.call('auditLog.verify', {});
    expect(verdict).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 5, id: victim.id, reason: '记录内容与校验值不符（本条被修改）' } });
  });

  it('reports a row removed from the middle, and a forged hash', async () => {
    await withoutTriggers(() => w.db('audit_log').where({ seq: 3 }).delete());
    expect(await w.call('auditLog.verify', {})).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: expect.stringContaining('序号不连续') } });
  });

  it('notices a row whose content and own hash were both rewritten: the next row no longer links', async () => {
    const row = await w.db('audit_log').where({ seq: 2 }).first();
    const forged = { ...row, after: JSON.stringify({ name: '伪造' }) };
    await withoutTriggers(() => w.db('audit_log').where({ seq: 2 }).update({ after: forged.after, hash: auditRowHash(toChained(forged)) }));
    expect(await w.call('auditLog.verify', {})).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: expect.stringContaining('链接不符') } });
  });

  it('records an import with its file name and hash, in the import’s own transaction', async () => {
    const template = await w.call('imports.template', { kind: 'schools' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template.dataBase64, 'base64') as never);
    wb.worksheets[0]!.getRow(3).values = ['新建路小学', '渭滨区', '小学', '3161000001', '城区', '否', '是', 1200, 80];
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await w.call('imports.commit', { kind: 'schools', fileName: '三月学校名单.xlsx', dataBase64: bytes.toString('base64') });
    const row = await w.db('audit_log').where({ action: 'import' }).first();
    expect(row).toMatchObject({ entity: 'imports', record_id: 'schools', operator: '王科员' });
    expect(JSON.parse(row.after)).toMatchObject({
      kind: '学校',
      fileName: '三月学校名单.xlsx',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      written: 1,
    });
    // The school row and the summary row were written together: the summary follows the school's create.
    const created = await w.db('audit_log').where({ entity: 'schools', action: 'create' }).orderBy('seq', 'desc').first();
    expect(row.seq).toBe(created.seq + 1);
  });

  it('records an export after the file is written, with its filters and row count', async () => {
    await w.call('lists.export', { list: 'schools', query: { search: '小学' } });
    await w.call('reports.export', { report: 'roster', period: { type: 'year', year: 2025 } });
    const rows = await w.db('audit_log').where({ action: 'export' }).orderBy('seq');
    expect(rows.map((r) => [r.entity, r.record_id])).toEqual([
      ['lists', 'schools'],
      ['reports', 'roster'],
    ]);
    expect(JSON.parse(rows[0].after)).toMatchObject({ list: '学校名单', filters: { search: '小学' }, rows: 6 });
    expect(JSON.parse(rows[1].after)).toMatchObject({ report: expect.any(String), fileName: expect.stringMatching(/\.xlsx$/) });
  });

  it('lists the log newest first with filters, and exports it', async () => {
    await w.call('settings.update', { operatorName: '李主任' });
    await w.call('schools.create', { name: '李主任建的学校', regionId: w.county('凤县'), stage: 'primary' });
    const mine = await w.call('auditLog.list', { operator: '李主任' });
    expect(mine.rows.map((r) => [r.entity, r.action])).toEqual([['schools', 'create']]);
    const creates = await w.call('auditLog.list', { action: 'create', entity: 'alliances', pageSize: 50 });
    expect(creates.total).toBe(3);
    expect(creates.rows[0]!.seq).toBeGreaterThan(creates.rows[2]!.seq);
    expect((await w.call('auditLog.list', { from: '2025-03-10', to: '2025-03-10' })).total).toBeGreaterThan(0);
    expect((await w.call('auditLog.list', { from: '2025-03-11' })).total).toBe(0);
    const reply = await w.reply('auditLog.list', { action: 'erase' });
    expect(reply).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { action: '未知的操作类型' } });

    const file = await w.call('lists.export', { list: 'auditLog', query: { operator: '李主任' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    expect(file.fileName).toBe('操作日志（2025-03-10导出）.xlsx');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '日志序号', '时间', '时间（UTC）', '操作人', '操作', '类型', '记录编号', '结果', '修改前', '修改后']);
    const data = (ws.getRow(4).values as unknown[]).slice(1);
    expect(data).toContain('李主任');
    expect(data).toContain('新增');
    expect(data).toContain('学校');
  });
});

describe('migration 011', () => {
  it('chains the rows written before it, in the order they were written, and keeps the log whole', async () => {
    const ledger = await makeLedger();
    // On PostgreSQL a new database takes the place of the file.
    const fresh = onPostgres ? await freshPostgresDatabase({ migrated: false }) : null;
    const target = fresh?.url ?? ledger.file;
    try {
      await ledger.db.destroy();
      // Rebuild the ledger at 010 and write some audit rows the old way.
      if (!fresh) fs.rmSync(ledger.file, { force: true });
      const old = await openDatabase(target, { create: true, migrations: migrations.filter(([n]) => n < '011') });
      for (let i = 0; i < 5; i++) {
        await old('audit_log').insert({
          id: `00000000-0000-4000-8000-00000000000${i}`,
          at: `2024-01-0${i + 1}T00:00:00.000Z`,
          operator: '老版本',
          entity: 'schools',
          record_id: `s${i}`,
          action: 'create',
          before: null,
          after: JSON.stringify({ name: `学校${i}` }),
        });
      }
      await old.destroy();
      const db = await openDatabase(target);
      ledger.ctx.db = db;
      expect(await db('audit_log').orderBy('seq').pluck('record_id')).toEqual(['s0', 's1', 's2', 's3', 's4']);
      await ledger.call('settings.update', { operatorName: '新版本' });
      expect(await ledger.call('auditLog.verify', {})).toEqual({ ok: true, checked: 6, firstBroken: null });
      await db.destroy();
    } finally {
      await ledger.close();
      await fresh?.drop();
    }
  });
});
