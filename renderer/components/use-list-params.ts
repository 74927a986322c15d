// A list's page, sort, search and filters live in the URL, so the dashboard can open a
// list already filtered and the browser's back button returns to the same page.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type ListParams = Record<string, string | undefined>;

/**
 * `defaults` apply while the URL says nothing, including the default sort, so the query
 * and the table's sort arrows read the same values.
 */
export function useListParams<K extends string = string>(
  defaults: ListParams & { sortBy?: K; sortOrder?: 'asc' | 'desc' } = {},
) {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => {
    const out: ListParams = { ...defaults };
    search.forEach((v, k) => {
      out[k] = v;
    });
    return out;
  }, [search]);

  const update = useCallback(
    (patch: ListParams, resetPage = true) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          if (resetPage && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const page = Number(params.page ?? 1) || 1;
  const pageSize = Number(params.pageSize ?? 20) || 20;
  const sort = {
    sortBy: params.sortBy as K | undefined,
    sortOrder: params.sortOrder === 'desc' ? ('desc' as const) : ('asc' as const),
  };
  return { params, update, page, pageSize, sort };
}

/** Reads an optional boolean filter from the URL ('1' / '0'). */
export function boolParam(v: string | undefined): boolean | undefined {
  return v === '1' ? true : v === '0' ? false : undefined;
}
