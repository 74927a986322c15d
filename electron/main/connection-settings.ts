// The data folder's connection settings (设置 → 数据库连接): which database the app opens.
// No `electron` import: the desktop app passes Electron's safeStorage in as a SecretStore,
// browser mode passes none. The password is stored only encrypted by safeStorage; without
// it nothing is stored, and PGPASSWORD (or the password typed in for this run) is used.
import fs from 'node:fs';
import type { PostgresConnection, SslMode } from '../api/connection';
import { connectionFile, databaseFile } from './paths';

/** Electron's safeStorage has exactly this shape. */
export interface SecretStore {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export type StoredConnection =
  | { kind: 'sqlite' }
  | ({ kind: 'postgres' } & PostgresConnection & {
      /** safeStorage's ciphertext, base64. Never a plain password. */
      encryptedPassword?: string;
    });

export function readConnection(dir: string): StoredConnection {
  let raw: string;
  try {
    raw = fs.readFileSync(connectionFile(dir), 'utf8');
  } catch {
    return { kind: 'sqlite' };
  }
  try {
    const c = JSON.parse(raw) as Partial<Extract<StoredConnection, { kind: 'postgres' }>> & { kind?: string };
    if (c.kind !== 'postgres' || !c.host || !c.database || !c.user) return { kind: 'sqlite' };
    return {
      kind: 'postgres',
      host: String(c.host),
      port: Number(c.port) || 5432,
      database: String(c.database),
      user: String(c.user),
      ssl: (['off', 'require', 'verify'] as const).includes(c.ssl as SslMode) ? (c.ssl as SslMode) : 'off',
      ...(typeof c.encryptedPassword === 'string' ? { encryptedPassword: c.encryptedPassword } : {}),
    };
  } catch {
    return { kind: 'sqlite' };
  }
}

/** Written whole (temp file + rename), readable by this user only. */
export function writeConnection(dir: string, connection: StoredConnection): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = connectionFile(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(connection, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function canStorePassword(secrets: SecretStore | null | undefined): secrets is SecretStore {
  try {
    return !!secrets && secrets.isEncryptionAvailable();
  } catch {
    return false;
  }
}

export function encryptPassword(secrets: SecretStore, password: string): string {
  return secrets.encryptString(password).toString('base64');
}

/** The stored password, or null when there is none or it cannot be decrypted here (another user, another machine). */
export function storedPassword(connection: StoredConnection, secrets: SecretStore | null | undefined): string | null {
  if (connection.kind !== 'postgres' || !connection.encryptedPassword || !canStorePassword(secrets)) return null;
  try {
    return secrets.decryptString(Buffer.from(connection.encryptedPassword, 'base64'));
  } catch {
    return null;
  }
}

const sslParam: Record<SslMode, string> = { off: 'disable', require: 'no-verify', verify: 'verify-full' };

/**
 * The URL the database layer opens. It holds the password only in memory; with no password
 * the pg driver falls back to PGPASSWORD (and ~/.pgpass).
 */
export function postgresUrl(c: PostgresConnection, password: string | null): string {
  const auth = password ? `${encodeURIComponent(c.user)}:${encodeURIComponent(password)}` : encodeURIComponent(c.user);
  const host = c.host.includes(':') && !c.host.startsWith('[') ? `[${c.host}]` : c.host;
  return `postgres://${auth}@${host}:${c.port}/${encodeURIComponent(c.database)}?sslmode=${sslParam[c.ssl]}`;
}

/** How a connection is shown to the clerk: never with a password. */
export function describeConnection(c: StoredConnection, dir: string): string {
  if (c.kind === 'sqlite') return `本机文件 ${databaseFile(dir)}`;
  return `PostgreSQL ${c.user}@${c.host}:${c.port}/${c.database}`;
}
