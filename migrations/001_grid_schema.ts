// The four-level grid and everything hung on it. Every table carries `region` (city code) as
// the first key column, so one database can hold several cities and a distributed PostgreSQL
// could shard by it. Tables that planners edit carry version / updated_at / updated_by.
import type { Knex } from 'knex';

const EDITABLE = `
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL DEFAULT 'system'`;

// PGlite prepares every query, and a prepared statement holds one command: run them one by one.
async function runEach(knex: Knex, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await knex.raw(statement);
  }
}

export async function up(knex: Knex): Promise<void> {
  await runEach(knex, `
    CREATE EXTENSION IF NOT EXISTS postgis;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE towns (
      region text NOT NULL,
      id text NOT NULL,
      name text NOT NULL,
      name_en text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('town', 'street')),
      geom geometry(MultiPolygon, 4326) NOT NULL,
      ${EDITABLE},
      PRIMARY KEY (region, id)
    );

    CREATE TABLE communities (
      region text NOT NULL,
      id text NOT NULL,
      town_id text NOT NULL,
      name text NOT NULL,
      name_en text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('rural', 'village_residence', 'township', 'urban')),
      geom geometry(MultiPolygon, 4326) NOT NULL,
      ${EDITABLE},
      PRIMARY KEY (region, id),
      FOREIGN KEY (region, town_id) REFERENCES towns (region, id)
    );

    CREATE TABLE villages (
      region text NOT NULL,
      id text NOT NULL,
      town_id text NOT NULL,
      community_id text NOT NULL,
      name text NOT NULL,
      name_en text NOT NULL,
      geom geometry(MultiPolygon, 4326) NOT NULL,
      ${EDITABLE},
      PRIMARY KEY (region, id),
      FOREIGN KEY (region, town_id) REFERENCES towns (region, id),
      FOREIGN KEY (region, community_id) REFERENCES communities (region, id)
    );

    CREATE TABLE contracted_areas (
      region text NOT NULL,
      id text NOT NULL,
      community_id text NOT NULL,
      name text NOT NULL,
      name_en text NOT NULL,
      lead_name text NOT NULL,
      lead_phone text NOT NULL,
      geom geometry(MultiPolygon, 4326) NOT NULL,
      ${EDITABLE},
      PRIMARY KEY (region, id),
      FOREIGN KEY (region, community_id) REFERENCES communities (region, id)
    );

    CREATE TABLE party_groups (
      region text NOT NULL,
      id text NOT NULL,
      area_id text NOT NULL,
      name text NOT NULL,
      name_en text NOT NULL,
      -- hull of the group's buildings, kept for drawing; buildings stay the truth
      geom geometry(Polygon, 4326),
      ${EDITABLE},
      PRIMARY KEY (region, id),
      FOREIGN KEY (region, area_id) REFERENCES contracted_areas (region, id)
    );

    CREATE TABLE estates (
      region text NOT NULL,
      id text NOT NULL,
      community_id text NOT NULL,
      name text NOT NULL,
      concentrated boolean NOT NULL,
      ${EDITABLE},
      PRIMARY KEY (region, id),
      FOREIGN KEY (region, community_id) REFERENCES communities (region, id)
    );

    CREATE TABLE buildings (
      region text NOT NULL,
      id text NOT NULL,
      area_id text NOT NULL,
      group_id text NOT NULL,
      estate_id text NOT NULL,
      address text NOT NULL,
      geom geometry(Point, 4326) NOT NULL,
      footprint geometry(Polygon, 4326),
      households integer NOT NULL CHECK (households >= 0),
      population integer NOT NULL CHECK (population >= 0),
      party_members integer NOT NULL CHECK (party_members >= 0),
      ${EDITABLE},
      PRIMARY KEY (region, id),
      FOREIGN KEY (region, area_id) REFERENCES contracted_areas (region, id),
      FOREIGN KEY (region, group_id) REFERENCES party_groups (region, id),
      FOREIGN KEY (region, estate_id) REFERENCES estates (region, id)
    );

    -- Other names residents use for a place (old village names for today's community).
    CREATE TABLE address_aliases (
      region text NOT NULL,
      id serial,
      community_id text NOT NULL,
      alias text NOT NULL,
      PRIMARY KEY (region, id),
      FOREIGN KEY (region, community_id) REFERENCES communities (region, id)
    );

    CREATE TABLE party_orgs (
      region text NOT NULL,
      id text NOT NULL,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
      unit_id text NOT NULL,
      name text NOT NULL,
      form text NOT NULL CHECK (form IN ('党委', '党总支', '党支部', '党小组')),
      members integer NOT NULL CHECK (members >= 0),
      secretary text NOT NULL,
      volunteers integer NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
      ${EDITABLE},
      PRIMARY KEY (region, id)
    );

    CREATE TABLE service_centres (
      region text NOT NULL,
      id text NOT NULL,
      community_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('party_service', 'convenience', 'labour')),
      name text NOT NULL,
      geom geometry(Point, 4326) NOT NULL,
      floor_area numeric NOT NULL CHECK (floor_area > 0),
      radius_m numeric NOT NULL CHECK (radius_m > 0),
      hours text NOT NULL,
      service_items integer NOT NULL CHECK (service_items >= 0),
      ${EDITABLE},
      PRIMARY KEY (region, id),
      FOREIGN KEY (region, community_id) REFERENCES communities (region, id)
    );

    CREATE TABLE pairings (
      region text NOT NULL,
      id serial,
      org_name text NOT NULL,
      org_kind text NOT NULL CHECK (org_kind IN ('agency', 'unit', 'urban_community')),
      community_id text NOT NULL,
      ${EDITABLE},
      PRIMARY KEY (region, id),
      FOREIGN KEY (region, community_id) REFERENCES communities (region, id)
    );

    -- Water and roads for the offline basemap.
    CREATE TABLE basemap_features (
      region text NOT NULL,
      id serial,
      kind text NOT NULL,
      name text NOT NULL,
      geom geometry(Geometry, 4326) NOT NULL,
      PRIMARY KEY (region, id)
    );

    CREATE INDEX towns_geom_idx ON towns USING gist (geom);
    CREATE INDEX communities_geom_idx ON communities USING gist (geom);
    CREATE INDEX villages_geom_idx ON villages USING gist (geom);
    CREATE INDEX contracted_areas_geom_idx ON contracted_areas USING gist (geom);
    CREATE INDEX party_groups_geom_idx ON party_groups USING gist (geom);
    CREATE INDEX buildings_geom_idx ON buildings USING gist (geom);
    CREATE INDEX buildings_footprint_idx ON buildings USING gist (footprint);
    CREATE INDEX service_centres_geom_idx ON service_centres USING gist (geom);
    CREATE INDEX basemap_features_geom_idx ON basemap_features USING gist (geom);

    CREATE INDEX communities_town_idx ON communities (region, town_id);
    CREATE INDEX villages_town_idx ON villages (region, town_id);
    CREATE INDEX villages_community_idx ON villages (region, community_id);
    CREATE INDEX contracted_areas_community_idx ON contracted_areas (region, community_id);
    CREATE INDEX party_groups_area_idx ON party_groups (region, area_id);
    CREATE INDEX buildings_area_idx ON buildings (region, area_id);
    CREATE INDEX buildings_group_idx ON buildings (region, group_id);
    CREATE INDEX party_orgs_unit_idx ON party_orgs (region, level, unit_id);
    CREATE INDEX service_centres_community_idx ON service_centres (region, community_id);
    CREATE INDEX buildings_address_trgm_idx ON buildings USING gin (address gin_trgm_ops);
    CREATE INDEX address_aliases_trgm_idx ON address_aliases USING gin (alias gin_trgm_ops);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS basemap_features, pairings, service_centres, party_orgs, address_aliases,
      buildings, estates, party_groups, contracted_areas, villages, communities, towns;
  `);
}
