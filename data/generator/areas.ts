// Contracted areas (片区): each community is split into 2–6 areas on the report's
// principle "adjacent, comparable in size" — region growing from well-spread seeds with
// equal targets, then pinch removal so every area outline is a simple polygon.
import { apportion } from './apportion.js';
import { growRegions, spreadSeeds } from './grow.js';
import { cellI, cellJ, type Lattice } from './lattice.js';
import { fixPinches } from './pinch.js';
import { streamFor } from './rng.js';

export interface AreaPlan {
  /** Area index per cell (-1 off land). */
  area: Int32Array;
  /** Community of each area. */
  areaComm: Int32Array;
  /** Areas of each community, in 第一…第N order. */
  byComm: number[][];
}

/** Bigger and more populous communities get more areas. */
export function areaCount(cells: number, pop1: number): number {
  return Math.max(2, Math.min(6, Math.round(0.5 + pop1 / 1200 + cells / 90), cells));
}

export function buildAreas(L: Lattice, commCellLists: number[][], pop1: number[], seed: number): AreaPlan {
  const rnd = streamFor(seed, 'areas');
  const area = new Int32Array(L.kind.length).fill(-1);
  const comm: number[] = [];
  const seedsOf: number[] = [];
  commCellLists.forEach((cells, k) => {
    const n = areaCount(cells.length, pop1[k] as number);
    const seeds = spreadSeeds(cells, n, [], () => rnd.next(), 30);
    const targets = apportion(cells.length, seeds.map(() => 1));
    const grown = growRegions(L, cells, seeds, targets, 8);
    const base = comm.length;
    seeds.forEach((s) => {
      comm.push(k);
      seedsOf.push(s);
    });
    for (const [c, a] of grown.labelOf) area[c] = base + a;
  });
  const areaComm = Int32Array.from(comm);
  fixPinches({ fine: area, coarse: [], parent: areaComm });
  const byComm: number[][] = commCellLists.map(() => []);
  comm.forEach((k, a) => (byComm[k] as number[]).push(a));
  // Number areas from the north-west, the way a map is read.
  for (const list of byComm) {
    list.sort((a, b) => {
      const sa = seedsOf[a] as number;
      const sb = seedsOf[b] as number;
      return cellJ(sb) - cellJ(sa) || cellI(sa) - cellI(sb) || a - b;
    });
  }
  return { area, areaComm, byComm };
}
