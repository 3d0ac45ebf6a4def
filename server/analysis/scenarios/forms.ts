// A merger changes the party organisations' forms (each follows its members: formFor in the
// domain): the city's count of each form before and after.
import type { FormCounts, UnitForm } from '../../domain/organisations';

/** The city's level-2 forms after some organisations go and others come. */
export function formsAfter(before: FormCounts, removed: readonly UnitForm[], added: readonly UnitForm[]): FormCounts {
  const after = { ...before };
  for (const f of removed) after[f] -= 1;
  for (const f of added) after[f] += 1;
  return after;
}
