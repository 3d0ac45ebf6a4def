// Estates (小区) back together: balancing moves single buildings and so may leave an estate
// split. Concentrated estates first, then the largest: each split estate's smaller parts join
// the group holding its largest part (where both stay connected); balancing then runs again
// with that estate and those already rejoined held in place. If the largest deviation ends above the tolerance (or above
// what balancing had reached, if that is worse), the estate is left split as it was.
import { balanceGroups, type BalanceState } from './balance';
import { connectedWithout } from './connected';
import { maxDeviationPct } from './deviation';
import type { NeighbourGraph } from './graph';

/** estate → group → its buildings there */
function estateParts(g: NeighbourGraph, estate: Int32Array, assign: Int32Array): Map<number, Map<number, number[]>> {
  const parts = new Map<number, Map<number, number[]>>();
  for (let i = 0; i < g.n; i++) {
    const byGroup = parts.get(estate[i]!) ?? parts.set(estate[i]!, new Map()).get(estate[i]!)!;
    (byGroup.get(assign[i]!) ?? byGroup.set(assign[i]!, []).get(assign[i]!)!).push(i);
  }
  return parts;
}

/** Moves the estate's other parts into `home` where contiguity allows; true if it is whole now. */
function gather(g: NeighbourGraph, weight: Float64Array, state: BalanceState, byGroup: Map<number, number[]>, home: number): boolean {
  const { assign, sizes, counts } = state;
  let whole = true;
  for (const [from, members] of byGroup) {
    if (from === home) continue;
    const leaving = new Set(members);
    let ok = members.length < counts[from]! && connectedWithout(g, assign, from, leaving, counts[from]!);
    if (ok) {
      for (const i of members) assign[i] = home;
      ok = connectedWithout(g, assign, home, new Set(), counts[home]! + members.length);
      if (!ok) for (const i of members) assign[i] = from;
    }
    if (!ok) {
      whole = false;
      continue;
    }
    const w = members.reduce((s, i) => s + weight[i]!, 0);
    sizes[from]! -= w;
    sizes[home]! += w;
    counts[from]! -= members.length;
    counts[home]! += members.length;
  }
  return whole;
}

const REBALANCE_GOAL_PCT = 1;

export function rejoinEstates(
  g: NeighbourGraph,
  weight: Float64Array,
  estate: Int32Array,
  concentrated: Uint8Array,
  state: BalanceState,
  tolerancePct: number,
  spacing: number,
): void {
  const mean = state.sizes.reduce((s, x) => s + x, 0) / state.sizes.length;
  const allowed = Math.max(tolerancePct, maxDeviationPct(state.sizes, mean)) + 1e-9;
  const locked = new Uint8Array(g.n);
  const tried = new Set<number>();
  // Two rounds: rebalancing after one estate may split another that was whole before.
  for (let round = 0; round < 2; round++) {
    const split = [...estateParts(g, estate, state.assign)]
      .filter(([e, byGroup]) => byGroup.size > 1 && !tried.has(e))
      .map(([e, byGroup]) => {
        const members = [...byGroup.values()].flat();
        return { e, byGroup, w: members.reduce((s, i) => s + weight[i]!, 0), concentrated: concentrated[members[0]!]! };
      })
      // Concentrated estates first (one resettlement estate, one team), then the largest.
      .sort((a, b) => b.concentrated - a.concentrated || b.w - a.w);
    for (const { e, byGroup } of split) {
      tried.add(e);
      const current = estateParts(g, estate, state.assign).get(e)!;
      if (current.size < 2) continue;
      const snapshot = { assign: state.assign.slice(), sizes: state.sizes.slice(), counts: state.counts.slice() };
      const reached = maxDeviationPct(state.sizes, mean);
      const [home] = [...current.entries()].sort((p, q) => q[1].length - p[1].length)[0]!;
      const members = [...byGroup.values()].flat();
      if (gather(g, weight, state, current, home)) {
        for (const i of members) locked[i] = 1;
        // Rebalancing stops once back at what was reached before (or 1 %): a closer balance is
        // not worth a full run per estate on a large community.
        if (maxDeviationPct(state.sizes, mean) > Math.max(reached, REBALANCE_GOAL_PCT)) balanceGroups(g, weight, estate, state, false, spacing, locked, Math.max(reached, REBALANCE_GOAL_PCT));
        if (maxDeviationPct(state.sizes, mean) <= allowed) continue;
        for (const i of members) locked[i] = 0;
      }
      state.assign.set(snapshot.assign);
      state.sizes.set(snapshot.sizes);
      state.counts.set(snapshot.counts);
    }
  }
}
