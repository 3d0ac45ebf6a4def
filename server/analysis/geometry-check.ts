// The first gate for a geometry a client sends: is it GeoJSON of the type the object takes,
// with closed rings of enough positions, finite coordinates in longitude/latitude range and
// not absurdly many vertices? Everything here is checked without PostGIS, so a malformed
// body never reaches SQL and every answer says what is wrong and where. Whether the shape is
// topologically valid (self-intersections) is PostGIS's ST_IsValidDetail, asked afterwards.
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import { say, type MessageCode, type MessageParams } from '../domain/messages';

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
  /** The catalogue's code and parameters (the place among them), and its English sentence. */
  code: MessageCode;
  params: MessageParams;
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

const refuse = (status: 400 | 422, code: MessageCode, where?: ProblemPlace, more: MessageParams = {}): never => {
  const params = { ...where, ...more };
  throw new Refusal({ status, code, params, message: say({ code, params }, 'en'), ...(where ? { where } : {}) });
};

function checkPosition(value: unknown, where: ProblemPlace): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number')) {
    return refuse(400, 'geometry_position_not_numbers', where);
  }
  const [lon, lat] = value as number[];
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return refuse(422, 'geometry_not_finite', where);
  if (lon! < -180 || lon! > 180) return refuse(422, 'geometry_longitude_range', where, { value: lon });
  if (lat! < -90 || lat! > 90) return refuse(422, 'geometry_latitude_range', where, { value: lat });
  // Altitude is dropped: the tables are two-dimensional.
  return [lon!, lat!];
}

interface Budget {
  left: number;
  readonly max: number;
}

function checkRing(value: unknown, where: ProblemPlace, budget: Budget): Position[] {
  if (!Array.isArray(value)) return refuse(400, 'geometry_ring_not_array', where);
  budget.left -= value.length;
  if (budget.left < 0) return refuse(422, 'geometry_too_many_vertices', where, { max: budget.max });
  const ring = value.map((p, position) => checkPosition(p, { ...where, position }));
  if (ring.length < 4) return refuse(422, 'geometry_ring_too_short', where, { count: ring.length });
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    // Said of the ring, placed at its last position.
    return refuse(422, 'geometry_ring_not_closed', { ...where, position: ring.length - 1 }, { position: undefined, last, first });
  }
  return ring;
}

function checkPolygon(value: unknown, where: ProblemPlace, budget: Budget): Position[][] {
  if (!Array.isArray(value)) return refuse(400, 'geometry_polygon_not_array', where);
  if (value.length === 0) return refuse(422, 'geometry_polygon_no_ring', where);
  return value.map((ring, i) => checkRing(ring, { ...where, ring: i }, budget));
}

/**
 * Checks `input` as the geometry of an object of the given shape; returns it two-dimensional.
 * `maxVertices` is raised only for boundaries surveyed by a GIS desk (a town's runs to tens of thousands).
 */
export function checkGeometry(input: unknown, shape: GeometryShape, maxVertices = MAX_VERTICES): CheckResult {
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input) || typeof (input as { type?: unknown }).type !== 'string') {
      return refuse(400, 'geometry_not_object');
    }
    const { type, coordinates } = input as { type: string; coordinates?: unknown };
    if (!ACCEPTED[shape].includes(type)) return refuse(400, 'geometry_wrong_type', undefined, { accepted: ACCEPTED[shape], type });
    if (!Array.isArray(coordinates)) return refuse(400, 'geometry_coordinates_not_array');
    const budget = { left: maxVertices, max: maxVertices };
    if (type === 'Point') return { ok: true, geometry: { type: 'Point', coordinates: checkPosition(coordinates, {}) } };
    if (type === 'Polygon') return { ok: true, geometry: { type: 'Polygon', coordinates: checkPolygon(coordinates, {}, budget) } };
    if (coordinates.length === 0) return refuse(422, 'geometry_multipolygon_empty');
    const polygons = coordinates.map((poly, polygon) => checkPolygon(poly, { polygon }, budget));
    return { ok: true, geometry: { type: 'MultiPolygon', coordinates: polygons } };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, problem: err.problem };
    throw err;
  }
}
