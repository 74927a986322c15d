// 外出督导包 (issue 9), the service: export a package file, open one as the working database
// on a laptop, and merge one back into the office ledger.
import fs from 'node:fs';
import path from 'node:path';
import type { Progress } from '../../api/common';
import { AppError, cancelled, conflict, invalid } from '../../api/errors';
import {
  packageEntityLabels,
  packageFieldLabels,
  type MergePreview,
  type MergeResult,
  type PackageConflict,
  type PackageResolution,
  type PackageSummary,
} from '../../api/audit-packages';
import type { Db } from '../../../db/connection';
import { sqliteFileOf } from '../../../db/connection';
import { writeAudit, type WriteContext } from '../../../db/records';
import { collectPackageIds, type PackageScope } from '../../../db/audit-package/package-scope';
import { buildPackage } from '../../../db/audit-package/package-build';
import { databaseIdOf, readManifest, type Manifest } from '../../../db/audit-package/package-tables';
import { applyMerge, planMerge, unresolved, type PlannedRecord } from '../../../db/audit-package/package-merge';
import { attachmentPath, storeAttachment } from '../attachment-store';
import { takeBackup } from '../backup';
import { openCheckedPackage, refusals, writeWhole } from './package-file';
import { nameLookup, recordText, valueText, type NameOf } from './package-labels';

export { openCheckedPackage, refusals, snapshotPackage } from './package-file';

interface Work {
  signal?: AbortSignal;
  progress?: (p: Progress) => void;
}

const readFrom = (dataDir: string) => (sha256: string) => {
  const file = attachmentPath(dataDir, sha256);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
};

/** A readable name for a scope: 城关联盟、渭滨区 等. */
export async function scopeLabel(db: Db, scope: PackageScope): Promise<string> {
  const names = [
    ...((await db('alliances').whereIn('id', scope.allianceIds.slice(0, 3)).pluck('name')) as string[]),
    ...((await db('regions').whereIn('id', scope.regionIds.slice(0, 3)).pluck('name')) as string[]),
    ...((await db('schools').whereIn('id', scope.schoolIds.slice(0, 3)).pluck('name')) as string[]),
  ];
  const total = scope.allianceIds.length + scope.regionIds.length + scope.schoolIds.length;
  return names.slice(0, 3).join('、') + (total > 3 ? ` 等 ${total} 项` : '');
}

export function summaryOf(m: Manifest): PackageSummary {
  return { packageId: m.packageId, label: m.scope.label, createdAt: m.createdAt, createdBy: m.createdBy, recordCount: m.recordCount, sourceName: m.sourceName };
}

/** Exports the package of a scope to `out` (written whole, then renamed into place). */
export async function exportPackage(
  office: Db,
  dataDir: string,
  scope: PackageScope,
  out: string,
  w: WriteContext,
  work: Work = {},
): Promise<{ packageId: string; recordCount: number; label: string }> {
  if (await readManifest(office)) throw invalid('当前打开的是督导包，不能再从中导出督导包；请先返回正常台账');
  const file = sqliteFileOf(office);
  let result = { packageId: '', recordCount: 0 };
  let label = '';
  // One read transaction: the package is a consistent snapshot of the office, even while
  // the app keeps working (on SQLite, WAL gives the transaction its own view).
  try {
    await office.transaction(async (snap) => {
      work.progress?.({ phase: '选取记录', done: 0, total: 1 });
      const ids = await collectPackageIds(snap, scope);
      if (ids.alliances.size + ids.schools.size === 0) throw invalid('所选范围内没有联盟或学校');
      label = await scopeLabel(snap, scope);
      const sourceDatabaseId = await databaseIdOf(snap);
      await writeWhole(out, async (pkg) => {
        result = await buildPackage(
          snap,
          pkg,
          ids,
          {
            sourceDatabaseId,
            sourceName: file ? path.basename(file) : null,
            createdBy: w.operator,
            now: w.now,
            scope: { label, allianceIds: scope.allianceIds, schoolIds: scope.schoolIds, regionIds: scope.regionIds, year: scope.year },
          },
          { ...work, readFile: readFrom(dataDir) },
        );
      });
    });
  } catch (e) {
    if (work.signal?.aborted) throw cancelled();
    throw e;
  }
  await office.transaction((trx) =>
    writeAudit(trx, w, { entity: 'audit_packages', recordId: result.packageId, action: 'export', after: { label, recordCount: result.recordCount, scope } }),
  );
  return { ...result, label };
}

async function conflictView(r: PlannedRecord, nameOf: NameOf): Promise<PackageConflict> {
  const fields = [];
  for (const f of r.fields) {
    fields.push({
      ...f,
      label: packageFieldLabels[f.field] ?? f.field,
      officeText: await valueText(r.entity, f.field, f.office, nameOf),
      packageText: await valueText(r.entity, f.field, f.package, nameOf),
    });
  }
  return {
    entity: r.entity,
    entityLabel: packageEntityLabels[r.entity] ?? r.entity,
    id: r.id,
    label: await recordText(r.entity, { ...(r.officeRow ?? {}), ...r.packageRow }, r.label, nameOf),
    fields,
    officeChange: r.officeChange,
    packageChange: r.packageChange,
  };
}

async function planFor(office: Db, file: string, dataDir: string) {
  const checked = await openCheckedPackage(file, path.join(dataDir, 'packages'));
  try {
    if (checked.manifest.sourceDatabaseId !== (await databaseIdOf(office))) throw invalid(refusals.foreign);
    const plan = await planMerge(office, checked.db, checked.manifest);
    return { checked, plan };
  } catch (e) {
    await checked.dispose();
    throw e;
  }
}

/** 合并督导包, step one: reads the package and the office, writes nothing. */
export async function previewMerge(office: Db, file: string, dataDir: string): Promise<MergePreview> {
  const { checked, plan } = await planFor(office, file, dataDir);
  try {
    const changes = plan.filter((r) => r.kind !== 'conflict');
    const nameOf = nameLookup(checked.db, office);
    const changeViews = [];
    for (const r of changes.slice(0, 500)) {
      changeViews.push({
        entity: r.entity,
        entityLabel: packageEntityLabels[r.entity] ?? r.entity,
        id: r.id,
        label: await recordText(r.entity, r.packageRow, r.label, nameOf),
        kind: r.kind as 'added' | 'updated',
        fieldLabels: r.kind === 'updated' ? r.fields.map((f) => packageFieldLabels[f.field] ?? f.field) : [],
      });
    }
    const conflicts = [];
    for (const r of plan) if (r.kind === 'conflict') conflicts.push(await conflictView(r, nameOf));
    return {
      package: summaryOf(checked.manifest),
      added: plan.filter((r) => r.kind === 'added').length,
      updated: plan.filter((r) => r.kind === 'updated').length,
      changes: changeViews,
      conflicts,
    };
  } finally {
    await checked.dispose();
  }
}

/**
 * 合并督导包: every conflict must have a choice; then an automatic backup, and the merge in
 * one transaction, recorded in the audit log. A package with nothing new changes nothing.
 */
export async function mergePackage(
  office: Db,
  file: string,
  dataDir: string,
  resolutions: PackageResolution[],
  w: WriteContext,
  work: Work = {},
): Promise<MergeResult> {
  const { checked, plan } = await planFor(office, file, dataDir);
  try {
    const open = unresolved(plan, resolutions);
    if (open.length > 0) {
      throw conflict(`有 ${open.length} 处冲突尚未选择保留哪一方，没有合并任何内容：${open.slice(0, 3).map((r) => `${packageEntityLabels[r.entity] ?? r.entity}“${r.label}”`).join('、')}`);
    }
    if (plan.length === 0) return { added: 0, updated: 0, keptOffice: 0, keptPackage: 0, backup: null };
    // Attachment files first: stored by content hash, so an unused one does no harm.
    const shas = plan.filter((r) => r.entity === 'attachments').map((r) => String(r.packageRow.sha256));
    for (const sha256 of shas) {
      const row = (await checked.db('package_files').where({ sha256 }).first('bytes')) as { bytes: Buffer } | undefined;
      if (row && !fs.existsSync(attachmentPath(dataDir, sha256))) {
        if (storeAttachment(dataDir, row.bytes).sha256 !== sha256) throw invalid(refusals.tampered);
      }
    }
    work.progress?.({ phase: '合并前备份', done: 0, total: 1 });
    const backup = sqliteFileOf(office) ? await takeBackup(office, dataDir, 'merge', w.now, work) : null;
    work.progress?.({ phase: '合并', done: 0, total: plan.length });
    const manifest = checked.manifest;
    try {
      return await office.transaction(async (trx) => {
        const counts = await applyMerge(trx, plan, resolutions, manifest.packageId, w);
        await writeAudit(trx, w, {
          entity: 'audit_packages',
          recordId: manifest.packageId,
          action: 'merge',
          after: { label: manifest.scope.label, createdAt: manifest.createdAt, createdBy: manifest.createdBy, ...counts, backup: backup?.name ?? null },
        });
        return { ...counts, backup: backup?.name ?? null };
      });
    } catch (e) {
      if (e instanceof AppError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      const unique = /UNIQUE constraint failed: (\w+)\.([\w., ]+)/.exec(message);
      if (unique) {
        const fields = unique[2]!.split(', ').map((c) => packageFieldLabels[c.replace(/^\w+\./, '')] ?? c).join('、');
        throw invalid(
          `合并失败：督导包中的${packageEntityLabels[unique[1]!] ?? '记录'}与台账中已有的记录重复（${fields}相同），没有合并任何内容。请先在台账或督导包中处理重复的记录`,
        );
      }
      throw e;
    }
  } finally {
    await checked.dispose();
  }
}
