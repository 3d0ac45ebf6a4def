// Great-circle distance between two WGS84 points: what a resident reads as "800 m away".
// Within 0.5 % of PostGIS's spheroid distance, which is more than a card needs.
import { EARTH_RADIUS_M } from '../domain/earth';

const rad = (deg: number) => (deg * Math.PI) / 180;

export function distanceM([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const h = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
