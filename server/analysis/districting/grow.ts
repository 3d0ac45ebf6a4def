// Growth: from its seed each group takes one neighbouring building at a time, always the group
// that is smallest so far (balance), always its frontier building nearest its seed
// (compactness), a building of an estate it already holds before others (estates stay whole),
// and across a barrier only when no group can grow any other way.
import type { NeighbourGraph } from './graph';
import { MinHeap } from '../heap';

export interface Growth {
  assign: Int32Array;
  sizes: Float64Array;
}

export function growGroups(g: NeighbourGraph, weight: Float64Array, estate: Int32Array, seeds: number[], spacing: number): Growth {
  const k = seeds.length;
  const assign = new Int32Array(g.n).fill(-1);
  const sizes = new Float64Array(k);
  const frontier = Array.from({ length: k }, () => new MinHeap());
  // Penalties in metres² on the squared distance to the seed: another estate counts as a few
  // spacings farther away, a barrier as farther than anything in the community.
  const estatePenalty = (3 * spacing) ** 2;
  const barrierPenalty = 1e15;

  const take = (group: number, u: number) => {
    assign[u] = group;
    sizes[group]! += weight[u]!;
    const s = seeds[group]!;
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const v = g.nbr[e]!;
      if (assign[v]! >= 0) continue;
      const d2 = (g.xs[v]! - g.xs[s]!) ** 2 + (g.ys[v]! - g.ys[s]!) ** 2;
      frontier[group]!.push(d2 + (estate[v] === estate[u] ? 0 : estatePenalty) + (g.barrier[e] ? barrierPenalty : 0), v);
    }
  };
  seeds.forEach((s, group) => take(group, s));

  for (let left = g.n - k; left > 0; ) {
    let pick = -1;
    let pickCrosses = true;
    for (let group = 0; group < k; group++) {
      const h = frontier[group]!;
      while (h.size && assign[h.peekValue()]! >= 0) h.pop();
      if (!h.size) continue;
      const crosses = h.peekKey() >= barrierPenalty;
      // Not crossing beats crossing; then the smallest group.
      if (pick < 0 || (pickCrosses && !crosses) || (crosses === pickCrosses && sizes[group]! < sizes[pick]!)) [pick, pickCrosses] = [group, crosses];
    }
    if (pick < 0) break;
    const u = frontier[pick]!.peekValue();
    frontier[pick]!.pop();
    take(pick, u);
    left--;
  }
  joinNearest(g, weight, assign, sizes);
  return { assign, sizes };
}

/** Pieces of the graph no seed was in (more pieces than groups) join the group of the nearest building; that group is then split. */
function joinNearest(g: NeighbourGraph, weight: Float64Array, assign: Int32Array, sizes: Float64Array): void {
  const placed: number[] = [];
  for (let i = 0; i < g.n; i++) if (assign[i]! >= 0) placed.push(i);
  for (let u = 0; u < g.n; u++) {
    if (assign[u]! >= 0) continue;
    let best = placed[0]!;
    for (const v of placed) if ((g.xs[v]! - g.xs[u]!) ** 2 + (g.ys[v]! - g.ys[u]!) ** 2 < (g.xs[best]! - g.xs[u]!) ** 2 + (g.ys[best]! - g.ys[u]!) ** 2) best = v;
    assign[u] = assign[best]!;
    sizes[assign[u]!]! += weight[u]!;
  }
}
