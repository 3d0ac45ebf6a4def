// Local search for balance: move boundary buildings from a group to a smaller neighbouring
// group while that lowers the spread of sizes (the sum of squared sizes falls exactly when the
// building weighs less than the difference) and the donor stays connected. Each pass collects
// candidate moves in one sweep, then applies the best placed ones first, rechecking each.
import { staysConnectedWithout } from './connected';
import { maxDeviationPct } from './deviation';
import type { NeighbourGraph } from './graph';

export interface BalanceState {
  assign: Int32Array;
  sizes: Float64Array;
  /** Buildings per group, so no group is emptied. */
  counts: Int32Array;
}

const MAX_PASSES = 400;

function centroids(g: NeighbourGraph, assign: Int32Array, k: number): Float64Array {
  const c = new Float64Array(3 * k);
  for (let i = 0; i < g.n; i++) {
    const a = assign[i]!;
    c[3 * a]! += g.xs[i]!;
    c[3 * a + 1]! += g.ys[i]!;
    c[3 * a + 2]!++;
  }
  for (let a = 0; a < k; a++) {
    c[3 * a]! /= Math.max(1, c[3 * a + 2]!);
    c[3 * a + 1]! /= Math.max(1, c[3 * a + 2]!);
  }
  return c;
}

/**
 * Runs passes until none moves anything, or until the largest deviation is at most `stopAtPct`;
 * `crossBarriers` lets moves use barrier edges too, and buildings marked in `locked` (estates
 * already put back together) stay where they are.
 */
export function balanceGroups(
  g: NeighbourGraph,
  weight: Float64Array,
  estate: Int32Array,
  state: BalanceState,
  crossBarriers: boolean,
  spacing: number,
  locked?: Uint8Array,
  stopAtPct = 0,
): void {
  const { assign, sizes, counts } = state;
  const k = sizes.length;
  const mean = sizes.reduce((s, x) => s + x, 0) / k;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const c = centroids(g, assign, k);
    const moves: { u: number; to: number; key: number }[] = [];
    for (let u = 0; u < g.n; u++) {
      if (locked?.[u]) continue;
      const a = assign[u]!;
      const w = weight[u]!;
      let best = -1;
      let bestKey = Infinity;
      for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
        const b = assign[g.nbr[e]!]!;
        if (b === a || (g.barrier[e] && !crossBarriers) || !(w > 0 && sizes[a]! - sizes[b]! > w)) continue;
        // Buildings that sit nearer the receiving group's centre than their own go first;
        // joining a group that holds their estate is worth a few spacings.
        const d = (x: number) => Math.hypot(g.xs[u]! - c[3 * x]!, g.ys[u]! - c[3 * x + 1]!);
        const key = d(b) - d(a) - (estate[g.nbr[e]!] === estate[u] ? 3 * spacing : 0);
        if (key < bestKey) [best, bestKey] = [b, key];
      }
      if (best >= 0) moves.push({ u, to: best, key: bestKey });
    }
    moves.sort((p, q) => p.key - q.key);
    let moved = 0;
    for (const { u, to } of moves) {
      const a = assign[u]!;
      const w = weight[u]!;
      if (counts[a]! <= 1 || !(sizes[a]! - sizes[to]! > w) || !touches(g, assign, u, to, crossBarriers)) continue;
      if (!staysConnectedWithout(g, assign, u)) continue;
      assign[u] = to;
      sizes[a]! -= w;
      sizes[to]! += w;
      counts[a]!--;
      counts[to]!++;
      moved++;
    }
    if (!moved || maxDeviationPct(sizes, mean) <= stopAtPct) return;
  }
}

function touches(g: NeighbourGraph, assign: Int32Array, u: number, group: number, crossBarriers: boolean): boolean {
  for (let e = g.start[u]!; e < g.start[u + 1]!; e++) if (assign[g.nbr[e]!] === group && (crossBarriers || !g.barrier[e])) return true;
  return false;
}
