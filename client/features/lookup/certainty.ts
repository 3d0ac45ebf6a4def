// How sure a look-up answer is, in the reader's language: the staff's card, the batch's rows and
// the resident page all say 请核对 (Please check) with the same reasons, and a building number
// the estate does not have plainly (没有找到 50幢；港洲新城有 1-36幢).
import type { Caveat, Certainty, MissingPart } from '../../../server/features/lookup/types';
import type { Locale } from '../../shared/i18n';

export interface Sureness {
  certainty?: Certainty;
  caveats?: Caveat[];
  missing?: MissingPart;
}

export interface CertaintyNote {
  /** Say 请核对: the answer is not exact, or part of the address names nothing. */
  check: boolean;
  /** The missing part as a sentence, when the estate has no such building or group. */
  missing: string | null;
  /** Why the answer is approximate, one sentence a caveat. */
  reasons: string[];
}

/** `missingTemplate` has {asked}, {estate} and {has}. */
export function certaintyNote(answer: Sureness, locale: Locale, missingTemplate: string): CertaintyNote {
  const missing = answer.missing
    ? missingTemplate.replace('{asked}', answer.missing.asked).replace('{estate}', answer.missing.estate).replace('{has}', answer.missing.has)
    : null;
  // The missing part is said on its own line; its caveat would say it twice.
  const reasons = (answer.caveats ?? []).filter((c) => !(missing && c.code === 'lookup_missing_part')).map((c) => c[locale]);
  return { check: answer.certainty === 'approximate' || missing !== null || reasons.length > 0, missing, reasons };
}
