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
 * True once the data the screen first asked for has all arrived. On one SQLite connection
 * calls are answered in turn, so the least urgent figures (the menu's reminder badge) wait
 * for this rather than queue ahead of what the clerk opened the screen to see.
 */
export function useFirstDataArrived(): boolean {
  const fetching = useIsFetching();
  const [started, setStarted] = useState(false);
  const [arrived, setArrived] = useState(false);
  useEffect(() => {
    if (fetching > 0) setStarted(true);
    else if (started) setArrived(true);
  }, [fetching, started]);
  return arrived;
}
