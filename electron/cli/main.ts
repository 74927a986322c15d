// `npm run ledger -- <command>`: headless access to the same handlers, through the same
// dispatcher and validation (architecture.md, "The CLI contract").
// Exit codes: 0 success; 1 the operation failed or its input was refused; 2 usage error.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeMethods } from '../api/describe';
import { dispatch, toFieldErrors } from '../api/dispatch';
import { sampleInput } from '../api/system';
import type { Reply } from '../api/common';
import { handlers } from '../handlers';
import { DatabaseMissingError, DatabaseUnreadableError, isPostgresUrl, openDatabase, redactUrl, type Db } from '../../db/connection';
import { describeConnectionError } from '../../db/connection-check';
import { fileLogger, makeContext, openLedger, systemClock } from '../main/runtime';
import { acquireDataLock } from '../main/data-lock';
import { backupDirOf } from '../../db/backup-files';
import type { BackupInfo, RestoreResult } from '../api/backups';
import { formatReminders, formatStats } from './format';
import { isRealDate } from '../api/common';
import type { Reminder } from '../api/reminders';
import { importKindLabels, type ImportKind, type ImportPreview } from '../api/imports';
import { formatImport, importSummary } from './format-import';
import { importTemplate } from '../services/import';
import { settingsRepository } from '../../db/repositories/settings-repository';
import type { EvaluationResults, YearTemplate } from '../api/evaluations';
import { evaluationStatuses } from '../api/enums';
import { chooseTemplate, templateLabel } from '../services/evaluation/choose-template';
import { formatEvaluationResults, type EvaluationResultLine } from './format';
import { exportOptions, runExport } from './export-report';
import { packageOptions, runPackage } from './audit-package';
import { copyOptions, runCopy } from './copy';

class UsageError extends Error {}
class Refused extends Error {
  constructor(
    message: string,
    readonly code = 'invalid',
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

const usage = `用法：npm run ledger -- <命令> [选项]
  init --db 文件                                              创建空台账数据库
  sample --db 文件 [--scale county|city|province] [--seed N]   生成示例数据
  stats --db 数据库 [--json]                                  各类记录数
  methods [--json]                                             列出全部 API 方法
  call 方法 [JSON参数] --db 数据库                             调用一个 API 方法
  reminders --db 数据库 [--today YYYY-MM-DD] [--all] [--json]  当天的提醒（--all 含已办和推迟的）
  import 类型 文件 --db 数据库 [--sheet 工作表] [--dry-run] [--json]
                                                               导入 Excel/CSV；类型：schools 学校、alliances 联盟及成员、activities 交流活动、
                                                               teacher-exchanges 教师交流、problems 问题清单、indicators 评价指标；--dry-run 只预览不写入
  backup --db 文件 [--out 备份文件]                            备份（数据库快照和附件，存入数据文件夹的 backups/，可另存一份到 --out）
  copy --from 源 --to 目标 [--json]                              整个台账复制到空数据库：本地文件 → postgres://用户@服务器/库（或反向），复制后逐表核对行数和校验和
  restore --db 文件 --from 备份文件                            从备份恢复（先检查备份文件，并先把当前数据另存为恢复前备份）
  template 类型 --out 文件.xlsx [--db 数据库]                   生成空白导入模板（含下拉选项和填写说明）
  evaluations --db 数据库 --year YYYY [--template 模板名称] [--json]
                                                               年度考核评价结果（排名、总分、等次、各一级指标得分）
  export 报表 --db 数据库 --out 文件.xlsx [--year YYYY | --term 2024-2025-1 | --from YYYY-MM-DD --to YYYY-MM-DD] [--region 名称] [--template 模板名称] [--json]
                                                               导出报表（coverage、activities、teacher-exchanges、evaluation、supervision、problems、roster、annual-package）
  package export --db 数据库 --out 督导包 [--alliance 名称]... [--region 县区]... [--school 学校]... [--year YYYY] [--json]
                                                               导出外出督导包（所选联盟、学校或县区的记录，供离线督导使用）
  package merge 督导包 --db 数据库 [--dry-run] [--resolve 选择.json] [--json]
                                                               合并督导包：有冲突且未给出选择时退出码为 1，不写入任何内容`;

type Flags = Record<string, string | boolean | undefined>;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let flags: Flags = {};
  let positionals: string[] = [];
  const json = rest.includes('--json');
  try {
    if (!command || command === '--help' || command === 'help') {
      process.stdout.write(`${usage}\n`);
      return command ? 0 : 2;
    }
    const spec = commands[command];
    if (!spec) throw new UsageError(`未知的命令：${command}`);
    try {
      const parsed = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true });
      flags = parsed.values as Flags;
      positionals = parsed.positionals;
    } catch (e) {
      throw new UsageError(usageMessage((e as Error).message));
    }
    return await spec.run(flags, positionals);
  } catch (e) {
    if (e instanceof UsageError) {
      report(json, { code: 'usage', message: e.message });
      if (!json) process.stderr.write(`${usage}\n`);
      return 2;
    }
    if (e instanceof Refused) {
      report(json, { code: e.code, message: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) });
      return 1;
    }
    if (e instanceof DatabaseMissingError || e instanceof DatabaseUnreadableError) {
      report(json, { code: 'database', message: e.message });
      return 1;
    }
    // A server that cannot be reached, a wrong password, an old schema: said in Chinese, never with the password.
    if (typeof flags.db === 'string' && isPostgresUrl(flags.db)) {
      report(json, { code: 'database', message: describeConnectionError(e, serverOf(flags.db)) });
      return 1;
    }
    report(json, { code: 'internal', message: `操作失败：${redactUrl((e as Error).message)}` });
    return 1;
  }
}

/** Who and where a postgres:// URL connects to, for messages (the password is not kept). */
function serverOf(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname || 'localhost',
    port: Number(u.port) || 5432,
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username) || process.env.PGUSER || '',
  };
}

function report(json: boolean, error: { code: string; message: string; fieldErrors?: Record<string, string> }): void {
  if (json) process.stderr.write(`${JSON.stringify(error)}\n`);
  else {
    process.stderr.write(`错误：${error.message}\n`);
    for (const [field, message] of Object.entries(error.fieldErrors ?? {})) process.stderr.write(`  ${field}：${message}\n`);
  }
}

function usageMessage(nodeMessage: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(nodeMessage);
  if (unknown) return `未知的选项：${unknown[1]}`;
  const missing = /Option '([^']+)[^']*' argument missing/.exec(nodeMessage);
  if (missing) return `选项 ${missing[1]} 需要一个值`;
  return `参数有误：${nodeMessage}`;
}

function requireDb(flags: Flags): string {
  const db = flags.db;
  if (typeof db !== 'string' || !db) throw new UsageError('缺少 --db 参数（数据库文件或 postgres:// 地址）');
  return db;
}

async function withDb<T>(target: string, create: boolean, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(target, { create });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

function contextFor(db: Db, target: string) {
  const dir = /^postgres/.test(target) ? process.cwd() : path.dirname(path.resolve(target));
  return makeContext(db, dir, fileLogger(null));
}

/** Unwraps a dispatcher reply, turning a refusal into exit code 1. */
function valueOf<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw new Refused(reply.message, reply.code, reply.fieldErrors);
}

/** Every page of a template's results, as the CLI prints them: one object per target. */
async function allResults(ctx: ReturnType<typeof contextFor>, templateId: string, year: number): Promise<EvaluationResultLine[]> {
  const out: EvaluationResultLine[] = [];
  for (let page = 1; ; page++) {
    const r = valueOf(await dispatch(handlers, 'evaluations.results', { templateId, year, page, pageSize: 500 }, ctx)) as EvaluationResults;
    for (const row of r.page.rows) {
      out.push({
        name: row.targetName,
        region: row.regionName,
        template: templateLabel(r.template),
        scores: Object.fromEntries(r.dimensions.map((d, i) => [d.name, row.scores[i] ?? null])),
        total: row.total,
        grade: row.grade,
        rank: row.rank,
        status: row.status,
        statusLabel: evaluationStatuses.label(row.status),
      });
    }
    if (page * r.page.pageSize >= r.page.total) return out;
  }
}

const dbOption = { db: { type: 'string' }, json: { type: 'boolean' } } as const;

const commands: Record<
  string,
  { options: ParseArgsConfig['options']; run: (f: Flags, p: string[]) => Promise<number> }
> = {
  sample: {
    options: { ...dbOption, scale: { type: 'string' }, seed: { type: 'string' } },
    async run(flags, positionals) {
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
      const target = requireDb(flags);
      const seed = flags.seed === undefined ? undefined : Number(flags.seed);
      if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed 应为整数');
      // Checked before the file is created: a refused call leaves nothing behind.
      const input = sampleInput.safeParse({ scale: flags.scale, seed });
      if (!input.success) {
        const fieldErrors = toFieldErrors(input.error);
        throw new Refused(`输入有误：${Object.values(fieldErrors)[0]}`, 'invalid', fieldErrors);
      }
      return withDb(target, true, async (db) => {
        const ctx = contextFor(db, target);
        let last = '';
        ctx.progress = (p) => {
          const line = `${p.phase} ${p.total ? Math.floor((p.done / p.total) * 100) : 0}%`;
          if (line !== last && !flags.json) process.stderr.write(`\r${line}    `);
          last = line;
        };
        const stats = valueOf(await dispatch(handlers, 'sample.load', { scale: flags.scale, seed }, ctx));
        if (!flags.json) process.stderr.write('\n');
        process.stdout.write(flags.json ? `${JSON.stringify(stats)}\n` : `示例数据已生成：\n${formatStats(stats as never)}\n`);
        return 0;
      });
    },
  },
  init: {
    options: dbOption,
    async run(flags, positionals) {
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
      const target = requireDb(flags);
      await withDb(target, true, async () => undefined);
      process.stdout.write(flags.json ? `${JSON.stringify({ db: target })}\n` : `已创建空台账数据库：${target}\n`);
      return 0;
    },
  },
  stats: {
    options: dbOption,
    async run(flags, positionals) {
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
      const target = requireDb(flags);
      return withDb(target, false, async (db) => {
        const stats = valueOf(await dispatch(handlers, 'system.stats', {}, contextFor(db, target)));
        process.stdout.write(flags.json ? `${JSON.stringify(stats)}\n` : `${formatStats(stats as never)}\n`);
        return 0;
      });
    },
  },
  methods: {
    options: { json: { type: 'boolean' } },
    async run(flags, positionals) {
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
      const methods = describeMethods();
      if (flags.json) process.stdout.write(`${JSON.stringify(methods)}\n`);
      else process.stdout.write(`${methods.map((m) => m.name).join('\n')}\n`);
      return 0;
    },
  },
  reminders: {
    options: { ...dbOption, today: { type: 'string' }, all: { type: 'boolean' } },
    async run(flags, positionals) {
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
      const target = requireDb(flags);
      const today = flags.today;
      if (today !== undefined && (typeof today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(today) || !isRealDate(today))) {
        throw new UsageError(`--today 应为日期，格式 YYYY-MM-DD：${String(today)}`);
      }
      return withDb(target, false, async (db) => {
        const list = valueOf(
          await dispatch(handlers, 'reminders.forDay', { today, includeHandled: flags.all === true }, contextFor(db, target)),
        ) as Reminder[];
        if (flags.json) process.stdout.write(`${JSON.stringify(list)}\n`);
        else process.stdout.write(`${formatReminders(list)}\n`);
        return 0;
      });
    },
  },
  import: {
    options: { ...dbOption, sheet: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    async run(flags, positionals) {
      const [kindName, file, ...extra] = positionals;
      if (!kindName || !file) throw new UsageError('用法：import 类型 文件 --db 数据库，例如：import problems 问题清单.xlsx --db ledger.sqlite');
      if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
      const kind = (Object.keys(importKindLabels) as ImportKind[]).find((k) => k === kindName || importKindLabels[k] === kindName);
      if (!kind) {
        const known = Object.entries(importKindLabels).map(([k, label]) => `${k}（${label}）`).join('、');
        throw new UsageError(`未知的导入类型：${kindName}（可用：${known}）`);
      }
      const target = requireDb(flags);
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        throw new Refused(`无法读取文件：${file}`);
      }
      const args = {
        kind,
        fileName: path.basename(file),
        dataBase64: bytes.toString('base64'),
        ...(typeof flags.sheet === 'string' ? { sheet: flags.sheet } : {}),
      };
      return withDb(target, false, async (db) => {
        const ctx = contextFor(db, target);
        const reply = await dispatch(handlers, 'imports.preview', { ...args, allErrors: true }, ctx);
        if (!reply.ok) {
          // A file refused as a whole: the summary on stdout still has its four keys.
          if (flags.json) process.stdout.write(`${JSON.stringify(importSummary(null, false, reply.message))}\n`);
          return valueOf(reply) as never;
        }
        const preview = reply.value as ImportPreview;
        if (preview.errorCount > 0) {
          const message = `文件中有 ${preview.errorCount} 处错误，未导入任何数据`;
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(importSummary(preview, false))}\n`);
            process.stderr.write(`${JSON.stringify({ code: 'invalid', message, errors: preview.errors })}\n`);
          } else process.stderr.write(`错误：${message}\n${formatImport(preview)}\n`);
          return 1;
        }
        const dryRun = flags['dry-run'] === true;
        const result = dryRun ? preview : (valueOf(await dispatch(handlers, 'imports.commit', args, ctx)) as ImportPreview);
        if (flags.json) process.stdout.write(`${JSON.stringify(importSummary(result, dryRun))}\n`);
        else process.stdout.write(`${dryRun ? '预览（未写入）' : '导入完成'}：\n${formatImport(result)}\n`);
        return 0;
      });
    },
  },
  template: {
    options: { out: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } },
    async run(flags, positionals) {
      const [kindName, ...extra] = positionals;
      if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
      const kind = (Object.keys(importKindLabels) as ImportKind[]).find((k) => k === kindName || importKindLabels[k] === kindName);
      if (!kind) {
        const known = Object.entries(importKindLabels).map(([k, label]) => `${k}（${label}）`).join('、');
        throw new UsageError(`${kindName ? `未知的导入类型：${kindName}` : '缺少导入类型'}（可用：${known}）`);
      }
      const out = flags.out;
      if (typeof out !== 'string' || !out) throw new UsageError('缺少 --out 参数（模板保存到的 .xlsx 文件）');
      // Without --db the template lists the built-in choices only; with it, the bureau's own too.
      const file = await importTemplate(kind, typeof flags.db === 'string' ? await withDb(flags.db, false, async (db) => settingsRepository(db).get()) : {});
      try {
        fs.writeFileSync(out, file.bytes);
      } catch (e) {
        throw new Refused(`无法写入文件：${out}（${(e as Error).message}）`);
      }
      process.stdout.write(flags.json ? `${JSON.stringify({ out, kind, bytes: file.bytes.length })}\n` : `已生成${importKindLabels[kind]}导入模板：${out}\n`);
      return 0;
    },
  },
  evaluations: {
    options: { ...dbOption, year: { type: 'string' }, template: { type: 'string' } },
    async run(flags, positionals) {
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
      const target = requireDb(flags);
      const year = Number(flags.year);
      if (typeof flags.year !== 'string' || !/^\d{4}$/.test(flags.year)) throw new UsageError(`缺少或错误的 --year（四位年份，例如 --year 2025）：${String(flags.year ?? '')}`);
      return withDb(target, false, async (db) => {
        const ctx = contextFor(db, target);
        const used = valueOf(await dispatch(handlers, 'evaluations.yearTemplates', { year }, ctx)) as YearTemplate[];
        let template: YearTemplate;
        try {
          template = chooseTemplate(used, year, typeof flags.template === 'string' ? flags.template : undefined);
        } catch (e) {
          throw new Refused((e as Error).message);
        }
        const rows = await allResults(ctx, template.templateId, year);
        if (flags.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
        else process.stdout.write(`${formatEvaluationResults(templateLabel(template), year, rows)}\n`);
        return 0;
      });
    },
  },
  export: {
    options: exportOptions,
    run: (flags, positionals) =>
      runExport(flags, positionals, {
        usage: (message) => new UsageError(message),
        refused: (message, fieldErrors, code) => new Refused(message, code, fieldErrors),
        requireDb,
        withDb,
        contextFor,
      }),
  },
  package: {
    options: packageOptions,
    run: (flags, positionals) =>
      runPackage(flags, positionals, {
        usage: (message) => new UsageError(message),
        refused: (message, fieldErrors, code) => new Refused(message, code, fieldErrors),
        requireDb,
        withDb,
        contextFor,
      }),
  },
  copy: {
    options: copyOptions,
    run: (flags, positionals) =>
      runCopy(flags, positionals, {
        usage: (message) => new UsageError(message),
        refused: (message, fieldErrors, code) => new Refused(message, code, fieldErrors),
      }),
  },
  backup: {
    options: { ...dbOption, out: { type: 'string' } },
    async run(flags, positionals) {
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
      const target = requireDb(flags);
      const ledger = await openLedger(target);
      try {
        const dir = path.dirname(path.resolve(target));
        const info = valueOf(await dispatch(handlers, 'backups.create', {}, makeContext(ledger.db, dir, fileLogger(null), systemClock, ledger))) as BackupInfo;
        const file = path.join(backupDirOf(ledger.file), info.name);
        // The backup file is whole and closed: copying it is safe (the live database never is).
        if (typeof flags.out === 'string' && flags.out) fs.copyFileSync(file, flags.out);
        const out = typeof flags.out === 'string' && flags.out ? path.resolve(flags.out) : file;
        process.stdout.write(flags.json ? `${JSON.stringify({ ...info, file: out })}\n` : `已备份到：${out}（${Math.round(info.size / 1024)} KB）\n`);
        return 0;
      } finally {
        await ledger.close();
      }
    },
  },
  restore: {
    options: { ...dbOption, from: { type: 'string' } },
    async run(flags, positionals) {
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
      const target = requireDb(flags);
      const from = flags.from;
      if (typeof from !== 'string' || !from) throw new UsageError('缺少 --from 参数（备份文件）');
      if (!fs.existsSync(from)) throw new Refused(`备份文件不存在：${from}`);
      const dir = path.dirname(path.resolve(target));
      // Nobody else may have the ledger open while it is replaced.
      const lock = acquireDataLock(dir);
      try {
        const ledger = await openLedger(target);
        try {
          const args = { fileName: path.basename(from), dataBase64: fs.readFileSync(from).toString('base64') };
          const result = valueOf(
            await dispatch(handlers, 'backups.restore', args, makeContext(ledger.db, dir, fileLogger(null), systemClock, ledger)),
          ) as RestoreResult;
          const saved = path.join(backupDirOf(ledger.file), result.savedAs.name);
          process.stdout.write(flags.json ? `${JSON.stringify({ ...result, savedAsFile: saved })}\n` : `已从 ${from} 恢复。恢复前的数据已保存为：${saved}\n`);
          return 0;
        } finally {
          await ledger.close();
        }
      } finally {
        lock.release();
      }
    },
  },
  call: {
    options: dbOption,
    async run(flags, positionals) {
      const [method, rawJson, ...extra] = positionals;
      if (!method) throw new UsageError('缺少方法名，例如：call schools.list \'{"page":1}\' --db ledger.sqlite');
      if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}（JSON 参数请用引号括起来）`);
      const target = requireDb(flags);
      let args: unknown = {};
      if (rawJson !== undefined) {
        try {
          args = JSON.parse(rawJson);
        } catch (e) {
          throw new Refused(`JSON 参数格式不正确：${(e as Error).message}`);
        }
      }
      return withDb(target, false, async (db) => {
        const reply = await dispatch(handlers, method, args, contextFor(db, target));
        if (!reply.ok && reply.code === 'unknown_method') throw new UsageError(reply.message);
        process.stdout.write(`${JSON.stringify(valueOf(reply))}\n`);
        return 0;
      });
    },
  },
};

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`错误：${redactUrl((e as Error).message)}\n`);
    process.exitCode = 1;
  },
);
