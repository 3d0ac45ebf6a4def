// The graph the proposal grows and moves groups in: the plan's own neighbour graph
// (server/domain/adjacency.ts: Voronoi cells sharing a boundary inside the community), less
// very long edges unless they are what holds it together, with every edge that crosses a
// barrier (river, major road) marked, so growth and moves can avoid it. Only ever fewer edges
// than the plan's graph: a group connected here is contiguous by the plan's rule.
import type { Adjacency } from '../../domain/adjacency';
import { SegmentIndex, type Segment } from './segments';

export interface NeighbourGraph {
  n: number;
  xs: Float64Array;
  ys: Float64Array;
  /** Adjacency: neighbours of i are nbr[start[i] .. start[i + 1]). */
  start: Int32Array;
  nbr: Int32Array;
  /** Parallel to nbr: 1 when the edge crosses a barrier. */
  barrier: Uint8Array;
}

/** An edge longer than this many median edges is dropped unless it connects otherwise separate parts. */
const LONG_EDGE_FACTOR = 5;

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

function edgesOf(adj: Adjacency): [number, number][] {
  const edges: [number, number][] = [];
  for (let u = 0; u < adj.n; u++) for (let e = adj.start[u]!; e < adj.start[u + 1]!; e++) if (u < adj.nbr[e]!) edges.push([u, adj.nbr[e]!]);
  return edges;
}

/** `xs`, `ys` in local metres, `adjacency` over the same points in the same order. */
export function buildNeighbourGraph(xs: Float64Array, ys: Float64Array, barriers: Segment[][], adjacency: Adjacency): NeighbourGraph {
  const n = xs.length;
  const len = ([a, b]: [number, number]) => Math.hypot(xs[a]! - xs[b]!, ys[a]! - ys[b]!);
  const edges = edgesOf(adjacency).sort((p, q) => len(p) - len(q));
  const median = edges.length ? len(edges[Math.floor(edges.length / 2)]!) : 0;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const seen = new Set<number>();
  const kept: [number, number][] = [];
  for (const e of edges) {
    const [a, b] = e[0] < e[1] ? e : [e[1], e[0]];
    if (a === b || seen.has(a * n + b)) continue;
    seen.add(a * n + b);
    const ra = find(parent, a);
    const rb = find(parent, b);
    if (len(e) > LONG_EDGE_FACTOR * median && ra === rb) continue;
    parent[ra] = rb;
    kept.push([a, b]);
  }

  const index = new SegmentIndex(barriers.flat(), Math.max(1, 4 * median));
  const degree = new Int32Array(n + 1);
  for (const [a, b] of kept) {
    degree[a]!++;
    degree[b]!++;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const nbr = new Int32Array(start[n]!);
  const barrier = new Uint8Array(start[n]!);
  for (const [a, b] of kept) {
    const crosses = index.crosses([xs[a]!, ys[a]!, xs[b]!, ys[b]!]) ? 1 : 0;
    nbr[fill[a]!] = b;
    barrier[fill[a]!++] = crosses;
    nbr[fill[b]!] = a;
    barrier[fill[b]!++] = crosses;
  }
  return { n, xs, ys, start, nbr, barrier };
}
