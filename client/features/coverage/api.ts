// Coverage endpoints for leaders. The answers are the server's own types (types only; the client
// never imports server code). Nothing here saves: a what-if and a siting run are questions.
import type { CentreEffect, Comparison } from '../../../server/analysis/coverage/compare';
import type { CentreChanges, PlacedCentre } from '../../../server/analysis/coverage/what-if';
import type { CentreKind } from '../../../server/domain/kinds';
import type { Coverage, UncoveredEstate } from '../../../server/features/coverage/service';
import type { PopulationPoints } from '../../../server/features/coverage/population';
import type { ProposedSite, SitesAnswer } from '../../../server/features/coverage/sites';
import { ApiError, type ErrorBody } from '../../shared/api/client';

export type { CentreChanges, CentreEffect, CentreKind, Comparison, Coverage, PlacedCentre, PopulationPoints, ProposedSite, SitesAnswer, UncoveredEstate };
export type CoverageCentre = Coverage['centres'][number];

export interface CoverageFilter {
  kinds: CentreKind[];
  town: string | null;
}

export interface SitesParams {
  p: number;
  radiusM: number;
  candidates: 'hexes' | 'buildings';
}

async function send<T>(method: 'GET' | 'POST', url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    method,
    signal,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: ErrorBody = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  // The whole body goes with the error: describeError renders its code in the reader's language.
  if (!res.ok) throw new ApiError(res.status, parsed.errorEn ?? parsed.error ?? `${res.status} ${res.statusText}`, undefined, undefined, parsed);
  return parsed as T;
}

const hasChanges = (c: CentreChanges) => Object.values(c).some((v) => (Array.isArray(v) ? v.length > 0 : v && Object.keys(v).length > 0));

/** The figures as the centres are, or with the leader's changes applied (a what-if). */
export function fetchCoverage(filter: CoverageFilter, changes: CentreChanges, signal?: AbortSignal): Promise<Coverage> {
  const town = filter.town ?? undefined;
  if (!hasChanges(changes)) {
    const params = new URLSearchParams({ kinds: filter.kinds.join(',') });
    if (town) params.set('town', town);
    return send<Coverage>('GET', `/api/coverage?${params}`, undefined, signal);
  }
  return send<Coverage>('POST', '/api/coverage/what-if', { kinds: filter.kinds, town, changes }, signal);
}

/** Every building as a heatmap point: the same whatever the what-if, so asked once per town. */
export function fetchPopulation(town: string | null, signal?: AbortSignal): Promise<PopulationPoints> {
  return send<PopulationPoints>('GET', `/api/coverage/population${town ? `?${new URLSearchParams({ town })}` : ''}`, undefined, signal);
}

/** Where `p` new centres would reach the most residents still beyond reach (after the what-if). */
export function fetchSites(filter: CoverageFilter, changes: CentreChanges, params: SitesParams, signal?: AbortSignal): Promise<SitesAnswer> {
  return send<SitesAnswer>('POST', '/api/coverage/sites', { kinds: filter.kinds, town: filter.town ?? undefined, changes, ...params }, signal);
}
