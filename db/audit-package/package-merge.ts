// Bringing a package back (合并督导包): a three-way comparison of each package record with
// its base (the row as exported) and the office's row now.
// - unchanged in the package → nothing to do (the office's version stands);
// - new in the package → added;
// - changed in the package only → the office row takes the package's changes;
// - changed on both sides (a deletion counts as a change of 删除状态) → a conflict: the
//   fields where office and package differ, with who changed each side and when; the
//   clerk's choice (per record, optionally per field) decides, nothing is taken without one.
// Every record handled is remembered in package_merges by the hash of the package row,
// so merging the same package again skips it, even where the office's version was kept.
import type { Knex } from 'knex';
import { bumpVersion, writeAudit, type WriteContext } from '../records';
import { reindexActivities } from '../repositories/activity-writes';
import { changedColumns, contentHash, packageTables, rowHash, storedRow, type Manifest, type PackageTable, type Row } from './package-tables';

export interface FieldDiff {
  field: string;
  office: unknown;
  package: unknown;
}

export interface SideChange {
  operator: string;
  at: string;
}

export interface PlannedRecord {
  entity: PackageTable;
  id: string;
  label: string;
  kind: 'added' | 'updated' | 'conflict';
  /** Conflicts: fields where office and package differ; updates: the fields the package changed. */
  fields: FieldDiff[];
  officeChange: SideChange | null;
  packageChange: SideChange | null;
  hash: string;
  packageRow: Row;
  officeRow: Row | null;
}

export interface Resolution {
  entity: string;
  id: string;
  keep: 'office' | 'package';
  fields?: Record<string, 'office' | 'package'>;
}

const labelColumns = ['name', 'title', 'number', 'original_name', 'description', 'interviewees', 'teacher_name'];

/** A short human label for a record: its name, title, 文号 … else its date and kind. */
export function recordLabel(row: Row): string {
  for (const c of labelColumns) {
    const v = row[c];
    if (typeof v === 'string' && v.trim()) return v.length > 40 ? `${v.slice(0, 40)}…` : v;
  }
  const parts = [row.date, row.year, row.kind, row.role].filter((v) => v !== null && v !== undefined && v !== '');
  return parts.length ? parts.map(String).join(' ') : String(row.id);
}

const chunked = <T>(list: T[], size = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

async function lastChange(db: Knex, entity: string, id: string, since?: string): Promise<SideChange | null> {
  const q = db('audit_log').where({ entity, record_id: id }).orderBy('seq', 'desc').first('operator', 'at');
  if (since) q.where('at', '>=', since);
  const r = (await q) as { operator: string; at: string } | undefined;
  return r ? { operator: r.operator, at: r.at } : null;
}

export async function planMerge(office: Knex, pkg: Knex, manifest: Manifest): Promise<PlannedRecord[]> {
  const history = (await office('package_merges')
    .where({ package_id: manifest.packageId })
    .orderBy('seq')
    .select('entity', 'record_id', 'row_hash', 'decision', 'office_hash')) as Row[];
  const merged = new Set(history.map((r) => `${String(r.entity)}:${String(r.record_id)}:${String(r.row_hash)}`));
  // Records this package brought in whole on an earlier merge, by the office content it left.
  const broughtIn = new Map<string, string>();
  for (const r of history) {
    const key = `${String(r.entity)}:${String(r.record_id)}`;
    if (['added', 'updated', 'package'].includes(String(r.decision)) && r.office_hash) broughtIn.set(key, String(r.office_hash));
    else broughtIn.delete(key);
  }
  const plan: PlannedRecord[] = [];
  for (const entity of packageTables) {
    const base = new Map(
      ((await pkg('package_base').where({ entity }).select('record_id', 'row')) as Row[]).map((b) => [String(b.record_id), JSON.parse(String(b.row)) as Row]),
    );
    const ids = (await pkg(entity).orderBy('id').pluck('id')) as string[];
    for (const part of chunked(ids)) {
      const packageRows = ((await pkg(entity).whereIn('id', part)) as Row[]).map(storedRow);
      const officeRows = new Map(((await office(entity).whereIn('id', part)) as Row[]).map((r) => [String(r.id), storedRow(r)]));
      for (const p of packageRows) {
        const id = String(p.id);
        const hash = rowHash(p);
        if (merged.has(`${entity}:${id}:${hash}`)) continue;
        const b = base.get(id);
        if (b && changedColumns(b, p).length === 0) continue; // not changed on the laptop
        const o = officeRows.get(id) ?? null;
        const record = (kind: PlannedRecord['kind'], fields: FieldDiff[]): PlannedRecord => ({
          entity,
          id,
          label: recordLabel(p),
          kind,
          fields,
          officeChange: null,
          packageChange: null,
          hash,
          packageRow: p,
          officeRow: o,
        });
        const diff = (from: Row) => changedColumns(from, p).map((field) => ({ field, office: from[field] ?? null, package: p[field] ?? null }));
        if (!o) {
          plan.push(record('added', diff({})));
          continue;
        }
        const fields = diff(o);
        if (fields.length === 0) continue; // both sides hold the same now
        // Changed in the office: since export, or — when an earlier merge of this package
        // brought the record in whole — since that merge.
        const sinceMerge = broughtIn.get(`${entity}:${id}`);
        const officeChanged = sinceMerge ? sinceMerge !== contentHash(o) : !b || changedColumns(b, o).length > 0;
        if (!officeChanged) {
          plan.push(record('updated', fields));
          continue;
        }
        const conflict = record('conflict', fields);
        conflict.officeChange = await lastChange(office, entity, id, manifest.createdAt);
        conflict.packageChange = await lastChange(pkg, entity, id);
        plan.push(conflict);
      }
    }
  }
  return plan;
}

export interface MergeCounts {
  added: number;
  updated: number;
  /** Conflicts decided: all for the office, all for the package, or field by field. */
  keptOffice: number;
  keptPackage: number;
}

/**
 * Applies a plan in the caller's transaction. Every conflict must have a resolution; the
 * caller checks that first (`unresolved`), so a refusal writes nothing.
 */
export async function applyMerge(trx: Knex, plan: PlannedRecord[], resolutions: Resolution[], packageId: string, w: WriteContext): Promise<MergeCounts> {
  const chosen = new Map(resolutions.map((r) => [`${r.entity}:${r.id}`, r]));
  if (trx.client.config.client !== 'pg') await trx.raw('PRAGMA defer_foreign_keys = ON');
  const counts: MergeCounts = { added: 0, updated: 0, keptOffice: 0, keptPackage: 0 };
  const stamp = w.now.toISOString();
  const touchedAlliances = new Set<string>();
  const touchedSchools = new Set<string>();
  const remember = (r: PlannedRecord, decision: string, result: Row) =>
    trx('package_merges').insert({
      package_id: packageId,
      entity: r.entity,
      record_id: r.id,
      row_hash: r.hash,
      decision,
      office_hash: contentHash(result),
      merged_at: stamp,
    });

  for (const r of plan) {
    let changes: Row = {};
    let decision: string = r.kind;
    if (r.kind === 'conflict') {
      const res = chosen.get(`${r.entity}:${r.id}`);
      if (!res) throw new Error(`unresolved conflict ${r.entity}:${r.id}`);
      const picks = r.fields.map((f) => res.fields?.[f.field] ?? res.keep);
      r.fields.forEach((f, i) => {
        if (picks[i] === 'package') changes[f.field] = f.package;
      });
      decision = picks.every((p) => p === 'office') ? 'office' : picks.every((p) => p === 'package') ? 'package' : 'mixed';
      if (decision === 'office') counts.keptOffice++;
      else counts.keptPackage++;
    } else {
      for (const f of r.fields) changes[f.field] = f.package;
    }
    if (r.officeRow === null) {
      if (r.kind === 'conflict' && decision === 'office') {
        await remember(r, decision, {});
        continue;
      }
      await trx(r.entity).insert(r.packageRow);
      await writeAudit(trx, w, { entity: r.entity, recordId: r.id, action: 'merge', after: r.packageRow });
      counts.added++;
    } else if (Object.keys(changes).length > 0) {
      changes = { ...changes, updated_at: stamp };
      // The row version goes up, so a form open on the record in the office cannot save over the merge.
      await trx(r.entity).where({ id: r.id }).update({ ...changes, ...bumpVersion(trx) });
      await writeAudit(trx, w, { entity: r.entity, recordId: r.id, action: 'merge', before: r.officeRow, after: { ...r.officeRow, ...changes } });
      if (r.kind === 'updated') counts.updated++;
    }
    await remember(r, decision, { ...(r.officeRow ?? {}), ...(r.officeRow ? changes : r.packageRow) });
    const row = { ...(r.officeRow ?? {}), ...r.packageRow };
    if (r.entity === 'activities') touchedAlliances.add(String(row.alliance_id));
    if (r.entity === 'alliances') touchedAlliances.add(r.id);
    if (r.entity === 'schools') touchedSchools.add(r.id);
    if (r.entity === 'activity_schools') {
      const a = (await trx('activities').where({ id: row.activity_id }).first('alliance_id')) as Row | undefined;
      if (a) touchedAlliances.add(String(a.alliance_id));
    }
  }
  // Searching finds what the merge brought in.
  for (const allianceId of touchedAlliances) await reindexActivities(trx, { allianceId });
  for (const schoolId of touchedSchools) await reindexActivities(trx, { schoolId });
  return counts;
}

/** The conflicts of a plan that have no resolution. */
export function unresolved(plan: PlannedRecord[], resolutions: Resolution[]): PlannedRecord[] {
  const keys = new Set(resolutions.map((r) => `${r.entity}:${r.id}`));
  return plan.filter((r) => r.kind === 'conflict' && !keys.has(`${r.entity}:${r.id}`));
}
