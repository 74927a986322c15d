// 首页's data asked for before React has built the page. On a province's ledger the summary
// takes a few hundred milliseconds; asked for here it is worked out while the first script
// renders the layout, instead of after.
import type { QueryClient } from '@tanstack/react-query';
import { apiQuery } from '../../api/hooks';
import { summaryQuery } from './HomePage';

/** Starts the dashboard's summary when the address (hash route) is 首页. */
export function prefetchHome(client: QueryClient, hash: string): void {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  if (path !== '' && path !== '/') return;
  const params = Object.fromEntries(new URLSearchParams(search));
  void client.prefetchQuery(apiQuery('dashboard.summary', summaryQuery(params)));
}
