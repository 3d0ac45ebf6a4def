// The bench's baseline: weighted k-means (Lloyd) on the buildings' coordinates, seeded like
// k-means++ but deterministically (farthest point), with no notion of contiguity, estates or
// barriers. It shows what the graph-based proposal buys.
import type { Prepared } from './prepare';

const ITERATIONS = 50;

export function kMeansAssign({ graph: g, weight, k }: Prepared): Int32Array {
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  const dist = new Float64Array(g.n).fill(Infinity);
  let next = 0;
  for (let c = 0; c < k; c++) {
    cx[c] = g.xs[next]!;
    cy[c] = g.ys[next]!;
    dist[next] = -Infinity;
    let best = -1;
    for (let i = 0; i < g.n; i++) {
      dist[i] = Math.min(dist[i]!, (g.xs[i]! - cx[c]!) ** 2 + (g.ys[i]! - cy[c]!) ** 2);
      if (dist[i]! > best) [best, next] = [dist[i]!, i];
    }
  }
  const assign = new Int32Array(g.n);
  for (let it = 0; it < ITERATIONS; it++) {
    let changed = it === 0;
    for (let i = 0; i < g.n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = (g.xs[i]! - cx[c]!) ** 2 + (g.ys[i]! - cy[c]!) ** 2;
        if (d < bestD) [best, bestD] = [c, d];
      }
      if (assign[i] !== best) changed = true;
      assign[i] = best;
    }
    if (!changed) break;
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const sw = new Float64Array(k);
    for (let i = 0; i < g.n; i++) {
      // Weight + 1 so buildings without residents still pull their centre a little.
      const w = weight[i]! + 1;
      sx[assign[i]!]! += w * g.xs[i]!;
      sy[assign[i]!]! += w * g.ys[i]!;
      sw[assign[i]!]! += w;
    }
    for (let c = 0; c < k; c++) {
      if (sw[c]! > 0) [cx[c], cy[c]] = [sx[c]! / sw[c]!, sy[c]! / sw[c]!];
    }
  }
  return assign;
}
