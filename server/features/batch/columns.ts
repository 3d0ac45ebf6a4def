// The columns a batch look-up adds to each row, in users' terms. English names are in docs/api.md:
// community, area, lead, phone, how matched, match score, result (the row's class), why to check.
import type { LookupResult, MatchKind } from '../lookup/types';
import { classOf, CLASS_LABEL } from './classes';

export const ADDED_HEADER = ['社区', '片区', '片长', '电话', '匹配方式', '匹配度', '结果', '说明'];
export const UNMATCHED_LABEL = '未匹配';
export const ROW_NUMBER_HEADER = '行号';

const MATCH_LABEL: Record<MatchKind, string> = { exact: '精确', alias: '旧村名', fuzzy: '近似', point: '坐标' };

/** The added cells of one row; the score as a number so a spreadsheet can sort and filter by it. */
export function addedCells(answer: LookupResult | null): Array<string | number> {
  const rowClass = classOf(answer);
  const why = (answer?.caveats ?? []).map((r) => r.zh).join('；');
  if (!answer || rowClass === 'unmatched') return ['', '', '', '', UNMATCHED_LABEL, '', CLASS_LABEL.unmatched, why];
  const score = answer.score === undefined ? '' : Math.round(answer.score * 100) / 100;
  return [answer.community.name, answer.area.name, answer.lead.name, answer.lead.phone, MATCH_LABEL[answer.match], score, CLASS_LABEL[rowClass], why];
}

/**
 * A CSV cell Excel would run as a formula (=, +, -, @ first) gets a leading apostrophe: names
 * come from the database, where a planner may have typed anything. The .xlsx writes them as
 * text cells, which Excel never evaluates; the uploaded cells are the user's own and stay.
 */
export const csvText = (value: string | number): string => {
  const text = String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};
