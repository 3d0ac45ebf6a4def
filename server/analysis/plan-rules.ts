// The parts of a plan's save that need no database: which mode the save is in, whether the
// client's versions are the current ones, and which buildings a painting leaves uncovered,
// paints twice or does not know. The SQL checks (inside, overlap, gaps) are in features/plans.
import type { Geometry } from 'geojson';
import type { ProblemPlace } from './geometry-check';

/** How the areas' outlines are given: painted (building ids), drawn (polygons), or kept as they are. */
export type PlanMode = 'painted' | 'drawn' | 'kept';

export type PlanRule =
  | 'outside_community'
  | 'overlap'
  | 'building_uncovered'
  | 'building_in_several_areas'
  | 'unknown_building'
  | 'building_of_other_community'
  | 'invalid_geometry'
  | 'empty_area';

export interface PlanProblem {
  rule: PlanRule;
  message: string;
  /** Area ids, or "#<index>" for a new area at that index of the request. */
  areas: string[];
  buildings?: string[];
  /** Where, as GeoJSON (WGS84): the overlap, the part outside. */
  geometry?: Geometry;
  /** A point where an invalid geometry goes wrong. */
  location?: [number, number];
  /** Or which polygon / ring / position of the area's coordinates (see geometry-check). */
  where?: ProblemPlace;
}

export interface AreaShape {
  id?: string;
  version?: number;
  geometry?: unknown;
  buildings?: string[];
}

/** How a problem or report names an area: its id, or its place in the request when new. */
export const areaRef = (a: { id?: string }, index: number): string => a.id ?? `#${index}`;

export class PlanInputError extends Error {}

/** All areas of one save give their outline the same way; a new area cannot keep what it does not have. */
export function planMode(areas: AreaShape[]): PlanMode {
  const modes = new Set(areas.map((a) => (a.buildings ? 'painted' : a.geometry !== undefined ? 'drawn' : 'kept')));
  if (modes.size > 1) throw new PlanInputError(`areas: every area gives either geometry or buildings, all the same way, or none does (got ${[...modes].sort().join(' and ')})`);
  const mode: PlanMode = modes.values().next().value ?? 'kept';
  const fresh = areas.findIndex((a) => a.id === undefined);
  if (mode === 'kept' && fresh >= 0) throw new PlanInputError(`areas.${fresh}: a new area needs geometry or buildings`);
  return mode;
}

/** No area named twice, in `areas` or `removed` or across them; no building twice in one area's list. */
export function duplicateProblem(areas: AreaShape[], removed: Array<{ id: string }>): string | undefined {
  const seen = new Set<string>();
  for (const id of [...areas.flatMap((a) => (a.id ? [a.id] : [])), ...removed.map((r) => r.id)]) {
    if (seen.has(id)) return `area "${id}" is named more than once in areas and removed`;
    seen.add(id);
  }
  for (const [i, a] of areas.entries()) {
    const ids = new Set(a.buildings ?? []);
    if (ids.size !== (a.buildings ?? []).length) return `areas.${i}.buildings: a building is listed more than once`;
  }
  return undefined;
}

export interface Staleness {
  /** Named with a version that is not the current one, or no longer there. */
  stale: string[];
  /** In the community now but neither kept nor removed (added by someone else meanwhile). */
  unlisted: string[];
}

export function staleness(current: Array<{ id: string; version: number }>, named: Array<{ id: string; version: number }>): Staleness {
  const now = new Map(current.map((a) => [a.id, a.version]));
  const listed = new Set(named.map((a) => a.id));
  return {
    stale: named.filter((a) => now.get(a.id) !== a.version).map((a) => a.id),
    unlisted: current.filter((a) => !listed.has(a.id)).map((a) => a.id),
  };
}

/**
 * A painting's buildings, checked against the community's: ids nobody knows, ids of another
 * community's buildings. Answers the problems and each known building's area refs.
 */
export function paintingProblems(
  painted: Array<{ ref: string; buildings: string[] }>,
  community: ReadonlySet<string>,
  elsewhere: ReadonlyMap<string, string>,
): { problems: PlanProblem[]; coveredBy: Map<string, string[]> } {
  const problems: PlanProblem[] = [];
  const coveredBy = new Map<string, string[]>();
  for (const { ref, buildings } of painted) {
    const unknown = buildings.filter((b) => !community.has(b) && !elsewhere.has(b));
    const foreign = buildings.filter((b) => elsewhere.has(b));
    if (unknown.length) problems.push({ rule: 'unknown_building', message: `no building has the id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, areas: [ref], buildings: unknown });
    if (foreign.length) {
      const where = [...new Set(foreign.map((b) => elsewhere.get(b)))].join(', ');
      problems.push({ rule: 'building_of_other_community', message: `buildings of another community (${where}) cannot be painted here`, areas: [ref], buildings: foreign });
    }
    for (const b of buildings.filter((id) => community.has(id))) coveredBy.set(b, [...(coveredBy.get(b) ?? []), ref]);
  }
  return { problems, coveredBy };
}

/** Every building of the community in exactly one area: the uncovered ones, and those in several (grouped by which). */
export function coverageProblems(buildings: string[], coveredBy: ReadonlyMap<string, string[]>): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const uncovered = buildings.filter((b) => !coveredBy.get(b)?.length);
  if (uncovered.length) problems.push({ rule: 'building_uncovered', message: `${uncovered.length} building(s) of the community are in no area`, areas: [], buildings: uncovered });
  const several = new Map<string, string[]>();
  for (const b of buildings) {
    const refs = coveredBy.get(b) ?? [];
    if (refs.length < 2) continue;
    const key = [...refs].sort().join('\n');
    several.set(key, [...(several.get(key) ?? []), b]);
  }
  for (const [key, ids] of several) {
    const areas = key.split('\n');
    problems.push({ rule: 'building_in_several_areas', message: `${ids.length} building(s) are in ${areas.length} areas at once: ${areas.join(', ')}`, areas, buildings: ids });
  }
  return problems;
}

export interface BuildingFigures {
  id: string;
  households: number;
  population: number;
  partyMembers: number;
}

export interface AreaTotals {
  buildings: number;
  households: number;
  population: number;
  partyMembers: number;
}

/** Each area's totals from the buildings it holds (a building in several areas counts in each). */
export function areaTotals(refs: string[], buildings: BuildingFigures[], coveredBy: ReadonlyMap<string, string[]>): Map<string, AreaTotals> {
  const totals = new Map(refs.map((r) => [r, { buildings: 0, households: 0, population: 0, partyMembers: 0 }]));
  for (const b of buildings) {
    for (const ref of coveredBy.get(b.id) ?? []) {
      const t = totals.get(ref);
      if (!t) continue;
      t.buildings += 1;
      t.households += b.households;
      t.population += b.population;
      t.partyMembers += b.partyMembers;
    }
  }
  return totals;
}
