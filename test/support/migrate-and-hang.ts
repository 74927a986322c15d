// A child process for the migration-kill test: opens the ledger given on the command line
// with one extra migration that changes the schema, says so on stdout, and then hangs
// inside the migration until the test kills the process.
import type { Knex } from 'knex';
import { openDatabase } from '../../db/connection';
import { migrations } from '../../db/migrations';

const hang = {
  async up(knex: Knex) {
    await knex.schema.createTable('half_done', (t) => t.integer('n'));
    await knex('half_done').insert({ n: 1 });
    process.stdout.write('migrating\n');
    await new Promise(() => undefined);
  },
  async down() {},
};

void openDatabase(process.argv[2]!, { migrations: [...migrations, ['099-hang', hang]] });
