// The look-up's search keys moved into memory beside the database (server/features/lookup/index-keeper.ts):
// the derived tables of 005 are dropped. Old village names (address_aliases) are data and stay.
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';
import { up as createKeys } from './005_lookup';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS address_keys, place_keys, address_keys_state');
}

/** Back to the tables of 005, empty: the version before this one rebuilds them at its next look-up. */
export async function down(knex: Knex): Promise<void> {
  await createKeys(knex);
}
