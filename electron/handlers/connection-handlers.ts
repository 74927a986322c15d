// 设置 → 数据库连接: test a connection, save it (the password only encrypted, or not at
// all) and switch the running app to it. Knows nothing of Electron: the door hands in its
// SecretStore (safeStorage in the desktop app, none in browser mode) through ctx.ledger.
import type { ConnectionDraft, ConnectionInfo, ConnectionTestResult, PostgresConnection } from '../api/connection';
import { AppError, conflict, invalid } from '../api/errors';
import { isPostgresUrl, type Db } from '../../db/connection';
import { describeConnectionError, probePostgres, schemaProblem, type ProbeResult } from '../../db/connection-check';
import {
  canStorePassword,
  describeConnection,
  encryptPassword,
  postgresUrl,
  readConnection,
  storedPassword,
  writeConnection,
  type StoredConnection,
} from '../main/connection-settings';
import { databaseFile } from '../main/paths';
import type { ConnectionState, Ctx, HandlersOf } from './context';

type PostgresDraft = Extract<ConnectionDraft, { kind: 'postgres' }>;

const serverKey = (c: PostgresConnection) => `${c.user}@${c.host}:${c.port}/${c.database}`;

const sameServer = (a: StoredConnection, b: PostgresConnection) =>
  a.kind === 'postgres' && a.host === b.host && a.port === b.port && a.database === b.database && a.user === b.user;

/** The password to try: the one typed in, else the stored one for the same server and user, else PGPASSWORD. */
function passwordFor(draft: PostgresDraft, ctx: Ctx): { password: string | null; source: ConnectionState['passwordSource'] } {
  if (draft.password) return { password: draft.password, source: 'entered' };
  const saved = readConnection(ctx.dataDir);
  const stored = sameServer(saved, draft) ? storedPassword(saved, ctx.ledger?.connection?.secrets) : null;
  if (stored) return { password: stored, source: 'stored' };
  const entered = ctx.ledger?.connection?.entered;
  if (entered && entered.server === serverKey(draft)) return { password: entered.password, source: 'entered' };
  return { password: null, source: process.env.PGPASSWORD ? 'env' : 'none' };
}

async function probe(draft: PostgresDraft, url: string): Promise<ProbeResult> {
  try {
    return await probePostgres(url);
  } catch (e) {
    throw invalid(describeConnectionError(e, draft));
  }
}

function activeOf(db: Db, dir: string): ConnectionInfo['active'] {
  if (db.client.config.client !== 'pg') return { kind: 'sqlite', description: describeConnection({ kind: 'sqlite' }, dir) };
  // The URL, as given or inside the connection object (db/connection.ts), or fields; the
  // password is left out here.
  const target = db.client.config.connection as string | { connectionString?: string; host?: string; port?: number; database?: string; user?: string };
  const url = typeof target === 'string' ? target : target.connectionString;
  const c = url && isPostgresUrl(url) ? fieldsOfUrl(new URL(url)) : (target as Exclude<typeof target, string>);
  return { kind: 'postgres', description: `PostgreSQL ${c.user ?? ''}@${c.host ?? ''}:${c.port ?? 5432}/${c.database ?? ''}` };
}

const fieldsOfUrl = (u: URL) => ({
  host: u.hostname,
  port: Number(u.port) || 5432,
  database: decodeURIComponent(u.pathname.slice(1)),
  user: decodeURIComponent(u.username),
});

function info(ctx: Ctx): ConnectionInfo {
  const saved = readConnection(ctx.dataDir);
  const state = ctx.ledger?.connection;
  const { encryptedPassword, ...shown } = saved as StoredConnection & { encryptedPassword?: string };
  return {
    saved: shown as ConnectionInfo['saved'],
    active: activeOf(ctx.db, ctx.dataDir),
    passwordStored: !!encryptedPassword,
    passwordSource: state?.passwordSource ?? 'none',
    canStorePassword: canStorePassword(state?.secrets),
    envPassword: !!process.env.PGPASSWORD,
    switchable: !!ctx.ledger?.switchTo,
    startupProblem: state?.startupProblem ?? null,
  };
}

const fieldsOf = (d: PostgresDraft): PostgresConnection => ({ host: d.host, port: d.port, database: d.database, user: d.user, ssl: d.ssl });

export const connectionHandlers: HandlersOf<'connection'> = {
  'connection.get': async (_input, ctx) => info(ctx),

  'connection.test': async (draft, ctx): Promise<ConnectionTestResult> => {
    if (draft.kind === 'sqlite') return { ok: true, message: `将使用${describeConnection(draft, ctx.dataDir)}` };
    const { password } = passwordFor(draft, ctx);
    let result: ProbeResult;
    try {
      result = await probe(draft, postgresUrl(fieldsOf(draft), password));
    } catch (e) {
      return { ok: false, message: e instanceof AppError ? e.message : describeConnectionError(e, draft) };
    }
    const problem = schemaProblem(result);
    if (problem) return { ok: false, message: problem, serverVersion: result.serverVersion, login: result.login };
    const upgrade = result.pending.length > 0 ? `数据库结构需要升级 ${result.pending.length} 项，保存时将自动升级；请先确认服务器已备份。` : '';
    return {
      ok: true,
      message: `连接成功：PostgreSQL ${result.serverVersion}，登录账号“${result.login}”。${upgrade}`,
      serverVersion: result.serverVersion,
      login: result.login,
      willMigrate: result.pending.length,
    };
  },

  'connection.save': async (draft, ctx) => {
    const host = ctx.ledger;
    if (!host?.switchTo || !host.connection) throw invalid('当前运行方式不能切换数据库；命令行请用 --db 指定数据库');
    const state = host.connection;
    if (draft.kind === 'sqlite') {
      await host.switchTo(databaseFile(ctx.dataDir));
      writeConnection(ctx.dataDir, { kind: 'sqlite' });
      Object.assign(state, { passwordSource: 'none', startupProblem: null, entered: undefined });
      return info({ ...ctx, db: host.db });
    }
    const fields = fieldsOf(draft);
    const { password, source } = passwordFor(draft, ctx);
    const url = postgresUrl(fields, password);
    const result = await probe(draft, url);
    const problem = schemaProblem(result);
    if (problem) throw conflict(problem);
    if (result.pending.length > 0 && !draft.confirmMigration) {
      throw conflict(`数据库结构需要升级 ${result.pending.length} 项。请先确认服务器已备份，再确认升级并保存。`, { confirmMigration: '请确认服务器已备份' });
    }
    try {
      await host.switchTo(url);
    } catch (e) {
      throw invalid(describeConnectionError(e, draft));
    }
    // Only now, with the app on the new database, are the settings written.
    const saved = readConnection(ctx.dataDir);
    const keep = source === 'stored' && saved.kind === 'postgres' ? saved.encryptedPassword : undefined;
    const encrypted = source === 'entered' && password && canStorePassword(state.secrets) ? encryptPassword(state.secrets, password) : keep;
    writeConnection(ctx.dataDir, { kind: 'postgres', ...fields, ...(encrypted ? { encryptedPassword: encrypted } : {}) });
    Object.assign(state, {
      passwordSource: source,
      startupProblem: null,
      entered: source === 'entered' && password && !encrypted ? { server: serverKey(fields), password } : undefined,
    });
    return info({ ...ctx, db: host.db });
  },
};
