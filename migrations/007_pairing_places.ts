// Where a paired organisation sits (结对共建), so the coverage map can draw an arc from it to the
// community it is paired with. A point rather than a community id: an urban community that a
// merger later reshapes or removes must not take its pairings' places with it, and the community
// holding the point is found when asked. Nullable: a pairing entered without a place is still
// counted, only drawn without an arc.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE pairings ADD COLUMN source_geom geometry(Point, 4326)');
  // A city seeded before this migration gets places by the generator's rules, from its own
  // tables: an urban community's pairings at that community (its level-2 organisation by name),
  // agencies at the first street community (the city centre), a resident unit at one of the
  // street communities' buildings, spread by the pairing's id. A new database has no rows yet.
  await knex.raw(`
    UPDATE pairings p SET source_geom = ST_PointOnSurface(c.geom)
    FROM party_orgs o JOIN communities c ON c.region = o.region AND c.id = o.unit_id
    WHERE p.org_kind = 'urban_community' AND p.source_geom IS NULL
      AND o.region = p.region AND o.level = 2 AND o.name = p.org_name`);
  await knex.raw(`
    UPDATE pairings p SET source_geom = (
      SELECT ST_PointOnSurface(c.geom) FROM communities c
      WHERE c.region = p.region AND c.kind = 'urban' ORDER BY c.id LIMIT 1)
    WHERE p.org_kind = 'agency' AND p.source_geom IS NULL`);
  await knex.raw(`
    WITH street AS (
      SELECT b.region, b.geom, row_number() OVER (PARTITION BY b.region ORDER BY b.id) - 1 AS n,
             count(*) OVER (PARTITION BY b.region) AS total
      FROM buildings b
      JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
      JOIN communities c ON c.region = a.region AND c.id = a.community_id
      WHERE c.kind = 'urban')
    UPDATE pairings p SET source_geom = s.geom
    FROM street s
    WHERE p.org_kind = 'unit' AND p.source_geom IS NULL AND s.region = p.region AND s.n = p.id % s.total`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE pairings DROP COLUMN IF EXISTS source_geom');
}
