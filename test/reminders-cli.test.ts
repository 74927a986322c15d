// `npm run ledger -- reminders`: the day's reminders as JSON or in Chinese, with exit codes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-reminders-cli-'));
const db = path.join(dir, 'ledger.sqlite');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function ledger(...args: string[]) {
  const r = spawnSync(tsx, ['electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function call(method: string, args: unknown) {
  const r = ledger('call', method, JSON.stringify(args), '--db', db);
  if (r.code !== 0) throw new Error(r.err);
  return JSON.parse(r.out);
}

let allianceId = '';
beforeAll(() => {
  expect(ledger('init', '--db', db).code).toBe(0);
  call('regions.setHome', { code: '6103' });
  const county = call('regions.list', { search: '凤县' }).rows[0].id;
  const lead = call('schools.create', { name: '凤州小学', regionId: county, stage: 'primary' }).id;
  const member = call('schools.create', { name: '双石铺小学', regionId: county, stage: 'primary' }).id;
  allianceId = call('alliances.create', {
    name: '凤县山区学校联盟',
    kind: 'school_alliance',
    leadSchoolId: lead,
    establishedOn: '2026-03-01',
    members: [{ schoolId: member }],
  }).id;
}, 60_000);

describe('npm run ledger -- reminders', () => {
  it('prints the reminders of a given day as a JSON array', () => {
    const r = ledger('reminders', '--db', db, '--today', '2026-11-20', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as Record<string, unknown>[];
    const visits = list.find((x) => x.key === `quota-visits:${allianceId}:2025-2026-2`);
    expect(visits).toMatchObject({ rule: 'quota-visits', severity: 'overdue', dueOn: '2026-07-31', allianceName: '凤县山区学校联盟' });
    expect(String(visits!.message)).toContain('校级领导互访');
    expect(list.find((x) => x.key === `implementation-plan:${allianceId}`)).toMatchObject({ severity: 'overdue', dueOn: '2026-03-31' });
    for (const x of list) expect(Object.keys(x)).toEqual(expect.arrayContaining(['key', 'rule', 'severity', 'dueOn', 'allianceName', 'message']));
  });

  it('hides done reminders unless --all is given, which shows their state', () => {
    const key = `implementation-plan:${allianceId}`;
    expect(ledger('call', 'reminders.markDone', JSON.stringify({ key }), '--db', db).code).toBe(0);
    const open = JSON.parse(ledger('reminders', '--db', db, '--today', '2026-11-20', '--json').out) as { key: string }[];
    expect(open.map((x) => x.key)).not.toContain(key);
    const all = JSON.parse(ledger('reminders', '--db', db, '--today', '2026-11-20', '--all', '--json').out) as { key: string; state: string }[];
    expect(all.find((x) => x.key === key)?.state).toBe('done');
  });

  it('prints reminders in Chinese without --json, and uses the real date without --today', () => {
    const r = ledger('reminders', '--db', db, '--today', '2026-11-20');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已逾期');
    expect(r.out).toContain('【凤县山区学校联盟】');
    expect(ledger('reminders', '--db', db, '--json').code).toBe(0);
  });

  it('refuses a malformed date as a usage error and a missing database without creating it', () => {
    const bad = ledger('reminders', '--db', db, '--today', '2026-02-30', '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.err)).toMatchObject({ code: 'usage' });
    expect(ledger('reminders', '--db', db, '--today', '20261120').code).toBe(2);
    const missing = path.join(dir, 'none.sqlite');
    const r = ledger('reminders', '--db', missing);
    expect(r.code).toBe(1);
    expect(r.err).toContain('数据库不存在');
    expect(fs.existsSync(missing)).toBe(false);
  });
});
