// Estates (小区) back together: balancing moves single buildings and so may leave an estate
// split. For each split estate, every smaller part is offered to the group holding its largest
// part; it moves when both groups stay connected and the largest deviation stays within the
// tolerance (or within what balancing already reached, if that is worse).
import { connectedWithout } from './connected';
import type { NeighbourGraph } from './graph';
import type { BalanceState } from './balance';

export function maxDeviationPct(sizes: Float64Array, mean: number): number {
  let worst = 0;
  for (const s of sizes) worst = Math.max(worst, mean > 0 ? (Math.abs(s - mean) / mean) * 100 : 0);
  return worst;
}

export function rejoinEstates(g: NeighbourGraph, weight: Float64Array, estate: Int32Array, state: BalanceState, tolerancePct: number): void {
  const { assign, sizes, counts } = state;
  const mean = sizes.reduce((s, x) => s + x, 0) / sizes.length;
  const allowed = Math.max(tolerancePct, maxDeviationPct(sizes, mean));
  // estate → group → its buildings there
  const parts = new Map<number, Map<number, number[]>>();
  for (let i = 0; i < g.n; i++) {
    const byGroup = parts.get(estate[i]!) ?? parts.set(estate[i]!, new Map()).get(estate[i]!)!;
    (byGroup.get(assign[i]!) ?? byGroup.set(assign[i]!, []).get(assign[i]!)!).push(i);
  }
  for (const byGroup of parts.values()) {
    if (byGroup.size < 2) continue;
    const [home] = [...byGroup.entries()].sort((p, q) => q[1].length - p[1].length)[0]!;
    for (const [from, members] of byGroup) {
      if (from === home || members.length >= counts[from]!) continue;
      const w = members.reduce((s, i) => s + weight[i]!, 0);
      sizes[from]! -= w;
      sizes[home]! += w;
      const balanced = maxDeviationPct(sizes, mean) <= allowed + 1e-9;
      const leaving = new Set(members);
      let ok = balanced && connectedWithout(g, assign, from, leaving, counts[from]!);
      if (ok) {
        for (const i of members) assign[i] = home;
        ok = connectedWithout(g, assign, home, new Set(), counts[home]! + members.length);
        if (!ok) for (const i of members) assign[i] = from;
      }
      if (ok) {
        counts[from]! -= members.length;
        counts[home]! += members.length;
      } else {
        sizes[from]! += w;
        sizes[home]! -= w;
      }
    }
  }
}
