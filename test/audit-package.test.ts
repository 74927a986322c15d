// 外出督导包 round trips with fixed clocks: export in the office, work on the laptop,
// keep working in the office, and bring the package back.
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeRaw, openRaw, run } from '../db/backup-files';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { databaseFile, workingDatabaseFile } from '../electron/main/paths';
import { makeContext, openLedger } from '../electron/main/runtime';
import { makeLedger } from './support/ledger';
import { makeOffice, openOnLaptop, sha256File, type Office } from './support/audit-package';

let office: Office;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function exportWeibin(o: Office) {
  const pkg = await o.call('auditPackages.export', { allianceIds: [o.alliances.weibin] });
  return { ...pkg, bytes: Buffer.from(pkg.dataBase64, 'base64') };
}

const upload = (bytes: Buffer) => ({ fileName: '督导包.sqlite', dataBase64: bytes.toString('base64') });

async function row(o: Office, table: string, id: string) {
  return (await o.db(table).where({ id }).first()) as Record<string, unknown> | undefined;
}

/** Exports, works on the laptop and in the office, and returns the package carried back. */
async function visit() {
  office = await makeOffice();
  cleanups.push(() => office.close());
  const { bytes } = await exportWeibin(office);
  const laptop = await openOnLaptop(bytes, '2026-11-21T09:00:00');
  cleanups.push(() => laptop.close());
  const r = office.records;
  await laptop.call('settings.update', { operatorName: '李督导' });
  // On the laptop: a finding, a new supervision with its notice and interview, problem updates, a deletion.
  const s1 = await laptop.call('supervisions.get', { id: r.s1 });
  await laptop.call('supervisions.update', { id: r.s1, rowVersion: s1.rowVersion, draft: { kind: s1.kind, date: s1.date, targetAllianceId: office.alliances.weibin, inspectors: s1.inspectors, findings: '课程开设不足；音体美课时不足（现场核实）' } });
  const s3 = await laptop.call('supervisions.create', { kind: 'routine_visit', date: '2026-11-21', targetAllianceId: office.alliances.weibin, inspectors: '李督导', findings: '集体备课记录不全' });
  const notice = await laptop.call('rectifications.create', { supervisionId: s3.id, number: '宝教督整〔2026〕9号', issuedOn: '2026-11-21', deadline: '2026-12-21', items: '补齐备课记录' });
  await laptop.call('interviews.create', { supervisionId: s3.id, date: '2026-11-21', interviewees: '清姜路小学校长', content: '约谈备课问题' });
  const p1 = await laptop.call('problems.get', { id: r.p1 });
  await laptop.call('problems.update', { id: r.p1, rowVersion: p1.rowVersion, draft: { allianceId: p1.allianceId, description: p1.description, dueOn: p1.dueOn, owner: '孙校长', goal: p1.goal, measures: p1.measures } });
  const p2 = await laptop.call('problems.get', { id: r.p2 });
  await laptop.call('problems.update', { id: r.p2, rowVersion: p2.rowVersion, draft: { allianceId: p2.allianceId, description: p2.description, dueOn: p2.dueOn, owner: p2.owner, goal: p2.goal, measures: '每周到岗核查' } });
  await laptop.call('supervisions.delete', { id: r.s2 });
  const p3 = await laptop.call('problems.get', { id: r.p3 });
  await laptop.call('problems.update', { id: r.p3, rowVersion: p3.rowVersion, draft: { allianceId: p3.allianceId, description: p3.description, dueOn: p3.dueOn, owner: p3.owner, goal: p3.goal, measures: '12月前提交章程修订稿' } });
  // A joint activity seen on the visit, with the schools that took part.
  const activity = await laptop.call('activities.create', {
    allianceId: office.alliances.weibin,
    date: '2026-11-21',
    category: 'teaching_research',
    title: '同课异构：小数的意义',
    hostSchoolId: office.schools.qingjiang,
    participatingSchoolIds: [office.schools.jingerlu, office.schools.guozhen],
    participants: 36,
  });
  // A teacher exchange agreed on the spot: the alliance's other ledgers travel too.
  const exchange = await laptop.call('teacherExchanges.create', {
    allianceId: office.alliances.weibin,
    teacherName: '陈老师',
    fromSchoolId: office.schools.qingjiang,
    toSchoolId: office.schools.guozhen,
    kind: 'support_teaching',
    startOn: '2026-12-01',
  });
  const back = Buffer.from((await laptop.call('auditPackages.download', {})).dataBase64, 'base64');

  // Meanwhile in the office: the same problems, the deleted supervision, and an unrelated school.
  office.clock.set('2026-11-21T15:00:00');
  const op1 = await office.call('problems.get', { id: r.p1 });
  await office.call('problems.update', { id: r.p1, rowVersion: op1.rowVersion, draft: { allianceId: op1.allianceId, description: op1.description, dueOn: op1.dueOn, owner: '周主任', goal: op1.goal, measures: op1.measures } });
  const op2 = await office.call('problems.get', { id: r.p2 });
  await office.call('problems.update', { id: r.p2, rowVersion: op2.rowVersion, draft: { allianceId: op2.allianceId, description: op2.description, dueOn: op2.dueOn, owner: op2.owner, goal: '年底前全部到岗', measures: op2.measures } });
  const os2 = await office.call('supervisions.get', { id: r.s2 });
  await office.call('supervisions.update', { id: r.s2, rowVersion: os2.rowVersion, draft: { kind: os2.kind, date: os2.date, targetAllianceId: office.alliances.weibin, inspectors: os2.inspectors, findings: '校舍安全隐患已报区住建局' } });
  await office.call('problems.delete', { id: r.p3 });
  office.clock.set('2026-11-22T10:00:00');
  return { back, s3: s3.id, notice: notice.id, activity: activity.id, exchange: exchange.id, laptop };
}

describe('外出督导包', () => {
  it('exports the chosen alliance with its schools, supervisions and open problems, sealed, from this office', async () => {
    office = await makeOffice();
    cleanups.push(() => office.close());
    const pkg = await exportWeibin(office);
    expect(pkg.fileName).toBe('督导包-渭滨区城乡教育联盟-2026-11-20.sqlite');
    const laptop = await openOnLaptop(pkg.bytes, '2026-11-21T09:00:00');
    cleanups.push(() => laptop.close());
    const names = (await laptop.db('schools').orderBy('name').pluck('name')) as string[];
    expect(names).toEqual(['清姜路小学', '经二路小学', '虢镇小学'].sort());
    expect(await laptop.db('alliances').pluck('name')).toEqual(['渭滨区城乡教育联盟']);
    expect(await laptop.db('supervisions').count({ n: '*' })).toEqual([{ n: 2 }]);
    expect(await laptop.db('problems').count({ n: '*' })).toEqual([{ n: 3 }]);
    const manifest = await laptop.db('package_manifest').first();
    expect(manifest).toMatchObject({ created_by: '王科员', complete: 1, format_version: 1 });
    expect(manifest.source_database_id).toBe((await office.db('ledger_identity').first()).id);
    const status = await laptop.call('system.status', {});
    expect(status.package).toMatchObject({ label: '渭滨区城乡教育联盟', createdBy: '王科员' });
    expect((await office.call('system.status', {})).package).toBeNull();
    // The export is in the office's audit log.
    expect(await office.audits('audit_packages', 'export')).toHaveLength(1);
  });

  it('reports every record changed on both sides as a conflict, field by field, with who and when', async () => {
    const { back } = await visit();
    const preview = await office.call('auditPackages.preview', upload(back));
    const r = office.records;
    expect(preview.added).toBe(7); // the supervision, its notice, its interview; the activity and its two schools; the exchange
    expect(preview.updated).toBe(1); // the finding on a supervision the office left alone
    const byId = new Map(preview.conflicts.map((c) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual([r.p1, r.p2, r.p3, r.s2].sort());
    // Deleted in the office, edited on the laptop: a conflict too.
    const p3 = byId.get(r.p3)!;
    expect(p3.fields.map((f) => [f.label, f.office, f.package])).toEqual([
      ['删除状态', new Date('2026-11-21T15:00:00').toISOString(), null],
      ['工作措施', '原措施', '12月前提交章程修订稿'],
    ]);
    expect(byId.get(r.p1)!.fields).toEqual([{ field: 'owner', label: '责任人', office: '周主任', package: '孙校长', officeText: '周主任', packageText: '孙校长' }]);
    expect(byId.get(r.p1)).toMatchObject({
      entityLabel: '问题清单',
      label: '教研活动次数不足',
      officeChange: { operator: '王科员', at: new Date('2026-11-21T15:00:00').toISOString() },
      packageChange: { operator: '李督导', at: new Date('2026-11-21T09:00:00').toISOString() },
    });
    expect(byId.get(r.p2)!.fields.map((f) => f.field)).toEqual(['goal', 'measures']);
    const s2 = byId.get(r.s2)!;
    expect(s2.fields.map((f) => f.label)).toEqual(['删除状态', '主要问题']);
    expect(s2.label).toBe('2026-10-10 专项督导：渭滨区城乡教育联盟');
    expect(s2.fields[0]).toMatchObject({ office: null, package: new Date('2026-11-21T09:00:00').toISOString() });
    expect(preview.changes.find((c) => c.kind === 'updated')).toMatchObject({ entityLabel: '督导', fieldLabels: ['主要问题'] });
    // The preview wrote nothing.
    expect(await office.db('supervisions').count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('refuses to merge while a conflict has no choice, and writes nothing', async () => {
    const { back } = await visit();
    const before = { log: await office.db('audit_log').count({ n: '*' }), file: sha256File(office.file), wal: sha256File(`${office.file}-wal`) };
    const reply = await office.reply('auditPackages.merge', upload(back));
    expect(reply).toMatchObject({ ok: false, code: 'conflict' });
    expect(!reply.ok && reply.message).toMatch(/^有 4 处冲突尚未选择保留哪一方，没有合并任何内容/);
    expect(await office.db('audit_log').count({ n: '*' })).toEqual(before.log);
    expect({ file: sha256File(office.file), wal: sha256File(`${office.file}-wal`) }).toEqual({ file: before.file, wal: before.wal });
    expect(fs.existsSync(path.join(office.dir, 'backups'))).toBe(false);
  });

  it('applies the choices as chosen, loses nothing, and merging again changes nothing', async () => {
    const { back, s3, notice, activity, exchange } = await visit();
    const r = office.records;
    const result = await office.call('auditPackages.merge', {
      ...upload(back),
      resolutions: [
        { entity: 'problems', id: r.p1, keep: 'package' },
        { entity: 'problems', id: r.p2, keep: 'office', fields: { measures: 'package' } },
        { entity: 'supervisions', id: r.s2, keep: 'office' },
        { entity: 'problems', id: r.p3, keep: 'package' },
      ],
    });
    expect(result).toMatchObject({ added: 7, updated: 1, keptOffice: 1, keptPackage: 3 });
    expect(await office.call('teacherExchanges.get', { id: exchange })).toMatchObject({ teacherName: '陈老师', status: 'planned' });
    expect(result.backup).toMatch(/^ledger-.*-merge\.sqlite$/);
    expect(fs.existsSync(path.join(office.dir, 'backups', result.backup!))).toBe(true);

    expect(await row(office, 'supervisions', r.s1)).toMatchObject({ findings: '课程开设不足；音体美课时不足（现场核实）' });
    expect(await row(office, 'supervisions', s3)).toMatchObject({ findings: '集体备课记录不全', deleted_at: null });
    expect(await row(office, 'rectifications', notice)).toMatchObject({ number: '宝教督整〔2026〕9号', supervision_id: s3 });
    expect(await row(office, 'problems', r.p1)).toMatchObject({ owner: '孙校长' });
    expect(await row(office, 'problems', r.p2)).toMatchObject({ goal: '年底前全部到岗', measures: '每周到岗核查' });
    expect(await row(office, 'supervisions', r.s2)).toMatchObject({ deleted_at: null, findings: '校舍安全隐患已报区住建局' });
    // Kept from the package: the problem the office had deleted is back, with the laptop's measures.
    expect(await row(office, 'problems', r.p3)).toMatchObject({ deleted_at: null, measures: '12月前提交章程修订稿' });
    // The new activity with its schools, and searching finds it.
    const found = await office.call('activities.list', { search: '同课异构', page: 1, pageSize: 20 });
    expect(found.rows.map((a) => a.id)).toEqual([activity]);
    expect((await office.call('activities.get', { id: activity })).participatingSchools.map((x) => x.name).sort()).toEqual(['经二路小学', '虢镇小学'].sort());
    // Seen through the API as a clerk would.
    const list = await office.call('supervisions.list', { page: 1, pageSize: 20 });
    expect(list.rows.map((s) => s.findings).sort()).toContain('集体备课记录不全');

    // Recorded in the audit log: each record merged, and the merge itself.
    const merges = await office.db('audit_log').where({ action: 'merge' });
    expect(merges.filter((m) => m.entity === 'audit_packages')).toHaveLength(1);
    expect(merges.length).toBe(1 + 7 + 1 + 3);

    const log = await office.db('audit_log').count({ n: '*' });
    const again = await office.call('auditPackages.merge', { ...upload(back) });
    expect(again).toEqual({ added: 0, updated: 0, keptOffice: 0, keptPackage: 0, backup: null });
    expect(await office.db('audit_log').count({ n: '*' })).toEqual(log);
    const preview = await office.call('auditPackages.preview', upload(back));
    expect(preview).toMatchObject({ added: 0, updated: 0, conflicts: [] });
  });

  it('takes a second trip with the same package: what it brought in whole is no conflict, a declined change still is', async () => {
    const { back, s3, laptop } = await visit();
    const r = office.records;
    await office.call('auditPackages.merge', {
      ...upload(back),
      resolutions: [
        { entity: 'problems', id: r.p1, keep: 'package' },
        { entity: 'problems', id: r.p2, keep: 'office', fields: { measures: 'package' } },
        { entity: 'supervisions', id: r.s2, keep: 'office' },
        { entity: 'problems', id: r.p3, keep: 'package' },
      ],
    });
    // Back at the schools with the same package.
    laptop.clock.set('2026-11-25T09:00:00');
    const editSupervision = async (id: string, findings: string) => {
      const s = await laptop.call('supervisions.get', { id });
      await laptop.call('supervisions.update', { id, rowVersion: s.rowVersion, draft: { kind: s.kind, date: s.date, targetAllianceId: office.alliances.weibin, inspectors: s.inspectors, findings } });
    };
    await editSupervision(r.s1, '第二次复查：音体美课时已补足');
    await editSupervision(s3, '集体备课记录已补齐');
    const editOwner = async (id: string, owner: string) => {
      const p = await laptop.call('problems.get', { id });
      await laptop.call('problems.update', { id, rowVersion: p.rowVersion, draft: { allianceId: p.allianceId, description: p.description, dueOn: p.dueOn, owner, goal: p.goal, measures: p.measures } });
    };
    await editOwner(r.p1, '孙校长、钱副校长');
    await editOwner(r.p2, '钱主任、郑老师');
    const second = Buffer.from((await laptop.call('auditPackages.download', {})).dataBase64, 'base64');
    const preview = await office.call('auditPackages.preview', upload(second));
    expect(preview.added).toBe(0);
    expect(preview.changes.map((c) => c.id).sort()).toEqual([r.s1, s3, r.p1].sort());
    // p2's goal was kept from the office last time: still a decision for the clerk.
    expect(preview.conflicts.map((c) => c.id)).toEqual([r.p2]);
    const result = await office.call('auditPackages.merge', { ...upload(second), resolutions: [{ entity: 'problems', id: r.p2, keep: 'package', fields: { goal: 'office' } }] });
    expect(result).toMatchObject({ added: 0, updated: 3, keptPackage: 1 });
    expect(await row(office, 'supervisions', s3)).toMatchObject({ findings: '集体备课记录已补齐' });
    expect(await row(office, 'problems', r.p2)).toMatchObject({ owner: '钱主任、郑老师', goal: '年底前全部到岗', measures: '每周到岗核查' });
  });

  describe('refuses, leaving the office database byte for byte as it was', () => {
    async function expectRefused(bytes: Buffer, message: RegExp) {
      const before = [sha256File(office.file), sha256File(`${office.file}-wal`)];
      const log = await office.db('audit_log').count({ n: '*' });
      const reply = await office.reply('auditPackages.merge', upload(bytes));
      expect(reply.ok).toBe(false);
      expect(!reply.ok && reply.message).toMatch(message);
      const preview = await office.reply('auditPackages.preview', upload(bytes));
      expect(!preview.ok && preview.message).toMatch(message);
      expect([sha256File(office.file), sha256File(`${office.file}-wal`)]).toEqual(before);
      expect(await office.db('audit_log').count({ n: '*' })).toEqual(log);
    }

    async function edited(bytes: Buffer, sql: string[]): Promise<Buffer> {
      const file = path.join(office.dir, 'edited.sqlite');
      fs.writeFileSync(file, bytes);
      const db = await openRaw(file, sqlite3.OPEN_READWRITE);
      for (const s of sql) await run(db, s);
      await closeRaw(db);
      const out = fs.readFileSync(file);
      fs.rmSync(file);
      return out;
    }

    it('a package from another office database', async () => {
      office = await makeOffice();
      cleanups.push(() => office.close());
      const other = await makeOffice();
      cleanups.push(() => other.close());
      const { bytes } = await exportWeibin(other);
      await expectRefused(bytes, /不是从本台账数据库导出的/);
    });

    it('a package edited outside the app (checksum)', async () => {
      office = await makeOffice();
      cleanups.push(() => office.close());
      const { bytes } = await exportWeibin(office);
      await expectRefused(await edited(bytes, ["UPDATE problems SET owner = '改过的人'"]), /校验值不符/);
    });

    it('a package from a newer app version', async () => {
      office = await makeOffice();
      cleanups.push(() => office.close());
      const { bytes } = await exportWeibin(office);
      await expectRefused(await edited(bytes, ["INSERT INTO knex_migrations (name, batch, migration_time) VALUES ('999-future', 9, '2030-01-01')"]), /更新版本/);
      await expectRefused(await edited(bytes, ['UPDATE package_manifest SET format_version = 2']), /更新版本/);
    });

    it('a half-written file, and one whose manifest was never completed', async () => {
      office = await makeOffice();
      cleanups.push(() => office.close());
      const { bytes } = await exportWeibin(office);
      await expectRefused(bytes.subarray(0, Math.floor(bytes.length / 2)), /损坏或没有写完整/);
      await expectRefused(await edited(bytes, ['UPDATE package_manifest SET complete = 0']), /不完整/);
      await expectRefused(await edited(bytes, ['DELETE FROM package_manifest']), /不完整/);
      await expectRefused(Buffer.from('not a database at all, just text'), /不是台账的 SQLite 数据库/);
    });
  });

  it('refuses, in one piece, a package whose new record duplicates one the office made meanwhile', async () => {
    office = await makeOffice();
    cleanups.push(() => office.close());
    const { bytes } = await exportWeibin(office);
    const laptop = await openOnLaptop(bytes, '2026-11-21T09:00:00');
    cleanups.push(() => laptop.close());
    const county = office.county('渭滨区');
    await laptop.call('supervisions.create', { kind: 'routine_visit', date: '2026-11-21', targetAllianceId: office.alliances.weibin, findings: '新发现' });
    await laptop.call('schools.create', { name: '渭滨区新建小学', regionId: county, stage: 'primary' });
    const back = Buffer.from((await laptop.call('auditPackages.download', {})).dataBase64, 'base64');
    await office.call('schools.create', { name: '渭滨区新建小学', regionId: county, stage: 'primary' });
    const counts = async () => [await office.db('audit_log').count({ n: '*' }), await office.db('supervisions').count({ n: '*' })];
    const before = await counts();
    const reply = await office.reply('auditPackages.merge', upload(back));
    expect(reply).toMatchObject({ ok: false, code: 'invalid' });
    expect(!reply.ok && reply.message).toBe('合并失败：督导包中的学校与台账中已有的记录重复（所在县区、名称相同），没有合并任何内容。请先在台账或督导包中处理重复的记录');
    expect(await counts()).toEqual(before);
  });

  it('re-seals the package inside each write, so only edits outside the app break the seal', async () => {
    office = await makeOffice();
    cleanups.push(() => office.close());
    const { bytes } = await exportWeibin(office);
    const laptop = await openOnLaptop(bytes, '2026-11-21T09:00:00');
    cleanups.push(() => laptop.close());
    const sealed = (await laptop.db('package_manifest').first()).checksum;
    await laptop.call('interviews.create', { supervisionId: office.records.s1, date: '2026-11-21', interviewees: '经二路小学校长' });
    const resealed = await laptop.db('package_manifest').first();
    expect(resealed.checksum).not.toBe(sealed);
    expect(resealed.sealed_at).toBe(new Date('2026-11-21T09:00:00').toISOString());
  });

  it('carries the attachments of its records both ways', async () => {
    office = await makeOffice();
    cleanups.push(() => office.close());
    const photo = await office.call('attachments.upload', { name: '现场照片.jpg', mime: 'image/jpeg', dataBase64: Buffer.from('photo-bytes').toString('base64') });
    await office.db('record_attachments').insert({ id: '00000000-0000-4000-8000-000000000001', entity: 'supervisions', record_id: office.records.s1, attachment_id: photo.id, created_at: 'x', updated_at: 'x' });
    const { bytes } = await exportWeibin(office);
    const laptop = await openOnLaptop(bytes, '2026-11-21T09:00:00');
    cleanups.push(() => laptop.close());
    expect(await laptop.db('package_files').pluck('sha256')).toEqual([photo.sha256]);
    const shot = await laptop.call('attachments.upload', { name: '签到表.jpg', mime: 'image/jpeg', dataBase64: Buffer.from('sign-in-sheet').toString('base64') });
    const back = Buffer.from((await laptop.call('auditPackages.download', {})).dataBase64, 'base64');
    const result = await office.call('auditPackages.merge', upload(back));
    expect(result.added).toBe(1);
    const got = await office.call('attachments.get', { id: shot.id });
    expect(Buffer.from(got.dataBase64, 'base64').toString()).toBe('sign-in-sheet');
  });

  it('refuses to export from a package, and needs something chosen', async () => {
    const empty = await makeLedger();
    cleanups.push(() => empty.close());
    const reply = await empty.reply('auditPackages.export', {});
    expect(reply).toMatchObject({ ok: false, fieldErrors: { allianceIds: '请至少选择一个联盟、学校或县区' } });
    office = await makeOffice();
    cleanups.push(() => office.close());
    const { bytes } = await exportWeibin(office);
    const laptop = await openOnLaptop(bytes, '2026-11-21T09:00:00');
    cleanups.push(() => laptop.close());
    await expect(laptop.call('auditPackages.export', { allianceIds: [office.alliances.weibin] })).rejects.toThrow('当前打开的是督导包');
  });
});

describe('打开督导包 on the laptop', () => {
  it('makes the package the working database, keeps it across a restart, and returns to the ledger', async () => {
    office = await makeOffice();
    cleanups.push(() => office.close());
    const { bytes } = await exportWeibin(office);

    // A laptop with its own (empty) ledger, the way a door opens it.
    const laptop = await makeLedger({ today: '2026-11-21' });
    await laptop.call('settings.update', { operatorName: '李督导' });
    await laptop.db.destroy();
    const host = await openLedger(workingDatabaseFile(laptop.dir));
    cleanups.push(async () => {
      await host.close();
      fs.rmSync(laptop.dir, { recursive: true, force: true });
    });
    const ctx = () => makeContext(host.db, laptop.dir, { error: (e: unknown) => console.error(e), info: () => undefined }, laptop.clock, host);
    const call = async (method: string, args: unknown) => {
      const r = await dispatch(handlers, method as never, args, ctx());
      if (!r.ok) throw new Error(r.message);
      return r.value as never;
    };

    const opened = (await call('auditPackages.open', upload(bytes))) as { label: string; openedAt: string };
    expect(opened).toMatchObject({ label: '渭滨区城乡教育联盟', openedAt: new Date('2026-11-21T10:00:00').toISOString() });
    expect(path.dirname(host.file)).toBe(path.join(laptop.dir, 'packages'));
    const status = (await call('system.status', {})) as { package: { label: string } | null; homeChosen: boolean };
    expect(status).toMatchObject({ homeChosen: true, package: { label: '渭滨区城乡教育联盟' } });
    // The laptop's clerk records in the package under their own name.
    expect(((await call('settings.get', {})) as { operatorName: string }).operatorName).toBe('李督导');
    await call('interviews.create', { supervisionId: office.records.s1, date: '2026-11-21', interviewees: '经二路小学校长' });

    // A restart opens the package again.
    expect(workingDatabaseFile(laptop.dir)).toBe(host.file);
    // Opening the same package again keeps what was recorded on this machine.
    await call('auditPackages.open', upload(bytes));
    expect(await host.db('interviews').count({ n: '*' })).toEqual([{ n: 1 }]);

    expect(await call('auditPackages.close', {})).toEqual({ closed: true });
    expect(host.file).toBe(path.resolve(databaseFile(laptop.dir)));
    expect(workingDatabaseFile(laptop.dir)).toBe(databaseFile(laptop.dir));
    expect(((await call('system.status', {})) as { package: unknown }).package).toBeNull();

    // A tampered package is refused and the laptop stays on its ledger.
    const reply = await dispatch(handlers, 'auditPackages.open', upload(Buffer.from(bytes.subarray(0, 4096))), ctx());
    expect(reply.ok).toBe(false);
    expect(host.file).toBe(path.resolve(databaseFile(laptop.dir)));
  });
});
