// The two rules of a community's plan of contracted areas, as the live table, 检查, 保存 and the
// automatic proposal all judge them: an area is contiguous when its buildings are connected in
// the community's neighbour graph (adjacency.ts), and balanced when its size in the chosen
// measure is within ±5 % of the mean over the areas. A broken rule is a warning the planner
// may accept by name; it never passes silently.
import type { MessageCode } from './messages';
import { piecesOf, type Adjacency } from './adjacency';
import type { PlanMeasure } from './words';

export { PLAN_MEASURES, MEASURE_WORDS, type PlanMeasure } from './words';

/** The proposal balances these of the plan's measures. */
export const PROPOSAL_MEASURES = ['population', 'buildings', 'households'] as const satisfies readonly PlanMeasure[];
export type ProposalMeasure = (typeof PROPOSAL_MEASURES)[number];

/** Beyond this deviation from the mean (%) an area is out of balance. */
export const DEVIATION_LIMIT_PCT = 5;

/** (size − mean) / mean × 100 for each size; null where the mean is 0. */
export function deviations(sizes: readonly number[]): { mean: number; deviationPct: (number | null)[] } {
  const mean = sizes.length ? sizes.reduce((s, v) => s + v, 0) / sizes.length : 0;
  return { mean, deviationPct: sizes.map((size) => (mean > 0 ? ((size - mean) / mean) * 100 : null)) };
}

export const isUnbalanced = (deviationPct: number | null): boolean => deviationPct !== null && Math.abs(deviationPct) > DEVIATION_LIMIT_PCT;

/** An area of no buildings is empty (its own rule), not split. */
export const isContiguous = (adj: Adjacency, members: readonly number[]): boolean => piecesOf(adj, members) <= 1;

export interface RuleArea {
  /** The area's id, or "#index" for a new one. */
  ref: string;
  name: string;
  /** Its buildings, as indexes into the graph's points. */
  members: readonly number[];
  /** Its size in the measure. */
  size: number;
}

/** A broken rule, before it is worded: the code, the area it concerns, and the figures. */
export interface RuleWarning {
  code: Extract<MessageCode, 'not_contiguous' | 'unbalanced'>;
  ids: string[];
  params: { area: string; pieces?: number; deviationPct?: number; limitPct?: number; measure?: PlanMeasure };
}

/** Every area that is split or out of balance, in the areas' order (split before unbalanced for one area). */
export function ruleWarnings(adj: Adjacency, areas: readonly RuleArea[], measure: PlanMeasure): RuleWarning[] {
  const { deviationPct } = deviations(areas.map((a) => a.size));
  return areas.flatMap((a, i): RuleWarning[] => {
    const out: RuleWarning[] = [];
    const pieces = piecesOf(adj, a.members);
    if (pieces > 1) out.push({ code: 'not_contiguous', ids: [a.ref], params: { area: a.name, pieces } });
    const d = deviationPct[i]!;
    if (isUnbalanced(d)) out.push({ code: 'unbalanced', ids: [a.ref], params: { area: a.name, deviationPct: Math.round(d! * 10) / 10, limitPct: DEVIATION_LIMIT_PCT, measure } });
    return out;
  });
}
