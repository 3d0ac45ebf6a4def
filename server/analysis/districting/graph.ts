// The neighbour graph that contiguity is judged in: Delaunay edges between buildings, very long
// edges pruned unless they are what holds the graph together, and every edge that crosses a
// barrier (river, major road) marked, so growth and moves can avoid it.
import Delaunator from 'delaunator';
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

function candidateEdges(xs: Float64Array, ys: Float64Array): [number, number][] {
  const n = xs.length;
  const edges: [number, number][] = [];
  // Exact duplicates get no triangle in Delaunator: tie each to the first point at that spot.
  const firstAt = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${xs[i]},${ys[i]}`;
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, i);
    else edges.push([first, i]);
  }
  if (n < 2) return edges;
  const coords = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    coords[2 * i] = xs[i]!;
    coords[2 * i + 1] = ys[i]!;
  }
  const d = new Delaunator(coords);
  for (let e = 0; e < d.triangles.length; e++) {
    // Each interior edge appears as two half-edges; keep one of them, and every hull half-edge.
    if (e > d.halfedges[e]!) edges.push([d.triangles[e]!, d.triangles[e % 3 === 2 ? e - 2 : e + 1]!]);
  }
  // Collinear input has no triangles: its hull lists the points in order along the line.
  for (let i = 0; i + 1 < d.hull.length; i++) edges.push([d.hull[i]!, d.hull[i + 1]!]);
  return edges;
}

export function buildNeighbourGraph(xs: Float64Array, ys: Float64Array, barriers: Segment[][]): NeighbourGraph {
  const n = xs.length;
  const len = ([a, b]: [number, number]) => Math.hypot(xs[a]! - xs[b]!, ys[a]! - ys[b]!);
  const edges = candidateEdges(xs, ys).sort((p, q) => len(p) - len(q));
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
