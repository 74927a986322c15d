// 报表导出: resolves a report request into sheets, previews the first rows, and writes the
// workbook with exceljs's streaming writer straight to a file — chunk by chunk, with
// progress after each chunk and the cancel signal checked there. A cancelled or failed
// export removes its file, so nothing half-written is left behind.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import type { Progress } from '../../api/common';
import { cancelled } from '../../api/errors';
import { reportLabels, type ReportCell, type ReportKind, type ReportPreview, type ReportRequest } from '../../api/reports';
import { regionRepository } from '../../../db/repositories/region-repository';
import { settingsRepository } from '../../../db/repositories/settings-repository';
import { activitiesReport } from './activities-report';
import { coverageReport } from './coverage-report';
import { allEvaluationSheets, evaluationReport } from './evaluation-report';
import { resolvePeriod } from './period';
import { problemsReport } from './problems-report';
import type { ReportDefinition, ReportScope } from './report-scope';
import { rosterReport } from './roster-report';
import { writeReportSheet, type SheetFrame, type SheetSpec } from './sheet-writer';
import { supervisionReport } from './supervision-report';
import { teacherExchangesReport } from './teacher-exchanges-report';

export const reportDefinitions: Record<Exclude<ReportKind, 'annual-package'>, ReportDefinition> = {
  coverage: coverageReport,
  activities: activitiesReport,
  'teacher-exchanges': teacherExchangesReport,
  evaluation: evaluationReport,
  supervision: supervisionReport,
  problems: problemsReport,
  roster: rosterReport,
};

const previewRows = 20;

export interface ExportOptions {
  /** Where the workbook is written; removed again when the export fails or is cancelled. */
  file: string;
  today: string;
  progress?: (p: Progress) => void;
  signal?: AbortSignal;
}

interface Planned {
  scope: ReportScope;
  title: string;
  sheets: SheetSpec[];
}

async function plan(db: Knex, request: ReportRequest, today: string): Promise<Planned> {
  const settings = await settingsRepository(db).get();
  const period = resolvePeriod(request.period, settings.terms, today);
  const regionName = request.regionId ? (await regionRepository(db).get(request.regionId)).name : undefined;
  const scope: ReportScope = {
    db,
    period,
    settings,
    today,
    ...(request.regionId ? { regionId: request.regionId, regionName } : {}),
    ...(request.allianceKind ? { allianceKind: request.allianceKind } : {}),
    ...(request.templateId ? { templateId: request.templateId } : {}),
  };
  if (request.report !== 'annual-package') {
    const def = reportDefinitions[request.report];
    const sheets = await def.sheets(scope);
    return { scope, title: sheets[0]!.title, sheets };
  }
  // 年度报送包: every report of the year, each on its own sheet (one per evaluation template).
  const sheets: SheetSpec[] = [];
  for (const kind of Object.keys(reportDefinitions) as (keyof typeof reportDefinitions)[]) {
    if (kind === 'evaluation') sheets.push(...(await allEvaluationSheets(scope)));
    else sheets.push(...(await reportDefinitions[kind].sheets(scope)));
  }
  return { scope, title: `${period.label}${regionName ?? ''}教育联盟${reportLabels['annual-package']}`, sheets };
}

function frameOf(scope: ReportScope): SheetFrame {
  return {
    unit: scope.settings.reportingUnit,
    span: scope.period.span,
    preparer: scope.settings.operatorName,
    reportDate: scope.today,
  };
}

function subtitleOf(scope: ReportScope): string {
  return `填报单位：${scope.settings.reportingUnit || '（未设置）'}　　${scope.period.span}`;
}

export async function previewReport(db: Knex, request: ReportRequest, today: string): Promise<ReportPreview> {
  const { scope, title, sheets } = await plan(db, request, today);
  const sheetList = sheets.map((s) => ({ name: s.name, rows: s.count }));
  if (request.report === 'annual-package') {
    return {
      title,
      subtitle: subtitleOf(scope),
      columns: ['序号', '工作表', '标题', '行数'],
      rows: sheets.map((s, i) => [i + 1, s.name, s.title, s.count]),
      total: sheets.length,
      sheets: sheetList,
    };
  }
  const first = sheets[0]!;
  const rows: ReportCell[][] = [];
  for await (const chunk of first.chunks()) {
    for (const r of chunk) {
      if (rows.length >= previewRows) break;
      rows.push([rows.length + 1, ...r]);
    }
    if (rows.length >= previewRows) break;
  }
  const columns = ['序号', ...first.columns.map((c) => c.header)];
  return { title, subtitle: subtitleOf(scope), columns, rows, total: first.count, sheets: sheetList };
}

/** A file name Windows accepts: the title without \ / : * ? " < > |. */
export function reportFileName(title: string): string {
  return `${title.replace(/[\\/:*?"<>|\r\n\t]/g, '_')}.xlsx`;
}

export async function exportReport(db: Knex, request: ReportRequest, o: ExportOptions): Promise<{ fileName: string; rows: number }> {
  if (o.signal?.aborted) throw cancelled();
  o.progress?.({ phase: '统计数据', done: 0, total: 1 });
  const { scope, title, sheets } = await plan(db, request, o.today);
  const rows = await writeWorkbook(sheets, frameOf(scope), o);
  return { fileName: reportFileName(title), rows };
}

/**
 * Writes sheets in the report layout to `o.file` with the streaming writer, reporting
 * progress per chunk; a cancelled or failed write removes the file. Returns the data rows.
 */
export async function writeWorkbook(sheets: SheetSpec[], frame: SheetFrame, o: Omit<ExportOptions, 'today'>): Promise<number> {
  const total = Math.max(1, sheets.reduce((n, s) => n + s.count, 0));
  const stream = fs.createWriteStream(o.file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '教育联盟台账';
  let before = 0;
  try {
    for (const sheet of sheets) {
      if (o.signal?.aborted) throw cancelled();
      await writeReportSheet(wb, sheet, frame, (written) => {
        if (o.signal?.aborted) throw cancelled();
        o.progress?.({ phase: `写入“${sheet.name}”`, done: Math.min(total, before + written), total });
      });
      before += sheet.count;
    }
    if (o.signal?.aborted) throw cancelled();
    o.progress?.({ phase: '保存文件', done: total, total });
    await wb.commit();
  } catch (e) {
    await discard(wb, stream, o.file);
    throw e;
  }
  return before;
}

/** Stops the zip and the file stream mid-way and removes what was written. */
async function discard(wb: ExcelJS.stream.xlsx.WorkbookWriter, stream: fs.WriteStream, file: string): Promise<void> {
  const zip = (wb as unknown as { zip?: { abort?: () => void; on?: (e: string, f: () => void) => void } }).zip;
  const ignore = () => undefined;
  zip?.on?.('error', ignore);
  stream.on('error', ignore);
  try {
    zip?.abort?.();
  } catch {
    // Already finished or never started.
  }
  await new Promise<void>((resolve) => {
    if (stream.closed) resolve();
    else {
      stream.once('close', () => resolve());
      stream.destroy();
    }
  });
  await fs.promises.rm(file, { force: true });
}
