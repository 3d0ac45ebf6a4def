// The registers page's pure helpers: what a form changed (only that is sent), where a new
// building most likely belongs (the estate of its nearest neighbour), how a split starts (the
// figures shared out whole, the new parts set a few metres apart), and typed coordinates read.
import { BUILDING_FIGURES, type BuildingFigures } from '../../../server/domain/registers';
import type { RegisterBuilding } from '../../../server/features/registers/types';

export type LngLat = [number, number];

/** The fields of `values` that differ from `current` (compared as text: a form's "12" is 12). */
export function changesOf<T extends Record<string, unknown>>(values: T, current: object): Partial<T> {
  const now = current as Record<string, unknown>;
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => String(value) !== String(now[name]))) as Partial<T>;
}

const RAD = Math.PI / 180;
/** Squared distance on a local equirectangular projection: enough to rank neighbours in one community. */
const near = (a: LngLat, b: LngLat) => ((b[0] - a[0]) * Math.cos(((a[1] + b[1]) / 2) * RAD)) ** 2 + (b[1] - a[1]) ** 2;

/** The estate of the building nearest `at`, or null in a community without buildings. */
export function nearestEstate(buildings: readonly RegisterBuilding[], at: LngLat): string | null {
  let best: RegisterBuilding | null = null;
  for (const b of buildings) if (!best || near(at, b.location) < near(at, best.location)) best = b;
  return best?.estateId ?? null;
}

export interface PartDraft extends BuildingFigures {
  address: string;
  location: LngLat;
}

/** About 8 m east per part at the latitude of the lower Yangtze: apart enough to pick on the map. */
const STEP_DEGREES = 0.00008;

/**
 * A building split in `count` parts: each figure shared out in whole numbers that add up to the
 * building's (the first parts take the remainder), addresses numbered by entrance (1单元, 2单元…),
 * the first part where the building stands and the others a step east each.
 */
export function splitDraft(b: RegisterBuilding, count: number): PartDraft[] {
  return Array.from({ length: count }, (_, i) => {
    const share = (total: number) => Math.floor(total / count) + (i < total % count ? 1 : 0);
    const figures = Object.fromEntries(BUILDING_FIGURES.map((f) => [f, share(b[f])])) as BuildingFigures;
    return { address: `${b.address}${i + 1}单元`, ...figures, location: [Number((b.location[0] + i * STEP_DEGREES).toFixed(7)), b.location[1]] };
  });
}

/** A typed longitude and latitude, or null when either is not a number in range. */
export function typedPlace(lng: string, lat: string): LngLat | null {
  const x = Number(lng.trim());
  const y = Number(lat.trim());
  if (!lng.trim() || !lat.trim() || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) return null;
  return [x, y];
}

/** A place as GeoJSON for a write (WGS84, as the map and the typed fields give it). */
export const pointOf = (at: LngLat) => ({ type: 'Point' as const, coordinates: at });
