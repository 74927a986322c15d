// TanStack Query over the typed client: queries keyed by method + args, mutations that
// refresh what is on screen afterwards.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Args, Method, Output } from '../../electron/api/contract';
import { call, type ApiError, type CallOptions } from './client';

export function useApi<M extends Method>(method: M, args: Args<M>, options: { enabled?: boolean } = {}) {
  return useQuery<Output<M>, ApiError>({
    queryKey: [method, args],
    queryFn: () => call(method, args),
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
