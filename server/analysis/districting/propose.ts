// The automatic proposal of contracted areas: seed, grow, balance (boundary moves, then chains
// of moves where those stall), and put estates back together. Pure: buildings and barriers in,
// k groups of building ids with their balance table out. Contiguity is kept at every step;
// barriers are kept unless balance within ±5 % needs to cross one; estates are split only
// where rejoining them would break balance or contiguity.
import { balanceGroups, type BalanceState } from './balance';
import { shiftAlongChains } from './chains';
import { maxDeviationPct } from './deviation';
import { rejoinEstates } from './estates';
import { growGroups } from './grow';
import { kMeansAssign } from './kmeans';
import { prepare } from './prepare';
import { reportGroups } from './report';
import { placeSeeds } from './seed';
import { DEVIATION_LIMIT_PCT } from '../../domain/plan-rules';
import type { ProposalInput, ProposalReport } from './types';

export function proposeAreas(input: ProposalInput): ProposalReport {
  const p = prepare(input);
  const { graph: g, weight, estate, k, spacing } = p;
  const seeds = placeSeeds(g, weight, k);
  const { assign, sizes } = growGroups(g, weight, estate, seeds, spacing);
  const counts = new Int32Array(k);
  for (let i = 0; i < g.n; i++) counts[assign[i]!]!++;
  const state: BalanceState = { assign, sizes, counts };
  const mean = sizes.reduce((s, x) => s + x, 0) / k;
  balanceGroups(g, weight, estate, state, false, spacing);
  shiftAlongChains(g, weight, state, DEVIATION_LIMIT_PCT, false);
  if (maxDeviationPct(sizes, mean) > DEVIATION_LIMIT_PCT) {
    balanceGroups(g, weight, estate, state, true, spacing);
    shiftAlongChains(g, weight, state, DEVIATION_LIMIT_PCT, true);
  }
  rejoinEstates(g, weight, estate, p.concentrated, state, DEVIATION_LIMIT_PCT, spacing);
  return reportGroups(p, assign);
}

/** The k-means baseline with the same report, for the bench. */
export function kMeansBaseline(input: ProposalInput): ProposalReport {
  const p = prepare(input);
  return reportGroups(p, kMeansAssign(p));
}

/** k from a target size per area: the nearest whole number of areas, at least 1. */
export function groupsForTarget(total: number, targetSize: number): number {
  return Math.max(1, Math.round(total / targetSize));
}
