// Migrations are listed, not discovered, so that bundling cannot lose one.
// Never edit a migration that has shipped; add the next one.
import type { Knex } from 'knex';
import * as m001 from './001-regions-schools-settings';
import * as m002 from './002-alliances';
import * as m003 from './003-ledgers';
import * as m004 from './004-supervision';
import * as m005 from './005-evaluations';
import * as m006 from './006-reminders';
import * as m007 from './007-search-index';
import * as m008 from './008-alliance-member-indexes';
import * as m009 from './009-activity-list';
import * as m010 from './010-evaluation-rules';
import * as m011 from './011-audit-chain';
import * as m012 from './012-row-versions';
import * as m013 from './013-roles';
import * as m014 from './014-audit-packages';

export interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const migrations: MigrationList = [
  ['001-regions-schools-settings', m001],
  ['002-alliances', m002],
  ['003-ledgers', m003],
  ['004-supervision', m004],
  ['005-evaluations', m005],
  ['006-reminders', m006],
  ['007-search-index', m007],
  ['008-alliance-member-indexes', m008],
  ['009-activity-list', m009],
  ['010-evaluation-rules', m010],
  ['011-audit-chain', m011],
  ['012-row-versions', m012],
  ['013-roles', m013],
  ['014-audit-packages', m014],
];

export type MigrationList = ReadonlyArray<readonly [string, Migration]>;

/** A knex migration source over a list (tests pass their own, e.g. one that fails). */
export function sourceOf(list: MigrationList): Knex.MigrationSource<string> {
  return {
    getMigrations: async () => list.map(([name]) => name),
    getMigrationName: (name) => name,
    getMigration: async (name) => {
      const found = list.find(([n]) => n === name);
      if (!found) throw new Error(`Unknown migration ${name}`);
      return found[1];
    },
  };
}

export const migrationSource: Knex.MigrationSource<string> = sourceOf(migrations);
