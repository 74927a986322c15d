// What a report is built from: the database, the resolved period and filters, and the
// bureau's settings. Each report turns a scope into the sheets it writes.
import type { Knex } from 'knex';
import type { AllianceKind } from '../../api/enums';
import type { ReportCell } from '../../api/reports';
import type { Settings } from '../../api/settings';
import type { ReportFilter } from '../../../db/repositories/report-repository';
import type { ResolvedPeriod } from './period';
import type { SheetSpec } from './sheet-writer';

export interface ReportScope {
  db: Knex;
  period: ResolvedPeriod;
  regionId?: string;
  /** The chosen region's name, printed in the title (县区 reports). */
  regionName?: string;
  allianceKind?: AllianceKind;
  templateId?: string;
  settings: Settings;
  today: string;
}

export interface ReportDefinition {
  /** The sheet title without the period, e.g. 城乡教育联盟覆盖情况统计表. */
  title: string;
  sheets(scope: ReportScope): Promise<SheetSpec[]>;
}

export function filterOf(scope: ReportScope): ReportFilter {
  return {
    from: scope.period.from,
    to: scope.period.to,
    asOf: scope.period.asOf,
    ...(scope.regionId ? { regionId: scope.regionId } : {}),
    ...(scope.allianceKind ? { allianceKind: scope.allianceKind } : {}),
  };
}

/** 2024年宝鸡市陈仓区 + 城乡教育联盟覆盖情况统计表 */
export function titleOf(scope: ReportScope, title: string): string {
  return `${scope.period.label}${scope.regionName ?? ''}${title}`;
}

/** Rows read in keyset pages of `size`, each page one chunk. */
export async function* keysetChunks<T>(
  page: (after: [string, string] | null, limit: number) => Promise<T[]>,
  key: (row: T) => [string, string],
  toCells: (row: T) => ReportCell[],
  size = 1000,
): AsyncIterable<ReportCell[][]> {
  // The next page is read (on SQLite's worker thread) while this one is being written.
  let pending = page(null, size);
  for (;;) {
    const rows = await pending;
    if (rows.length === 0) return;
    const more = rows.length === size;
    if (more) {
      pending = page(key(rows[rows.length - 1]!), size);
      pending.catch(() => undefined); // awaited on the next turn; a cancelled export never asks
    }
    yield rows.map(toCells);
    if (!more) return;
  }
}

/** Rows read in offset pages (small reports ordered by names). */
export async function* offsetChunks<T>(
  page: (offset: number, limit: number) => Promise<T[]>,
  toCells: (row: T) => ReportCell[],
  size = 1000,
): AsyncIterable<ReportCell[][]> {
  for (let offset = 0; ; offset += size) {
    const rows = await page(offset, size);
    if (rows.length === 0) return;
    yield rows.map(toCells);
    if (rows.length < size) return;
  }
}

/** An in-memory list (a few thousand rows at most) in chunks. */
export async function* listChunks(rows: ReportCell[][], size = 1000): AsyncIterable<ReportCell[][]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export const yesNo = (b: boolean) => (b ? '是' : '否');
