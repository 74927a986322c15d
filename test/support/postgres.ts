// A throwaway PostgreSQL server for tests: initdb + pg_ctl from Debian's postgresql
// package on 127.0.0.1 and a private port, as the `postgres` user when run as root.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestPostgres {
  url: string;
  stop(): void;
}

export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  return null;
}

export function startPostgres(): TestPostgres {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found: apt-get install postgresql');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pg-'));
  const data = path.join(dir, 'data');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  // initdb refuses to run as root; run the server tools as the postgres user then.
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { stdio: 'pipe', cwd: dir })
      : execFileSync(path.join(bin, tool), args, { stdio: 'pipe', cwd: dir });
  run('initdb', ['-D', data, '-U', 'ledger', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  // A throwaway server need not survive a power cut: no fsync (-F), no waiting for the WAL
  // at commit — each test's many small transactions and CREATE DATABASEs stop waiting on the disk.
  const fast = '-F -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0';
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -h 127.0.0.1 ${fast}`, 'start']);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'ledger', 'ledger']);
  return {
    url: `postgres://ledger@127.0.0.1:${port}/ledger`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
