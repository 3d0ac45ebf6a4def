// Which buildings a tool touches: the brush's circle, the drawn polygon, a clicked building's
// estate. Distances in a local equirectangular projection: exact enough across a community.
import { EARTH_RADIUS_M } from '../../../server/domain/earth';
import type { PlanBuilding } from './types';

export type LngLat = [number, number];

const RAD = Math.PI / 180;

export function distanceM(a: LngLat, b: LngLat): number {
  const x = (b[0] - a[0]) * RAD * Math.cos(((a[1] + b[1]) / 2) * RAD);
  const y = (b[1] - a[1]) * RAD;
  return Math.hypot(x, y) * EARTH_RADIUS_M;
}

export function buildingsInCircle(buildings: readonly PlanBuilding[], centre: LngLat, radiusM: number): string[] {
  return buildings.filter((b) => distanceM(centre, [b.lng, b.lat]) <= radiusM).map((b) => b.id);
}

/** Even-odd rule on an open or closed ring of [lng, lat]. */
export function insideRing(point: LngLat, ring: readonly LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function buildingsInPolygon(buildings: readonly PlanBuilding[], ring: readonly LngLat[]): string[] {
  if (ring.length < 3) return [];
  return buildings.filter((b) => insideRing([b.lng, b.lat], ring)).map((b) => b.id);
}

/** The building nearest `point` within `maxM`, or null. */
export function nearestBuilding(buildings: readonly PlanBuilding[], point: LngLat, maxM: number): PlanBuilding | null {
  let best: PlanBuilding | null = null;
  let bestM = maxM;
  for (const b of buildings) {
    const d = distanceM(point, [b.lng, b.lat]);
    if (d <= bestM) [best, bestM] = [b, d];
  }
  return best;
}

/** The building's whole estate (小区); a building outside any estate alone. */
export function estateMates(buildings: readonly PlanBuilding[], building: PlanBuilding): string[] {
  if (!building.estateId) return [building.id];
  return buildings.filter((b) => b.estateId === building.estateId).map((b) => b.id);
}

/** A drawn polygon's vertices without the repeats a double-click leaves (within `minM`). */
export function cleanRing(vertices: readonly LngLat[], minM = 0.5): LngLat[] {
  const ring: LngLat[] = [];
  for (const v of vertices) if (!ring.length || distanceM(ring[ring.length - 1]!, v) > minM) ring.push(v);
  while (ring.length > 1 && distanceM(ring[0]!, ring[ring.length - 1]!) <= minM) ring.pop();
  return ring;
}
