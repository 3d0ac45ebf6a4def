// The party organisation a community gets follows its members (≥ 100 党委, 50–99 党总支, else
// 党支部), and a merger changes forms: the city's count of each form before and after.
import type { OrgForm } from '../../../data/city';
import { formFor } from '../../../data/generator/party';

export type CommunityForm = Exclude<OrgForm, '党小组'>;
export type FormCounts = Record<CommunityForm, number>;

export const communityForm = (members: number): CommunityForm => formFor(members) as CommunityForm;

/** The city's level-2 forms after some organisations go and others come. */
export function formsAfter(before: FormCounts, removed: readonly CommunityForm[], added: readonly CommunityForm[]): FormCounts {
  const after = { ...before };
  for (const f of removed) after[f] -= 1;
  for (const f of added) after[f] += 1;
  return after;
}
