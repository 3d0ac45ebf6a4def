// The first gate for a geometry a client sends: is it GeoJSON of the type the object takes,
// with closed rings of enough positions, finite coordinates in longitude/latitude range and
// not absurdly many vertices? Everything here is checked without PostGIS, so a malformed
// body never reaches SQL and every answer says what is wrong and where. Whether the shape is
// topologically valid (self-intersections) is PostGIS's ST_IsValidDetail, asked afterwards.
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';

/** Areas and communities are polygons (one or several parts); service centres are points. */
export type GeometryShape = 'polygonal' | 'point';
export type CheckedGeometry = Point | Polygon | MultiPolygon;

/** Far above any boundary drawn by hand or traced from the demo city (a few hundred). */
export const MAX_VERTICES = 10_000;

/** Where a problem is: indexes into `coordinates`, as far as they apply. */
export interface ProblemPlace {
  polygon?: number;
  ring?: number;
  position?: number;
}

/**
 * 400: not the GeoJSON asked for (wrong type, not arrays, not numbers).
 * 422: well-formed GeoJSON that is not an acceptable geometry.
 */
export interface GeometryProblem {
  status: 400 | 422;
  message: string;
  where?: ProblemPlace;
}

export type CheckResult = { ok: true; geometry: CheckedGeometry } | { ok: false; problem: GeometryProblem };

const ACCEPTED: Record<GeometryShape, string[]> = { polygonal: ['Polygon', 'MultiPolygon'], point: ['Point'] };

class Refusal extends Error {
  constructor(readonly problem: GeometryProblem) {
    super(problem.message);
  }
}

const refuse = (status: 400 | 422, message: string, where?: ProblemPlace): never => {
  throw new Refusal({ status, message, ...(where ? { where } : {}) });
};

/** "polygon 1, ring 0, position 3": only the indexes that apply, in reading order. */
function describe(where: ProblemPlace): string {
  const parts: string[] = [];
  if (where.polygon !== undefined) parts.push(`polygon ${where.polygon}`);
  if (where.ring !== undefined) parts.push(`ring ${where.ring}`);
  if (where.position !== undefined) parts.push(`position ${where.position}`);
  return parts.join(', ') || 'the point';
}

function checkPosition(value: unknown, where: ProblemPlace): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number')) {
    return refuse(400, `${describe(where)}: a position must be [longitude, latitude] numbers`, where);
  }
  const [lon, lat] = value as number[];
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return refuse(422, `${describe(where)}: coordinates must be finite numbers`, where);
  if (lon! < -180 || lon! > 180) return refuse(422, `${describe(where)}: longitude ${lon} is outside -180..180`, where);
  if (lat! < -90 || lat! > 90) return refuse(422, `${describe(where)}: latitude ${lat} is outside -90..90`, where);
  // Altitude is dropped: the tables are two-dimensional.
  return [lon!, lat!];
}

function checkRing(value: unknown, where: ProblemPlace, budget: { left: number }): Position[] {
  if (!Array.isArray(value)) return refuse(400, `${describe(where)}: a ring must be an array of positions`, where);
  budget.left -= value.length;
  if (budget.left < 0) return refuse(422, `too many vertices: at most ${MAX_VERTICES} in one geometry`, where);
  const ring = value.map((p, position) => checkPosition(p, { ...where, position }));
  if (ring.length < 4) return refuse(422, `${describe(where)}: a ring needs at least 4 positions (first repeated last), has ${ring.length}`, where);
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    const at = { ...where, position: ring.length - 1 };
    return refuse(422, `${describe(where)}: the ring is not closed: last position [${last.join(', ')}] differs from the first [${first.join(', ')}]`, at);
  }
  return ring;
}

function checkPolygon(value: unknown, where: ProblemPlace, budget: { left: number }): Position[][] {
  if (!Array.isArray(value)) return refuse(400, `${where.polygon === undefined ? 'coordinates' : describe(where)}: a polygon must be an array of rings`, where);
  if (value.length === 0) return refuse(422, `${where.polygon === undefined ? 'coordinates' : describe(where)}: a polygon needs an outer ring`, where);
  return value.map((ring, i) => checkRing(ring, { ...where, ring: i }, budget));
}

/** Checks `input` as the geometry of an object of the given shape; returns it two-dimensional. */
export function checkGeometry(input: unknown, shape: GeometryShape): CheckResult {
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input) || typeof (input as { type?: unknown }).type !== 'string') {
      return refuse(400, 'geometry must be a GeoJSON geometry object with a "type"');
    }
    const { type, coordinates } = input as { type: string; coordinates?: unknown };
    if (!ACCEPTED[shape].includes(type)) return refuse(400, `geometry must be ${ACCEPTED[shape].join(' or ')}, not ${type}`);
    if (!Array.isArray(coordinates)) return refuse(400, 'geometry.coordinates must be an array');
    const budget = { left: MAX_VERTICES };
    if (type === 'Point') return { ok: true, geometry: { type: 'Point', coordinates: checkPosition(coordinates, {}) } };
    if (type === 'Polygon') return { ok: true, geometry: { type: 'Polygon', coordinates: checkPolygon(coordinates, {}, budget) } };
    if (coordinates.length === 0) return refuse(422, 'a MultiPolygon needs at least one polygon');
    const polygons = coordinates.map((poly, polygon) => checkPolygon(poly, { polygon }, budget));
    return { ok: true, geometry: { type: 'MultiPolygon', coordinates: polygons } };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, problem: err.problem };
    throw err;
  }
}
