// Pinch removal. A cell set whose two cells meet only diagonally at a vertex (and whose
// other two cells at that vertex belong elsewhere) would trace a ring that touches itself
// — invalid in OGC terms. Growing regions makes a few of these; we remove them by moving
// one of the four cells around the vertex to a neighbouring region, never breaking the
// donor region's connectivity and never crossing a parent boundary (a village cell stays
// in its town), so coarser levels that are already clean stay clean.
import { NX, NY, cellIndex, neighbours4 } from './lattice.js';

export interface PinchLevels {
  /** Fine label per cell (-1 = not part of any region). This array is edited in place. */
  fine: Int32Array;
  /** Coarser groupings of fine labels to keep pinch-free too (e.g. village → community). */
  coarse: Int32Array[];
  /** Fine label → parent; cells only move between regions with the same parent. */
  parent: Int32Array | null;
}

export function fixPinches(P: PinchLevels, maxPasses = 200): number {
  const levels: Array<Int32Array | null> = [null, ...P.coarse];
  const lab = (lv: Int32Array | null, c: number): number => {
    const f = P.fine[c] as number;
    if (f < 0) return -1;
    return lv ? (lv[f] as number) : f;
  };
  const counts = levels.map((lv) => {
    const m = new Map<number, number>();
    for (let c = 0; c < P.fine.length; c++) {
      const l = lab(lv, c);
      if (l >= 0) m.set(l, (m.get(l) ?? 0) + 1);
    }
    return m;
  });
  const parentOf = (f: number): number => (P.parent ? (P.parent[f] as number) : 0);

  // Would the region of level `li` that contains x stay connected (and non-empty) without x?
  const staysConnected = (li: number, x: number): boolean => {
    const lv = levels[li] as Int32Array | null;
    const l = lab(lv, x);
    const total = (counts[li] as Map<number, number>).get(l) ?? 0;
    if (total <= 1) return false;
    const start = neighbours4(x).find((n) => lab(lv, n) === l);
    if (start === undefined) return false;
    const seen = new Set<number>([x, start]);
    const stack = [start];
    let reached = 1;
    while (stack.length > 0) {
      const c = stack.pop() as number;
      for (const n of neighbours4(c)) {
        if (!seen.has(n) && lab(lv, n) === l) {
          seen.add(n);
          stack.push(n);
          reached++;
        }
      }
    }
    return reached === total - 1;
  };

  const tryMove = (x: number, to: number): boolean => {
    const from = P.fine[x] as number;
    if (from < 0 || to < 0 || from === to) return false;
    if (parentOf(from) !== parentOf(to)) return false;
    for (let li = 0; li < levels.length; li++) {
      const lv = levels[li] as Int32Array | null;
      const a = lv ? (lv[from] as number) : from;
      const b = lv ? (lv[to] as number) : to;
      if (a !== b && !staysConnected(li, x)) return false;
    }
    for (let li = 0; li < levels.length; li++) {
      const lv = levels[li] as Int32Array | null;
      const a = lv ? (lv[from] as number) : from;
      const b = lv ? (lv[to] as number) : to;
      if (a === b) continue;
      const m = counts[li] as Map<number, number>;
      m.set(a, (m.get(a) ?? 0) - 1);
      m.set(b, (m.get(b) ?? 0) + 1);
    }
    P.fine[x] = to;
    return true;
  };

  let moved = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    let found = 0;
    for (let j = 1; j < NY; j++) {
      for (let i = 1; i < NX; i++) {
        const sw = cellIndex(i - 1, j - 1);
        const se = cellIndex(i, j - 1);
        const nw = cellIndex(i - 1, j);
        const ne = cellIndex(i, j);
        for (const lv of levels) {
          const l1 = lab(lv, sw);
          const l2 = lab(lv, ne);
          const l3 = lab(lv, se);
          const l4 = lab(lv, nw);
          // a, d: the diagonal pair of one region; b, c: the two cells it lacks.
          let quad: [number, number, number, number];
          if (l1 >= 0 && l1 === l2 && l3 !== l1 && l4 !== l1) quad = [sw, ne, se, nw];
          else if (l3 >= 0 && l3 === l4 && l1 !== l3 && l2 !== l3) quad = [se, nw, sw, ne];
          else continue;
          const [a, d, b, c] = quad;
          found++;
          const f = P.fine;
          const options: Array<[number, number]> = [
            [b, f[a] as number],
            [c, f[a] as number],
            [b, f[d] as number],
            [c, f[d] as number],
            [a, f[b] as number],
            [a, f[c] as number],
            [d, f[b] as number],
            [d, f[c] as number],
          ];
          if (!options.some(([x, to]) => tryMove(x, to))) {
            throw new Error(`cannot remove pinch at vertex ${i},${j}`);
          }
          moved++;
          break;
        }
      }
    }
    if (found === 0) return moved;
  }
  throw new Error('pinch removal did not converge');
}
