// The automatic proposal's figures: time and quality (max deviation %, mean Polsby-Popper of the
// groups' convex hulls, contiguity, estates split) on generated communities of 500, 3,000 and
// 20,000 buildings, balanced by population, next to a plain weighted k-means on the same
// buildings. Pure: no database.
import { kMeansBaseline, proposeAreas } from '../../server/analysis/districting/propose';
import type { ProposalReport } from '../../server/analysis/districting/types';
import { communityOfSize } from '../support/districting-community';

const CASES: [number, number[]][] = [
  [500, [4, 8, 16]],
  [3000, [4, 8, 16]],
  [20000, [4, 8, 16, 40]],
];

const timed = (fn: () => ProposalReport): [ProposalReport, number] => {
  const t0 = performance.now();
  const report = fn();
  return [report, performance.now() - t0];
};

const row = (r: ProposalReport, ms: number) =>
  `${ms.toFixed(0).padStart(7)} ${r.summary.maxDeviationPct.toFixed(1).padStart(7)} ${(r.summary.meanPolsbyPopper ?? 0).toFixed(2).padStart(5)} ${String(r.summary.contiguous).padStart(6)} ${String(r.summary.splitEstates).padStart(6)}`;

export function benchProposals(): void {
  console.log('\n## Automatic proposal (pure, generated communities, balanced by population)');
  console.log('                        ---------- proposal ----------   ---------- k-means -----------');
  console.log('buildings   k   estates      ms  maxdev%    PP contig split      ms  maxdev%    PP contig split');
  for (const [n, ks] of CASES) {
    const buildings = communityOfSize(n, 42);
    const estates = new Set(buildings.map((b) => b.estateId)).size;
    for (const k of ks) {
      const input = { buildings, k, by: 'population' as const };
      const [proposal, t] = timed(() => proposeAreas(input));
      const [baseline, tb] = timed(() => kMeansBaseline(input));
      console.log(`${String(buildings.length).padStart(9)} ${String(k).padStart(3)} ${String(estates).padStart(9)} ${row(proposal, t)} ${row(baseline, tb)}`);
    }
  }
  console.log('  (PP: Polsby-Popper of each group\'s convex hull, mean; split: estates in more than one group)');
}
