// The look-up's search keys: every building's address in canonical form (server/analysis/address),
// split into the parts the search compares, and every estate's names for fuzzy search. Derived from buildings, estates, communities and
// towns, and rebuilt by server/features/lookup/keys.ts whenever their signature changes, so it
// has no foreign keys of its own: a restore or a reseed cannot be blocked by it.
// One statement per knex.raw, because PGlite prepares each query as a single command.
import type { Knex } from 'knex';

const STATEMENTS = [
  // One row a building: its place words and number, for exact matches (the bulk matcher's first pass).
  `CREATE TABLE address_keys (
    region text NOT NULL,
    building_id text NOT NULL,
    estate_id text NOT NULL,
    -- community + estate as the address writes them, canonical (长泾社区港洲新城)
    place text NOT NULL,
    -- the estate alone (港洲新城)
    estate text NOT NULL,
    number integer,
    PRIMARY KEY (region, building_id)
  )`,
  'CREATE INDEX address_keys_place_idx ON address_keys (region, place, number)',
  'CREATE INDEX address_keys_estate_name_idx ON address_keys (region, estate, number)',
  'CREATE INDEX address_keys_estate_idx ON address_keys (region, estate_id, number)',
  // One row an estate: what typo-tolerant search compares, once per place rather than once per building.
  `CREATE TABLE place_keys (
    region text NOT NULL,
    estate_id text NOT NULL,
    community_id text NOT NULL,
    -- words compared by trigram word similarity: community + estate, estate, community
    names text NOT NULL,
    -- the same words in toneless pinyin, for typos that sound right (港州 for 港洲), and their initials
    names_pinyin text NOT NULL,
    initials text NOT NULL,
    PRIMARY KEY (region, estate_id)
  )`,
  'CREATE INDEX place_keys_names_trgm_idx ON place_keys USING gin (names gin_trgm_ops)',
  'CREATE INDEX place_keys_pinyin_trgm_idx ON place_keys USING gin (names_pinyin gin_trgm_ops)',
  'CREATE INDEX place_keys_initials_trgm_idx ON place_keys USING gin (initials gin_trgm_ops)',
  'CREATE INDEX place_keys_community_idx ON place_keys (region, community_id)',
  // What the keys were built from, so a change to the sources is noticed.
  `CREATE TABLE address_keys_state (
    region text PRIMARY KEY,
    signature text NOT NULL
  )`,
];

export async function up(knex: Knex): Promise<void> {
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS address_keys, place_keys, address_keys_state');
}
