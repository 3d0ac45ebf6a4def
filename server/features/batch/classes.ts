// The batch's three classes of row: matched (the look-up is sure), approximate (an answer to
// check, 请核对, with the look-up's caveats saying why) and not found (nothing, or a building or
// village group the estate does not have: said plainly, never answered with another building).
import type { LookupResult } from '../lookup/types';

export const ROW_CLASSES = ['matched', 'approximate', 'unmatched'] as const;
export type RowClass = (typeof ROW_CLASSES)[number];

/** The class's word in the result file's 结果 column and in the downloads' names. */
export const CLASS_LABEL: Record<RowClass, string> = { matched: '已匹配', approximate: '请核对', unmatched: '未找到' };

export function classOf(answer: LookupResult | null): RowClass {
  if (!answer || answer.missing) return 'unmatched';
  return answer.certainty === 'exact' ? 'matched' : 'approximate';
}
