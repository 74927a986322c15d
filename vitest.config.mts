import { defineConfig } from 'vitest/config';
import fs from 'node:fs';

/**
 * The repository and service tests, run a second time on PostgreSQL (LEDGER_TEST_ENGINE):
 * they reach the database only through test/support/test-database.ts. Everything else —
 * end-to-end in Chromium, LibreOffice, the Electron stand-in, CLI processes, file formats,
 * SQLite's own files (backup, crash safety, locks) — runs on SQLite only. So do the tests
 * whose setup is SQLite SQL of its own (reports-large fills 100k activities with randomblob(),
 * api-sweep counts writes with total_changes(), fuzz-import lists tables from sqlite_master) or
 * that are about files, not queries (import-files, indicator-excel, sample-templates).
 */
export const bothEngines = [
  'activities',
  'alliances',
  'audit-chain',
  'concurrent-clerks',
  'cooperation-projects',
  'dashboard',
  'evaluations',
  'exports-inert',
  'import-kinds',
  'import-problems',
  'list-exports',
  'problems',
  'regions-settings',
  'reminders',
  'reports',
  'sample-data',
  'schools',
  'shared-courses',
  'supervisions',
  'teacher-exchanges',
].map((name) => `test/${name}.test.ts`);

/** Only meaningful against a PostgreSQL server: run in the postgres project alone. */
const postgresOnly = ['test/postgres.test.ts', 'test/postgres-*.test.ts'];

// As test/support/postgres.ts's postgresBin() looks for it (Debian's postgresql package).
const postgresAvailable =
  fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
if (!postgresAvailable) {
  console.log('[postgres] 未找到 PostgreSQL 服务器程序，PostgreSQL 测试跳过，仓库/服务测试只在 SQLite 上运行（apt-get install postgresql）');
}

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true as const,
        test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: postgresOnly },
      },
      ...(postgresAvailable
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: [...bothEngines, ...postgresOnly],
                env: { LEDGER_TEST_ENGINE: 'postgres' },
                globalSetup: ['test/support/postgres-global.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
