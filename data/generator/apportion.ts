// Integer splitting. The report's figures are exact (1,000,000 residents, 69.6 %,
// 12,335 volunteers), so every budget is divided with largest remainders: the parts
// always add up to the whole, never off by rounding.

export function apportion(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new Error(`cannot apportion ${total} over nothing`);
    return [];
  }
  let sum = 0;
  for (const w of weights) sum += Math.max(0, w);
  // All-zero weights: fall back to an even split rather than dividing by zero.
  const ws = sum > 0 ? weights.map((w) => Math.max(0, w) / sum) : weights.map(() => 1 / n);
  const out = new Array<number>(n);
  const rema: Array<{ i: number; r: number }> = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = total * (ws[i] as number);
    const base = Math.floor(exact);
    out[i] = base;
    given += base;
    rema.push({ i, r: exact - base });
  }
  // Ties broken by index so the result never depends on sort stability.
  rema.sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < total - given; k++) {
    const e = rema[k % n] as { i: number };
    out[e.i] = (out[e.i] as number) + 1;
  }
  return out;
}

/** Like apportion, but every part gets at least `min` (when the total allows it). */
export function apportionMin(total: number, weights: readonly number[], min: number): number[] {
  const floor = min * weights.length;
  if (total < floor) return apportion(total, weights);
  return apportion(total - floor, weights).map((v) => v + min);
}
