// Region growing: a multi-source Dijkstra over a set of cells. Each cell takes the label
// of the seed that reaches it first, and its Dijkstra predecessor carries the same label,
// so every region is 4-connected by construction. Sizes are steered towards targets by
// re-running with per-seed speeds (a region that came out too small travels faster).
import { MinHeap } from '../../server/analysis/heap.js';
import { NX, cellI, cellJ, type Lattice } from './lattice.js';

export interface GrowResult {
  /** Region index (0..seeds-1) per domain cell, aligned with `domain`. */
  labelOf: Map<number, number>;
  sizes: number[];
}

export function growRegions(
  L: Lattice,
  domain: readonly number[],
  seeds: readonly number[],
  targets: readonly number[],
  rounds = 8,
): GrowResult {
  const inDomain = new Uint8Array(L.kind.length);
  for (const c of domain) inDomain[c] = 1;
  for (const s of seeds) if (inDomain[s] !== 1) throw new Error(`seed ${s} outside its domain`);
  if (new Set(seeds).size !== seeds.length) throw new Error('duplicate seeds');
  const speed = seeds.map(() => 1);
  let best: GrowResult | null = null;
  let bestErr = Infinity;
  for (let round = 0; round < rounds; round++) {
    const res = dijkstra(L, domain, inDomain, seeds, speed);
    let err = 0;
    for (let k = 0; k < seeds.length; k++) {
      err += Math.abs((res.sizes[k] as number) - (targets[k] as number)) / (targets[k] as number);
    }
    if (err < bestErr) {
      bestErr = err;
      best = res;
    }
    for (let k = 0; k < seeds.length; k++) {
      const ratio = (targets[k] as number) / Math.max(1, res.sizes[k] as number);
      speed[k] = (speed[k] as number) * Math.min(1.6, Math.max(0.6, Math.pow(ratio, 0.5)));
    }
  }
  return best as GrowResult;
}

function dijkstra(L: Lattice, domain: readonly number[], inDomain: Uint8Array, seeds: readonly number[], speed: readonly number[]): GrowResult {
  const n = L.kind.length;
  const nx = NX;
  const dist = new Float64Array(n).fill(Infinity);
  const label = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  // Heap values pack cell and label so stale entries can be recognised.
  const K = seeds.length;
  seeds.forEach((s, k) => {
    dist[s] = 0;
    heap.push(0, s * K + k);
  });
  while (heap.size > 0) {
    const d = heap.peekKey();
    const packed = heap.pop();
    const c = Math.floor(packed / K);
    const k = packed % K;
    if ((label[c] as number) >= 0 || d > (dist[c] as number)) continue;
    label[c] = k;
    const sp = speed[k] as number;
    const cc = L.cost[c] as number;
    const i = c % nx;
    // Inlined neighbour loop: this is the hot path of the whole generator.
    for (let e = 0; e < 4; e++) {
      let m: number;
      if (e === 0) m = i > 0 ? c - 1 : -1;
      else if (e === 1) m = i < nx - 1 ? c + 1 : -1;
      else if (e === 2) m = c >= nx ? c - nx : -1;
      else m = c + nx < n ? c + nx : -1;
      if (m < 0 || inDomain[m] !== 1 || (label[m] as number) >= 0) continue;
      const nd = d + (cc + (L.cost[m] as number)) / 2 / sp;
      if (nd < (dist[m] as number)) {
        dist[m] = nd;
        heap.push(nd, m * K + k);
      }
    }
  }
  const labelOf = new Map<number, number>();
  const sizes = seeds.map(() => 0);
  for (const c of domain) {
    const k = label[c] as number;
    labelOf.set(c, k);
    sizes[k] = (sizes[k] as number) + 1;
  }
  return { labelOf, sizes };
}

/**
 * Spread `count` seeds over `cells` by best-candidate sampling: each new seed is the
 * candidate farthest from those already placed, which gives even, non-grid spacing.
 */
export function spreadSeeds(
  cells: readonly number[],
  count: number,
  fixed: readonly number[],
  rnd: () => number,
  candidates = 24,
): number[] {
  const placed = [...fixed];
  const out: number[] = [];
  const taken = new Set(fixed);
  for (let n = 0; n < count; n++) {
    let bestCell = -1;
    let bestD = -1;
    for (let t = 0; t < candidates; t++) {
      const c = cells[Math.floor(rnd() * cells.length)] as number;
      if (taken.has(c)) continue;
      let dmin = Infinity;
      for (const p of placed) {
        const di = cellI(c) - cellI(p);
        const dj = cellJ(c) - cellJ(p);
        dmin = Math.min(dmin, di * di + dj * dj);
      }
      if (dmin > bestD) {
        bestD = dmin;
        bestCell = c;
      }
    }
    if (bestCell < 0) {
      bestCell = cells.find((c) => !taken.has(c)) ?? -1;
      if (bestCell < 0) throw new Error('not enough cells for seeds');
    }
    taken.add(bestCell);
    placed.push(bestCell);
    out.push(bestCell);
  }
  return out;
}
