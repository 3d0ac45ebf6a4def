// What differs between two versions of an object: land added and removed (computed here, with
// turf, from the two geometries the API gave), the land area of each, and the attribute table.
import { area, bbox, difference, distance, feature, featureCollection } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { BBox } from '../../shared/api/types';

type Land = Polygon | MultiPolygon;

export interface ShapeDiff {
  /** Both versions are polygons; otherwise (a centre's point) only `movedM` is meaningful. */
  polygonal: boolean;
  /** Land area in m² of A and of B. */
  areaA: number;
  areaB: number;
  /** In B, not in A. */
  added: Feature<Land> | null;
  addedM2: number;
  /** In A, not in B. */
  removed: Feature<Land> | null;
  removedM2: number;
  /** B − A in m²: added minus removed. */
  changeM2: number;
  /** For points: how far B is from A, in metres. */
  movedM: number | null;
}

const isLand = (g: Geometry): g is Land => g.type === 'Polygon' || g.type === 'MultiPolygon';

/** Below this a "difference" is the rounding of coordinates, not land that moved. */
const SLIVER_M2 = 0.01;

function minus(x: Land, y: Land): { part: Feature<Land> | null; m2: number } {
  const part = difference(featureCollection([feature(x), feature(y)])) as Feature<Land> | null;
  const m2 = part ? area(part) : 0;
  return m2 < SLIVER_M2 ? { part: null, m2: 0 } : { part, m2 };
}

export function diffShapes(a: Geometry, b: Geometry): ShapeDiff {
  if (!isLand(a) || !isLand(b)) {
    const movedM = a.type === 'Point' && b.type === 'Point' ? distance(a.coordinates, b.coordinates, { units: 'meters' }) : null;
    return { polygonal: false, areaA: 0, areaB: 0, added: null, addedM2: 0, removed: null, removedM2: 0, changeM2: 0, movedM };
  }
  const areaA = area(feature(a));
  const areaB = area(feature(b));
  const added = minus(b, a);
  const removed = minus(a, b);
  return { polygonal: true, areaA, areaB, added: added.part, addedM2: added.m2, removed: removed.part, removedM2: removed.m2, changeM2: areaB - areaA, movedM: null };
}

/** The box around both versions, for the camera. */
export function frameOf(a: Geometry, b: Geometry): BBox {
  return bbox(featureCollection([feature(a), feature(b)])) as BBox;
}

export interface AttributeRow {
  name: string;
  a: string;
  b: string;
  changed: boolean;
}

/** Every attribute of either version, in the order the API lists them; values as the API gave them. */
export function diffAttributes(a: Record<string, string | number>, b: Record<string, string | number>): AttributeRow[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const text = (v: string | number | undefined) => (v === undefined || v === null ? '' : String(v));
  return names.map((name) => ({ name, a: text(a[name]), b: text(b[name]), changed: text(a[name]) !== text(b[name]) }));
}
