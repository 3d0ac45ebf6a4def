// Local metres: an equirectangular projection about the buildings' mean latitude, accurate to
// well under 1 % across a community, and all the geometry here needs (distances, areas).
import { METRES_PER_DEGREE } from '../../domain/earth';

export interface Projection {
  x(lng: number): number;
  y(lat: number): number;
}

export function localProjection(points: [number, number][]): Projection {
  let lat0 = 0;
  for (const p of points) lat0 += p[1];
  lat0 /= Math.max(1, points.length);
  const kx = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  return { x: (lng) => lng * kx, y: (lat) => lat * METRES_PER_DEGREE };
}
