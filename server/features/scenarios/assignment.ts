// Where everything of a touched community goes under a scenario, as SQL shared by the comparison
// and the adoption, so what is compared is what gets adopted. A "unit" is a new community
// ('g:' + group key) or a current one keeping the rest of its villages ('c:' + id).
// Villages go with their group; a contracted area (and its buildings) with the village holding
// its interior point, a party service centre with the village holding it; what no village holds
// goes to the community's successor, the unit receiving most of its land.
import type { ResolvedGroup } from './members';

/** Bindings for ASSIGNMENT: the region and every (village, group) pair. */
export const assignmentBindings = (region: string, groups: ResolvedGroup[]) => ({
  region,
  members: JSON.stringify(groups.flatMap((g) => g.members.map((village) => ({ village, grp: g.key })))),
});

export const ASSIGNMENT = `
  m AS (SELECT x.village, x.grp FROM jsonb_to_recordset(:members::jsonb) AS x(village text, grp text)),
  touched AS (SELECT DISTINCT v.community_id AS id FROM villages v JOIN m ON m.village = v.id WHERE v.region = :region),
  vu AS (
    SELECT v.id, v.community_id, v.town_id, v.geom, m.grp, coalesce('g:' || m.grp, 'c:' || v.community_id) AS unit, ST_Area(v.geom::geography) AS land
    FROM villages v LEFT JOIN m ON m.village = v.id
    WHERE v.region = :region AND v.community_id IN (SELECT id FROM touched)),
  successor AS (
    SELECT DISTINCT ON (community_id) community_id, unit
    FROM (SELECT community_id, unit, sum(land) AS land FROM vu GROUP BY 1, 2) s
    ORDER BY community_id, land DESC, unit),
  au AS MATERIALIZED (
    SELECT a.id, a.community_id,
           coalesce((SELECT vu.unit FROM vu WHERE vu.community_id = a.community_id AND ST_Intersects(vu.geom, ST_PointOnSurface(a.geom)) LIMIT 1), s.unit) AS unit
    FROM contracted_areas a JOIN successor s ON s.community_id = a.community_id
    WHERE a.region = :region),
  cu AS MATERIALIZED (
    SELECT c.id, c.geom, c.radius_m, c.kind, c.community_id,
           coalesce((SELECT vu.unit FROM vu WHERE vu.community_id = c.community_id AND ST_Intersects(vu.geom, c.geom) LIMIT 1), s.unit) AS unit
    FROM service_centres c JOIN successor s ON s.community_id = c.community_id
    WHERE c.region = :region)`;
