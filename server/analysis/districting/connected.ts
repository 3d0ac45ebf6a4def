// Contiguity in the neighbour graph: is a group connected, and would it stay connected if some
// of its buildings left it (the articulation check every move makes).
import type { NeighbourGraph } from './graph';

/** True when the members of `group` (by `assign`), less those in `leaving`, form one connected piece (or none). */
export function connectedWithout(g: NeighbourGraph, assign: Int32Array, group: number, leaving: Set<number>, size: number): boolean {
  const remaining = size - leaving.size;
  if (remaining <= 0) return remaining === 0;
  let first = -1;
  for (let i = 0; i < g.n && first < 0; i++) if (assign[i] === group && !leaving.has(i)) first = i;
  return reach(g, assign, group, first, leaving) === remaining;
}

/** How many members of `group` a walk from `from` reaches without entering `blocked`. */
function reach(g: NeighbourGraph, assign: Int32Array, group: number, from: number, blocked: Set<number>): number {
  const seen = new Set<number>([from]);
  const stack = [from];
  while (stack.length) {
    const u = stack.pop()!;
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const v = g.nbr[e]!;
      if (assign[v] === group && !blocked.has(v) && !seen.has(v)) {
        seen.add(v);
        stack.push(v);
      }
    }
  }
  return seen.size;
}

/**
 * Would `group` stay connected without building u? Checked locally first: a breadth-first walk
 * from one of u's group neighbours that stops once it has met all of them, which in a planar
 * graph is usually a handful of steps.
 */
export function staysConnectedWithout(g: NeighbourGraph, assign: Int32Array, u: number): boolean {
  const group = assign[u]!;
  const targets = new Set<number>();
  for (let e = g.start[u]!; e < g.start[u + 1]!; e++) if (assign[g.nbr[e]!] === group) targets.add(g.nbr[e]!);
  if (targets.size <= 1) return true;
  const [from] = targets;
  const seen = new Set<number>([from!]);
  const queue = [from!];
  let found = 1;
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
      const w = g.nbr[e]!;
      if (w === u || assign[w] !== group || seen.has(w)) continue;
      seen.add(w);
      if (targets.has(w) && ++found === targets.size) return true;
      queue.push(w);
    }
  }
  return false;
}
