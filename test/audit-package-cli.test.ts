// `npm run ledger -- package export|merge`: the 外出督导包 round trip from a script, with the
// exact --json shape, exit codes, and refused or unresolved merges that leave the office
// file byte for byte as it was.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { makeContext } from '../electron/main/runtime';
import { openDatabase } from '../db/connection';
import { makeOffice, openOnLaptop, sha256File } from './support/audit-package';

const root = path.resolve(__dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-package-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function ledger(...args: string[]) {
  const r = spawnSync(tsx, ['electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let officeFile = '';
let records: { p1: string; s1: string; s2: string; p2: string } = { p1: '', s1: '', s2: '', p2: '' };
const pkg = path.join(dir, 'weibin.sqlite');
const back = path.join(dir, 'weibin-back.sqlite');
const stateOf = () => [sha256File(officeFile), sha256File(`${officeFile}-wal`)];

beforeAll(async () => {
  const office = await makeOffice();
  records = office.records;
  officeFile = path.join(dir, 'office', 'ledger.sqlite');
  fs.mkdirSync(path.dirname(officeFile));
  await office.db.destroy();
  fs.copyFileSync(office.file, officeFile);
  fs.rmSync(office.dir, { recursive: true, force: true });
}, 60_000);

describe('npm run ledger -- package', () => {
  it('exports the package of a named alliance', () => {
    const r = ledger('package', 'export', '--db', officeFile, '--out', pkg, '--alliance', '渭滨区城乡教育联盟', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ file: pkg, recordCount: expect.any(Number) });
    expect(fs.existsSync(pkg)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    const unknown = ledger('package', 'export', '--db', officeFile, '--out', path.join(dir, 'x.sqlite'), '--alliance', '不存在的联盟', '--json');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.err).message).toBe('没有名为“不存在的联盟”的联盟');
    expect(ledger('package', '--db', officeFile).code).toBe(2);
  });

  it('prints the conflicts, exits 1 and writes nothing until choices are given; then applies them; again changes nothing', async () => {
    // The laptop changes a problem's owner and adds a finding; the office changes the same owner.
    const laptop = await openOnLaptop(fs.readFileSync(pkg), '2026-11-21T09:00:00');
    await laptop.call('settings.update', { operatorName: '李督导' });
    const p1 = await laptop.call('problems.get', { id: records.p1 });
    await laptop.call('problems.update', { id: records.p1, rowVersion: p1.rowVersion, draft: { allianceId: p1.allianceId, description: p1.description, dueOn: p1.dueOn, owner: '孙校长' } });
    const s1 = await laptop.call('supervisions.get', { id: records.s1 });
    await laptop.call('supervisions.update', { id: records.s1, rowVersion: s1.rowVersion, draft: { kind: s1.kind, date: s1.date, targetAllianceId: s1.targetAllianceId, findings: '现场发现：功能室闲置' } });
    fs.writeFileSync(back, Buffer.from((await laptop.call('auditPackages.download', {})).dataBase64, 'base64'));
    await laptop.close();

    const db = await openDatabase(officeFile);
    const ctx = makeContext(db, path.dirname(officeFile), { error: console.error, info: () => undefined }, { now: () => new Date('2026-11-21T15:00:00') });
    const got = await dispatch(handlers, 'problems.get', { id: records.p1 }, ctx);
    if (!got.ok) throw new Error(got.message);
    const o = got.value as { allianceId: string; description: string; dueOn: string; rowVersion: number };
    const upd = await dispatch(handlers, 'problems.update', { id: records.p1, rowVersion: o.rowVersion, draft: { allianceId: o.allianceId, description: o.description, dueOn: o.dueOn, owner: '周主任' } }, ctx);
    expect(upd.ok).toBe(true);
    await db.destroy();

    const before = stateOf();
    const r = ledger('package', 'merge', back, '--db', officeFile, '--json');
    expect(r.code).toBe(1);
    const printed = JSON.parse(r.out);
    expect(printed).toEqual({
      added: 0,
      updated: 1,
      conflicts: [
        {
          entity: 'problems',
          id: records.p1,
          label: '教研活动次数不足',
          fields: [{ field: 'owner', office: '周主任', package: '孙校长' }],
        },
      ],
    });
    expect(stateOf()).toEqual(before);

    // Field by field: the record's default is the office, the owner comes from the package.
    const choices = path.join(dir, 'choices.json');
    fs.writeFileSync(choices, JSON.stringify([{ entity: 'problems', id: records.p1, keep: 'office', fields: { owner: 'package' } }]));
    const dry = ledger('package', 'merge', back, '--db', officeFile, '--dry-run', '--resolve', choices, '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toEqual({ added: 0, updated: 1, conflicts: [] });
    expect(stateOf()).toEqual(before);

    const done = ledger('package', 'merge', back, '--db', officeFile, '--resolve', choices, '--json');
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toEqual({ added: 0, updated: 1, conflicts: [] });
    const problem = JSON.parse(ledger('call', 'problems.get', JSON.stringify({ id: records.p1 }), '--db', officeFile).out);
    expect(problem).toMatchObject({ owner: '孙校长', dueOn: '2026-12-31' });
    const supervision = JSON.parse(ledger('call', 'supervisions.get', JSON.stringify({ id: records.s1 }), '--db', officeFile).out);
    expect(supervision.findings).toBe('现场发现：功能室闲置');
    expect(fs.readdirSync(path.join(path.dirname(officeFile), 'backups')).some((f) => f.endsWith('-merge.sqlite'))).toBe(true);

    const settled = stateOf();
    const again = ledger('package', 'merge', back, '--db', officeFile, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual({ added: 0, updated: 0, conflicts: [] });
    expect(ledger('package', 'merge', back, '--db', officeFile).out).toContain('督导包中没有新的内容，台账未做改动');
    expect(stateOf()).toEqual(settled);
  }, 120_000);

  it('refuses a tampered or half-written package with a clear message, leaving the office file unchanged', () => {
    const before = stateOf();
    const half = path.join(dir, 'half.sqlite');
    const bytes = fs.readFileSync(pkg);
    fs.writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = ledger('package', 'merge', half, '--db', officeFile, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.err).message).toMatch(/损坏或没有写完整/);
    expect(stateOf()).toEqual(before);
  });
});
