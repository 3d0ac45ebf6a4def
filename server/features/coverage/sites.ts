// New sites: where p new centres of a given radius would reach the most residents no centre
// (with the what-if applied) reaches now. Candidates are the buildings themselves or the
// centres of a hexagonal grid over them; the answer is added to the what-if by the client. The
// choosing runs on a worker thread (runtime/jobs/coverage.ts): with a large p it takes seconds.
import { serving, type CentreChanges } from '../../analysis/coverage/what-if';
import type { CentreKind } from '../../domain/kinds';
import type { AppContext } from '../../context';
import { runJob } from '../../runtime/pool';
import { loadDemand } from './demand';
import { loadCentres } from './centres';
import { withChanges } from './service';
import type { ProposedSite, SitesAnswer } from './types';

export interface SitesRequest {
  p: number;
  radiusM: number;
  candidates: 'buildings' | 'hexes';
  hexSpacingM: number;
  kinds: CentreKind[];
  town?: string;
  changes?: CentreChanges;
}

export type { ProposedSite };

export type { SitesAnswer };

export async function proposeSites(ctx: AppContext, request: SitesRequest): Promise<SitesAnswer> {
  const [demand, original] = await Promise.all([loadDemand(ctx, request.town), loadCentres(ctx)]);
  const centres = withChanges(original, request.changes);
  const { lng, lat, population } = demand;
  const { p, radiusM, candidates, hexSpacingM } = request;
  return runJob('coverage.sites', { lng, lat, population, serving: serving(centres, request.kinds), p, radiusM, candidates, hexSpacingM });
}
