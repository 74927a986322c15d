// The CLI contract of architecture.md: flags, output and exit codes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contract } from '../electron/api/contract';

const root = path.resolve(__dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function ledger(...args: string[]) {
  const r = spawnSync(tsx, ['electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run ledger', () => {
  it('creates a ledger, takes calls and counts rows', () => {
    const db = path.join(dir, 'a.sqlite');
    expect(ledger('init', '--db', db).code).toBe(0);
    const home = ledger('call', 'regions.setHome', '{"code":"6103"}', '--db', db);
    expect(home.code).toBe(0);
    expect(JSON.parse(home.out).home.name).toBe('宝鸡市');
    const counties = JSON.parse(ledger('call', 'regions.list', '{"search":"凤县"}', '--db', db).out);
    const school = ledger(
      'call',
      'schools.create',
      JSON.stringify({ name: '凤县双石铺镇中心小学', regionId: counties.rows[0].id, stage: 'primary' }),
      '--db',
      db,
    );
    expect(school.code).toBe(0);
    const stats = ledger('stats', '--db', db, '--json');
    expect(stats.code).toBe(0);
    const counts = JSON.parse(stats.out);
    expect(Object.keys(counts).sort()).toEqual(
      [
        'regions',
        'schools',
        'alliances',
        'allianceMembers',
        'activities',
        'teacherExchanges',
        'sharedCourses',
        'cooperationProjects',
        'problems',
        'supervisions',
        'rectifications',
        'evaluations',
      ].sort(),
    );
    expect(counts).toMatchObject({ regions: 14, schools: 1, activities: 0 });
    expect(ledger('stats', '--db', db).out).toContain('学校');
  });

  it('lists every method of the contract with its input schema', () => {
    const r = ledger('methods', '--json');
    expect(r.code).toBe(0);
    const methods = JSON.parse(r.out) as { name: string; input: { type?: string } }[];
    expect(methods.map((m) => m.name).sort()).toEqual(Object.keys(contract).sort());
    const create = methods.find((m) => m.name === 'schools.create')!;
    expect(create.input).toMatchObject({ type: 'object' });
    expect(JSON.stringify(create.input)).toContain('"regionId"');
  });

  it('refuses input with exit 1 and a JSON error on stderr', () => {
    const db = path.join(dir, 'b.sqlite');
    ledger('init', '--db', db);
    const r = ledger('call', 'schools.create', '{"name":""}', '--db', db, '--json');
    expect(r.code).toBe(1);
    const error = JSON.parse(r.err);
    expect(error).toMatchObject({ code: 'invalid', fieldErrors: { name: '请填写学校名称' } });
    expect(JSON.parse(ledger('stats', '--db', db, '--json').out).schools).toBe(0);
  });

  it('says what is wrong with bad JSON, in Chinese, and writes nothing', () => {
    const db = path.join(dir, 'c.sqlite');
    ledger('init', '--db', db);
    const before = fs.readFileSync(db);
    const r = ledger('call', 'schools.list', '{page:1', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('JSON 参数格式不正确');
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('refuses a bad sample scale before creating any file', () => {
    const db = path.join(dir, 'never.sqlite');
    const r = ledger('sample', '--db', db, '--scale', 'village', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.err)).toMatchObject({ code: 'invalid', fieldErrors: { scale: '规模应为 county、city 或 province' } });
    expect(fs.existsSync(db)).toBe(false);
  });

  it('refuses a database that does not exist, without creating it', () => {
    const missing = path.join(dir, 'missing.sqlite');
    for (const args of [['stats', '--db', missing], ['call', 'schools.list', '--db', missing]]) {
      const r = ledger(...args);
      expect(r.code).toBe(1);
      expect(r.err).toContain('数据库不存在');
    }
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('refuses a file that is not a ledger and leaves it untouched', () => {
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, '会议纪要');
    const r = ledger('stats', '--db', notes, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.err).message).toContain('不是台账数据库文件');
    expect(fs.readFileSync(notes, 'utf8')).toBe('会议纪要');
  });

  it('exits 2 for an unknown command, an unknown flag or an unknown method', () => {
    const db = path.join(dir, 'd.sqlite');
    ledger('init', '--db', db);
    expect(ledger('frobnicate').code).toBe(2);
    const flag = ledger('stats', '--db', db, '--colour');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('未知的选项：--colour');
    const method = ledger('call', 'schools.explode', '--db', db);
    expect(method.code).toBe(2);
    expect(method.err).toContain('未知的操作');
    expect(ledger('stats').code).toBe(2);
  });
});
