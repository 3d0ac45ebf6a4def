// Where the camera goes for a look-up answer: the whole contracted area with the place in it,
// so staff see the area's extent at once; just the place while the area's shape is unknown.
import type { BBox, UnitFeature } from '../../shared/api/types';
import type { LngLat } from '../../shared/map/coordinates';

export function lookupFrame(area: UnitFeature | null, location: LngLat): BBox {
  let [w, s, e, n] = [location[0], location[1], location[0], location[1]];
  const g = area?.geometry;
  const polygons = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
  for (const polygon of polygons) {
    // The outer ring bounds the polygon; holes lie inside it.
    for (const [x, y] of polygon[0] ?? []) {
      w = Math.min(w, x!);
      s = Math.min(s, y!);
      e = Math.max(e, x!);
      n = Math.max(n, y!);
    }
  }
  return [w, s, e, n];
}
