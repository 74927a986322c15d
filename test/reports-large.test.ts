// A province's year: 交流活动台账 of 100,000+ activities streams out in bounded memory with
// progress along the way, and a cancelled export leaves no file behind.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../electron/api/common';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { exportReport } from '../electron/services/reports';
import { reportRequest } from '../electron/api/reports';
import { makeLedger, type TestLedger } from './support/ledger';

const activityCount = 100_000;
let ledger: TestLedger;

beforeAll(async () => {
  ledger = await makeLedger({ today: '2026-03-01' });
  const now = '2026-01-01T00:00:00.000Z';
  const meta = () => ({ id: crypto.randomUUID(), created_at: now, updated_at: now });
  const county = { ...meta(), name: '示范县', level: 'county' };
  await ledger.db('regions').insert(county);
  const schools = Array.from({ length: 20 }, (_, i) => ({ ...meta(), name: `示范县第${i + 1}小学`, region_id: county.id, stage: 'primary' }));
  await ledger.db.batchInsert('schools', schools, 100);
  const alliances = Array.from({ length: 50 }, (_, i) => ({
    ...meta(),
    name: `示范县第${i + 1}教育联盟`,
    kind: 'school_alliance',
    lead_school_id: schools[i % 20]!.id,
    established_on: '2020-09-01',
  }));
  await ledger.db.batchInsert('alliances', alliances, 100);
  // Generated inside SQLite in one statement: a few seconds where row-by-row inserts from
  // JavaScript would take half a minute.
  await ledger.db.raw(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1),
       al AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM alliances),
       sc AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM schools)
     INSERT INTO activities (id, created_at, updated_at, alliance_id, date, category, form, title,
       host_school_id, participants, is_leadership_visit, is_online, outcome)
     SELECT lower(hex(randomblob(16))), ?, ?, al.id, date('2025-01-01', '+' || (n.i % 365) || ' days'),
       CASE n.i % 4 WHEN 0 THEN 'teaching_research' WHEN 1 THEN 'management' WHEN 2 THEN 'culture' ELSE 'teacher_exchange' END,
       '集体备课', '第' || (n.i + 1) || '次联合教研活动：小学语文同课异构', sc.id, n.i % 40 + 5, n.i % 10 = 0, 0,
       '形成教学设计与课堂实录，整理活动简报一期'
     FROM n JOIN al ON al.k = n.i % 50 JOIN sc ON sc.k = n.i % 20`,
    [activityCount, now, now],
  );
}, 120_000);
afterAll(() => ledger.close());

describe('a province-sized 交流活动台账', () => {
  it(`exports ${activityCount.toLocaleString()} activities with progress and bounded memory`, async () => {
    const file = path.join(ledger.dir, 'activities.xlsx');
    const request = reportRequest.parse({ report: 'activities', period: { type: 'year', year: 2025 } });
    const events: Progress[] = [];
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = Date.now();
    const before = process.memoryUsage().rss;
    try {
      const result = await exportReport(ledger.db, request, { file, today: '2026-03-01', progress: (p) => events.push(p) });
      expect(result.rows).toBe(activityCount);
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;
    const growthMb = (peak - before) / 1024 / 1024;
    console.info(`exported ${activityCount} rows in ${seconds.toFixed(1)} s; RSS ${Math.round(before / 2 ** 20)} → peak ${Math.round(peak / 2 ** 20)} MB`);

    // Progress moves forward chunk by chunk to the end.
    const writing = events.filter((e) => e.phase.startsWith('写入'));
    expect(writing.length).toBeGreaterThanOrEqual(activityCount / 1000);
    expect(writing.every((e, i) => i === 0 || e.done >= writing[i - 1]!.done)).toBe(true);
    expect(events.at(-1)).toEqual({ phase: '保存文件', done: activityCount, total: activityCount });
    // The in-memory workbook needs well over a gigabyte for this; streaming stays small.
    expect(growthMb).toBeLessThan(400);

    // Read back with the streaming reader: every row is there, and the 合计 adds up.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'ignore', worksheets: 'emit' });
    let dataRows = 0;
    let total: unknown[] | null = null;
    let sum = 0;
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        if (typeof values[1] === 'number' && row.number > 3) {
          dataRows++;
          sum += Number(values[10]);
        } else if (values[1] === '合计') total = values;
      }
    }
    expect(dataRows).toBe(activityCount);
    expect(total?.[10]).toBe(sum);
  }, 120_000);

  it('leaves no file when cancelled after the first progress', async () => {
    const controller = new AbortController();
    const events: Progress[] = [];
    ledger.ctx.signal = controller.signal;
    ledger.ctx.progress = (p) => {
      events.push(p);
      if (p.phase.startsWith('写入')) controller.abort();
    };
    const tmp = await import('node:os').then((os) => os.tmpdir());
    const leftovers = () => fs.readdirSync(tmp).filter((f) => f.startsWith('ledger-report-'));
    const existing = new Set(leftovers());
    try {
      const reply = await dispatch(handlers, 'reports.export', { report: 'activities', period: { type: 'year', year: 2025 } }, ledger.ctx);
      expect(reply).toMatchObject({ ok: false, code: 'cancelled', message: '操作已取消' });
    } finally {
      delete ledger.ctx.signal;
      delete ledger.ctx.progress;
    }
    expect(events.filter((e) => e.phase.startsWith('写入'))).toHaveLength(1);
    expect(leftovers().filter((f) => !existing.has(f))).toEqual([]);
  }, 60_000);
});
