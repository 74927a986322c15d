// Who may do what on a shared PostgreSQL server (issue 10): three group roles, and the
// database itself refusing what a login's role does not allow. A no-op on SQLite, where
// one clerk owns the file.
//
// Why triggers: grants work per table and column, but the rules are about changes of a
// row's state — a clerk must still UPDATE evaluations (scores, submit) and soft-delete
// records, only not set an evaluation to 'locked' (or take it out of 'locked'), and not
// bring a row back from 回收站 (deleted_at from a date to NULL). A BEFORE trigger sees OLD
// and NEW and can tell these apart; row-level security cannot see OLD. Grants do the rest:
// settings and the audit log are guarded by triggers too, and clerks get plain DML
// on the ledger tables only, no DDL and no writes to the migration bookkeeping.
//
// Roles (NOLOGIN groups; each clerk's own login is granted one of them):
//   ledger_clerk ⊂ ledger_reviewer ⊂ ledger_admin
// The checks use session_user (the login that connected, which SET ROLE cannot change),
// and the owner of knex_migrations — whoever runs migrations — or a superuser may do
// everything. When the migrating login may not create roles and nobody has made them, the
// grants are skipped (with a notice): then only the owner may use the ledger until an
// administrator creates the roles and grants (README, "多人共用 PostgreSQL").
import type { Knex } from 'knex';
import { needAdmin, needReviewer } from '../access';

const isPg = (knex: Knex) => knex.client.config.client === 'pg';
// The tables 回收站 restores from (electron/api/system.ts recyclableEntities, as of this migration).
const recyclable = [
  'regions', 'schools', 'alliances', 'alliance_members', 'activities', 'teacher_exchanges', 'shared_courses',
  'cooperation_projects', 'problems', 'supervisions', 'rectifications', 'interviews', 'evaluation_templates',
  'evaluations', 'awards', 'manual_reminders',
];

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;

  await knex.raw(`DO $$
    DECLARE may_create boolean;
    BEGIN
      SELECT rolsuper OR rolcreaterole INTO may_create FROM pg_roles WHERE rolname = current_user;
      IF may_create THEN
        -- Roles belong to the whole server: another ledger database of it may be making them
        -- at this very moment, and then its roles serve this one too.
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_clerk') THEN CREATE ROLE ledger_clerk NOLOGIN; END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_reviewer') THEN CREATE ROLE ledger_reviewer NOLOGIN; END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_admin') THEN CREATE ROLE ledger_admin NOLOGIN; END IF;
          IF NOT pg_has_role('ledger_reviewer', 'ledger_clerk', 'MEMBER') THEN GRANT ledger_clerk TO ledger_reviewer; END IF;
          IF NOT pg_has_role('ledger_admin', 'ledger_reviewer', 'MEMBER') THEN GRANT ledger_reviewer TO ledger_admin; END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation OR internal_error THEN
          RAISE NOTICE 'ledger roles were being created by another session';
        END;
      END IF;
      -- Roles made by an administrator beforehand (another database of the cluster) are used as they are.
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_clerk') THEN
        RAISE NOTICE 'ledger roles missing and % may not create them: only the owner may write', current_user;
        RETURN;
      END IF;
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO ledger_clerk', current_schema());
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ledger_clerk', current_schema());
      EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ledger_clerk', current_schema());
      -- Tables later migrations create (as this same login) are the clerks' to use too.
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ledger_clerk', current_schema());
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO ledger_clerk', current_schema());
      -- Only the owner migrates; the audit log only grows.
      REVOKE INSERT, UPDATE, DELETE ON knex_migrations, knex_migrations_lock FROM ledger_clerk;
      REVOKE UPDATE, DELETE ON audit_log FROM ledger_clerk;
    END $$`);

  // May the login that connected do what `wanted` (owner, admin, reviewer, clerk) allows?
  // SECURITY DEFINER is not needed: pg_roles and pg_tables are readable by everyone.
  await knex.raw(`CREATE OR REPLACE FUNCTION ledger_session_may(wanted text) RETURNS boolean
    LANGUAGE plpgsql STABLE AS $$
    DECLARE owner name;
    BEGIN
      IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN RETURN true; END IF;
      SELECT tableowner INTO owner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'knex_migrations';
      IF owner IS NOT NULL AND pg_has_role(session_user, owner, 'MEMBER') THEN RETURN true; END IF;
      IF wanted = 'owner' THEN RETURN false; END IF;
      IF wanted = 'clerk' AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_clerk') AND pg_has_role(session_user, 'ledger_clerk', 'MEMBER') THEN RETURN true; END IF;
      IF wanted IN ('clerk', 'reviewer') AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_reviewer') AND pg_has_role(session_user, 'ledger_reviewer', 'MEMBER') THEN RETURN true; END IF;
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_admin') AND pg_has_role(session_user, 'ledger_admin', 'MEMBER') THEN RETURN true; END IF;
      RETURN false;
    END $$`);

  // TG_ARGV: the role needed, then what was refused (for the message).
  await knex.raw(`CREATE OR REPLACE FUNCTION ledger_require_role() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT ledger_session_may(TG_ARGV[0]) THEN
        RAISE EXCEPTION '%：%（当前登录：%）',
          CASE TG_ARGV[0] WHEN 'admin' THEN '${needAdmin}' ELSE '${needReviewer}' END, TG_ARGV[1], session_user
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$`);

  await knex.raw(`CREATE TRIGGER evaluations_lock_needs_reviewer BEFORE UPDATE ON evaluations FOR EACH ROW
    WHEN ((OLD.status = 'locked') IS DISTINCT FROM (NEW.status = 'locked') OR OLD.locked_at IS DISTINCT FROM NEW.locked_at)
    EXECUTE FUNCTION ledger_require_role('reviewer', '锁定或解锁考核评价')`);
  await knex.raw(`CREATE TRIGGER evaluations_insert_locked_needs_reviewer BEFORE INSERT ON evaluations FOR EACH ROW
    WHEN (NEW.status = 'locked' OR NEW.locked_at IS NOT NULL)
    EXECUTE FUNCTION ledger_require_role('reviewer', '锁定考核评价')`);
  for (const table of recyclable) {
    await knex.raw(`CREATE TRIGGER ${table}_restore_needs_reviewer BEFORE UPDATE ON ${table} FOR EACH ROW
      WHEN (OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL)
      EXECUTE FUNCTION ledger_require_role('reviewer', '从回收站恢复')`);
  }
  await knex.raw(`CREATE TRIGGER settings_need_admin BEFORE INSERT OR UPDATE OR DELETE ON settings FOR EACH ROW
    EXECUTE FUNCTION ledger_require_role('admin', '修改设置')`);
  await knex.raw('CREATE TRIGGER settings_truncate_needs_admin BEFORE TRUNCATE ON settings FOR EACH STATEMENT EXECUTE FUNCTION ledger_require_role(\'admin\', \'修改设置\')');

  // The audit log names the login that wrote it: a clerk cannot write a row in another name.
  await knex.raw(`CREATE OR REPLACE FUNCTION audit_log_operator_is_login() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.operator IS DISTINCT FROM session_user::text AND NOT ledger_session_may('owner') THEN
        RAISE EXCEPTION '操作日志的操作人必须是当前登录账号 %', session_user USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(`CREATE TRIGGER audit_log_operator_is_login BEFORE INSERT ON audit_log FOR EACH ROW
    EXECUTE FUNCTION audit_log_operator_is_login()`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.raw('DROP TRIGGER audit_log_operator_is_login ON audit_log');
  await knex.raw('DROP FUNCTION audit_log_operator_is_login()');
  await knex.raw('DROP TRIGGER settings_truncate_needs_admin ON settings');
  await knex.raw('DROP TRIGGER settings_need_admin ON settings');
  for (const table of recyclable) await knex.raw(`DROP TRIGGER ${table}_restore_needs_reviewer ON ${table}`);
  await knex.raw('DROP TRIGGER evaluations_insert_locked_needs_reviewer ON evaluations');
  await knex.raw('DROP TRIGGER evaluations_lock_needs_reviewer ON evaluations');
  await knex.raw('DROP FUNCTION ledger_require_role()');
  await knex.raw('DROP FUNCTION ledger_session_may(text)');
  // The group roles are cluster-wide and may serve other databases: they stay.
}
