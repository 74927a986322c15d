// `export REPORT --db DB --out FILE [--year YYYY | --term 2024-2025-1 | --from D --to D]
// [--region NAME] [--template NAME]`: the same report the screen exports, written to a
// temporary file beside --out and renamed only when complete, so a failed or interrupted
// export (Ctrl+C) never leaves a half-written workbook where the clerk expects the report.
import fs from 'node:fs';
import path from 'node:path';
import { dispatch, toFieldErrors } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Page, Reply } from '../api/common';
import type { YearTemplate } from '../api/evaluations';
import type { Region } from '../api/regions';
import { reportKinds, reportLabels, reportRequest, type ReportKind } from '../api/reports';
import type { Ctx } from '../handlers/context';
import { handlers } from '../handlers';
import { localDate } from '../handlers/context';
import { chooseTemplate } from '../services/evaluation/choose-template';
import { exportReport } from '../services/reports';
import type { Db } from '../../db/connection';

type Flags = Record<string, string | boolean | undefined>;

export interface CliParts {
  usage(message: string): Error;
  refused(message: string, fieldErrors?: Record<string, string>, code?: string): Error;
  requireDb(flags: Flags): string;
  withDb<T>(target: string, create: boolean, work: (db: Db) => Promise<T>): Promise<T>;
  contextFor(db: Db, target: string): Ctx;
}

export const exportOptions = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  year: { type: 'string' },
  term: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  region: { type: 'string' },
  template: { type: 'string' },
} as const;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function periodOf(flags: Flags, cli: CliParts, today: string) {
  const year = str(flags.year);
  const term = str(flags.term);
  const from = str(flags.from);
  const to = str(flags.to);
  const chosen = [year !== undefined, term !== undefined, from !== undefined || to !== undefined].filter(Boolean).length;
  if (chosen > 1) throw cli.usage('--year、--term 与 --from/--to 只能选一种统计时段');
  if (term !== undefined) return { type: 'term', term };
  if (from !== undefined || to !== undefined) {
    if (from === undefined || to === undefined) throw cli.usage('起止日期需要同时给出 --from 和 --to（YYYY-MM-DD）');
    return { type: 'range', from, to };
  }
  if (year !== undefined && !/^\d{4}$/.test(year)) throw cli.usage(`--year 应为四位年份，例如 --year 2025：${year}`);
  return { type: 'year', year: year !== undefined ? Number(year) : Number(today.slice(0, 4)) };
}

function valueOf<T>(reply: Reply<T>, cli: CliParts): T {
  if (reply.ok) return reply.value;
  throw cli.refused(reply.message, reply.fieldErrors);
}

/** A region by name (or id); a name shared by several regions is refused with the list. */
export async function regionId(ctx: Ctx, name: string, cli: CliParts): Promise<string> {
  const found = valueOf(await dispatch(handlers, 'regions.list', { search: name, pageSize: 1000 }, ctx), cli) as Page<Region>;
  const exact = found.rows.filter((r) => r.name === name || r.id === name);
  if (exact.length === 1) return exact[0]!.id;
  if (exact.length > 1) {
    const list = exact.map((r) => `${r.parentName ? `${r.parentName} ` : ''}${r.name}（${r.id}）`).join('、');
    throw cli.refused(`有 ${exact.length} 个行政区划名为“${name}”：${list}，请改用编号`);
  }
  if (/^[0-9a-f-]{36}$/i.test(name)) return name;
  throw cli.refused(`没有名为“${name}”的行政区划`);
}

export async function runExport(flags: Flags, positionals: string[], cli: CliParts): Promise<number> {
  const [reportName, ...extra] = positionals;
  const known = reportKinds.map((k) => `${k}（${reportLabels[k]}）`).join('、');
  if (!reportName) throw cli.usage(`用法：export 报表 --db 数据库 --out 文件.xlsx，报表：${known}`);
  if (extra.length) throw cli.usage(`多余的参数：${extra.join(' ')}`);
  const report = reportKinds.find((k) => k === reportName || reportLabels[k] === reportName) as ReportKind | undefined;
  if (!report) throw cli.usage(`未知的报表：${reportName}（可用：${known}）`);
  const target = cli.requireDb(flags);
  const out = str(flags.out);
  if (!out) throw cli.usage('缺少 --out 参数（导出的 .xlsx 文件）');

  return cli.withDb(target, false, async (db) => {
    const ctx = cli.contextFor(db, target);
    const today = localDate(ctx.clock.now());
    const period = periodOf(flags, cli, today);
    const request: Record<string, unknown> = { report, period };
    const region = str(flags.region);
    if (region !== undefined) request.regionId = await regionId(ctx, region, cli);
    const template = str(flags.template);
    if (template !== undefined && period.type === 'year') {
      const used = valueOf(await dispatch(handlers, 'evaluations.yearTemplates', { year: period.year }, ctx), cli) as YearTemplate[];
      try {
        request.templateId = chooseTemplate(used, Number(period.year), template).templateId;
      } catch (e) {
        throw cli.refused((e as Error).message);
      }
    }
    const parsed = reportRequest.safeParse(request);
    if (!parsed.success) {
      const fieldErrors = toFieldErrors(parsed.error);
      throw cli.refused(`输入有误：${Object.values(fieldErrors)[0]}`, fieldErrors);
    }

    const file = path.resolve(out);
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    let last = '';
    try {
      const result = await exportReport(db, parsed.data, {
        file: temp,
        today,
        signal: controller.signal,
        progress: (p) => {
          const line = `${p.phase} ${p.total ? Math.floor((p.done / p.total) * 100) : 0}%`;
          if (line !== last && !flags.json) process.stderr.write(`\r${line}    `);
          last = line;
        },
      });
      await fs.promises.rename(temp, file);
      if (!flags.json) process.stderr.write('\n');
      const summary = { file, fileName: result.fileName, rows: result.rows };
      process.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : `已导出${reportLabels[report]}：${file}（${result.rows} 行）\n`);
      return 0;
    } catch (e) {
      await fs.promises.rm(temp, { force: true });
      if (!flags.json && last) process.stderr.write('\n');
      if (e instanceof AppError) throw cli.refused(e.message, e.fieldErrors, e.code);
      throw e;
    } finally {
      process.off('SIGINT', stop);
    }
  });
}
