// The figures of a scenario, read from the data: each unit's residents, land, members and
// service-centre reach before and after, each group's outline, borders and surroundings.
import type { Knex } from 'knex';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ASSIGNMENT, assignmentBindings } from './assignment';
import type { ResolvedGroup } from './members';

export interface UnitFigures {
  unit: string;
  buildings: number;
  population: number;
  households: number;
  partyMembers: number;
  landM2: number;
  /** Population within a party service centre's radius, of the unit after / of each building's community now. */
  coveredAfter: number;
  coveredBefore: number;
  /** Farthest building from its nearest party service centre, metres; null without a centre. */
  farthestAfterM: number | null;
  farthestBeforeM: number | null;
}

export interface CommunityNow {
  id: string;
  name: string;
  townId: string;
  kind: string;
  orgForm: string | null;
  orgMembers: number | null;
  /** Villages it keeps under the scenario. */
  keeps: number;
  successor: string;
  /** Its land by unit after, m². */
  landTo: Record<string, number>;
}

export interface GroupShape {
  key: string;
  outline: Polygon | MultiPolygon;
  villageTowns: Record<string, string>;
  borders: Array<[string, string]>;
  around: Array<{ id: string; point: Position }>;
}

type Row = Record<string, unknown>;

const num = (v: unknown) => Number(v ?? 0);
const maybe = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));

export async function unitFigures(k: Knex, region: string, groups: ResolvedGroup[]): Promise<UnitFigures[]> {
  const { rows } = await k.raw(
    `WITH ${ASSIGNMENT},
     bu AS MATERIALIZED (
       SELECT b.geom, b.population, b.households, b.party_members, au.unit, au.community_id
       FROM buildings b JOIN au ON au.id = b.area_id WHERE b.region = :region),
     ps AS (SELECT * FROM cu WHERE kind = 'party_service'),
     bd AS MATERIALIZED (
       SELECT bu.*,
         EXISTS (SELECT 1 FROM ps WHERE ps.unit = bu.unit AND ST_DWithin(ps.geom::geography, bu.geom::geography, ps.radius_m::float8)) AS cov_after,
         EXISTS (SELECT 1 FROM ps WHERE ps.community_id = bu.community_id AND ST_DWithin(ps.geom::geography, bu.geom::geography, ps.radius_m::float8)) AS cov_before,
         (SELECT min(ST_Distance(ps.geom::geography, bu.geom::geography)) FROM ps WHERE ps.unit = bu.unit) AS d_after,
         (SELECT min(ST_Distance(ps.geom::geography, bu.geom::geography)) FROM ps WHERE ps.community_id = bu.community_id) AS d_before
       FROM bu),
     land AS (SELECT unit, sum(land) AS land FROM vu GROUP BY unit)
     SELECT land.unit, count(bd.unit) AS buildings, sum(bd.population) AS population, sum(bd.households) AS households,
            sum(bd.party_members) AS party_members, land.land,
            sum(bd.population) FILTER (WHERE bd.cov_after) AS covered_after, sum(bd.population) FILTER (WHERE bd.cov_before) AS covered_before,
            max(bd.d_after) AS far_after, max(bd.d_before) AS far_before
     FROM land LEFT JOIN bd ON bd.unit = land.unit
     GROUP BY land.unit, land.land ORDER BY land.unit`,
    assignmentBindings(region, groups),
  );
  return (rows as Row[]).map((r) => ({
    unit: String(r.unit),
    buildings: num(r.buildings),
    population: num(r.population),
    households: num(r.households),
    partyMembers: num(r.party_members),
    landM2: Math.round(num(r.land)),
    coveredAfter: num(r.covered_after),
    coveredBefore: num(r.covered_before),
    farthestAfterM: maybe(r.far_after),
    farthestBeforeM: maybe(r.far_before),
  }));
}

/** The current communities a scenario touches, with their level-2 organisation and where their land goes. */
export async function touchedCommunities(k: Knex, region: string, groups: ResolvedGroup[]): Promise<CommunityNow[]> {
  const { rows } = await k.raw(
    `WITH ${ASSIGNMENT}
     SELECT c.id, c.name, c.town_id, c.kind, o.form, o.members, s.unit AS successor,
            (SELECT count(*) FROM vu WHERE vu.community_id = c.id AND vu.grp IS NULL) AS keeps,
            (SELECT jsonb_object_agg(t.unit, t.land) FROM (SELECT unit, sum(land) AS land FROM vu WHERE vu.community_id = c.id GROUP BY unit) t) AS land_to
     FROM communities c JOIN successor s ON s.community_id = c.id
     LEFT JOIN party_orgs o ON o.region = c.region AND o.level = 2 AND o.unit_id = c.id
     WHERE c.region = :region ORDER BY c.id`,
    assignmentBindings(region, groups),
  );
  return (rows as Row[]).map((r) => ({
    id: String(r.id),
    name: String(r.name),
    townId: String(r.town_id),
    kind: String(r.kind),
    orgForm: (r.form as string | null) ?? null,
    orgMembers: r.members === null ? null : num(r.members),
    keeps: num(r.keeps),
    successor: String(r.successor),
    landTo: Object.fromEntries(Object.entries((typeof r.land_to === 'string' ? JSON.parse(r.land_to) : r.land_to) as Record<string, number>).map(([u, a]) => [u, Math.round(a)])),
  }));
}

/** Each group's unioned outline, towns, shared borders between its villages and the units around it (for enclaves). */
export async function groupShapes(k: Knex, region: string, groups: ResolvedGroup[]): Promise<GroupShape[]> {
  const bindings = assignmentBindings(region, groups);
  const { rows } = await k.raw(
    `WITH m AS (SELECT x.village, x.grp FROM jsonb_to_recordset(:members::jsonb) AS x(village text, grp text)),
     un AS (
       SELECT m.grp, ST_Union(v.geom) AS geom, jsonb_object_agg(v.id, v.town_id) AS towns
       FROM m JOIN villages v ON v.region = :region AND v.id = m.village GROUP BY m.grp)
     SELECT un.grp, ST_AsGeoJSON(un.geom) AS outline, un.towns,
       (SELECT coalesce(jsonb_agg(jsonb_build_array(x.id, ST_X(x.p), ST_Y(x.p))), '[]'::jsonb) FROM (
          SELECT v.id, ST_PointOnSurface(v.geom) AS p FROM villages v
          WHERE v.region = :region AND v.geom && un.geom AND NOT EXISTS (SELECT 1 FROM m WHERE m.village = v.id AND m.grp = un.grp)
          UNION ALL
          SELECT c.id, ST_PointOnSurface(c.geom) FROM communities c
          WHERE c.region = :region AND c.geom && un.geom AND NOT EXISTS (SELECT 1 FROM villages v WHERE v.region = c.region AND v.community_id = c.id)) x
        ) AS around
     FROM un`,
    bindings,
  );
  const { rows: borders } = await k.raw(
    `WITH m AS (SELECT x.village, x.grp FROM jsonb_to_recordset(:members::jsonb) AS x(village text, grp text))
     SELECT a.grp, a.village AS a, b.village AS b
     FROM m a JOIN m b ON b.grp = a.grp AND a.village < b.village
     JOIN villages va ON va.region = :region AND va.id = a.village
     JOIN villages vb ON vb.region = :region AND vb.id = b.village
     WHERE va.geom && vb.geom AND ST_Relate(va.geom, vb.geom, '****1****')`,
    bindings,
  );
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return (rows as Row[]).map((r) => {
    const villageTowns = parse<Record<string, string>>(r.towns);
    return {
      key: String(r.grp),
      outline: JSON.parse(String(r.outline)) as Polygon | MultiPolygon,
      villageTowns,
      borders: (borders as Row[]).filter((b) => b.grp === r.grp).map((b) => [String(b.a), String(b.b)] as [string, string]),
      around: parse<Array<[string, number, number]>>(r.around).map(([id, x, y]) => ({ id, point: [x, y] })),
    };
  });
}
