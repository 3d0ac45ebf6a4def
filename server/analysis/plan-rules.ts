// The parts of a plan's save that need no database: which mode the save is in, whether the
// client's versions are the current ones, and which buildings a painting leaves uncovered,
// paints twice or does not know. The SQL checks (inside, overlap, gaps) are in features/plans.
import type { MessageCode, MessageParams } from '../domain/messages';
import type { Problem } from '../domain/problems';

/** How the areas' outlines are given: painted (building ids), drawn (polygons), or kept as they are. */
export type PlanMode = 'painted' | 'drawn' | 'kept';

/**
 * A broken rule before the server words it (the catalogue's sentences are filled in by
 * `problem()` at the edge): its code and parameters, the areas (id, or "#<index>" for a new one)
 * and buildings it concerns in `ids`, and where on the map.
 */
export type PlanProblem = Omit<Problem, 'message' | 'messageEn' | 'severity'> & { severity?: Problem['severity'] };

export interface AreaShape {
  id?: string;
  version?: number;
  geometry?: unknown;
  buildings?: string[];
}

/** How a problem or report names an area: its id, or its place in the request when new. */
export const areaRef = (a: { id?: string }, index: number): string => a.id ?? `#${index}`;

/** A save's body that cannot be read as a plan: a 400 with this code. */
export class PlanInputError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: MessageParams = {},
  ) {
    super(code);
  }
}

/** All areas of one save give their outline the same way; a new area cannot keep what it does not have. */
export function planMode(areas: AreaShape[]): PlanMode {
  const modes = new Set(areas.map((a) => (a.buildings ? 'painted' : a.geometry !== undefined ? 'drawn' : 'kept')));
  if (modes.size > 1) throw new PlanInputError('plan_mixed_modes', { modes: [...modes].sort() });
  const mode: PlanMode = modes.values().next().value ?? 'kept';
  const fresh = areas.findIndex((a) => a.id === undefined);
  if (mode === 'kept' && fresh >= 0) throw new PlanInputError('plan_new_area_needs_shape', { index: fresh });
  return mode;
}

/** No area named twice, in `areas` or `removed` or across them; no building twice in one area's list. */
export function duplicateProblem(areas: AreaShape[], removed: Array<{ id: string }>): PlanInputError | undefined {
  const seen = new Set<string>();
  for (const id of [...areas.flatMap((a) => (a.id ? [a.id] : [])), ...removed.map((r) => r.id)]) {
    if (seen.has(id)) return new PlanInputError('plan_area_named_twice', { id });
    seen.add(id);
  }
  for (const [i, a] of areas.entries()) {
    const ids = new Set(a.buildings ?? []);
    if (ids.size !== (a.buildings ?? []).length) return new PlanInputError('plan_building_listed_twice', { index: i });
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
  painted: Array<{ ref: string; name: string; buildings: string[] }>,
  community: ReadonlySet<string>,
  elsewhere: ReadonlyMap<string, string>,
): { problems: PlanProblem[]; coveredBy: Map<string, string[]> } {
  const problems: PlanProblem[] = [];
  const coveredBy = new Map<string, string[]>();
  for (const { ref, name, buildings } of painted) {
    const unknown = buildings.filter((b) => !community.has(b) && !elsewhere.has(b));
    const foreign = buildings.filter((b) => elsewhere.has(b));
    if (unknown.length) problems.push({ code: 'plan_unknown_building', params: { area: name, buildings: unknown }, ids: [ref, ...unknown] });
    if (foreign.length) {
      const communities = [...new Set(foreign.map((b) => elsewhere.get(b)!))];
      problems.push({ code: 'plan_building_of_other_community', params: { area: name, communities }, ids: [ref, ...foreign] });
    }
    for (const b of buildings.filter((id) => community.has(id))) coveredBy.set(b, [...(coveredBy.get(b) ?? []), ref]);
  }
  return { problems, coveredBy };
}

/** Every building of the community in exactly one area: the uncovered ones, and those in several (grouped by which). */
export function coverageProblems(buildings: string[], coveredBy: ReadonlyMap<string, string[]>, names: ReadonlyMap<string, string>): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const uncovered = buildings.filter((b) => !coveredBy.get(b)?.length);
  if (uncovered.length) problems.push({ code: 'plan_building_uncovered', params: { count: uncovered.length }, ids: uncovered });
  const several = new Map<string, string[]>();
  for (const b of buildings) {
    const refs = coveredBy.get(b) ?? [];
    if (refs.length < 2) continue;
    const key = [...refs].sort().join('\n');
    several.set(key, [...(several.get(key) ?? []), b]);
  }
  for (const [key, ids] of several) {
    const areas = key.split('\n');
    problems.push({ code: 'plan_building_in_several_areas', params: { count: ids.length, areas: areas.map((r) => names.get(r) ?? r) }, ids: [...areas, ...ids] });
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
