// Lists page in SQL: one COUNT over the filtered query, one page of rows.
import type { Knex } from 'knex';

export interface PageRequest {
  page: number;
  pageSize: number;
}

export async function pageOf<T>(
  query: Knex.QueryBuilder,
  request: PageRequest,
  toDomain: (row: Record<string, unknown>) => T,
): Promise<{ rows: T[]; total: number; page: number; pageSize: number }> {
  const countQuery = query.clone().clearSelect().clearOrder().count<{ n: number | string }[]>({ n: '*' });
  const [counted, rows] = await Promise.all([
    countQuery,
    query.clone().limit(request.pageSize).offset((request.page - 1) * request.pageSize),
  ]);
  return {
    rows: (rows as Record<string, unknown>[]).map(toDomain),
    total: Number(counted[0]?.n ?? 0),
    page: request.page,
    pageSize: request.pageSize,
  };
}

/** Escapes % and _ so that a clerk's search text is matched literally by LIKE. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Rows where any of the columns contains the text (for small tables; large ones use db/search.ts). */
export function whereContains(qb: Knex.QueryBuilder, columns: string[], text: string | undefined): void {
  if (!text) return;
  const pattern = likePattern(text);
  qb.where((w) => {
    for (const c of columns) w.orWhereRaw(`?? LIKE ? ESCAPE '\\'`, [c, pattern]);
  });
}

export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === '1';
}

export function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

export function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/**
 * Sorts with blank values last in either direction. SQLite and PostgreSQL disagree on where
 * NULLs go by default, and knex's `nulls` option emits broken SQL on SQLite, so say it here.
 */
export function orderNullsLast(qb: Knex.QueryBuilder, column: string, direction: 'asc' | 'desc'): void {
  qb.orderByRaw(`?? ${direction === 'desc' ? 'desc' : 'asc'} NULLS LAST`, [column]);
}
