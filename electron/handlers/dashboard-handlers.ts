// 首页 dashboard: the year's aggregates, and its charts exported as a workbook.
import { chartsWorkbook, pngSize, workbookName } from '../services/dashboard/charts-workbook';
import { dashboardSummary } from '../services/dashboard/summary';
import { invalid } from '../api/errors';
import { today, type HandlersOf } from './context';

export const dashboardHandlers: HandlersOf<'dashboard'> = {
  'dashboard.summary': (input, ctx) => dashboardSummary(ctx.db, input, today(ctx)),
  'dashboard.exportCharts': async (input, ctx) => {
    input.charts.forEach((c, i) => {
      try {
        pngSize(Buffer.from(c.pngBase64, 'base64'));
      } catch {
        throw invalid(`图表“${c.title}”的图片不是 PNG 格式`, { [`charts.${i}.pngBase64`]: '图片不是 PNG 格式' });
      }
    });
    const bytes = await chartsWorkbook(input, today(ctx));
    return { fileName: workbookName(input.title), dataBase64: bytes.toString('base64') };
  },
};
