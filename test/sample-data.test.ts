import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection';
import type { Row } from '../db/records';
import { systemRepository } from '../db/repositories/system-repository';
import { searchMatches } from '../db/search';
import type { Progress } from '../electron/api/common';
import { AppError } from '../electron/api/errors';
import { loadSampleData } from '../electron/services/sample-data';
import { onPostgres, openTestDatabase } from './support/test-database';

const clock = { now: () => new Date(2026, 10, 20, 10, 0, 0) };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-data-test-'));
const open: Db[] = [];
const drops: (() => Promise<void>)[] = [];
let counter = 0;

async function freshDb(): Promise<Db> {
  const { db, drop } = await openTestDatabase(dir, `ledger-${++counter}.sqlite`);
  open.push(db);
  drops.push(drop);
  return db;
}

/** Rows of a raw query, as either engine's driver hands them back. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc SQL, as db.raw gives them
async function query<T = any>(db: Db, sql: string): Promise<T[]> {
  const result = (await db.raw(sql)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

async function fingerprint(db: Db): Promise<string> {
  const hash = crypto.createHash('sha256');
  const parts = [
    await db('schools').select('id', 'name', 'code', 'region_id', 'stage', 'created_at').orderBy('id'),
    await db('alliances').select('id', 'name', 'kind', 'modes', 'established_on').orderBy('id'),
    await db('alliance_members').select('id', 'alliance_id', 'school_id', 'region_id', 'role').orderBy('id'),
    await db('activities').select('id', 'alliance_id', 'date', 'title', 'host_school_id', 'updated_at').orderBy('id'),
    await db('teacher_exchanges').select('id', 'teacher_name', 'start_on', 'hours').orderBy('id'),
    await db('evaluations').select('id', 'template_id', 'target_alliance_id', 'year', 'status', 'evaluators', 'submitted_at', 'locked_at').orderBy('id'),
    await db('evaluation_scores').select('id', 'evaluation_id', 'indicator_id', 'score', 'note').orderBy('id'),
    await db('awards').select('id', 'year', 'title', 'target_alliance_id', 'target_school_id', 'person_name', 'document_number').orderBy('id'),
  ];
  for (const rows of parts) hash.update(JSON.stringify(rows));
  return hash.digest('hex');
}

afterAll(async () => {
  for (const db of open) await db.destroy();
  for (const drop of drops) await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sample data (county scale)', () => {
  let db: Db;
  const phases = new Set<string>();

  beforeAll(async () => {
    db = await freshDb();
    await loadSampleData(db, { scale: 'county', seed: 1 }, { clock, progress: (p: Progress) => phases.add(p.phase) });
  });

  it('fills every ledger the stats count', async () => {
    const stats = await systemRepository(db).stats();
    for (const [key, n] of Object.entries(stats)) expect(n, key).toBeGreaterThan(0);
    expect(stats.schools).toBeGreaterThan(200);
    expect(stats.schools).toBeLessThan(320);
    expect(stats.alliances).toBeGreaterThan(40);
    expect(stats.alliances).toBeLessThan(65);
    expect(stats.activities).toBeGreaterThan(4000);
    expect(stats.activities).toBeLessThan(6500);
    expect([...phases]).toContain('生成学校');
    expect([...phases]).toContain('生成交流活动');
    expect([...phases]).toContain('生成考核评价');
  });

  it('evaluates alliances on the two sample templates: Haining communities on the ten aspects, the rest on the five exchanges', async () => {
    const templates = (await db('evaluation_templates').orderBy('name').select('id', 'name', 'version', 'is_sample', 'total_score', 'year')) as Row[];
    expect(templates.map((t) => t.name)).toEqual(['宝鸡市城乡教育联盟考核评价（示例）', '海宁市城乡教共体考核评价（示例）']);
    for (const t of templates) {
      expect(Number(t.version)).toBe(1);
      expect(Boolean(Number(t.is_sample))).toBe(true);
      expect(Number(t.total_score)).toBe(100);
      expect(t.year).toBeNull();
    }
    const haining = String(templates[1]!.id);
    const tops = await db('indicators').where({ template_id: haining }).whereNull('parent_id').orderBy('sort_order').pluck('name');
    expect(tops).toEqual(['党建引领', '管理贯通', '师资联培', '教学帮扶', '学科同进', '课程共建', '学生共育', '评价一体', '文化相长', '共同进步']);
    const communities = (await db('evaluations as e')
      .join('alliances as a', 'a.id', 'e.target_alliance_id')
      .where('a.kind', 'community')
      .distinct('e.template_id')
      .pluck('e.template_id')) as string[];
    expect(communities).toEqual([haining]);
    const others = await db('evaluations as e')
      .join('alliances as a', 'a.id', 'e.target_alliance_id')
      .whereNot('a.kind', 'community')
      .where('e.template_id', haining)
      .count<{ n: number }[]>({ n: '*' });
    expect(Number(others[0]!.n)).toBe(0);
  });

  it('has the last three years evaluated: 2024 locked, 2025 submitted or locked, 2026 part drafts', async () => {
    const rows = (await db('evaluations').select('year', 'status').count({ n: '*' }).groupBy('year', 'status')) as Row[];
    const count = (year: number, status: string) => Number(rows.find((r) => Number(r.year) === year && r.status === status)?.n ?? 0);
    expect(new Set(rows.map((r) => Number(r.year)))).toEqual(new Set([2024, 2025, 2026]));
    expect(count(2024, 'locked')).toBeGreaterThan(20);
    expect(count(2024, 'submitted') + count(2024, 'draft')).toBe(0);
    expect(count(2025, 'submitted')).toBeGreaterThan(count(2025, 'locked'));
    expect(count(2025, 'locked')).toBeGreaterThan(0);
    expect(count(2025, 'draft')).toBe(0);
    expect(count(2026, 'draft')).toBeGreaterThan(0);
    expect(count(2026, 'submitted')).toBeGreaterThan(count(2026, 'draft'));
    expect(count(2026, 'locked')).toBe(0);
    // Only alliances that existed in the year, one evaluation each per template and year.
    const [{ n: outside }] = await query(db, `
      SELECT COUNT(*) AS n FROM evaluations e JOIN alliances a ON a.id = e.target_alliance_id
      WHERE a.established_on > (e.year || '-12-31') OR a.dissolved_on < (e.year || '-01-01')`);
    expect(Number(outside)).toBe(0);
    const [{ n: twice }] = await query(db, 'SELECT COUNT(*) AS n FROM (SELECT 1 FROM evaluations GROUP BY template_id, year, target_alliance_id HAVING COUNT(*) > 1) AS twice');
    expect(Number(twice)).toBe(0);
    // Submitted before the sample's day; locked after submitted.
    const [{ n: badDates }] = await query(db, `
      SELECT COUNT(*) AS n FROM evaluations
      WHERE (status = 'draft') <> (submitted_at IS NULL) OR (status = 'locked') <> (locked_at IS NOT NULL)
         OR submitted_at > '2026-11-20' OR locked_at <= submitted_at`);
    expect(Number(badDates)).toBe(0);
  });

  it('scores every leaf of a submitted or locked evaluation, drafts in part, all within 0..max', async () => {
    const [{ n: incomplete }] = await query(db, `
      SELECT COUNT(*) AS n FROM evaluations e
      WHERE e.status <> 'draft'
        AND (SELECT COUNT(*) FROM evaluation_scores s WHERE s.evaluation_id = e.id AND s.score IS NOT NULL)
         <> (SELECT COUNT(*) FROM indicators i WHERE i.template_id = e.template_id
             AND NOT EXISTS (SELECT 1 FROM indicators c WHERE c.parent_id = i.id))`);
    expect(Number(incomplete)).toBe(0);
    const [{ n: outOfRange }] = await query(db, `
      SELECT COUNT(*) AS n FROM evaluation_scores s JOIN indicators i ON i.id = s.indicator_id
      WHERE s.score < 0 OR s.score > i.max_score OR ROUND(s.score * 2) <> s.score * 2
         OR i.parent_id IS NULL OR i.template_id <> (SELECT template_id FROM evaluations WHERE id = s.evaluation_id)`);
    expect(Number(outOfRange)).toBe(0);
    const drafts = (await query(db, `
      SELECT e.id, COUNT(s.id) AS scored FROM evaluations e LEFT JOIN evaluation_scores s ON s.evaluation_id = e.id
      WHERE e.status = 'draft' GROUP BY e.id`)) as Row[];
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) expect(Number(d.scored)).toBeGreaterThan(0);
    const totals = (await query(db, `
      SELECT SUM(s.score) AS total FROM evaluations e JOIN evaluation_scores s ON s.evaluation_id = e.id
      WHERE e.status <> 'draft' GROUP BY e.id`)) as Row[];
    const values = totals.map((t) => Number(t.total));
    // Lax alliances trail: results spread over more than one grade.
    expect(Math.max(...values)).toBeGreaterThanOrEqual(90);
    expect(Math.min(...values)).toBeLessThan(80);
    expect(Math.max(...values)).toBeLessThan(100);
  });

  it('awards the best alliances of the finished years, with lead schools and persons, by the bureaus', async () => {
    const awards = (await db('awards').select('*')) as Row[];
    expect(awards.length).toBeGreaterThan(0);
    expect(new Set(awards.map((a) => Number(a.year)))).toEqual(new Set([2024, 2025]));
    const alliances = awards.filter((a) => a.target_alliance_id);
    expect(alliances.map((a) => a.title)).toContain('优秀城乡教育联盟');
    expect(awards.some((a) => a.title === '城乡教育联盟示范学校' && a.target_school_id && !a.target_alliance_id && !a.person_name)).toBe(true);
    expect(awards.some((a) => a.person_name && a.target_school_id && !a.target_alliance_id)).toBe(true);
    const baoji = awards.filter((a) => a.issuing_body === '宝鸡市教育局');
    expect(baoji.length).toBeGreaterThan(0);
    for (const a of baoji) expect(a.document_number).toMatch(new RegExp(`^宝市教发〔${Number(a.year) + 1}〕\\d+号$`));
    for (const a of awards) expect(String(a.awarded_on) <= '2026-11-20').toBe(true);
    // An awarded alliance was evaluated that year, and not as a draft.
    const [{ n: unevaluated }] = await query(db, `
      SELECT COUNT(*) AS n FROM awards w WHERE w.target_alliance_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM evaluations e WHERE e.target_alliance_id = w.target_alliance_id AND e.year = w.year AND e.status <> 'draft')`);
    expect(Number(unevaluated)).toBe(0);
  });

  it('has the six Baoji county alliances with counties as members, the first county leading', async () => {
    const rows = (await db('alliances as a')
      .join('alliance_members as m', 'm.alliance_id', 'a.id')
      .join('regions as r', 'r.id', 'm.region_id')
      .where('a.kind', 'county_alliance')
      .select('a.name', 'a.lead_region_id', 'a.lead_school_id', 'm.role', 'm.school_id', 'r.id as region_id', 'r.name as region')) as {
      name: string;
      lead_region_id: string;
      lead_school_id: string | null;
      role: string;
      school_id: string | null;
      region_id: string;
      region: string;
    }[];
    const pairs = [
      ['渭滨区', '凤县'],
      ['金台区', '陇县'],
      ['陈仓区', '千阳县'],
      ['高新区', '麟游县'],
      ['凤翔区', '岐山县'],
      ['眉县', '扶风县'],
    ];
    expect(new Set(rows.map((r) => r.name)).size).toBe(6);
    for (const [lead, member] of pairs) {
      const mine = rows.filter((r) => r.name.startsWith(`${lead}与${member}`));
      expect(mine).toHaveLength(2);
      const leadRow = mine.find((r) => r.region === lead)!;
      expect(leadRow.role).toBe('lead');
      expect(leadRow.lead_region_id).toBe(leadRow.region_id);
      expect(leadRow.lead_school_id).toBeNull();
      expect(mine.find((r) => r.region === member)!.role).toBe('member');
      expect(mine.every((r) => r.school_id === null)).toBe(true);
    }
    const gaoxin = await db('regions').where({ name: '高新区' }).first();
    expect(gaoxin.code).toBeNull();
    expect(gaoxin.level).toBe('county');
    const baoji = await db('regions').where({ code: '610300' }).first();
    expect(gaoxin.parent_id).toBe(baoji.id);
  });

  it('has a cross-region education group of 蓬江区 and 恩平市', async () => {
    const rows = (await db('alliances as a')
      .join('alliance_members as m', 'm.alliance_id', 'a.id')
      .join('schools as s', 's.id', 'm.school_id')
      .join('regions as r', 'r.id', 's.region_id')
      .where('a.kind', 'education_group')
      .select('a.name', 'r.name as region')) as { name: string; region: string }[];
    const regionsOf = new Map<string, Set<string>>();
    for (const r of rows) regionsOf.set(r.name, (regionsOf.get(r.name) ?? new Set()).add(r.region));
    const cross = [...regionsOf].filter(([, set]) => set.has('蓬江区') && set.has('恩平市')).map(([name]) => name);
    expect(cross).toContain('蓬江区紫茶小学教育集团');
    expect(cross.length).toBeGreaterThanOrEqual(5);
  });

  it('keeps the rules of the schema: activity schools, hosts and Haining communities', async () => {
    const [{ n: badHosts }] = await query(db, `
      SELECT COUNT(*) AS n FROM activities a
      WHERE a.host_school_id IN (SELECT school_id FROM activity_schools WHERE activity_id = a.id)`);
    expect(Number(badHosts)).toBe(0);
    const sizes = (await query(db, `SELECT MIN(n) AS lo, MAX(n) AS hi FROM (SELECT COUNT(*) AS n FROM activity_schools GROUP BY activity_id) AS sizes`)) as {
      lo: number;
      hi: number;
    }[];
    // Besides its host, an activity has one to three participating schools.
    expect(sizes[0]!.lo).toBeGreaterThanOrEqual(1);
    expect(sizes[0]!.hi).toBeLessThanOrEqual(3);
    const communities = await db('alliances').where({ kind: 'community' }).count<{ n: number }[]>({ n: '*' });
    expect(Number(communities[0]!.n)).toBe(12);
    const special = await db('alliances as a').join('schools as s', 's.id', 'a.lead_school_id').where('a.kind', 'special_ed_alliance').pluck('s.name');
    expect(special).toContain('宝鸡市特殊教育学校');
    const settings = Object.fromEntries((await db('settings').select('key', 'value')).map((r) => [r.key, JSON.parse(r.value)]));
    expect(settings.reportingUnit).toBe('示例教育局（示例数据）');
    expect(settings.homeRegionId).toBeTruthy();
    const audit = await db('audit_log').where({ action: 'bulk', record_id: 'sample' }).pluck('entity');
    expect(audit).toContain('activities');
    expect(new Set(audit).size).toBe(audit.length);
  });

  it('indexes activities for free-text search', async () => {
    const q = searchMatches(db, 'activities', '同课异构');
    expect(q).not.toBeNull();
    const ids = await db('activities').whereIn('id', q!).count<{ n: number }[]>({ n: '*' });
    const like = await db('activities')
      .where((w) => w.where('title', 'like', '%同课异构%').orWhere('form', 'like', '%同课异构%').orWhere('summary', 'like', '%同课异构%'))
      .count<{ n: number }[]>({ n: '*' });
    expect(Number(ids[0]!.n)).toBeGreaterThan(0);
    expect(Number(ids[0]!.n)).toBe(Number(like[0]!.n));
    const entries = await db('search_entries').where({ entity: 'activities' }).count<{ n: number }[]>({ n: '*' });
    const activities = await db('activities').count<{ n: number }[]>({ n: '*' });
    expect(Number(entries[0]!.n)).toBe(Number(activities[0]!.n));
    // SQLite joins activities to the index on search_key; PostgreSQL searches the tsvector directly.
    if (!onPostgres) {
      const [{ n: mismatched }] = await query(db, `
        SELECT COUNT(*) AS n FROM activities a
        WHERE a.search_key IS NOT (SELECT e.id FROM search_entries e WHERE e.entity = 'activities' AND e.record_id = a.id)`);
      expect(Number(mismatched)).toBe(0);
    }
  });

  it('refuses a ledger that already holds schools or alliances', async () => {
    const before = await systemRepository(db).stats();
    const error = await loadSampleData(db, { scale: 'county', seed: 2 }, { clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
    expect((error as AppError).message).toBe('数据库中已有记录，示例数据只能载入空台账');
    expect(await systemRepository(db).stats()).toEqual(before);
  });

  it('gives the same data for the same seed on any day, and other data for another seed', async () => {
    const again = await freshDb();
    await loadSampleData(again, { scale: 'county', seed: 1 }, { clock: { now: () => new Date(2027, 5, 1, 8, 0, 0) } });
    expect(await fingerprint(again)).toBe(await fingerprint(db));
    const other = await freshDb();
    await loadSampleData(other, { scale: 'county', seed: 7 }, { clock });
    expect(await fingerprint(other)).not.toBe(await fingerprint(db));
  });
});

describe('sample data on a fresh ledger', () => {
  it('writes nothing when cancelled', async () => {
    const db = await freshDb();
    const controller = new AbortController();
    controller.abort();
    const error = await loadSampleData(db, { scale: 'county', seed: 1 }, { clock, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('cancelled');
    const stats = await systemRepository(db).stats();
    expect(Object.values(stats).every((n) => n === 0)).toBe(true);
    expect(await db('settings').count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await db('audit_log').count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('rolls everything back when cancelled half-way, indexes included', async () => {
    const db = await freshDb();
    const indexes = async () =>
      onPostgres
        ? ((await db('pg_indexes').where({ schemaname: 'public' }).orderBy('indexname').pluck('indexname')) as string[])
        : ((await db('sqlite_master').where({ type: 'index' }).orderBy('name').pluck('name')) as string[]);
    const before = await indexes();
    const controller = new AbortController();
    const progress = (p: Progress) => {
      if (p.phase === '生成交流活动' && p.done > 1000) controller.abort();
    };
    const error = await loadSampleData(db, { scale: 'county', seed: 1 }, { clock, progress, signal: controller.signal }).catch((e: unknown) => e);
    expect(controller.signal.aborted).toBe(true);
    expect((error as AppError).code).toBe('cancelled');
    const stats = await systemRepository(db).stats();
    expect(Object.values(stats).every((n) => n === 0)).toBe(true);
    expect(await db('search_entries').count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await indexes()).toEqual(before);
    // …and the ledger still takes a sample afterwards, with its indexes in place.
    await loadSampleData(db, { scale: 'county', seed: 1 }, { clock });
    expect(await indexes()).toEqual(before);
    expect((await systemRepository(db).stats()).activities).toBeGreaterThan(0);
  });

  it('reuses regions the first-run picker created, and keeps a chosen home region', async () => {
    const db = await freshDb();
    const stamp = new Date().toISOString();
    const row = { created_at: stamp, updated_at: stamp, deleted_at: null };
    const shaanxi = crypto.randomUUID();
    const baoji = crypto.randomUUID();
    await db('regions').insert([
      { id: shaanxi, name: '陕西省', code: '610000', level: 'province', parent_id: null, ...row },
      { id: baoji, name: '宝鸡市', code: '610300', level: 'city', parent_id: shaanxi, ...row },
    ]);
    await db('settings').insert({ key: 'homeRegionId', value: JSON.stringify(baoji), updated_at: stamp });
    await loadSampleData(db, { scale: 'county', seed: 3 }, { clock });
    const codes = (await db('regions').whereNotNull('code').pluck('code')) as string[];
    expect(codes.length).toBe(new Set(codes).size);
    expect((await db('regions').where({ code: '610300' }).first()).id).toBe(baoji);
    const weibin = await db('regions').where({ code: '610302' }).first();
    expect(weibin.parent_id).toBe(baoji);
    expect(JSON.parse((await db('settings').where({ key: 'homeRegionId' }).first()).value)).toBe(baoji);
  });
});

// PostgreSQL's own search index and key sequence (the postgres project's run).
describe.skipIf(!onPostgres)('sample data on PostgreSQL', () => {
  it('loads the county sample, indexes it for search and refuses a second load', async () => {
    const db = await freshDb();
    await loadSampleData(db, { scale: 'county', seed: 1 }, { clock });
    const stats = await systemRepository(db).stats();
    for (const [key, n] of Object.entries(stats)) expect(n, key).toBeGreaterThan(0);
    const q = searchMatches(db, 'activities', '同课异构');
    const found = await db('activities').whereIn('id', q!).count<{ n: string }[]>({ n: '*' });
    expect(Number(found[0]!.n)).toBeGreaterThan(0);
    // Explicit search-entry ids must leave the sequence past them for later inserts.
    const next = await db.raw("SELECT nextval(pg_get_serial_sequence('search_entries', 'id')) AS n");
    const max = await db('search_entries').max<{ m: number }[]>({ m: 'id' });
    expect(Number(next.rows[0].n)).toBeGreaterThan(Number(max[0]!.m));
    const error = await loadSampleData(db, { scale: 'county', seed: 1 }, { clock }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('conflict');
  }, 120_000);
});
