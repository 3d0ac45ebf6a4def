// Demand points (buildings or residents) in a static k-d tree over local metres, built once and
// queried by every centre: coverage is then "which points lie within each centre's radius",
// the cost of which grows with the points actually covered, not with points × centres.
import KDBush from 'kdbush';
import { distanceM } from '../distance';
import { localProjection, type Projection } from '../districting/project';

export interface PointSet {
  readonly n: number;
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly projection: Projection;
  /** Projected metres, for the quick inside test. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly index: KDBush;
}

/**
 * The projection is equirectangular about the points' mean latitude: across a county-level
 * city (≈ 1° of latitude) a distance is off by under 1 %, so queries take a 2 % margin, points
 * well inside it count at once, and the great-circle distance decides the ring between.
 */
export const QUERY_MARGIN = 1.02;
const SURELY_INSIDE = 1 / QUERY_MARGIN;

export function indexPoints(lng: Float64Array, lat: Float64Array): PointSet {
  if (lng.length !== lat.length) throw new RangeError('lng and lat differ in length');
  const n = lng.length;
  const projection = localProjection(Array.from({ length: Math.min(n, 10_000) }, (_, i) => [lng[Math.floor((i * n) / Math.min(n, 10_000))]!, lat[Math.floor((i * n) / Math.min(n, 10_000))]!]));
  const x = lng.map((v) => projection.x(v));
  const y = lat.map((v) => projection.y(v));
  const index = new KDBush(Math.max(1, n));
  for (let i = 0; i < n; i++) index.add(x[i]!, y[i]!);
  if (n === 0) index.add(0, 0); // KDBush needs one item; it is never reported (see within)
  index.finish();
  return { n, lng, lat, projection, x, y, index };
}

/** Indices of the points within `radiusM` metres (great-circle) of [lng, lat]. */
export function within(points: PointSet, lng: number, lat: number, radiusM: number): number[] {
  if (points.n === 0) return [];
  const { projection, index, x, y } = points;
  const qx = projection.x(lng);
  const qy = projection.y(lat);
  const inner = (radiusM * SURELY_INSIDE) ** 2;
  return index
    .within(qx, qy, radiusM * QUERY_MARGIN)
    .filter((i) => (x[i]! - qx) ** 2 + (y[i]! - qy) ** 2 <= inner || distanceM([lng, lat], [points.lng[i]!, points.lat[i]!]) <= radiusM);
}
