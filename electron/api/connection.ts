// 设置 → 数据库连接: the local file (default) or a shared PostgreSQL server (issue 10).
// The password never comes back out of the API, and is never stored in plain text.
import { z } from 'zod';
import { def } from './define';

export const sslModes = {
  off: '不加密',
  require: '加密（不验证证书）',
  verify: '加密并验证证书',
} as const;
export type SslMode = keyof typeof sslModes;

export const connectionKinds = { sqlite: '本机文件', postgres: 'PostgreSQL 服务器' } as const;
export type ConnectionKind = keyof typeof connectionKinds;

const postgresFields = {
  host: z.string({ message: '请填写服务器地址' }).trim().min(1, '请填写服务器地址').max(255, '服务器地址太长')
    .regex(/^[A-Za-z0-9.\-:[\]_]+$/, '服务器地址只能是主机名或 IP 地址，例如 192.168.1.20'),
  port: z.number({ message: '端口应为数字' }).int('端口应为整数').min(1, '端口应在 1–65535 之间').max(65535, '端口应在 1–65535 之间'),
  database: z.string({ message: '请填写数据库名称' }).trim().min(1, '请填写数据库名称').max(63, '数据库名称不能超过63个字符'),
  user: z.string({ message: '请填写用户名' }).trim().min(1, '请填写用户名').max(63, '用户名不能超过63个字符'),
  ssl: z.enum(Object.keys(sslModes) as [SslMode, ...SslMode[]], { message: '请选择 SSL 方式' }),
};

/** A connection as the clerk fills it in; an empty password keeps the stored one (or PGPASSWORD). */
export const connectionDraft = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite') }),
  z.object({
    kind: z.literal('postgres'),
    ...postgresFields,
    password: z.string().max(200, '密码太长').optional(),
    /** The administrator confirms the server is backed up before the app upgrades its structure. */
    confirmMigration: z.boolean().optional(),
  }),
], { message: '请选择连接方式' });
export type ConnectionDraft = z.infer<typeof connectionDraft>;

export interface PostgresConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  ssl: SslMode;
}

export interface ConnectionInfo {
  /** What the data folder's connection settings say. */
  saved: { kind: 'sqlite' } | ({ kind: 'postgres' } & PostgresConnection);
  /** What the app is using now (it falls back to the local file when the server could not be reached at start). */
  active: { kind: ConnectionKind; description: string };
  /** A password for the saved server is stored (encrypted). */
  passwordStored: boolean;
  /** Where the password for this run came from. */
  passwordSource: 'stored' | 'entered' | 'env' | 'none';
  /** The system can encrypt a password (Electron's safeStorage); false in browser mode. */
  canStorePassword: boolean;
  /** PGPASSWORD is set in the app's environment. */
  envPassword: boolean;
  /** This way of running can switch its database (the desktop app and browser mode can; the CLI cannot). */
  switchable: boolean;
  /** Why the saved server was not used at start, when it was not. */
  startupProblem: string | null;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** A Chinese sentence for the clerk: what worked, or what is wrong and what to do. */
  message: string;
  serverVersion?: string;
  login?: string;
  /** The database structure needs upgrading by this login on save (it is the owner). */
  willMigrate?: number;
}

export const connectionContract = {
  'connection.get': def(z.object({}).default({})).returns<ConnectionInfo>(),
  /** Tries the connection without saving: login, database, SSL, and whether the schema fits this app. */
  'connection.test': def(connectionDraft).returns<ConnectionTestResult>(),
  /** Tests, saves (the password encrypted, or not at all) and switches the app to the database. */
  'connection.save': def(connectionDraft).returns<ConnectionInfo>(),
} as const;
