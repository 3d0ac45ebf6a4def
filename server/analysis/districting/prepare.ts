// Checks the input and turns it into arrays: metres, the neighbour graph, the measure per
// building and estates as numbers. Shared by the proposal and the k-means baseline.
import { buildingAdjacency, type Adjacency } from '../../domain/adjacency';
import { PROPOSAL_MEASURES } from '../../domain/plan-rules';
import { buildNeighbourGraph, type NeighbourGraph } from './graph';
import { localProjection } from './project';
import type { Segment } from './segments';
import { DistrictingInputError, type DistrictBuilding, type ProposalInput } from './types';

export interface Prepared {
  buildings: DistrictBuilding[];
  /** The plan's neighbour graph, which the report judges contiguity in. */
  adjacency: Adjacency;
  graph: NeighbourGraph;
  weight: Float64Array;
  estate: Int32Array;
  /** 1 for a building of a concentrated estate (农民集中居住区): rejoined first. */
  concentrated: Uint8Array;
  k: number;
  /** The median neighbour distance in metres: the unit the penalties are counted in. */
  spacing: number;
}

function validate({ buildings, k, by }: ProposalInput): void {
  if (!Array.isArray(buildings) || buildings.length === 0) throw new DistrictingInputError({ code: 'no_buildings_to_divide' });
  if (!PROPOSAL_MEASURES.includes(by)) throw new DistrictingInputError({ code: 'unknown_measure', params: { measure: String(by), measures: PROPOSAL_MEASURES } });
  if (!Number.isInteger(k) || k < 1) throw new DistrictingInputError({ code: 'k_not_whole', params: { k } });
  if (k > buildings.length) throw new DistrictingInputError({ code: 'k_too_large', params: { k, buildings: buildings.length } });
  const ids = new Set<string>();
  for (const b of buildings) {
    const [lng, lat] = b.point ?? [];
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng!) > 180 || Math.abs(lat!) > 90) throw new DistrictingInputError({ code: 'building_no_position', params: { id: b.id } });
    if (!(b.population >= 0) || !(b.households >= 0)) throw new DistrictingInputError({ code: 'building_bad_counts', params: { id: b.id } });
    if (ids.has(b.id)) throw new DistrictingInputError({ code: 'building_twice', params: { id: b.id } });
    ids.add(b.id);
  }
}

export function prepare(input: ProposalInput): Prepared {
  validate(input);
  const { buildings, by, k } = input;
  const proj = localProjection(buildings.map((b) => b.point));
  const xs = Float64Array.from(buildings, (b) => proj.x(b.point[0]));
  const ys = Float64Array.from(buildings, (b) => proj.y(b.point[1]));
  const barriers: Segment[][] = (input.barriers ?? []).map((line) =>
    line.coordinates.slice(1).map((c, i): Segment => {
      const p = line.coordinates[i]!;
      return [proj.x(p[0]!), proj.y(p[1]!), proj.x(c[0]!), proj.y(c[1]!)];
    }),
  );
  const adjacency = buildingAdjacency(buildings.map((b) => b.point), input.within);
  const graph = buildNeighbourGraph(xs, ys, barriers, adjacency);
  const weight = Float64Array.from(buildings, (b) => (by === 'buildings' ? 1 : by === 'population' ? b.population : b.households));
  const estateIds = new Map<string, number>();
  const estate = Int32Array.from(buildings, (b) => estateIds.get(b.estateId) ?? estateIds.set(b.estateId, estateIds.size).get(b.estateId)!);
  const lengths: number[] = [];
  for (let u = 0; u < graph.n; u += Math.max(1, Math.floor(graph.n / 2000)))
    for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) lengths.push(Math.hypot(xs[u]! - xs[graph.nbr[e]!]!, ys[u]! - ys[graph.nbr[e]!]!));
  lengths.sort((a, b) => a - b);
  const concentrated = Uint8Array.from(buildings, (b) => (b.concentrated ? 1 : 0));
  return { buildings, adjacency, graph, weight, estate, concentrated, k, spacing: lengths[Math.floor(lengths.length / 2)] ?? 1 };
}
