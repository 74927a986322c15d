// The schema of domain.md: every entity, UUID ids, timestamps, soft delete, enforced
// foreign keys, and a backup before migrating a ledger that holds data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseMissingError, DatabaseUnreadableError, openDatabase } from '../db/connection';
import { migrations } from '../db/migrations';
import { makeLedger, type TestLedger } from './support/ledger';

let ledger: TestLedger;
afterEach(() => ledger?.close());

const entityTables = [
  'regions',
  'schools',
  'alliances',
  'alliance_quality_ratings',
  'annual_plans',
  'alliance_members',
  'activities',
  'activity_schools',
  'record_attachments',
  'attachments',
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
  'reminder_states',
  'manual_reminders',
];

describe('schema', () => {
  it('holds every entity with a UUID id, timestamps and a soft-delete marker', async () => {
    ledger = await makeLedger();
    for (const table of entityTables) {
      const info = (await ledger.db.raw(`PRAGMA table_info(${table})`)) as { name: string; type: string; pk: number }[];
      const columns = Object.fromEntries(info.map((c) => [c.name, c]));
      expect(columns.id, table).toMatchObject({ pk: 1, type: 'varchar(36)' });
      for (const c of ['created_at', 'updated_at', 'deleted_at']) expect(columns[c], `${table}.${c}`).toBeDefined();
    }
    expect(await ledger.db.schema.hasTable('audit_log')).toBe(true);
    expect(await ledger.db.schema.hasTable('settings')).toBe(true);
  });

  it('enforces foreign keys', async () => {
    ledger = await makeLedger();
    const stamp = new Date().toISOString();
    await expect(
      ledger.db('schools').insert({
        id: '00000000-0000-4000-8000-000000000001',
        name: '无县区的学校',
        region_id: '00000000-0000-4000-8000-00000000dead',
        stage: 'primary',
        created_at: stamp,
        updated_at: stamp,
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('lets a member be a school or a county, never both or neither', async () => {
    ledger = await makeLedger();
    const stamp = new Date().toISOString();
    const region = { id: '00000000-0000-4000-8000-000000000010', name: '凤县', level: 'county', created_at: stamp, updated_at: stamp };
    const alliance = { id: '00000000-0000-4000-8000-000000000020', name: '联盟', kind: 'county_alliance', created_at: stamp, updated_at: stamp };
    await ledger.db('regions').insert(region);
    await ledger.db('alliances').insert(alliance);
    const member = { alliance_id: alliance.id, role: 'member', created_at: stamp, updated_at: stamp };
    await expect(ledger.db('alliance_members').insert({ ...member, id: '00000000-0000-4000-8000-000000000030' })).rejects.toThrow(/CHECK/);
    await ledger.db('alliance_members').insert({ ...member, id: '00000000-0000-4000-8000-000000000031', region_id: region.id });
  });

  it('runs in WAL mode', async () => {
    ledger = await makeLedger();
    const [mode] = (await ledger.db.raw('PRAGMA journal_mode')) as { journal_mode: string }[];
    expect(mode?.journal_mode).toBe('wal');
  });

  it('lists its migrations in order, one per file', () => {
    const names = migrations.map(([n]) => n);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('snapshots a ledger that holds data into backups/ before migrating it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-migrate-'));
    const file = path.join(dir, 'ledger.sqlite');
    const db = await openDatabase(file, { create: true });
    // Pretend the last migration has not run yet.
    const [last] = migrations.slice(-1);
    await last![1].down(db);
    await db('knex_migrations').where({ name: last![0] }).delete();
    await db.destroy();
    const reopened = await openDatabase(file);
    await reopened.destroy();
    const copies = fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('-migration.sqlite'));
    expect(copies).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a missing file without creating it, and a file that is not a ledger', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-open-'));
    const missing = path.join(dir, 'nope.sqlite');
    await expect(openDatabase(missing)).rejects.toBeInstanceOf(DatabaseMissingError);
    expect(fs.existsSync(missing)).toBe(false);
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, '这不是数据库');
    await expect(openDatabase(text)).rejects.toBeInstanceOf(DatabaseUnreadableError);
    expect(fs.readFileSync(text, 'utf8')).toBe('这不是数据库');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
