// Which summary 首页 shows, from its address: the year (this year unless the URL names one),
// the county or city, and the evaluation template. Kept free of the app's libraries, because
// early.ts asks for this summary before the app's own script has loaded.
import type { DashboardQuery, DashboardSummary } from '../../../electron/api/dashboard';

export function summaryQuery(params: Record<string, string | undefined>): DashboardQuery {
  return { year: Number(params.year) || new Date().getFullYear(), regionId: params.regionId, templateId: params.templateId };
}

/** The summary a hash route asks for when it is 首页 (`#/`, `#/?year=2025…`); null for any other screen. */
export function homeSummaryArgs(hash: string): DashboardQuery | null {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  if (path !== '' && path !== '/') return null;
  return summaryQuery(Object.fromEntries(new URLSearchParams(search)));
}

declare global {
  interface Window {
    /** The summary early.ts asked for, for main.tsx to take over. */
    __ledgerEarlySummary?: { args: DashboardQuery; reply: Promise<DashboardSummary> };
  }
}
