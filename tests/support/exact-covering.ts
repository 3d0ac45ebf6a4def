// The exact optimum of a small maximal covering instance, by trying every set of p candidates:
// the yardstick for the siting heuristic's gap (unit test and bench). Exponential, so only for
// instances of a few dozen candidates.
import { reachLists, type SitingInput } from '../../server/analysis/coverage/siting';

export function exactCovering({ points, demand, candidates, radiusM, p }: SitingInput): { covered: number; sites: number[] } {
  const { start, items } = reachLists(points, demand, candidates, radiusM);
  const reachedBy = new Int32Array(points.n);
  let best = { covered: -1, sites: [] as number[] };
  const chosen: number[] = [];
  const visit = (from: number, covered: number) => {
    if (chosen.length === p) {
      if (covered > best.covered) best = { covered, sites: [...chosen] };
      return;
    }
    for (let j = from; j <= candidates.length - (p - chosen.length); j++) {
      let gain = 0;
      for (let e = start[j]!; e < start[j + 1]!; e++) if (reachedBy[items[e]!]!++ === 0) gain += demand[items[e]!]!;
      chosen.push(j);
      visit(j + 1, covered + gain);
      chosen.pop();
      for (let e = start[j]!; e < start[j + 1]!; e++) reachedBy[items[e]!]!--;
    }
  };
  visit(0, 0);
  return best;
}
