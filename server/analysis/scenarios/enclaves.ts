// Holes in a new community's outline, and the units they leave stranded inside it: a village
// of another community wholly surrounded by the group (an enclave) is the usual cause.
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** The interior rings of an outline: each one is a hole. */
export function holesOf(outline: Polygon | MultiPolygon): Position[][] {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  return polygons.flatMap((rings) => rings.slice(1));
}

/** Even-odd ray casting; a point on the ring's edge may fall either way, so callers pass interior points. */
export function insideRing([x, y]: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/** Units (by an interior point of each) that lie in one of the outline's holes. */
export function enclosedUnits(outline: Polygon | MultiPolygon, units: ReadonlyArray<{ id: string; point: Position }>): string[] {
  const holes = holesOf(outline);
  if (!holes.length) return [];
  return units.filter((u) => holes.some((h) => insideRing(u.point, h))).map((u) => u.id);
}
