// Which demand points a set of centres reaches, each centre with its own radius.
import { within, type PointSet } from './points';

export interface Centre {
  id: string;
  lng: number;
  lat: number;
  radiusM: number;
}

export interface Reach {
  /** counts[i] = how many centres reach point i (0 = beyond every centre's radius). */
  counts: Uint16Array;
  /** bits[i] = the OR of `bitOf` over the centres that reach point i. */
  bits: Uint8Array;
}

/** One pass over the centres, tagging each point with the groups (e.g. kinds) of its centres. */
export function reach<C extends Centre>(points: PointSet, centres: readonly C[], bitOf: (c: C) => number = () => 0): Reach {
  const counts = new Uint16Array(points.n);
  const bits = new Uint8Array(points.n);
  for (const c of centres) {
    const bit = bitOf(c);
    for (const i of within(points, c.lng, c.lat, c.radiusM)) {
      if (counts[i]! < 65_535) counts[i]!++;
      bits[i]! |= bit;
    }
  }
  return { counts, bits };
}

export const reachCounts = (points: PointSet, centres: readonly Centre[]): Uint16Array => reach(points, centres).counts;
