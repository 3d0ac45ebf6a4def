// Turning found buildings (or a map point) into look-up answers: the building's place in the
// grid, its lead, and the nearest service centre measured on the ellipsoid.
import type { Knex } from 'knex';
import type { LookupResult, MatchKind, NearestCentre } from './types';

/** A look-up answer's grid part, before the search says how it was found and how sure it is. */
export type GridAnswer = Omit<LookupResult, 'certainty' | 'caveats' | 'missing'>;

/**
 * The nearest centre to `pointSql`: the few nearest by planar distance (index order), then the
 * nearest of those in metres; at this latitude the two orders agree except on near ties.
 */
export const nearestCentreSql = (pointSql: string) => `
  LEFT JOIN LATERAL (
    SELECT s.id, s.name, s.kind, s.hours, ST_X(s.geom) AS lng, ST_Y(s.geom) AS lat,
           ST_Distance(s.geom::geography, (${pointSql})::geography) AS distance
    FROM (SELECT * FROM service_centres s WHERE s.region = :region ORDER BY s.geom <-> (${pointSql}) LIMIT 5) s
    ORDER BY distance, s.id LIMIT 1
  ) sc ON true`;

/** The chain from an area up to its town, with the lead. */
export const AREA_CHAIN = `
  JOIN communities c ON c.region = a.region AND c.id = a.community_id
  JOIN towns tw ON tw.region = c.region AND tw.id = c.town_id`;

export const ANSWER_COLUMNS = `
  tw.id AS town_id, tw.name AS town_name, c.id AS community_id, c.name AS community_name,
  a.id AS area_id, a.name AS area_name, a.lead_name, a.lead_phone,
  sc.id AS centre_id, sc.name AS centre_name, sc.kind AS centre_kind, sc.hours AS centre_hours,
  sc.lng AS centre_lng, sc.lat AS centre_lat, sc.distance AS centre_distance`;

type Row = Record<string, string | number | null>;

function centreOf(r: Row): NearestCentre | null {
  if (r.centre_id === null || r.centre_id === undefined) return null;
  return {
    id: String(r.centre_id),
    name: String(r.centre_name),
    kind: r.centre_kind as NearestCentre['kind'],
    hours: String(r.centre_hours),
    location: [Number(r.centre_lng), Number(r.centre_lat)],
    distanceM: Math.round(Number(r.centre_distance)),
  };
}

/** The answer's grid part from a row with ANSWER_COLUMNS. */
export function answerOf(r: Row, match: MatchKind, location: [number, number]): GridAnswer {
  return {
    match,
    location,
    town: { id: String(r.town_id), name: String(r.town_name) },
    community: { id: String(r.community_id), name: String(r.community_name) },
    area: { id: String(r.area_id), name: String(r.area_name) },
    lead: { name: String(r.lead_name), phone: String(r.lead_phone) },
    group: r.group_id === null || r.group_id === undefined ? null : { id: String(r.group_id), name: String(r.group_name) },
    building: null,
    centre: centreOf(r),
  };
}

/** The grid part of the answer for each of these buildings, by id (a building since removed is absent). */
export async function answersFor(k: Knex, region: string, buildingIds: string[]): Promise<Map<string, GridAnswer>> {
  if (buildingIds.length === 0) return new Map();
  const { rows } = await k.raw(
    `SELECT b.id AS building_id, b.address, ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat,
            g.id AS group_id, g.name AS group_name, ${ANSWER_COLUMNS}
     FROM buildings b
     JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     ${AREA_CHAIN}
     LEFT JOIN party_groups g ON g.region = b.region AND g.id = b.group_id
     ${nearestCentreSql('b.geom')}
     WHERE b.region = :region AND b.id IN (SELECT jsonb_array_elements_text(:ids::jsonb))`,
    { region, ids: JSON.stringify([...new Set(buildingIds)]) },
  );
  return new Map((rows as Row[]).map((r) => {
    const id = String(r.building_id);
    return [id, { address: String(r.address), ...answerOf(r, 'exact', [Number(r.lng), Number(r.lat)]), building: { id } }];
  }));
}
