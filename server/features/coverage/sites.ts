// New sites: where p new centres of a given radius would reach the most residents no centre
// (with the what-if applied) reaches now. Candidates are the buildings themselves or the
// centres of a hexagonal grid over them; the answer is added to the what-if by the client.
import { occupiedHexCentres } from '../../analysis/coverage/hexes';
import { indexPoints } from '../../analysis/coverage/points';
import { reachCounts } from '../../analysis/coverage/reach';
import { chooseSites, SitingInputError } from '../../analysis/coverage/siting';
import { serving, type CentreChanges, type CentreKind } from '../../analysis/coverage/what-if';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import { loadDemand } from './demand';
import { centresWithChanges } from './service';

export interface SitesRequest {
  p: number;
  radiusM: number;
  candidates: 'buildings' | 'hexes';
  hexSpacingM: number;
  kinds: CentreKind[];
  town?: string;
  changes?: CentreChanges;
}

export interface ProposedSite {
  lng: number;
  lat: number;
  /** Residents this site reaches that no centre (nor any site before it) reaches. */
  gain: number;
}

export interface SitesAnswer {
  sites: ProposedSite[];
  /** Residents beyond every centre before the new sites, and reached by them. */
  uncoveredBefore: number;
  reachedBySites: number;
  population: number;
  candidates: number;
  computedMs: number;
}

export async function proposeSites(ctx: AppContext, request: SitesRequest): Promise<SitesAnswer> {
  const [demand, centres] = await Promise.all([loadDemand(ctx, request.town), centresWithChanges(ctx, request.changes)]);
  const started = performance.now();
  const points = indexPoints(demand.lng, demand.lat);
  const reached = reachCounts(points, serving(centres, request.kinds));
  const uncovered = demand.population.map((p, i) => (reached[i] ? 0 : p));
  const candidates =
    request.candidates === 'hexes'
      ? occupiedHexCentres(points, request.hexSpacingM)
      : Array.from({ length: demand.n }, (_, i) => ({ lng: demand.lng[i]!, lat: demand.lat[i]! }));
  try {
    const result = chooseSites({ points, demand: uncovered, candidates, radiusM: request.radiusM, p: request.p });
    return {
      sites: result.sites.map((s) => ({ ...candidates[s.candidate]!, gain: s.gain })),
      uncoveredBefore: uncovered.reduce((s, v) => s + v, 0),
      reachedBySites: result.covered,
      population: demand.population.reduce((s, v) => s + v, 0),
      candidates: candidates.length,
      computedMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    if (e instanceof SitingInputError) throw new HttpError(422, e.message);
    throw e;
  }
}
