// New sites: choose p of the candidate sites that together reach the most uncovered demand
// (the maximal covering location problem). Greedy with lazy re-evaluation (gain-queue.ts), then
// swaps of one chosen site for one unchosen while that gains. Greedy alone is within 1 − 1/e of
// the optimum; the swaps close most of what is left (the test and the bench measure the gap
// against exhaustive search on small instances). Dropping a site changes the gains of only the
// candidates near it, so a swap is judged on those few, recomputed, and the queue's best of the
// rest, instead of every candidate again: 1M residents × 5,000 candidates, p = 50 went from
// 3.6 s to the figure in docs/decisions.md with the same answers.
import KDBush from 'kdbush';
import { CellGrid, IntList } from './cell-reach';
import { GainQueue } from './gain-queue';
import { QUERY_MARGIN, within, type PointSet } from './points';

export interface Candidate {
  lng: number;
  lat: number;
}

export interface SitingInput {
  points: PointSet;
  /** What each point is worth if reached (e.g. its population when no centre reaches it yet). */
  demand: Float64Array;
  candidates: readonly Candidate[];
  radiusM: number;
  p: number;
  /** Bound on the swap phase's work (point visits); the greedy answer stands beyond it. */
  swapBudget?: number;
}

export interface ChosenSite {
  candidate: number;
  /** Demand this site adds, in the order chosen, over those chosen before it. */
  gain: number;
}

export interface SitingResult {
  sites: ChosenSite[];
  covered: number;
  /** Covered by the greedy pass alone, before the swaps. */
  greedyCovered: number;
  swaps: number;
}

/** More sites asked for than there are candidates: the one refusal a leader can cause. */
export class SitingInputError extends Error {
  readonly code = 'coverage_too_many_sites';
  constructor(readonly params: { p: number; candidates: number }) {
    super(`p = ${params.p} is more than the ${params.candidates} candidate sites`);
  }
}

/** Each candidate's reachable points with demand, as one flat list (offsets in `start`). */
export function reachLists(points: PointSet, demand: Float64Array, candidates: readonly Candidate[], radiusM: number) {
  const start = new Int32Array(candidates.length + 1);
  const chunks: number[][] = [];
  let total = 0;
  candidates.forEach((c, j) => {
    const found = within(points, c.lng, c.lat, radiusM).filter((i) => demand[i]! > 0);
    chunks.push(found);
    total += found.length;
    start[j + 1] = total;
  });
  const items = new Int32Array(total);
  chunks.forEach((found, j) => items.set(found, start[j]!));
  return { start, items };
}

// The request's schema already holds the others: breaking them is a fault in the code.
function validate({ points, demand, candidates, radiusM, p }: SitingInput): void {
  if (demand.length !== points.n) throw new RangeError('demand must have one value per point');
  if (!(radiusM > 0)) throw new RangeError('radiusM must be positive');
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`p must be a whole number ≥ 1, got ${p}`);
  if (p > candidates.length) throw new SitingInputError({ p, candidates: candidates.length });
}

export function chooseSites(input: SitingInput): SitingResult {
  validate(input);
  const { demand, candidates, p, radiusM } = input;
  const grid = new CellGrid(input.points, demand, radiusM);
  const { cellStart, cellOf, weight } = grid;
  const reachedBy = new Int32Array(weight.length); // how many chosen sites reach each place
  const uncovered = grid.cellWeight.slice(); // each cell's demand no chosen site reaches
  // Candidate j reaches cells[cellFrom[j] … cellTo[j]) whole and points[pointFrom[j] … pointTo[j]),
  // listed the first time its exact gain is wanted (cellTo[j] = −1 until then).
  const cellList = new IntList();
  const pointList = new IntList();
  const cellFrom = new Int32Array(candidates.length);
  const cellTo = new Int32Array(candidates.length).fill(-1);
  const pointFrom = new Int32Array(candidates.length);
  const pointTo = new Int32Array(candidates.length);
  const listed = (j: number) => {
    if (cellTo[j]! >= 0) return;
    cellFrom[j] = cellList.length;
    pointFrom[j] = pointList.length;
    grid.reach(candidates[j]!, cellList, pointList);
    cellTo[j] = cellList.length;
    pointTo[j] = pointList.length;
  };
  let work = 0;
  const gainOf = (j: number) => {
    listed(j);
    const cells = cellList.data;
    const points = pointList.data;
    let g = 0;
    for (let e = cellFrom[j]!; e < cellTo[j]!; e++) g += uncovered[cells[e]!]!;
    for (let e = pointFrom[j]!; e < pointTo[j]!; e++) if (reachedBy[points[e]!] === 0) g += weight[points[e]!]!;
    work += cellTo[j]! - cellFrom[j]! + pointTo[j]! - pointFrom[j]!;
    return g;
  };
  const mark = (k: number, step: 1 | -1) => {
    if (step > 0 ? reachedBy[k]!++ === 0 : --reachedBy[k]! === 0) uncovered[cellOf[k]!]! -= step * weight[k]!;
  };
  const take = (j: number, step: 1 | -1) => {
    const cells = cellList.data;
    for (let e = cellFrom[j]!; e < cellTo[j]!; e++) for (let k = cellStart[cells[e]!]!; k < cellStart[cells[e]! + 1]!; k++) mark(k, step);
    for (let e = pointFrom[j]!; e < pointTo[j]!; e++) mark(pointList.data[e]!, step);
  };

  const isChosen = new Uint8Array(candidates.length);
  const queue = new GainQueue(candidates.length, gainOf, (j) => isChosen[j] === 1, (j) => grid.bound(candidates[j]!, uncovered));
  const chosen: number[] = [];
  let greedyCovered = 0;
  while (chosen.length < p) {
    const j = queue.best();
    chosen.push(j);
    greedyCovered += queue.gain(j);
    isChosen[j] = 1;
    take(j, 1);
    queue.changed();
  }

  // Swaps: dropping s loses what only s reaches; a candidate out of s's reach (beyond twice the
  // radius) gains what its queued gain says, one near s is recomputed without s. Take the best
  // swap that gains; repeat until none does or the budget is spent.
  const near = nearCandidates(input.points, candidates, radiusM);
  const isNear = new Uint8Array(candidates.length);
  let covered = greedyCovered;
  let swaps = 0;
  const budget = input.swapBudget ?? 20_000_000;
  work = 0;
  for (let improved = true; improved && work < budget; ) {
    improved = false;
    for (let k = 0; k < chosen.length && work < budget; k++) {
      const s = chosen[k]!;
      const around = near(s);
      for (const c of around) isNear[c] = 1;
      take(s, -1);
      const lost = gainOf(s);
      let best = queue.best((c) => isNear[c] === 1);
      let bestGain = best < 0 ? -Infinity : queue.gain(best);
      for (const c of around) {
        isNear[c] = 0;
        if (c === s || isChosen[c]) continue;
        const g = gainOf(c);
        if (g > bestGain) [best, bestGain] = [c, g];
      }
      if (best < 0 || !(bestGain > lost + 1e-9)) {
        take(s, 1);
        continue;
      }
      chosen[k] = best;
      isChosen[s] = 0;
      isChosen[best] = 1;
      take(best, 1);
      queue.changed();
      // Gains near s may have grown past what the queue holds for them: give it the true ones.
      for (const c of around) if (!isChosen[c]) queue.refresh(c);
      covered += bestGain - lost;
      swaps++;
      improved = true;
    }
  }

  // Marginal gains in a greedy order over the final set, so they add up to what is covered.
  for (const j of chosen) take(j, -1);
  const left = [...chosen];
  const sites: ChosenSite[] = [];
  while (left.length) {
    let bi = 0;
    let bg = -1;
    left.forEach((j, i) => {
      const g = gainOf(j);
      if (g > bg) [bi, bg] = [i, g];
    });
    const [j] = left.splice(bi, 1);
    sites.push({ candidate: j!, gain: bg });
    take(j!, 1);
  }
  return { sites, covered, greedyCovered, swaps };
}

/** The candidates whose circles can share a point with candidate j's: within twice the radius. */
function nearCandidates(points: PointSet, candidates: readonly Candidate[], radiusM: number): (j: number) => number[] {
  const { projection } = points;
  const xs = Float64Array.from(candidates, (c) => projection.x(c.lng));
  const ys = Float64Array.from(candidates, (c) => projection.y(c.lat));
  const index = new KDBush(candidates.length);
  for (let j = 0; j < candidates.length; j++) index.add(xs[j]!, ys[j]!);
  index.finish();
  return (j) => index.within(xs[j]!, ys[j]!, 2 * radiusM * QUERY_MARGIN + 1);
}
