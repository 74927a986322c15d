// The first module the page evaluates (main.tsx imports it first): on 首页 the dashboard's
// summary is asked for at once, so the server works on it while React, antd and chart.js are
// set up and the page is built. main.tsx takes the answer over (features/home/prefetch.ts).
import { call } from './api/client';
import { homeSummaryArgs } from './features/home/summary-query';

const args = homeSummaryArgs(window.location.hash);
if (args) {
  const reply = call('dashboard.summary', args);
  reply.catch(() => undefined); // a failure is reported where the page uses the answer
  window.__ledgerEarlySummary = { args, reply };
}
