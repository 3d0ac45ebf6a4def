// A plain local search for the maximal covering problem, the yardstick for the siting on
// instances too large for exhaustive search: every gain recomputed from the full reach lists at
// every step (no bounds, no laziness, no neighbourhoods), greedy, then the best swap of one
// chosen site for any unchosen one until none gains. Slow and obviously right.
import { reachLists, type SitingInput } from '../../server/analysis/coverage/siting';

export function plainCovering({ points, demand, candidates, radiusM, p }: SitingInput): number {
  const { start, items } = reachLists(points, demand, candidates, radiusM);
  const reachedBy = new Int32Array(points.n);
  const gainOf = (j: number) => {
    let g = 0;
    for (let e = start[j]!; e < start[j + 1]!; e++) if (reachedBy[items[e]!] === 0) g += demand[items[e]!]!;
    return g;
  };
  const take = (j: number, step: number) => {
    for (let e = start[j]!; e < start[j + 1]!; e++) reachedBy[items[e]!]! += step;
  };
  const best = (chosen: Set<number>) => {
    let [bj, bg] = [-1, -1];
    for (let j = 0; j < candidates.length; j++) if (!chosen.has(j) && gainOf(j) > bg) [bj, bg] = [j, gainOf(j)];
    return [bj, bg] as const;
  };
  const chosen = new Set<number>();
  let covered = 0;
  while (chosen.size < p) {
    const [j, g] = best(chosen);
    chosen.add(j);
    take(j, 1);
    covered += g;
  }
  for (let improved = true; improved; ) {
    improved = false;
    for (const s of [...chosen]) {
      take(s, -1);
      const lost = gainOf(s);
      chosen.delete(s);
      const [c, g] = best(new Set([...chosen, s]));
      if (c >= 0 && g > lost + 1e-9) {
        chosen.add(c);
        take(c, 1);
        covered += g - lost;
        improved = true;
      } else {
        chosen.add(s);
        take(s, 1);
      }
    }
  }
  return covered;
}
