// The look-up's answers as PostGIS gives them, for the test that the in-memory grid
// (server/analysis/grid-places.ts) answers the same: the statements the look-up ran before its
// answers moved into memory, kept here as the reference.
import type { Knex } from 'knex';

const nearestCentre = (pointSql: string) => `
  LEFT JOIN LATERAL (
    SELECT s.id, ST_Distance(s.geom::geography, (${pointSql})::geography) AS distance
    FROM (SELECT * FROM service_centres s WHERE s.region = :region ORDER BY s.geom <-> (${pointSql}) LIMIT 5) s
    ORDER BY distance, s.id LIMIT 1
  ) sc ON true`;

/** What an answer names: area, lead, group, building, centre (id and metres). */
export interface SqlAnswer {
  area: string;
  lead: string;
  group: string | null;
  building: string | null;
  centre: string | null;
  centreM: number | null;
}

const shape = (r: Record<string, unknown>): SqlAnswer => ({
  area: String(r.area_id),
  lead: `${r.lead_name} ${r.lead_phone}`,
  group: r.group_id === null ? null : String(r.group_id),
  building: r.building_id === null ? null : String(r.building_id),
  centre: r.centre_id === null ? null : String(r.centre_id),
  centreM: r.centre_id === null ? null : Math.round(Number(r.distance)),
});

/** The area holding the point, the nearest building of that area within `radiusM`, the nearest centre. */
export async function pointBySql(k: Knex, region: string, lng: number, lat: number, radiusM: number): Promise<SqlAnswer | null> {
  const point = 'ST_SetSRID(ST_MakePoint(:lng, :lat), 4326)';
  const { rows } = await k.raw(
    `SELECT a.id AS area_id, a.lead_name, a.lead_phone, nb.id AS building_id, nb.group_id, sc.id AS centre_id, sc.distance
     FROM contracted_areas a
     LEFT JOIN LATERAL (
       SELECT b.id, b.group_id, b.geom, ST_Distance(b.geom::geography, (${point})::geography) AS distance
       FROM buildings b
       WHERE b.region = a.region AND b.area_id = a.id AND b.geom && ST_Expand(${point}, ${radiusM / 80_000})
       ORDER BY b.geom <-> ${point} LIMIT 1
     ) nb ON nb.distance <= ${radiusM}
     ${nearestCentre(`coalesce(nb.geom, ${point})`)}
     WHERE a.region = :region AND ST_Intersects(a.geom, ${point})
     ORDER BY a.id LIMIT 1`,
    { region, lng, lat },
  );
  return rows[0] ? shape(rows[0]) : null;
}

/** Each building's answer by id. */
export async function buildingsBySql(k: Knex, region: string, ids: string[]): Promise<Map<string, SqlAnswer>> {
  const { rows } = await k.raw(
    `SELECT b.id AS building_id, b.group_id, a.id AS area_id, a.lead_name, a.lead_phone, sc.id AS centre_id, sc.distance
     FROM buildings b
     JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     ${nearestCentre('b.geom')}
     WHERE b.region = :region AND b.id IN (SELECT jsonb_array_elements_text(:ids::jsonb))`,
    { region, ids: JSON.stringify(ids) },
  );
  return new Map((rows as Array<Record<string, unknown>>).map((r) => [String(r.building_id), shape(r)]));
}
