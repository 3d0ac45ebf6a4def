// Coverage figures: who lives within reach of a service centre, for the city, each town and
// each community; the estates beyond reach with the distance to their nearest centre; and the
// uncovered buildings as heatmap points. The centres may carry a leader's what-if changes:
// nothing here writes.
import { nearestCentreFinder } from '../../analysis/coverage/nearest';
import { indexPoints } from '../../analysis/coverage/points';
import { reachCounts } from '../../analysis/coverage/reach';
import { summarise, type Totals } from '../../analysis/coverage/summary';
import { applyChanges, serving, WhatIfError, type CentreChanges, type CentreKind, type PlacedCentre } from '../../analysis/coverage/what-if';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import { isLarge, loadCentres } from './centres';
import { loadDemand, type CityDemand, type Named } from './demand';

export interface CoverageRequest {
  kinds: CentreKind[];
  town?: string;
  changes?: CentreChanges;
}

export type Reached = Record<'population' | 'households' | 'buildings' | 'partyMembers', Totals>;

export interface UncoveredEstate {
  estate: { id: string; name: string };
  community: { id: string; name: string };
  townId: string;
  population: number;
  households: number;
  buildings: number;
  partyMembers: number;
  /** The estate's buildings' mean position. */
  location: [number, number];
  nearest: { centreId: string; name: string; distanceM: number } | null;
}

export interface Coverage {
  kinds: CentreKind[];
  town: string | null;
  centres: (PlacedCentre & { large: boolean })[];
  city: Reached;
  towns: (Named & Reached)[];
  communities: (Named & { townId: string } & Reached)[];
  /** Largest population first. */
  uncovered: UncoveredEstate[];
  /** Buildings no centre reaches: [lng, lat, population, households, partyMembers]. */
  uncoveredPoints: [number, number, number, number, number][];
  computedMs: number;
}

const weightsOf = (d: CityDemand) => ({ population: d.population, households: d.households, buildings: d.buildings, partyMembers: d.partyMembers });

export async function centresWithChanges(ctx: AppContext, changes: CentreChanges | undefined): Promise<PlacedCentre[]> {
  try {
    return applyChanges(await loadCentres(ctx), changes ?? {});
  } catch (e) {
    if (e instanceof WhatIfError) throw new HttpError(422, e.message);
    throw e;
  }
}

export function uncoveredEstates(d: CityDemand, reached: Uint16Array, centres: readonly PlacedCentre[]): UncoveredEstate[] {
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

export async function computeCoverage(ctx: AppContext, request: CoverageRequest): Promise<Coverage> {
  const [demand, centres] = await Promise.all([loadDemand(ctx, request.town), centresWithChanges(ctx, request.changes)]);
  const started = performance.now();
  const reachingCentres = serving(centres, request.kinds);
  const reached = reachCounts(indexPoints(demand.lng, demand.lat), reachingCentres);
  const weights = weightsOf(demand);
  const [city] = summarise(new Int32Array(demand.n), 1, reached, weights);
  const towns = summarise(demand.town, demand.towns.length, reached, weights);
  const communities = summarise(demand.community, demand.communities.length, reached, weights);
  const uncoveredPoints: Coverage['uncoveredPoints'] = [];
  for (let i = 0; i < demand.n; i++)
    if (!reached[i]) uncoveredPoints.push([demand.lng[i]!, demand.lat[i]!, demand.population[i]!, demand.households[i]!, demand.partyMembers[i]!]);
  const uncovered = uncoveredEstates(demand, reached, reachingCentres);
  return {
    kinds: request.kinds,
    town: request.town ?? null,
    centres: centres.map((c) => ({ ...c, large: isLarge(c) })),
    city: city!,
    towns: demand.towns.map((t, i) => ({ ...t, ...towns[i]! })),
    communities: demand.communities.map((c, i) => ({ ...c, ...communities[i]! })),
    uncovered,
    uncoveredPoints,
    computedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
