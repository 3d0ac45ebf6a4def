// Keeping the registers current (登记簿): old village names become versioned objects like the
// others (a stale removal is a 409, each change has a history), and the history keeps objects
// that have no place on the map (an organisation, an old village name, a pairing entered
// without where its organisation sits), so their versions have no geometry.
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

const STATEMENTS = [
  `ALTER TABLE address_aliases
     ADD COLUMN version integer NOT NULL DEFAULT 1,
     ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
     ADD COLUMN updated_by text NOT NULL DEFAULT 'system'`,
  'ALTER TABLE object_versions ALTER COLUMN geom DROP NOT NULL',
  // The registers page lists a community's old names; the look-up reads them by trigram.
  'CREATE INDEX address_aliases_community_idx ON address_aliases (region, community_id)',
];

export async function up(knex: Knex): Promise<void> {
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS address_aliases_community_idx');
  await knex.raw('DELETE FROM object_versions WHERE geom IS NULL');
  await knex.raw('ALTER TABLE object_versions ALTER COLUMN geom SET NOT NULL');
  await knex.raw('ALTER TABLE address_aliases DROP COLUMN version, DROP COLUMN updated_at, DROP COLUMN updated_by');
}
