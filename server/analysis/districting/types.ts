// The shapes the districting algorithm takes and gives back; plain data, no I/O.
import type { LineString } from 'geojson';

export const MEASURES = ['population', 'buildings', 'households'] as const;
export type Measure = (typeof MEASURES)[number];

export interface DistrictBuilding {
  id: string;
  /** [lng, lat] in WGS84. */
  point: [number, number];
  population: number;
  households: number;
  estateId: string;
  concentrated: boolean;
}

export interface ProposalInput {
  buildings: DistrictBuilding[];
  /** Rivers and major roads: a group avoids spanning them where balance allows. */
  barriers?: LineString[];
  k: number;
  by: Measure;
}

export interface GroupReport {
  buildingIds: string[];
  /** The balanced measure summed over the group. */
  size: number;
  population: number;
  households: number;
  buildings: number;
  /** (size − mean) / mean × 100. */
  deviationPct: number;
  /** 4πA/P² of the convex hull of the group's buildings; null for fewer than 3 non-collinear points. */
  polsbyPopperHull: number | null;
  /** Connected in the neighbour graph (barrier edges included). */
  contiguous: boolean;
}

export interface ProposalReport {
  groups: GroupReport[];
  summary: { maxDeviationPct: number; meanPolsbyPopper: number | null; contiguous: boolean; splitEstates: number; groupsCrossingBarriers: number };
}

/** Bad input to the algorithm; the API turns it into a 400 with this message. */
export class DistrictingInputError extends Error {}

/** Within this much of the mean (in %) a proposal counts as balanced. */
export const BALANCE_TOLERANCE_PCT = 5;
