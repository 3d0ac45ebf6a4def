// The form rule (domain/organisations.ts: ≥ 100 党委, ≥ 50 党总支, else 党支部) as a SQL
// expression, for writes that follow thousands of organisations in one statement (an import).
// Built from the domain's thresholds, so the rule still has one home.
import { FORM_THRESHOLDS } from '../../domain/organisations';

/** SQL: the unit form for a number of members given by `members` (an SQL expression). */
export const formForSql = (members: string): string =>
  `CASE WHEN ${members} >= ${FORM_THRESHOLDS.党委} THEN '党委' WHEN ${members} >= ${FORM_THRESHOLDS.党总支} THEN '党总支' ELSE '党支部' END`;
