// Who may do what on a shared PostgreSQL ledger (issue 10, "Who may do what"). The rules
// live in the database (migration 013: group roles, grants and triggers); this file holds
// their names and messages, asks the database what the current login may do, and names
// the login in the audit log. On SQLite, the single clerk at the desk may do everything.
import type { Knex } from 'knex';
import type { Access } from '../electron/api/system';

export const groupRoles = { clerk: 'ledger_clerk', reviewer: 'ledger_reviewer', admin: 'ledger_admin' } as const;
export type LedgerRole = keyof typeof groupRoles;

/** The messages the triggers raise (SQLSTATE 42501); the API turns them into 'forbidden'. */
export const needReviewer = '需要审核员权限';
export const needAdmin = '需要管理员权限';


const isPg = (db: Knex) => db.client.config.client === 'pg';

export const fullAccess: Access = {
  engine: 'sqlite',
  login: null,
  role: 'owner',
  canLock: true,
  canRestore: true,
  canEditSettings: true,
};

/** What the current login may do, as the database's own rules (ledger_session_may) answer. */
export async function accessOf(db: Knex): Promise<Access> {
  if (!isPg(db)) return fullAccess;
  const { rows } = (await db.raw(
    `SELECT session_user AS login, ledger_session_may('owner') AS owner, ledger_session_may('admin') AS admin,
            ledger_session_may('reviewer') AS reviewer, ledger_session_may('clerk') AS clerk`,
  )) as { rows: { login: string; owner: boolean; admin: boolean; reviewer: boolean; clerk: boolean }[] };
  const r = rows[0]!;
  const role: Access['role'] = r.owner ? 'owner' : r.admin ? 'admin' : r.reviewer ? 'reviewer' : r.clerk ? 'clerk' : 'none';
  return {
    engine: 'postgres',
    login: r.login,
    role,
    canLock: r.reviewer,
    canRestore: r.reviewer,
    canEditSettings: r.admin,
  };
}

const logins = new WeakMap<object, Promise<{ login: string; owner: boolean }>>();

/**
 * The operator the audit log records. A clerk's, reviewer's or administrator's row on
 * PostgreSQL names their own login — the name in 设置 is one row shared by every clerk of
 * the server, so it cannot say who did it — and the database refuses a row naming anyone
 * else (migration 013). The owner's account (the one that migrates, copies and runs
 * scripts) and SQLite keep the name from 设置, as before; the owner's login when it is empty.
 */
export async function auditOperator(db: Knex, settingsName: string): Promise<string> {
  if (!isPg(db)) return settingsName;
  // Every connection of a pool logs in as the same user, so one question per pool will do.
  const key = db.client as object;
  let who = logins.get(key);
  if (!who) {
    who = db
      .raw(`SELECT session_user AS login, ledger_session_may('owner') AS owner`)
      .then((r: { rows: { login: string; owner: boolean }[] }) => r.rows[0]!);
    logins.set(key, who);
    who.catch(() => logins.delete(key));
  }
  const { login, owner } = await who;
  return owner ? settingsName || login : login;
}
