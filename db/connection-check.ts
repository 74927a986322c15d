// Trying a PostgreSQL connection before the app switches to it (设置 → 数据库连接 → 测试连接),
// and saying in Chinese what went wrong: the password, the user or database, the host or
// port, SSL, or a schema older or newer than this app.
import knexFactory from 'knex';
import { DatabaseTooNewError, MigrationFailedError, redactUrl } from './connection';
import { migrations, type MigrationList } from './migrations';

export interface ProbeResult {
  serverVersion: string;
  login: string;
  /** Migrations this app has and the database has not run. */
  pending: string[];
  /** Migrations the database has run that this app does not know (a newer app). */
  unknown: string[];
  /** The login may run the pending migrations (owner of the schema, or a superuser). */
  mayMigrate: boolean;
}

/** A refusal the clerk can act on: the message says what to do. */
export class ConnectionProblem extends Error {}

export async function probePostgres(url: string, options: { timeoutMs?: number; migrations?: MigrationList } = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? 8000;
  const db = knexFactory({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: timeoutMs },
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: timeoutMs + 1000,
    // The failure comes back as the error below, said in Chinese; knex's own console warning is noise.
    log: { warn: () => {}, error: () => {}, debug: () => {}, deprecate: () => {} },
  });
  try {
    const { rows } = (await db.raw(
      `SELECT current_setting('server_version') AS version, session_user AS login,
              (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS superuser,
              has_schema_privilege(current_schema(), 'CREATE') AS may_create,
              (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'knex_migrations') AS owner`,
    )) as { rows: { version: string; login: string; superuser: boolean; may_create: boolean; owner: string | null }[] };
    const r = rows[0]!;
    const done = r.owner ? ((await db('knex_migrations').pluck('name')) as string[]) : [];
    const known = (options.migrations ?? migrations).map(([name]) => name);
    const isOwner = r.owner
      ? ((await db.raw('SELECT pg_has_role(session_user, ?, \'MEMBER\') AS member', [r.owner])) as { rows: { member: boolean }[] }).rows[0]!.member
      : r.may_create;
    return {
      serverVersion: r.version.split(' ')[0]!,
      login: r.login,
      pending: known.filter((name) => !done.includes(name)),
      unknown: done.filter((name) => !known.includes(name)),
      mayMigrate: r.superuser || isOwner,
    };
  } finally {
    await db.destroy();
  }
}

/** What the schema check means for the clerk: null when the database fits this app as it is. */
export function schemaProblem(probe: ProbeResult): string | null {
  if (probe.unknown.length > 0) {
    return `此数据库已被更新版本的台账程序升级（本程序不认识的升级：${probe.unknown.join('、')}）。请先把本机的台账程序更新到最新版本，再连接此数据库。`;
  }
  if (probe.pending.length === 0 || probe.mayMigrate) return null;
  const empty = probe.pending.length === migrations.length;
  return empty
    ? `数据库中还没有台账的表。请管理员先用数据库所有者账号连接一次（程序会建立表结构并创建 ledger_clerk 等角色），再用“${probe.login}”连接。`
    : `数据库结构比本程序旧（尚缺 ${probe.pending.length} 项升级：${probe.pending.join('、')}），当前登录“${probe.login}”无权升级。请管理员先确认服务器已备份，再用数据库所有者账号连接一次（程序会自动升级），之后即可用此账号连接。`;
}

interface PgLikeError {
  code?: string;
  message?: string;
  errno?: string;
  hostname?: string;
  address?: string;
  port?: number;
}

/** The Chinese reason a connection failed, for 测试连接 and for start-up. */
export function describeConnectionError(e: unknown, where: { host: string; port: number; database: string; user: string }): string {
  if (e instanceof DatabaseTooNewError || e instanceof ConnectionProblem) return e.message;
  if (e instanceof MigrationFailedError && /permission denied|42501|must be owner/.test(e.message)) {
    return `数据库结构比本程序旧，当前登录“${where.user}”无权升级。请管理员先确认服务器已备份，再用数据库所有者账号连接一次（程序会自动升级）。`;
  }
  const err = (e ?? {}) as PgLikeError;
  const message = String(err.message ?? e);
  const server = `${where.host}:${where.port}`;
  switch (err.code) {
    case '28P01':
      return `密码错误：用户“${where.user}”的密码不正确，或该用户不存在。请重新输入密码，或请管理员核对账号。`;
    case '28000':
      if (/no encryption/.test(message)) return `服务器 ${server} 只接受加密连接。请把“SSL”改为“加密”。`;
      if (/role .* does not exist/.test(message)) return `服务器上没有用户“${where.user}”。请核对用户名，或请管理员为您创建登录账号。`;
      return `服务器拒绝了用户“${where.user}”从本机登录（pg_hba.conf 中没有允许的规则）。请管理员在服务器上允许本机连接。`;
    case '3D000':
      return `服务器上没有名为“${where.database}”的数据库。请核对数据库名称，或请管理员先创建数据库。`;
    case '42501':
      return `用户“${where.user}”没有使用数据库“${where.database}”的权限。请管理员为该账号授予 ledger_clerk、ledger_reviewer 或 ledger_admin 角色。`;
    case '53300':
      return `服务器 ${server} 的连接数已满，请稍后再试或请管理员调大 max_connections。`;
    case '57P03':
      return `服务器 ${server} 正在启动或关闭，请稍后再试。`;
    case 'ECONNREFUSED':
      return `无法连接到 ${server}：服务器没有在这个端口上运行，或被防火墙拒绝。请核对端口（PostgreSQL 默认 5432），并确认服务器已启动。`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `找不到服务器“${where.host}”。请核对服务器地址（主机名或 IP 地址），并确认本机网络正常。`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `连接 ${server} 超时：网络不通，或被防火墙拦截。请核对服务器地址，并确认本机能访问该服务器。`;
    case 'ECONNRESET':
      return `与 ${server} 的连接被中断。如服务器要求加密，请把“SSL”改为“加密”；否则请稍后再试。`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `服务器的 SSL 证书无法验证（${err.code}）。请管理员为服务器安装受信任的证书，或把“SSL”改为“加密（不验证证书）”。`;
  }
  if (/does not support SSL/i.test(message)) return `服务器 ${server} 不支持加密连接。请把“SSL”改为“不加密”，或请管理员在服务器上启用 SSL。`;
  if (/SSL|TLS|certificate/i.test(message)) return `SSL 加密连接失败：${message}。请核对“SSL”设置，或请管理员检查服务器证书。`;
  if (/client password must be a string|password authentication|no password supplied/i.test(message)) {
    return `服务器要求密码：请输入用户“${where.user}”的密码（或在启动程序前设置环境变量 PGPASSWORD）。`;
  }
  if (/timeout|timed out/i.test(message)) {
    return `连接 ${server} 超时：网络不通，或被防火墙拦截。请核对服务器地址和端口，并确认本机能访问该服务器。`;
  }
  return `无法连接数据库：${redactUrl(message)}`;
}
