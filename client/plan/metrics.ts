// The live metrics table: per area its size in each measure, the deviation from the community's
// mean for the measure the planner balances, Polsby-Popper and contiguity of its preview
// outline, and which of the rules it breaks. Pure: recomputed on every edit.
import { area as geodesicArea } from '@turf/turf';
import type { PlanBuilding } from '../api/planTypes';
import type { Outline } from './outlines';
import { distanceM, type LngLat } from './select';

export const PLAN_MEASURES = ['population', 'households', 'buildings', 'partyMembers'] as const;
export type PlanMeasure = (typeof PLAN_MEASURES)[number];

/** Beyond this deviation from the mean (%) an area is out of balance. */
export const DEVIATION_LIMIT_PCT = 5;

export interface Totals {
  buildings: number;
  households: number;
  population: number;
  partyMembers: number;
}

export interface AreaMetrics extends Totals {
  key: string;
  landM2: number;
  /** (size − mean) / mean × 100; null when the mean is 0. */
  deviationPct: number | null;
  /** 4πA/P² of the preview outline; null without one. */
  polsbyPopper: number | null;
  /** The buildings' cells form one piece. */
  contiguous: boolean;
  empty: boolean;
  unbalanced: boolean;
}

export interface PlanMetrics {
  rows: AreaMetrics[];
  unassigned: Totals;
  mean: number;
  maxAbsDeviationPct: number | null;
  /** Some rule is broken: an area unbalanced, split or empty, or buildings in no area. */
  broken: boolean;
}

const zero = (): Totals => ({ buildings: 0, households: 0, population: 0, partyMembers: 0 });

function add(t: Totals, b: PlanBuilding) {
  t.buildings += 1;
  t.households += b.households;
  t.population += b.population;
  t.partyMembers += b.partyMembers;
}

/** Perimeter in metres of every ring (holes count: they are boundary too). */
export function perimeterM(outline: Outline): number {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  let total = 0;
  for (const rings of polygons)
    for (const ring of rings) for (let i = 1; i < ring.length; i++) total += distanceM(ring[i - 1] as LngLat, ring[i] as LngLat);
  return total;
}

export function polsbyPopper(outline: Outline): number | null {
  const p = perimeterM(outline);
  return p > 0 ? (4 * Math.PI * geodesicArea(outline)) / (p * p) : null;
}

/** One piece: a single polygon (a multipolygon's parts touch at most at a corner). */
export const isContiguous = (outline: Outline | null): boolean => !!outline && (outline.type === 'Polygon' || outline.coordinates.length === 1);

export function planMetrics(
  areaKeys: readonly string[],
  buildings: readonly PlanBuilding[],
  assignment: Readonly<Record<string, string | null>>,
  outlines: ReadonlyMap<string, { outline: Outline | null }>,
  measure: PlanMeasure,
): PlanMetrics {
  const totals = new Map(areaKeys.map((key) => [key, zero()]));
  const unassigned = zero();
  for (const b of buildings) {
    const key = assignment[b.id];
    const t = key ? totals.get(key) : undefined;
    add(t ?? unassigned, b);
  }
  const sizes = areaKeys.map((key) => totals.get(key)![measure]);
  const mean = sizes.length ? sizes.reduce((s, v) => s + v, 0) / sizes.length : 0;
  const rows = areaKeys.map((key, i): AreaMetrics => {
    const t = totals.get(key)!;
    const outline = outlines.get(key)?.outline ?? null;
    const deviationPct = mean > 0 ? ((sizes[i]! - mean) / mean) * 100 : null;
    return {
      key,
      ...t,
      landM2: outline ? geodesicArea(outline) : 0,
      deviationPct,
      polsbyPopper: outline ? polsbyPopper(outline) : null,
      contiguous: isContiguous(outline),
      empty: t.buildings === 0,
      unbalanced: deviationPct !== null && Math.abs(deviationPct) > DEVIATION_LIMIT_PCT,
    };
  });
  const deviations = rows.map((r) => r.deviationPct).filter((d): d is number => d !== null);
  return {
    rows,
    unassigned,
    mean,
    maxAbsDeviationPct: deviations.length ? Math.max(...deviations.map(Math.abs)) : null,
    broken: unassigned.buildings > 0 || rows.some((r) => r.empty || r.unbalanced || !r.contiguous),
  };
}
