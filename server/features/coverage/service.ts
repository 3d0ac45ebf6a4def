// Coverage figures: who lives within reach of a service centre, for the city, each town and
// each community; the estates beyond reach with the distance to their nearest centre; and the
// uncovered buildings as heatmap points. The centres may carry a leader's what-if changes:
// nothing here writes.
import type { Comparison, Reached } from '../../analysis/coverage/compare';
import { applyChanges, WhatIfError, type CentreChanges, type PlacedCentre } from '../../analysis/coverage/what-if';
import type { CentreKind } from '../../domain/kinds';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import { isLarge, loadCentres } from './centres';
import { runJob } from '../../runtime/pool';
import { loadDemand, type Named } from './demand';
import { townBoxes, type BBox } from './towns';
import type { UncoveredEstate } from './types';

export interface CoverageRequest {
  kinds: CentreKind[];
  town?: string;
  changes?: CentreChanges;
}

export type { Reached };

export type { UncoveredEstate };

export interface Coverage {
  kinds: CentreKind[];
  town: string | null;
  centres: (PlacedCentre & { large: boolean })[];
  city: Reached;
  /** Each with its outline's bounding box, for the map to frame. */
  towns: (Named & Reached & { bbox: BBox })[];
  communities: (Named & { townId: string } & Reached)[];
  /** Largest population first. */
  uncovered: UncoveredEstate[];
  /** Buildings no centre reaches: [lng, lat, population, households, partyMembers]. */
  uncoveredPoints: [number, number, number, number, number][];
  /** A what-if's figures before → after and what each touched centre did; null without changes. */
  comparison: Comparison | null;
  computedMs: number;
}

/** The centres as the what-if leaves them; a change they cannot take is the leader's to correct. */
export function withChanges(centres: readonly PlacedCentre[], changes: CentreChanges | undefined): PlacedCentre[] {
  try {
    return applyChanges(centres, changes ?? {});
  } catch (e) {
    if (e instanceof WhatIfError) throw new HttpError(422, e.code, e.params);
    throw e;
  }
}

const touches = (changes: CentreChanges | undefined) =>
  Object.values(changes ?? {}).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && Object.keys(v).length > 0));

export async function computeCoverage(ctx: AppContext, request: CoverageRequest): Promise<Coverage> {
  const [demand, original, boxes] = await Promise.all([loadDemand(ctx, request.town), loadCentres(ctx), townBoxes(ctx, request.town)]);
  const centres = withChanges(original, request.changes);
  const figures = await runJob('coverage.figures', { demand, original, centres, kinds: request.kinds, changed: touches(request.changes) });
  return {
    kinds: request.kinds,
    town: request.town ?? null,
    centres: centres.map((c) => ({ ...c, large: isLarge(c) })),
    city: figures.city,
    towns: demand.towns.map((t, i) => ({ ...t, ...figures.towns[i]!, bbox: boxes.get(t.id)! })),
    communities: demand.communities.map((c, i) => ({ ...c, ...figures.communities[i]! })),
    uncovered: figures.uncovered,
    uncoveredPoints: figures.uncoveredPoints,
    comparison: figures.comparison,
    computedMs: figures.computedMs,
  };
}
