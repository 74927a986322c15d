// Clerks' own logins on a test PostgreSQL server, as an administrator sets them up
// (README, "多人共用 PostgreSQL"): a LOGIN role granted one ledger group role, which must give
// its password — the test server otherwise trusts every local connection.
import fs from 'node:fs';
import type { Db } from '../../db/connection';

export async function addLogin(owner: Db, name: string, password: string, role: 'ledger_clerk' | 'ledger_reviewer' | 'ledger_admin'): Promise<void> {
  await owner.raw(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE ${role}`);
  const hba = (await owner.raw('SHOW hba_file')).rows[0].hba_file as string;
  fs.writeFileSync(hba, `host all ${name} 127.0.0.1/32 scram-sha-256\n${fs.readFileSync(hba, 'utf8')}`);
  await owner.raw('SELECT pg_reload_conf()');
}
