// Where a paired organisation sits (结对共建), so the coverage map can draw an arc from it to the
// community it is paired with. A point rather than a community id: an urban community that a
// merger later reshapes or removes must not take its pairings' places with it, and the community
// holding the point is found when asked. Nullable: a city seeded before this migration, or a
// pairing entered without a place, is still counted, only drawn without an arc.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE pairings ADD COLUMN source_geom geometry(Point, 4326)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE pairings DROP COLUMN IF EXISTS source_geom');
}
