// The coverage computations as worker jobs: the rows the service loaded in, the figures out.
// Plain data both ways (typed arrays and objects), so nothing but the arithmetic runs here.
import { compare, counted, MEASURES, type Comparison, type Demand, type Reached } from '../../analysis/coverage/compare';
import { occupiedHexCentres } from '../../analysis/coverage/hexes';
import { nearestCentreFinder } from '../../analysis/coverage/nearest';
import { indexPoints } from '../../analysis/coverage/points';
import { reachCounts } from '../../analysis/coverage/reach';
import { chooseSites, SitingInputError } from '../../analysis/coverage/siting';
import { summarise } from '../../analysis/coverage/summary';
import { serving, type PlacedCentre } from '../../analysis/coverage/what-if';
import type { CentreKind } from '../../domain/kinds';
import type { CityDemand } from '../../features/coverage/demand';
import type { SitesAnswer, UncoveredEstate } from '../../features/coverage/types';
import { HttpError } from '../../http/errors';

export interface FiguresInput {
  demand: CityDemand;
  /** The centres as they are, and as the what-if leaves them. */
  original: PlacedCentre[];
  centres: PlacedCentre[];
  kinds: CentreKind[];
  /** Whether the what-if changes anything: only then the before → after comparison. */
  changed: boolean;
}

export interface Figures {
  city: Reached;
  towns: Reached[];
  communities: Reached[];
  uncovered: UncoveredEstate[];
  uncoveredPoints: [number, number, number, number, number][];
  comparison: Comparison | null;
  computedMs: number;
}

const weightsOf = (d: CityDemand) => ({ population: d.population, households: d.households, buildings: d.buildings, partyMembers: d.partyMembers });

function uncoveredEstates(d: CityDemand, reached: Uint16Array, centres: readonly PlacedCentre[]): UncoveredEstate[] {
  const sums = new Map<number, { population: number; households: number; buildings: number; partyMembers: number; lng: number; lat: number }>();
  for (let i = 0; i < d.n; i++) {
    if (reached[i]) continue;
    const e = d.estate[i]!;
    const s = sums.get(e) ?? { population: 0, households: 0, buildings: 0, partyMembers: 0, lng: 0, lat: 0 };
    s.population += d.population[i]!;
    s.households += d.households[i]!;
    s.partyMembers += d.partyMembers[i]!;
    s.buildings++;
    s.lng += d.lng[i]!;
    s.lat += d.lat[i]!;
    sums.set(e, s);
  }
  const nearest = nearestCentreFinder(centres.map((c) => ({ id: c.id, lng: c.lng, lat: c.lat, radiusM: c.radiusM })));
  const names = new Map(centres.map((c) => [c.id, c.name]));
  const communityIndex = new Map(d.communities.map((c, i) => [c.id, i]));
  return [...sums]
    .map(([e, s]): UncoveredEstate => {
      const estate = d.estates[e]!;
      const community = d.communities[communityIndex.get(estate.communityId)!]!;
      const location: [number, number] = [s.lng / s.buildings, s.lat / s.buildings];
      const near = nearest(location[0], location[1]);
      return {
        estate: { id: estate.id, name: estate.name },
        community: { id: community.id, name: community.name },
        townId: community.townId,
        population: s.population,
        households: s.households,
        buildings: s.buildings,
        partyMembers: s.partyMembers,
        location,
        nearest: near && { centreId: near.centre.id, name: names.get(near.centre.id)!, distanceM: Math.round(near.distanceM) },
      };
    })
    .sort((a, b) => b.population - a.population || a.estate.id.localeCompare(b.estate.id));
}

export function coverageFigures({ demand, original, centres, kinds, changed }: FiguresInput): Figures {
  const started = performance.now();
  const weights = weightsOf(demand);
  const points: Demand = { points: indexPoints(demand.lng, demand.lat), weights, estate: demand.estate };
  const after = counted(points, centres, kinds);
  const comparison = changed ? compare(points, counted(points, original, kinds), after, kinds) : null;
  const reached = after.counts;
  const uncoveredPoints: Figures['uncoveredPoints'] = [];
  for (let i = 0; i < demand.n; i++)
    if (!reached[i]) uncoveredPoints.push([demand.lng[i]!, demand.lat[i]!, demand.population[i]!, demand.households[i]!, demand.partyMembers[i]!]);
  return {
    city: Object.fromEntries(MEASURES.map((m) => [m, after.figures[m]])) as Reached,
    towns: summarise(demand.town, demand.towns.length, reached, weights),
    communities: summarise(demand.community, demand.communities.length, reached, weights),
    uncovered: uncoveredEstates(demand, reached, serving(centres, kinds)),
    uncoveredPoints,
    comparison,
    computedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

export interface SitesInput {
  lng: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  /** The centres that serve, with the what-if applied. */
  serving: PlacedCentre[];
  p: number;
  radiusM: number;
  candidates: 'buildings' | 'hexes';
  hexSpacingM: number;
}

export function newSites(input: SitesInput): SitesAnswer {
  const started = performance.now();
  const points = indexPoints(input.lng, input.lat);
  const reached = reachCounts(points, input.serving);
  const uncovered = input.population.map((p, i) => (reached[i] ? 0 : p));
  const candidates =
    input.candidates === 'hexes'
      ? occupiedHexCentres(points, input.hexSpacingM)
      : Array.from({ length: input.lng.length }, (_, i) => ({ lng: input.lng[i]!, lat: input.lat[i]! }));
  try {
    const result = chooseSites({ points, demand: uncovered, candidates, radiusM: input.radiusM, p: input.p });
    return {
      sites: result.sites.map((s) => ({ ...candidates[s.candidate]!, gain: s.gain })),
      uncoveredBefore: uncovered.reduce((s, v) => s + v, 0),
      reachedBySites: result.covered,
      population: input.population.reduce((s, v) => s + v, 0),
      candidates: candidates.length,
      computedMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    if (e instanceof SitingInputError) throw new HttpError(422, e.code, e.params);
    throw e;
  }
}
