// Which demand points a set of centres reaches, each centre with its own radius.
import { within, type PointSet } from './points';

export interface Centre {
  id: string;
  lng: number;
  lat: number;
  radiusM: number;
}

/** covered[i] = how many centres reach point i (0 = beyond every centre's radius). */
export function reachCounts(points: PointSet, centres: readonly Centre[]): Uint16Array {
  const counts = new Uint16Array(points.n);
  for (const c of centres) for (const i of within(points, c.lng, c.lat, c.radiusM)) if (counts[i]! < 65_535) counts[i]!++;
  return counts;
}
