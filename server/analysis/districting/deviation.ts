/** The largest difference of a group's size from the mean, in % of the mean. */
export function maxDeviationPct(sizes: Float64Array, mean: number): number {
  let worst = 0;
  for (const s of sizes) worst = Math.max(worst, mean > 0 ? (Math.abs(s - mean) / mean) * 100 : 0);
  return worst;
}
