// Generated communities for the districting tests and bench: buildings on a jittered grid
// (about 30 m apart), estates as rectangular blocks of the grid, populations drawn from a
// seeded generator, so every run sees the same community for the same seed.
import type { LineString } from 'geojson';
import { buildingAdjacency } from '../../server/domain/adjacency';
import type { DistrictBuilding } from '../../server/analysis/districting/types';

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ORIGIN: [number, number] = [120.5, 32.0];
/** About 30 m in degrees at this latitude. */
export const STEP = 0.0003;

export interface CommunityOptions {
  cols: number;
  rows: number;
  seed: number;
  /** Side of an estate block, in grid cells. */
  estateBlock?: number;
  /** Jitter as a share of the step. */
  jitter?: number;
}

export function gridCommunity({ cols, rows, seed, estateBlock = 5, jitter = 0.3 }: CommunityOptions): DistrictBuilding[] {
  const rand = seededRandom(seed);
  const out: DistrictBuilding[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const households = 4 + Math.floor(rand() * 40);
      out.push({
        id: `b${r}-${c}`,
        point: [ORIGIN[0] + (c + (rand() - 0.5) * jitter) * STEP, ORIGIN[1] + (r + (rand() - 0.5) * jitter) * STEP],
        households,
        population: Math.round(households * (2 + rand() * 1.5)),
        estateId: `e${Math.floor(r / estateBlock)}-${Math.floor(c / estateBlock)}`,
        concentrated: rand() < 0.3,
      });
    }
  return out;
}

/** A straight vertical river through the middle of the columns, with some margin above and below. */
export function riverThroughMiddle(cols: number, rows: number): LineString {
  const lng = ORIGIN[0] + ((cols - 1) / 2) * STEP;
  return { type: 'LineString', coordinates: [[lng, ORIGIN[1] - 2 * STEP], [lng + STEP * 0.01, ORIGIN[1] + (rows + 1) * STEP]] };
}

/** Enough rows and columns for about n buildings. */
export function communityOfSize(n: number, seed: number): DistrictBuilding[] {
  const cols = Math.round(Math.sqrt(n * 1.3));
  return gridCommunity({ cols, rows: Math.round(n / cols), seed });
}

/**
 * The tests' own check of contiguity: the sizes of the groups' parts that cannot be reached from
 * their first building in the plan's neighbour graph rebuilt from the points (all 0 when every group is connected).
 */
export function unreachedPerGroup(points: Array<{ id: string; point: [number, number] }>, groups: Array<{ buildingIds: string[] }>): number[] {
  const index = new Map(points.map((b, i) => [b.id, i]));
  const graph = buildingAdjacency(points.map((b) => b.point));
  return groups.map((g) => {
    const members = new Set(g.buildingIds.map((id) => index.get(id)!));
    const [first] = members;
    const seen = new Set([first!]);
    const stack = [first!];
    while (stack.length) {
      const u = stack.pop()!;
      for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
        const v = graph.nbr[e]!;
        if (members.has(v) && !seen.has(v)) {
          seen.add(v);
          stack.push(v);
        }
      }
    }
    return members.size - seen.size;
  });
}
