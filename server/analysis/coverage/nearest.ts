// The nearest centre to a place, for the uncovered list ("how far to the nearest centre"):
// centres in a k-d tree, searched in widening circles until one is found, then the closest by
// great-circle distance among those the circle (with the projection's margin) holds.
import KDBush from 'kdbush';
import { distanceM } from '../distance';
import { localProjection } from '../districting/project';
import { QUERY_MARGIN } from './points';
import type { Centre } from './reach';

export interface Nearest {
  centre: Centre;
  distanceM: number;
}

export type NearestCentre = (lng: number, lat: number) => Nearest | null;

export function nearestCentreFinder(centres: readonly Centre[]): NearestCentre {
  if (!centres.length) return () => null;
  const projection = localProjection(centres.map((c) => [c.lng, c.lat]));
  const index = new KDBush(centres.length);
  for (const c of centres) index.add(projection.x(c.lng), projection.y(c.lat));
  index.finish();
  return (lng, lat) => {
    const x = projection.x(lng);
    const y = projection.y(lat);
    for (let r = 500; ; r *= 2) {
      const found = index.within(x, y, r);
      // Widen once more than needed: the projected nearest is not always the great-circle one.
      if (!found.length && r < 4e7) continue;
      let best: Nearest | null = null;
      for (const i of found.length ? index.within(x, y, r * QUERY_MARGIN * QUERY_MARGIN) : centres.map((_, j) => j)) {
        const c = centres[i]!;
        const d = distanceM([lng, lat], [c.lng, c.lat]);
        if (!best || d < best.distanceM) best = { centre: c, distanceM: d };
      }
      return best;
    }
  };
}
