// When boundary moves stall above the tolerance (every neighbour of the worst group is about
// as large, so no single move helps), shift along a chain of groups instead: from an oversized
// group to the nearest undersized one, each group on the path hands one boundary building to
// the next, so only the two ends change much. Kept only if the largest deviation falls.
import type { BalanceState } from './balance';
import { staysConnectedWithout } from './connected';
import { maxDeviationPct } from './deviation';
import type { NeighbourGraph } from './graph';

const MAX_CHAINS = 300;

/** Which groups touch which (through edges the caller allows). */
function groupAdjacency(g: NeighbourGraph, assign: Int32Array, k: number, crossBarriers: boolean): Set<number>[] {
  const adj = Array.from({ length: k }, () => new Set<number>());
  for (let u = 0; u < g.n; u++)
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const b = assign[g.nbr[e]!]!;
      if (b !== assign[u] && (crossBarriers || !g.barrier[e])) adj[assign[u]!]!.add(b);
    }
  return adj;
}

/** Shortest path of groups from `from` to the nearest group that `wanted` accepts. */
function pathTo(adj: Set<number>[], from: number, wanted: (group: number) => boolean): number[] | null {
  const prev = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const a = queue[q]!;
    if (a !== from && wanted(a)) {
      const path = [a];
      while (prev.get(path[0]!)! >= 0) path.unshift(prev.get(path[0]!)!);
      return path;
    }
    for (const b of adj[a]!) {
      if (prev.has(b)) continue;
      prev.set(b, a);
      queue.push(b);
    }
  }
  return null;
}

/** One building of `from` next to `to` that can leave without cutting `from` apart. */
function handOver(g: NeighbourGraph, weight: Float64Array, state: BalanceState, from: number, to: number, crossBarriers: boolean): boolean {
  const { assign, sizes, counts } = state;
  if (counts[from]! <= 1) return false;
  let best = -1;
  let bestW = Infinity;
  for (let u = 0; u < g.n; u++) {
    if (assign[u] !== from || !(weight[u]! > 0) || weight[u]! >= bestW) continue;
    let touches = false;
    for (let e = g.start[u]!; e < g.start[u + 1]! && !touches; e++) touches = assign[g.nbr[e]!] === to && (crossBarriers || !g.barrier[e]);
    if (touches && staysConnectedWithout(g, assign, u)) [best, bestW] = [u, weight[u]!];
  }
  if (best < 0) return false;
  assign[best] = to;
  sizes[from]! -= bestW;
  sizes[to]! += bestW;
  counts[from]!--;
  counts[to]!++;
  return true;
}

export function shiftAlongChains(g: NeighbourGraph, weight: Float64Array, state: BalanceState, tolerancePct: number, crossBarriers: boolean): void {
  const { sizes } = state;
  const k = sizes.length;
  const mean = sizes.reduce((s, x) => s + x, 0) / k;
  const failed = new Set<number>();
  for (let chain = 0; chain < MAX_CHAINS; chain++) {
    const before = maxDeviationPct(sizes, mean);
    if (before <= tolerancePct) return;
    let worst = -1;
    for (let a = 0; a < k; a++) if (!failed.has(a) && (worst < 0 || Math.abs(sizes[a]! - mean) > Math.abs(sizes[worst]! - mean))) worst = a;
    if (worst < 0) return;
    const adj = groupAdjacency(g, state.assign, k, crossBarriers);
    const over = sizes[worst]! > mean;
    const found = pathTo(adj, worst, (b) => (over ? sizes[b]! < mean : sizes[b]! > mean));
    const path = found && (over ? found : found.reverse());
    const snapshot = { assign: state.assign.slice(), sizes: sizes.slice(), counts: state.counts.slice() };
    let ok = path !== null;
    // From the sink backwards, so each group receives before it gives.
    for (let i = (path?.length ?? 0) - 2; ok && i >= 0; i--) ok = handOver(g, weight, state, path![i]!, path![i + 1]!, crossBarriers);
    if (ok && maxDeviationPct(sizes, mean) < before) {
      failed.clear();
      continue;
    }
    state.assign.set(snapshot.assign);
    sizes.set(snapshot.sizes);
    state.counts.set(snapshot.counts);
    failed.add(worst);
  }
}
