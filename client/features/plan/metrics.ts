// The live metrics table: per area its size in each measure, the deviation from the community's
// mean for the measure the planner balances, Polsby-Popper of its preview outline, and the
// rules it breaks, judged by the same functions as 检查 and 保存 on the server
// (server/domain/plan-rules.ts), so the table's red cells are the save's warnings. Pure:
// recomputed on every edit.
import { area as geodesicArea } from '@turf/turf';
import type { Adjacency } from '../../../server/domain/adjacency';
import { deviations, isUnbalanced, ruleWarnings, type PlanMeasure, type RuleWarning } from '../../../server/domain/plan-rules';
import type { PlanBuilding } from './types';
import type { Outline } from './outlines';
import { distanceM, type LngLat } from './select';

export { PLAN_MEASURES, type PlanMeasure } from '../../../server/domain/plan-rules';

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
  /** The buildings are connected in the community's neighbour graph (the plan's rule). */
  contiguous: boolean;
  empty: boolean;
  unbalanced: boolean;
}

export interface PlanMetrics {
  rows: AreaMetrics[];
  unassigned: Totals;
  mean: number;
  maxAbsDeviationPct: number | null;
  /** The rule warnings the save will name, by area key (the server names areas by id or "#index"). */
  warnings: RuleWarning[];
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

/**
 * `areaKeys` in the order the save sends them; `adjacency` over `buildings` in their order.
 * Warnings name an area by `refOf(key)` (its id, or "#index" when new), as the server does.
 */
export function planMetrics(
  areaKeys: readonly string[],
  buildings: readonly PlanBuilding[],
  assignment: Readonly<Record<string, string | null>>,
  outlines: ReadonlyMap<string, { outline: Outline | null }>,
  measure: PlanMeasure,
  adjacency: Adjacency,
  describe: (key: string, index: number) => { ref: string; name: string } = (key) => ({ ref: key, name: key }),
): PlanMetrics {
  const totals = new Map(areaKeys.map((key) => [key, zero()]));
  const members = new Map(areaKeys.map((key) => [key, [] as number[]]));
  const unassigned = zero();
  buildings.forEach((b, i) => {
    const key = assignment[b.id];
    const t = key ? totals.get(key) : undefined;
    add(t ?? unassigned, b);
    if (t) members.get(key!)!.push(i);
  });
  const sizes = areaKeys.map((key) => totals.get(key)![measure]);
  const { mean, deviationPct } = deviations(sizes);
  const areas = areaKeys.map((key, i) => ({ ...describe(key, i), members: members.get(key)!, size: sizes[i]! }));
  const warnings = ruleWarnings(adjacency, areas, measure);
  const split = new Set(warnings.filter((w) => w.code === 'not_contiguous').map((w) => w.ids[0]));
  const rows = areaKeys.map((key, i): AreaMetrics => {
    const t = totals.get(key)!;
    const outline = outlines.get(key)?.outline ?? null;
    return {
      key,
      ...t,
      landM2: outline ? geodesicArea(outline) : 0,
      deviationPct: deviationPct[i]!,
      polsbyPopper: outline ? polsbyPopper(outline) : null,
      contiguous: !split.has(areas[i]!.ref),
      empty: t.buildings === 0,
      unbalanced: isUnbalanced(deviationPct[i]!),
    };
  });
  const known = deviationPct.filter((d): d is number => d !== null);
  return {
    rows,
    unassigned,
    mean,
    maxAbsDeviationPct: known.length ? Math.max(...known.map(Math.abs)) : null,
    warnings,
    broken: unassigned.buildings > 0 || rows.some((r) => r.empty || r.unbalanced || !r.contiguous),
  };
}
