// TanStack Query over the typed client: queries keyed by method + args, mutations that
// refresh what is on screen afterwards.
import { keepPreviousData, useIsFetching, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Args, Method, Output } from '../../electron/api/contract';
import { call, type ApiError, type CallOptions } from './client';

/** The query of one API call, keyed by method + args (useApi, and prefetches before a screen renders). */
export function apiQuery<M extends Method>(method: M, args: Args<M>) {
  return { queryKey: [method, args] as const, queryFn: () => call(method, args) };
}

export function useApi<M extends Method>(method: M, args: Args<M>, options: { enabled?: boolean } = {}) {
  return useQuery<Output<M>, ApiError>({
    ...apiQuery(method, args),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useApiMutation<M extends Method>(method: M, options: CallOptions = {}) {
  const client = useQueryClient();
  return useMutation<Output<M>, ApiError, Args<M>>({
    mutationFn: (args) => call(method, args, options),
    // A write can change any list or count on screen (member counts, recycle bin, …);
    // only the queries currently shown refetch, and each is one SQL page.
    onSuccess: () => client.invalidateQueries(),
  });
}

/**
 * True once the data the screen first asked for has all arrived and been drawn. On one
 * SQLite connection calls are answered in turn, and on two cores the server's work slows the
 * page's, so the least urgent figures (the menu's reminder badge) wait for this rather than
 * queue ahead of, or draw alongside, what the clerk opened the screen to see.
 */
export function useFirstDataArrived(): boolean {
  const fetching = useIsFetching();
  const [started, setStarted] = useState(false);
  const [arrived, setArrived] = useState(false);
  useEffect(() => {
    if (fetching > 0) setStarted(true);
    else if (started && !arrived) return afterIdle(() => setArrived(true));
  }, [fetching, started, arrived]);
  return arrived;
}

/** Runs once the page has no other work (at most a second later); returns the cancel. */
function afterIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
}
