// `package export --db OFFICE --out PKG [--alliance NAME]... [--region NAME]... [--school NAME]...`
// and `package merge PKG --db OFFICE [--dry-run] [--resolve FILE] --json` (外出督导包): the
// same handlers as the screens. A merge with conflicts and no choice for them exits 1 and
// writes nothing; --resolve takes `[{"entity","id","keep":"office"|"package","fields"?}]`.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dispatch } from '../api/dispatch';
import type { Reply } from '../api/common';
import type { Alliance } from '../api/alliances';
import type { School } from '../api/schools';
import type { FilePayload, Page } from '../api/common';
import { packageResolution, type MergePreview, type MergeResult, type PackageConflict } from '../api/audit-packages';
import { handlers } from '../handlers';
import type { Ctx } from '../handlers/context';
import { fileLogger, makeContext, openLedger, systemClock } from '../main/runtime';
import { regionId, type CliParts } from './export-report';

type Flags = Record<string, string | boolean | (string | boolean)[] | undefined>;

export const packageOptions = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  alliance: { type: 'string', multiple: true },
  region: { type: 'string', multiple: true },
  school: { type: 'string', multiple: true },
  year: { type: 'string' },
  'dry-run': { type: 'boolean' },
  resolve: { type: 'string' },
} as const;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : typeof v === 'string' ? [v] : []);

function valueOf<T>(reply: Reply<T>, cli: CliParts): T {
  if (reply.ok) return reply.value;
  throw cli.refused(reply.message, reply.fieldErrors, reply.code);
}

/** A record by exact name (or id); a name several records share is refused with the list. */
async function byName<T extends { id: string; name: string }>(
  what: string,
  name: string,
  found: T[],
  cli: CliParts,
  describe: (r: T) => string = (r) => r.name,
): Promise<string> {
  const exact = found.filter((r) => r.name === name || r.id === name);
  if (exact.length === 1) return exact[0]!.id;
  if (exact.length > 1) throw cli.refused(`有 ${exact.length} 个${what}名为“${name}”：${exact.map((r) => `${describe(r)}（${r.id}）`).join('、')}，请改用编号`);
  if (/^[0-9a-f-]{36}$/i.test(name)) return name;
  throw cli.refused(`没有名为“${name}”的${what}`);
}

/** The JSON the issue specifies: added, updated, and the conflicts with their fields. */
function conflictJson(c: PackageConflict) {
  return { entity: c.entity, id: c.id, label: c.label, fields: c.fields.map((f) => ({ field: f.field, office: f.office, package: f.package })) };
}

function describeConflicts(conflicts: PackageConflict[]): string {
  return conflicts
    .map((c) => {
      const who = (s: { operator: string; at: string } | null) => (s ? `${s.operator} ${s.at}` : '—');
      const fields = c.fields.map((f) => `    ${f.label}：台账「${String(f.office ?? '')}」 督导包「${String(f.package ?? '')}」`).join('\n');
      return `  ${c.entityLabel}「${c.label}」（${c.entity} ${c.id}）台账：${who(c.officeChange)}；督导包：${who(c.packageChange)}\n${fields}`;
    })
    .join('\n');
}

async function exportPackage(flags: Flags, cli: CliParts): Promise<number> {
  const target = cli.requireDb(flags as never);
  const out = typeof flags.out === 'string' ? flags.out : '';
  if (!out) throw cli.usage('缺少 --out 参数（督导包文件）');
  const year = typeof flags.year === 'string' ? Number(flags.year) : undefined;
  if (year !== undefined && !/^\d{4}$/.test(String(flags.year))) throw cli.usage(`--year 应为四位年份：${String(flags.year)}`);
  return cli.withDb(target, false, async (db) => {
    const ctx = cli.contextFor(db, target);
    const allianceIds: string[] = [];
    for (const name of list(flags.alliance)) {
      const found = valueOf(await dispatch(handlers, 'alliances.list', { search: name, pageSize: 500 }, ctx), cli) as Page<Alliance>;
      allianceIds.push(await byName('联盟', name, found.rows, cli));
    }
    const schoolIds: string[] = [];
    for (const name of list(flags.school)) {
      const found = valueOf(await dispatch(handlers, 'schools.list', { search: name, pageSize: 500 }, ctx), cli) as Page<School>;
      schoolIds.push(await byName('学校', name, found.rows, cli, (s) => `${s.regionName ?? ''} ${s.name}`));
    }
    const regionIds: string[] = [];
    for (const name of list(flags.region)) regionIds.push(await regionId(ctx, name, cli));
    const result = valueOf(
      await dispatch(handlers, 'auditPackages.export', { allianceIds, schoolIds, regionIds, ...(year ? { year } : {}) }, ctx),
      cli,
    ) as FilePayload & { packageId: string; recordCount: number };
    // Written whole, then renamed: a half-written package never sits under the name.
    const part = `${out}.part`;
    fs.writeFileSync(part, Buffer.from(result.dataBase64, 'base64'));
    fs.renameSync(part, out);
    const file = path.resolve(out);
    process.stdout.write(
      flags.json
        ? `${JSON.stringify({ packageId: result.packageId, recordCount: result.recordCount, file })}\n`
        : `已导出督导包：${file}（${result.recordCount} 条记录）\n`,
    );
    return 0;
  });
}

async function mergePackage(flags: Flags, positionals: string[], cli: CliParts): Promise<number> {
  const [file, ...extra] = positionals;
  if (!file) throw cli.usage('用法：package merge 督导包文件 --db 数据库 [--dry-run] [--resolve 选择.json] [--json]');
  if (extra.length) throw cli.usage(`多余的参数：${extra.join(' ')}`);
  const target = cli.requireDb(flags as never);
  if (/^postgres/.test(target)) throw cli.refused('合并督导包需要 SQLite 台账文件');
  if (!fs.existsSync(file)) throw cli.refused(`督导包文件不存在：${file}`);
  let resolutions: z.infer<typeof packageResolution>[] | null = null;
  if (typeof flags.resolve === 'string') {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(flags.resolve, 'utf8'));
    } catch (e) {
      throw cli.refused(`无法读取选择文件 ${flags.resolve}：${(e as Error).message}`);
    }
    const parsed = z.array(packageResolution).safeParse(raw);
    if (!parsed.success) throw cli.refused('选择文件格式不正确，应为 [{"entity","id","keep":"office"|"package","fields"?}]');
    resolutions = parsed.data;
  }
  const upload = { fileName: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64') };
  const dir = path.dirname(path.resolve(target));
  // No statistics refresh on open: a refused or unresolved merge leaves the file as it was.
  const ledger = await openLedger(target, { analyze: false });
  try {
    const ctx: Ctx = makeContext(ledger.db, dir, fileLogger(null), systemClock, ledger);
    const preview = valueOf(await dispatch(handlers, 'auditPackages.preview', upload, ctx), cli) as MergePreview;
    const chosen = new Set((resolutions ?? []).map((r) => `${r.entity}:${r.id}`));
    const open = preview.conflicts.filter((c) => !chosen.has(`${c.entity}:${c.id}`));
    const print = (added: number, updated: number, conflicts: PackageConflict[], text: string) =>
      process.stdout.write(flags.json ? `${JSON.stringify({ added, updated, conflicts: conflicts.map(conflictJson) })}\n` : `${text}\n`);
    if (open.length > 0) {
      print(preview.added, preview.updated, open, `督导包新增 ${preview.added} 条、修改 ${preview.updated} 条；有 ${open.length} 处冲突需要选择（用 --resolve 给出选择），没有合并任何内容：\n${describeConflicts(open)}`);
      return 1;
    }
    if (flags['dry-run']) {
      print(preview.added, preview.updated, [], `（预览，未写入）督导包将新增 ${preview.added} 条、修改 ${preview.updated} 条${preview.conflicts.length ? `，${preview.conflicts.length} 处冲突按选择处理` : ''}`);
      return 0;
    }
    const result = valueOf(await dispatch(handlers, 'auditPackages.merge', { ...upload, resolutions: resolutions ?? [] }, ctx), cli) as MergeResult;
    print(
      result.added,
      result.updated,
      [],
      result.backup
        ? `已合并督导包：新增 ${result.added} 条，修改 ${result.updated} 条，冲突保留台账 ${result.keptOffice} 处、采用督导包 ${result.keptPackage} 处。合并前备份：${result.backup}`
        : '督导包中没有新的内容，台账未做改动（可能已经合并过）',
    );
    return 0;
  } finally {
    await ledger.close();
  }
}

export async function runPackage(flags: Flags, positionals: string[], cli: CliParts): Promise<number> {
  const [sub, ...rest] = positionals;
  if (sub === 'export') {
    if (rest.length) throw cli.usage(`多余的参数：${rest.join(' ')}`);
    return exportPackage(flags, cli);
  }
  if (sub === 'merge') return mergePackage(flags, rest, cli);
  throw cli.usage('用法：package export --db 数据库 --out 督导包 [--alliance 名称]... [--region 名称]... 或 package merge 督导包 --db 数据库 [--dry-run] [--resolve 文件] [--json]');
}
