// The balance table for an assignment of buildings to groups: per group its size in the chosen
// measure, population, households, buildings, deviation from the mean, compactness and
// contiguity, and a summary over all groups.
import { isContiguous } from '../../domain/plan-rules';
import { hullPolsbyPopper } from './hull';
import type { Prepared } from './prepare';
import type { GroupReport, ProposalReport } from './types';

export function reportGroups(p: Prepared, assign: Int32Array): ProposalReport {
  const { graph: g, buildings, weight, estate, k } = p;
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < g.n; i++) members[assign[i]!]!.push(i);
  const total = weight.reduce((s, w) => s + w, 0);
  const mean = total / k;
  const groups: GroupReport[] = members.map((m) => {
    const size = m.reduce((s, i) => s + weight[i]!, 0);
    return {
      buildingIds: m.map((i) => buildings[i]!.id),
      size,
      population: m.reduce((s, i) => s + buildings[i]!.population, 0),
      households: m.reduce((s, i) => s + buildings[i]!.households, 0),
      buildings: m.length,
      deviationPct: mean > 0 ? ((size - mean) / mean) * 100 : 0,
      polsbyPopperHull: hullPolsbyPopper(m.map((i) => [g.xs[i]!, g.ys[i]!])),
      contiguous: m.length > 0 && isContiguous(p.adjacency, m),
    };
  });
  const pp = groups.map((x) => x.polsbyPopperHull).filter((x): x is number => x !== null);
  const estateGroups = new Map<number, Set<number>>();
  for (let i = 0; i < g.n; i++) (estateGroups.get(estate[i]!) ?? estateGroups.set(estate[i]!, new Set()).get(estate[i]!)!).add(assign[i]!);
  const crossing = new Set<number>();
  for (let u = 0; u < g.n; u++) for (let e = g.start[u]!; e < g.start[u + 1]!; e++) if (g.barrier[e] && assign[g.nbr[e]!] === assign[u]) crossing.add(assign[u]!);
  return {
    groups,
    summary: {
      maxDeviationPct: Math.max(...groups.map((x) => Math.abs(x.deviationPct))),
      meanPolsbyPopper: pp.length ? pp.reduce((s, x) => s + x, 0) / pp.length : null,
      contiguous: groups.every((x) => x.contiguous),
      splitEstates: [...estateGroups.values()].filter((s) => s.size > 1).length,
      groupsCrossingBarriers: crossing.size,
    },
  };
}
