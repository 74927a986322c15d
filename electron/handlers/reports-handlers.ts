// 报表导出: the preview reads the first rows; the export streams the workbook to a
// temporary file and hands its bytes back.
import { reportLabels } from '../api/reports';
import { writeAudit } from '../../db/records';
import { exportReport, previewReport } from '../services/reports';
import { viaTemporaryFile } from './files';
import { today, write, type HandlersOf } from './context';

export const reportsHandlers: HandlersOf<'reports'> = {
  'reports.preview': (input, ctx) => previewReport(ctx.db, input, today(ctx)),
  'reports.export': (input, ctx) =>
    viaTemporaryFile(async (file) => {
      const { fileName, rows } = await exportReport(ctx.db, input, {
        file,
        today: today(ctx),
        ...(ctx.progress ? { progress: ctx.progress } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      // Written once the workbook is whole: which report, with which filters, how many rows.
      await write(ctx, (trx, w) =>
        writeAudit(trx, w, {
          entity: 'reports',
          recordId: input.report,
          action: 'export',
          after: { report: reportLabels[input.report], fileName, filters: input, rows },
        }),
      );
      return fileName;
    }),
};
