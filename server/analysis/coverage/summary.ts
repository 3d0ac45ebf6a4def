// Coverage figures for any grouping (the city, each town, each community): totals and what is
// within reach, for each weight (population, households, buildings, party members).
export interface Totals {
  total: number;
  covered: number;
  /** covered / total, 0 when there is nothing to cover. */
  share: number;
}

/**
 * Sums weights per group. `group[i]` is point i's group number (0 … groups − 1); `reached[i]` > 0
 * means covered. Returns, per group, per weight, the totals.
 */
export function summarise<W extends string>(group: Int32Array, groups: number, reached: ArrayLike<number>, weights: Record<W, Float64Array>): Record<W, Totals>[] {
  const names = Object.keys(weights) as W[];
  const total = names.map(() => new Float64Array(groups));
  const covered = names.map(() => new Float64Array(groups));
  for (let i = 0; i < group.length; i++) {
    const g = group[i]!;
    for (let w = 0; w < names.length; w++) {
      const v = weights[names[w]!][i]!;
      total[w]![g]! += v;
      if (reached[i]! > 0) covered[w]![g]! += v;
    }
  }
  return Array.from({ length: groups }, (_, g) =>
    Object.fromEntries(
      names.map((name, w) => {
        const t = total[w]![g]!;
        const c = covered[w]![g]!;
        return [name, { total: t, covered: c, share: t > 0 ? c / t : 0 }];
      }),
    ) as Record<W, Totals>,
  );
}
