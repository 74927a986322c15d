// 设置 → 数据库连接: testing a PostgreSQL connection, saving it with the password encrypted
// by safeStorage (never in the file), switching the running app to it and back, and the
// Chinese reasons for a wrong password, an unreachable port, a missing database and an
// older schema. The CLI takes the password from PGPASSWORD and never prints it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../electron/api/common';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { openConfiguredLedger } from '../electron/main/connected-ledger';
import { connectionFile } from '../electron/main/paths';
import { makeContext, type OpenLedger } from '../electron/main/runtime';
import { openDatabase, type Db } from '../db/connection';
import { describeConnectionError } from '../db/connection-check';
import { safeStorage } from './support/electron-stand-in';
import { startPostgres, type TestPostgres } from './support/postgres';
import { addLogin } from './support/postgres-logins';

let pg: TestPostgres;
let owner: Db;
let port: number;
const root = path.resolve(__dirname, '..');
const log = { error: () => {}, info: () => {} };
const opened: OpenLedger[] = [];
const dirs: string[] = [];

function dataFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-conn-'));
  dirs.push(dir);
  return dir;
}
async function app(dir: string, secrets: typeof safeStorage | null = safeStorage) {
  const ledger = await openConfiguredLedger(dir, secrets, log);
  opened.push(ledger);
  const reply = (method: string, args: unknown = {}): Promise<Reply<any>> =>
    dispatch(handlers, method, args, makeContext(ledger.db, dir, log, undefined, ledger));
  const call = async (method: string, args: unknown = {}) => {
    const r = await reply(method, args);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    return r.value;
  };
  return { ledger, reply, call };
}
const server = (fields: Record<string, unknown> = {}) => ({
  kind: 'postgres', host: '127.0.0.1', port, database: 'ledger', user: 'wang', ssl: 'off', ...fields,
});

beforeAll(async () => {
  pg = startPostgres();
  port = Number(new URL(pg.url).port);
  owner = await openDatabase(pg.url);
  await addLogin(owner, 'wang', 'wang-secret', 'ledger_clerk');
}, 90_000);

afterEach(async () => {
  for (const l of opened.splice(0)) await l.close();
  delete process.env.PGPASSWORD;
  safeStorage.available = true;
});

afterAll(async () => {
  await owner?.destroy();
  pg?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('测试连接', () => {
  it('says which server and login it reached', async () => {
    const { call } = await app(dataFolder());
    const r = await call('connection.test', server({ password: 'wang-secret' }));
    expect(r).toMatchObject({ ok: true, login: 'wang', message: expect.stringMatching(/^连接成功：PostgreSQL 1\d\.\d+，登录账号“wang”。$/) });
  });

  it('names a wrong password', async () => {
    const { call } = await app(dataFolder());
    expect(await call('connection.test', server({ password: 'guess' }))).toEqual({
      ok: false,
      message: '密码错误：用户“wang”的密码不正确，或该用户不存在。请重新输入密码，或请管理员核对账号。',
    });
  });

  it('asks for a password when none is given and PGPASSWORD is not set', async () => {
    const { call } = await app(dataFolder());
    expect((await call('connection.test', server())).message).toBe(
      '服务器要求密码：请输入用户“wang”的密码（或在启动程序前设置环境变量 PGPASSWORD）。',
    );
  });

  it('names an unreachable port', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const { call } = await app(dataFolder());
    expect((await call('connection.test', server({ port: closed, password: 'x' }))).message).toBe(
      `无法连接到 127.0.0.1:${closed}：服务器没有在这个端口上运行，或被防火墙拒绝。请核对端口（PostgreSQL 默认 5432），并确认服务器已启动。`,
    );
  });

  it('names a database that does not exist, and a server that refuses SSL', async () => {
    const { call } = await app(dataFolder());
    expect((await call('connection.test', server({ database: '台账', password: 'wang-secret' }))).message).toBe(
      '服务器上没有名为“台账”的数据库。请核对数据库名称，或请管理员先创建数据库。',
    );
    expect((await call('connection.test', server({ ssl: 'require', password: 'wang-secret' }))).message).toContain('不支持加密连接');
  });

  it('names a server name that does not resolve', async () => {
    const { call } = await app(dataFolder());
    expect((await call('connection.test', server({ host: 'no-such-host.invalid', password: 'x' }))).message).toBe(
      '找不到服务器“no-such-host.invalid”。请核对服务器地址（主机名或 IP 地址），并确认本机网络正常。',
    );
  });

  it('names a timeout and a certificate it cannot verify', () => {
    const where = { host: '10.0.0.9', port: 5432, database: 'ledger', user: 'wang' };
    const timeout = '连接 10.0.0.9:5432 超时：网络不通，或被防火墙拦截。请核对服务器地址和端口，并确认本机能访问该服务器。';
    expect(describeConnectionError(new Error('Connection terminated due to connection timeout'), where)).toBe(timeout);
    expect(describeConnectionError(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), where)).toBe(timeout);
    expect(describeConnectionError(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }), where)).toContain('超时');
    expect(describeConnectionError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), where)).toBe(
      '服务器的 SSL 证书无法验证（DEPTH_ZERO_SELF_SIGNED_CERT）。请管理员为服务器安装受信任的证书，或把“SSL”改为“加密（不验证证书）”。',
    );
  });

  it('refuses a database one upgrade behind this app, and tells the clerk to have it upgraded', async () => {
    await owner('knex_migrations').where({ name: '013-roles' }).delete();
    try {
      const { call, reply } = await app(dataFolder());
      const expected =
        '数据库结构比本程序旧（尚缺 1 项升级：013-roles），当前登录“wang”无权升级。请管理员先确认服务器已备份，再用数据库所有者账号连接一次（程序会自动升级），之后即可用此账号连接。';
      expect(await call('connection.test', server({ password: 'wang-secret' }))).toMatchObject({ ok: false, message: expected });
      expect(await reply('connection.save', server({ password: 'wang-secret' }))).toEqual({ ok: false, code: 'conflict', message: expected });
      // The owner is told the upgrade will run, and must confirm the server is backed up.
      const byOwner = await call('connection.test', server({ user: 'ledger' }));
      expect(byOwner.message).toContain('数据库结构需要升级 1 项，保存时将自动升级；请先确认服务器已备份。');
    } finally {
      await owner('knex_migrations').insert({ name: '013-roles', batch: 1, migration_time: new Date() });
    }
  });

  it('refuses a database a newer app has upgraded', async () => {
    await owner('knex_migrations').insert({ name: '099-future', batch: 9, migration_time: new Date() });
    try {
      const { call } = await app(dataFolder());
      expect((await call('connection.test', server({ password: 'wang-secret' }))).message).toBe(
        '此数据库已被更新版本的台账程序升级（本程序不认识的升级：099-future）。请先把本机的台账程序更新到最新版本，再连接此数据库。',
      );
    } finally {
      await owner('knex_migrations').where({ name: '099-future' }).delete();
    }
  });
});

describe('保存连接', () => {
  it('stores the password only encrypted, switches the app to the server, and opens it again at the next start', async () => {
    const dir = dataFolder();
    const { ledger, call } = await app(dir);
    expect(ledger.db.client.config.client).toBe('sqlite3');
    const info = await call('connection.save', server({ password: 'wang-secret' }));
    expect(info).toMatchObject({
      saved: { kind: 'postgres', host: '127.0.0.1', port, database: 'ledger', user: 'wang', ssl: 'off' },
      active: { kind: 'postgres', description: `PostgreSQL wang@127.0.0.1:${port}/ledger` },
      passwordStored: true,
      passwordSource: 'entered',
      canStorePassword: true,
    });
    const file = fs.readFileSync(connectionFile(dir), 'utf8');
    expect(safeStorage.encrypted).toContain('wang-secret');
    expect(file).not.toContain('wang-secret');
    expect(JSON.parse(file).encryptedPassword).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.stringify(info)).not.toContain('wang-secret');
    // The running app now works on the server, as the clerk's own login.
    expect(ledger.db.client.config.client).toBe('pg');
    expect((await call('system.status')).access).toMatchObject({ engine: 'postgres', login: 'wang', role: 'clerk' });
    await ledger.close();

    const again = await app(dir);
    expect(again.ledger.connection?.startupProblem).toBeNull();
    expect((await again.call('connection.get')).passwordSource).toBe('stored');
    expect((await again.call('system.status')).access.login).toBe('wang');
    // Back to the local file.
    expect((await again.call('connection.save', { kind: 'sqlite' })).active.kind).toBe('sqlite');
    expect(again.ledger.db.client.config.client).toBe('sqlite3');
    expect(JSON.parse(fs.readFileSync(connectionFile(dir), 'utf8'))).toEqual({ kind: 'sqlite' });
  });

  it('keeps the app on its database when the new connection fails', async () => {
    const { ledger, reply } = await app(dataFolder());
    expect(await reply('connection.save', server({ password: 'guess' }))).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('密码错误') });
    expect(ledger.db.client.config.client).toBe('sqlite3');
  });

  it('without safeStorage (browser mode) stores no password: PGPASSWORD or the password typed in serves, and the next start says so', async () => {
    const dir = dataFolder();
    safeStorage.available = false;
    const { call } = await app(dir, null);
    const info = await call('connection.save', server({ password: 'wang-secret' }));
    expect(info).toMatchObject({ canStorePassword: false, passwordStored: false, passwordSource: 'entered', active: { kind: 'postgres' } });
    expect(fs.readFileSync(connectionFile(dir), 'utf8')).not.toMatch(/wang-secret|encryptedPassword/);
    for (const l of opened.splice(0)) await l.close();

    const withoutPassword = await app(dir, null);
    expect(withoutPassword.ledger.db.client.config.client).toBe('sqlite3');
    expect((await withoutPassword.call('connection.get')).startupProblem).toBe(
      `无法使用已保存的数据库连接（PostgreSQL wang@127.0.0.1:${port}/ledger）：服务器要求密码：请输入用户“wang”的密码（或在启动程序前设置环境变量 PGPASSWORD）。本次已改为打开本机文件；请在“设置 → 数据库连接”中检查后重新保存。`,
    );
    for (const l of opened.splice(0)) await l.close();

    process.env.PGPASSWORD = 'wang-secret';
    const withEnv = await app(dir, null);
    expect(await withEnv.call('connection.get')).toMatchObject({ passwordSource: 'env', envPassword: true, startupProblem: null, active: { kind: 'postgres' } });
  });
});

describe('命令行 --db postgres://', () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['electron/cli/main.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: '', ...env },
    });

  it('takes the password from PGPASSWORD when the URL has none', () => {
    const r = cli(['stats', '--db', `postgres://wang@127.0.0.1:${port}/ledger`, '--json'], { PGPASSWORD: 'wang-secret' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ schools: 0 });
  }, 30_000);

  it('says a wrong password in Chinese and never prints it', () => {
    const r = cli(['stats', '--db', `postgres://wang:hunter2-wrong@127.0.0.1:${port}/ledger`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('错误：密码错误：用户“wang”的密码不正确，或该用户不存在。请重新输入密码，或请管理员核对账号。\n');
    expect(r.stdout + r.stderr).not.toContain('hunter2');
  }, 30_000);
});
