// The save rules that need PostGIS: outlines from a painting (Voronoi cells of the community's
// buildings, clipped to the community), drawn outlines through the geometry gate (clipped or
// their outside part found), and over the final outlines the overlaps, the gaps, each area's
// land and which buildings each drawn area covers. Everything here reads; nothing is written.
import type { Knex } from 'knex';
import type { Geometry, MultiPolygon } from 'geojson';
import type { InputCrs } from '../../analysis/crs';
import type { PlanProblem } from '../../analysis/plan-rules';
import { say } from '../../domain/messages';
import { HttpError } from '../../http/errors';
import { GRID } from '../../db/overlay';
import { acceptGeoJson } from '../writes/geometry';

/** An area's outline as WGS84 GeoJSON text, by the area's ref (id or "#index"). */
export type Outlines = Map<string, string>;

/** Parts of a polygonal result of at least 1 m², as one MultiPolygon (NULL when none): slivers are noise, not problems. */
const significant = (expr: string) =>
  `(SELECT ST_Multi(ST_Collect(d.geom)) FROM ST_Dump(ST_CollectionExtract(${expr}, 3)) d WHERE ST_Area(d.geom::geography) >= 1)`;

const COMMUNITY = 'c AS (SELECT geom FROM communities WHERE region = :region AND id = :community)';
const OUTLINES = `x AS (SELECT ref, ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326) AS g FROM jsonb_to_recordset(:outlines::jsonb) AS r(ref text, geom text))`;
// Enough decimals that a geometry read back is the one computed, to well below a millimetre.
const DIGITS = 15;

/** A query that answers one row per outline, or fails loudly: a missing row must never read as "no problem". */
function everyOutline<T extends { ref: string }>(rows: T[], outlines: Outlines, what: string): T[] {
  const missing = [...outlines.keys()].filter((ref) => !rows.some((r) => r.ref === ref));
  if (missing.length) throw new Error(`plan check: no ${what} for ${missing.join(', ')} from the database`);
  return rows;
}

const asJson = (outlines: Outlines) => JSON.stringify([...outlines].map(([ref, geom]) => ({ ref, geom })));
const parsed = <T extends Geometry>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));

/**
 * Each painted area's outline: the union of the Voronoi cells of its buildings, with all the
 * community's buildings as sites, clipped to the community. A community of one building is its cell.
 * Painted ids must already be the community's own (see paintingProblems).
 */
export async function paintedOutlines(k: Knex, region: string, community: string, painted: Array<{ ref: string; buildings: string[] }>): Promise<Outlines> {
  const pairs = painted.flatMap(({ ref, buildings }) => buildings.map((building) => ({ ref, building })));
  const { rows } = await k.raw(
    `WITH ${COMMUNITY},
     sites AS (
       SELECT b.id, b.geom FROM buildings b JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
       WHERE b.region = :region AND a.community_id = :community),
     cells AS (
       SELECT d.path[1] AS n, d.geom AS cell
       FROM ST_Dump((SELECT ST_VoronoiPolygons(ST_Collect(geom), 0, (SELECT geom FROM c)) FROM sites)) d
       WHERE (SELECT count(*) FROM sites) > 1
       UNION ALL SELECT 1, geom FROM c WHERE (SELECT count(*) FROM sites) = 1),
     owned AS (
       -- Each cell's site among the community's own buildings (never the whole city's, which the
       -- planner may scan); a cell shared by two buildings at one spot goes to both their areas.
       SELECT DISTINCT ON (p.ref, cells.n) p.ref, cells.cell
       FROM cells
       JOIN sites s ON ST_Intersects(cells.cell, s.geom)
       JOIN jsonb_to_recordset(:pairs::jsonb) AS p(ref text, building text) ON p.building = s.id)
     SELECT u.ref, ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(u.g, c.geom, ${GRID}), 3)), ${DIGITS}) AS outline
     FROM (SELECT ref, ST_Union(cell, ${GRID}) AS g FROM owned GROUP BY ref) u CROSS JOIN c`,
    { region, community, pairs: JSON.stringify(pairs) },
  );
  return new Map((rows as Array<{ ref: string; outline: string }>).map((r) => [r.ref, r.outline]));
}

/**
 * Drawn areas through the geometry gate: a geometry that is not acceptable (PostGIS's reason and
 * location, or the pure check's polygon / ring / position) becomes a problem; one that is not
 * a polygon at all is a 400 naming the area.
 */
export async function acceptDrawn(k: Knex, drawn: Array<{ ref: string; index: number; name: string; geometry: unknown }>, crs: InputCrs): Promise<{ accepted: Outlines; problems: PlanProblem[] }> {
  const accepted: Outlines = new Map();
  const problems: PlanProblem[] = [];
  for (const { ref, index, name, geometry } of drawn) {
    try {
      accepted.set(ref, await acceptGeoJson(k, geometry, crs, 'polygonal'));
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      // The gate's sentence goes inside the plan's own, which names the area.
      const gate = { problem: say({ code: err.code, params: err.params }, 'zh'), problemEn: err.message, problemCode: err.code };
      if (err.status !== 422) throw new HttpError(err.status, 'plan_area_geometry', { ...gate, index });
      // PostGIS says where as a point; the pure check as indexes into the coordinates.
      const details = (err.details ?? {}) as { reason?: string; location?: [number, number] | null; polygon?: number; ring?: number; position?: number };
      // The pure check says which polygon / ring / position of the coordinates is wrong.
      const place = details.reason === undefined ? { polygon: details.polygon, ring: details.ring, position: details.position } : { reason: details.reason };
      problems.push({
        code: 'plan_invalid_geometry',
        params: { ...gate, area: name, ...place },
        ids: [ref],
        ...(details.location ? { location: details.location } : {}),
      });
    }
  }
  return { accepted, problems };
}

/** Drawn outlines clipped to the community, or kept whole with what lies outside it as a problem. */
export async function fitToCommunity(k: Knex, region: string, community: string, drawn: Outlines, clip: boolean, names: ReadonlyMap<string, string>): Promise<{ outlines: Outlines; problems: PlanProblem[] }> {
  const { rows } = await k.raw(
    `WITH ${COMMUNITY}, ${OUTLINES}
     SELECT x.ref,
            ST_AsGeoJSON(CASE WHEN :clip THEN ST_Multi(ST_CollectionExtract(ST_Intersection(x.g, c.geom, ${GRID}), 3)) ELSE ST_Multi(x.g) END, ${DIGITS}) AS outline,
            CASE WHEN :clip THEN NULL ELSE ST_AsGeoJSON(o.part, ${DIGITS}) END AS outside,
            ST_Area(o.part::geography)::float8 AS outside_m2
     FROM x CROSS JOIN c CROSS JOIN LATERAL (SELECT ${significant(`ST_Difference(x.g, c.geom, ${GRID})`)} AS part) o`,
    { region, community, outlines: asJson(drawn), clip },
  );
  const outlines: Outlines = new Map();
  const problems: PlanProblem[] = [];
  for (const r of everyOutline(rows as Array<{ ref: string; outline: string; outside: string | null; outside_m2: number | null }>, drawn, 'fit to the community')) {
    outlines.set(r.ref, r.outline);
    if (r.outside !== null) {
      problems.push({ code: 'plan_outside_community', params: { area: names.get(r.ref) ?? r.ref, m2: Math.round(Number(r.outside_m2)) }, ids: [r.ref], geometry: parsed(r.outside) });
    }
  }
  return { outlines, problems };
}

/** Which areas cover each of the community's buildings (by the building's point). */
export async function coverage(k: Knex, region: string, community: string, outlines: Outlines): Promise<Map<string, string[]>> {
  const { rows } = await k.raw(
    `WITH ${OUTLINES}
     SELECT b.id, string_agg(x.ref, E'\\n' ORDER BY x.ref) AS refs
     FROM buildings b
     JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     JOIN x ON ST_Covers(x.g, b.geom)
     WHERE b.region = :region AND a.community_id = :community
     GROUP BY b.id`,
    { region, community, outlines: asJson(outlines) },
  );
  return new Map((rows as Array<{ id: string; refs: string }>).map((r) => [r.id, r.refs.split('\n')]));
}

export interface Judgement {
  problems: PlanProblem[];
  /** Land of each area in m². */
  land: Map<string, number>;
  /** Areas whose outline is the stored one already. */
  unchanged: Set<string>;
  gap: { landM2: number; geometry: MultiPolygon | null };
}

/** Over the final outlines: each area's land (none is a problem), overlaps between areas, and the community's land no area covers. */
export async function judgeOutlines(k: Knex, region: string, community: string, outlines: Outlines, names: ReadonlyMap<string, string>): Promise<Judgement> {
  const bindings = { region, community, outlines: asJson(outlines) };
  const problems: PlanProblem[] = [];
  const { rows: areas } = await k.raw(
    `WITH ${OUTLINES}
     SELECT x.ref, ST_Area(x.g::geography)::float8 AS land,
            EXISTS (SELECT 1 FROM contracted_areas a WHERE a.region = :region AND a.community_id = :community AND a.id = x.ref AND ST_Equals(a.geom, x.g)) AS unchanged
     FROM x`,
    bindings,
  );
  const land = new Map<string, number>();
  const unchanged = new Set<string>();
  for (const r of everyOutline(areas as Array<{ ref: string; land: number; unchanged: boolean }>, outlines, 'land')) {
    land.set(r.ref, Number(r.land));
    if (r.unchanged) unchanged.add(r.ref);
    if (Number(r.land) < 1) problems.push({ code: 'plan_empty_area', params: { area: names.get(r.ref) ?? r.ref }, ids: [r.ref] });
  }
  const { rows: overlaps } = await k.raw(
    `WITH ${OUTLINES}
     SELECT a.ref AS first, b.ref AS second, ST_AsGeoJSON(o.part, ${DIGITS}) AS part, ST_Area(o.part::geography)::float8 AS m2
     FROM x a JOIN x b ON a.ref < b.ref AND ST_Intersects(a.g, b.g)
     CROSS JOIN LATERAL (SELECT ${significant(`ST_Intersection(a.g, b.g, ${GRID})`)} AS part) o
     WHERE o.part IS NOT NULL
     ORDER BY a.ref, b.ref`,
    bindings,
  );
  for (const r of overlaps as Array<{ first: string; second: string; part: string; m2: number }>) {
    const areas = [r.first, r.second];
    problems.push({ code: 'plan_overlap', params: { areas: areas.map((ref) => names.get(ref) ?? ref), m2: Math.round(Number(r.m2)) }, ids: areas, geometry: parsed(r.part) });
  }
  const { rows: gaps } = await k.raw(
    `WITH ${COMMUNITY}, ${OUTLINES}
     SELECT ST_AsGeoJSON(q.part, ${DIGITS}) AS part, coalesce(ST_Area(q.part::geography), 0)::float8 AS m2
     FROM (SELECT ${significant(`ST_Difference(c.geom, coalesce((SELECT ST_Union(g, ${GRID}) FROM x), ST_SetSRID('POLYGON EMPTY'::geometry, 4326)), ${GRID})`)} AS part FROM c) q`,
    bindings,
  );
  const gap = gaps[0] as { part: string | null; m2: number } | undefined;
  if (!gap) throw new Error('plan check: no gap answer from the database');
  return { problems, land, unchanged, gap: { landM2: Number(gap.m2), geometry: parsed<MultiPolygon>(gap.part) ?? null } };
}
