// Party organisation forms and the one rule that picks a form from the number of members
// (≥ 100 a 党委, ≥ 50 a 党总支, else a 党支部; a building's group is a 党小组).
import type { Locale } from './sentence';

export const ORG_FORMS = ['党委', '党总支', '党支部', '党小组'] as const;
export type OrgForm = (typeof ORG_FORMS)[number];

/** The forms an organisation above a building group can take, largest first. */
export const UNIT_FORMS = ['党委', '党总支', '党支部'] as const;
export type UnitForm = (typeof UNIT_FORMS)[number];

/** A count for each unit form, as the report's tables give them. */
export type FormCounts = Record<UnitForm, number>;
export const perForm = (count: (form: UnitForm) => number): FormCounts =>
  Object.fromEntries(UNIT_FORMS.map((f) => [f, count(f)])) as FormCounts;
export const sumForms = (counts: FormCounts): number => UNIT_FORMS.reduce((sum, f) => sum + counts[f], 0);

export const FORM_THRESHOLDS = { 党委: 100, 党总支: 50 } as const;

export function formFor(members: number): UnitForm {
  return members >= FORM_THRESHOLDS.党委 ? '党委' : members >= FORM_THRESHOLDS.党总支 ? '党总支' : '党支部';
}

export const FORM_NAMES: Record<OrgForm, { zh: OrgForm; en: string }> = {
  党委: { zh: '党委', en: 'Party committee' },
  党总支: { zh: '党总支', en: 'General Party branch' },
  党支部: { zh: '党支部', en: 'Party branch' },
  党小组: { zh: '党小组', en: 'Party group' },
};

/** A form as the reader's language says it; a form the rule book does not know is shown as it is. */
export const formName = (form: string, locale: Locale): string => (Object.hasOwn(FORM_NAMES, form) ? FORM_NAMES[form as OrgForm][locale] : form);
