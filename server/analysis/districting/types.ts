// The shapes the districting algorithm takes and gives back; plain data, no I/O.
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import { say, type Message } from '../../domain/messages';
import type { ProposalMeasure } from '../../domain/plan-rules';

export type Measure = ProposalMeasure;

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
  /** The community: buildings are neighbours where their Voronoi cells meet inside it (anywhere when absent). */
  within?: Polygon | MultiPolygon;
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
  /** Contiguous by the plan's rule (server/domain/plan-rules.ts). */
  contiguous: boolean;
}

export interface ProposalReport {
  groups: GroupReport[];
  summary: { maxDeviationPct: number; meanPolsbyPopper: number | null; contiguous: boolean; splitEstates: number; groupsCrossingBarriers: number };
}

/** Bad input to the algorithm, named by a catalogue code; the API turns it into a 400 with it. */
export class DistrictingInputError extends Error {
  constructor(readonly problem: Message) {
    super(say(problem, 'en'));
  }
}

