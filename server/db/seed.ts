// Writes a generated city into the database in one transaction. Rows travel as one JSON
// parameter per chunk and are unpacked by jsonb_to_recordset: a few statements instead of
// tens of thousands, which matters on the single-threaded embedded database.
import type { Knex } from 'knex';
import type { City } from '../../data/city';
import { GROUP_OUTLINE } from '../features/groups/outline';

const CHUNK = 4000;

async function insertJson(trx: Knex.Transaction, sql: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx.raw(sql, [JSON.stringify(rows.slice(i, i + CHUNK))]);
  }
}

const geo = (column: string) => `ST_SetSRID(ST_GeomFromGeoJSON(${column}), 4326)`;
const multi = (column: string) => `ST_Multi(${geo(column)})`;

export async function loadCity(knex: Knex, city: City): Promise<void> {
  const r = city.region;
  // The region is written into the SQL text below, so it must be a plain code.
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(r)) throw new Error(`region code "${r}" is not a plain code`);
  await knex.transaction(async (trx) => {
    await insertJson(
      trx,
      `INSERT INTO towns (region, id, name, name_en, kind, geom)
       SELECT '${r}', id, name, "nameEn", kind, ${multi('geom')}
       FROM jsonb_to_recordset(?::jsonb) AS x(id text, name text, "nameEn" text, kind text, geom text)`,
      city.towns.map((t) => ({ ...t, geom: JSON.stringify(t.geom) })),
    );
    await insertJson(
      trx,
      `INSERT INTO communities (region, id, town_id, name, name_en, kind, geom)
       SELECT '${r}', id, "townId", name, "nameEn", kind, ${multi('geom')}
       FROM jsonb_to_recordset(?::jsonb) AS x(id text, "townId" text, name text, "nameEn" text, kind text, geom text)`,
      city.communities.map((c) => ({ ...c, geom: JSON.stringify(c.geom) })),
    );
    await insertJson(
      trx,
      `INSERT INTO villages (region, id, town_id, community_id, name, name_en, geom)
       SELECT '${r}', id, "townId", "communityId", name, "nameEn", ${multi('geom')}
       FROM jsonb_to_recordset(?::jsonb) AS x(id text, "townId" text, "communityId" text, name text, "nameEn" text, geom text)`,
      city.villages.map((v) => ({ ...v, geom: JSON.stringify(v.geom) })),
    );
    await insertJson(
      trx,
      `INSERT INTO contracted_areas (region, id, community_id, name, name_en, lead_name, lead_phone, geom)
       SELECT '${r}', id, "communityId", name, "nameEn", "leadName", "leadPhone", ${multi('geom')}
       FROM jsonb_to_recordset(?::jsonb)
         AS x(id text, "communityId" text, name text, "nameEn" text, "leadName" text, "leadPhone" text, geom text)`,
      city.areas.map((a) => ({ ...a, geom: JSON.stringify(a.geom) })),
    );
    await insertJson(
      trx,
      `INSERT INTO party_groups (region, id, area_id, name, name_en)
       SELECT '${r}', id, "areaId", name, "nameEn"
       FROM jsonb_to_recordset(?::jsonb) AS x(id text, "areaId" text, name text, "nameEn" text)`,
      city.groups,
    );
    await insertJson(
      trx,
      `INSERT INTO estates (region, id, community_id, name, concentrated)
       SELECT '${r}', id, "communityId", name, concentrated
       FROM jsonb_to_recordset(?::jsonb) AS x(id text, "communityId" text, name text, concentrated boolean)`,
      city.estates,
    );
    await insertJson(
      trx,
      `INSERT INTO buildings (region, id, area_id, group_id, estate_id, address, geom, footprint,
                              households, population, party_members)
       SELECT '${r}', id, "areaId", "groupId", "estateId", address, ${geo('point')},
              CASE WHEN footprint IS NULL THEN NULL ELSE ${geo('footprint')} END,
              households, population, "partyMembers"
       FROM jsonb_to_recordset(?::jsonb)
         AS x(id text, "areaId" text, "groupId" text, "estateId" text, address text, point text,
              footprint text, households int, population int, "partyMembers" int)`,
      city.buildings.map((b) => ({
        ...b,
        point: JSON.stringify(b.point),
        footprint: b.footprint ? JSON.stringify(b.footprint) : null,
      })),
    );
    // Statistics from before this city would plan the join below as if its rows were not there
    // (a nested loop over every group of the region for each one): a second city into a
    // database that holds one took past the statement timeout. ANALYZE counts this transaction's rows.
    await trx.raw('ANALYZE buildings, party_groups');
    await trx.raw(
      `UPDATE party_groups g SET geom = h.geom
       FROM (SELECT group_id, ${GROUP_OUTLINE} AS geom
             FROM buildings WHERE region = ? GROUP BY group_id) h
       WHERE g.region = ? AND g.id = h.group_id`,
      [r, r],
    );
    await insertJson(
      trx,
      `INSERT INTO address_aliases (region, community_id, alias)
       SELECT '${r}', "communityId", alias FROM jsonb_to_recordset(?::jsonb) AS x("communityId" text, alias text)`,
      city.aliases,
    );
    await insertJson(
      trx,
      `INSERT INTO party_orgs (region, id, level, unit_id, name, form, members, secretary, volunteers)
       SELECT '${r}', id, level, "unitId", name, form, members, secretary, volunteers
       FROM jsonb_to_recordset(?::jsonb)
         AS x(id text, level int, "unitId" text, name text, form text, members int, secretary text, volunteers int)`,
      city.partyOrgs,
    );
    await insertJson(
      trx,
      `INSERT INTO service_centres (region, id, community_id, kind, name, geom, floor_area, radius_m, hours, service_items)
       SELECT '${r}', id, "communityId", kind, name, ${geo('point')}, "floorArea", "radiusM", hours, "serviceItems"
       FROM jsonb_to_recordset(?::jsonb)
         AS x(id text, "communityId" text, kind text, name text, point text, "floorArea" numeric,
              "radiusM" numeric, hours text, "serviceItems" int)`,
      city.centres.map((c) => ({ ...c, point: JSON.stringify(c.point) })),
    );
    await insertJson(
      trx,
      `INSERT INTO pairings (region, org_name, org_kind, community_id, source_geom)
       SELECT '${r}', "orgName", "orgKind", "communityId", ${geo('source')}
       FROM jsonb_to_recordset(?::jsonb) AS x("orgName" text, "orgKind" text, "communityId" text, source text)`,
      city.pairings.map((p) => ({ ...p, source: JSON.stringify(p.source) })),
    );
    await insertJson(
      trx,
      `INSERT INTO basemap_features (region, kind, name, geom)
       SELECT '${r}', kind, name, ${geo('geom')} FROM jsonb_to_recordset(?::jsonb) AS x(kind text, name text, geom text)`,
      city.basemap.map((f) => ({ ...f, geom: JSON.stringify(f.geom) })),
    );
  });
  await knex.raw('ANALYZE');
}

export async function regionIsEmpty(knex: Knex, region: string): Promise<boolean> {
  const row = await knex('towns').where({ region }).first('id');
  return row === undefined;
}

export async function deleteRegion(knex: Knex, region: string): Promise<void> {
  await knex.transaction(async (trx) => {
    for (const table of [
      'visits', 'request_updates', 'requests', 'basemap_features', 'pairings', 'service_centres', 'party_orgs', 'address_aliases', 'buildings',
      'estates', 'party_groups', 'contracted_areas', 'villages', 'communities', 'towns',
    ]) {
      await trx(table).where({ region }).delete();
    }
  });
}
