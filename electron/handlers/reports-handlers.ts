// 报表导出: the preview reads the first rows; the export streams the workbook to a
// temporary file and hands its bytes back.
import { exportReport, previewReport } from '../services/reports';
import { viaTemporaryFile } from './files';
import { today, type HandlersOf } from './context';

export const reportsHandlers: HandlersOf<'reports'> = {
  'reports.preview': (input, ctx) => previewReport(ctx.db, input, today(ctx)),
  'reports.export': (input, ctx) =>
    viaTemporaryFile(async (file) => {
      const { fileName } = await exportReport(ctx.db, input, {
        file,
        today: today(ctx),
        ...(ctx.progress ? { progress: ctx.progress } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      return fileName;
    }),
};
