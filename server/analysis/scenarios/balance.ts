// How even the new communities are: the mean of a figure and the largest deviation from it.

export interface Balance {
  mean: number;
  /** Largest |value − mean| / mean, in per cent, one decimal; 0 when the mean is 0. */
  maxDeviationPct: number;
}

export function balanceOf(values: readonly number[]): Balance {
  if (!values.length) return { mean: 0, maxDeviationPct: 0 };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const worst = Math.max(...values.map((v) => Math.abs(v - mean)));
  return { mean: Math.round(mean * 10) / 10, maxDeviationPct: mean ? Math.round((worst / mean) * 1000) / 10 : 0 };
}
