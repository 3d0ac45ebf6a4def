import type { CentreKind } from '../../domain/kinds';
import type { LOOKUP_MESSAGES } from '../../domain/messages-lookup';

export type LookupCaveatCode = keyof typeof LOOKUP_MESSAGES;

/** A unit named in a look-up answer. */
export interface NamedRef {
  id: string;
  name: string;
}

/** How an answer was found: the whole normalised address, an old village name, trigram similarity, or a map point. */
export type MatchKind = 'exact' | 'alias' | 'fuzzy' | 'point';

/** The service centre nearest to the answer's location. */
export interface NearestCentre {
  id: string;
  name: string;
  kind: CentreKind;
  hours: string;
  location: [number, number];
  distanceM: number;
}

/** How sure an answer is: `exact` (the address as registered, or a click inside an area), else `approximate` (请核对, with why). */
export type Certainty = 'exact' | 'approximate';

/** Why an answer is approximate: a code of the look-up's message catalogue and its sentence in both languages. */
export interface Caveat {
  code: LookupCaveatCode;
  zh: string;
  en: string;
}

/**
 * A part of the query that names nothing real (a building number or a village group the estate
 * does not have): said plainly, with what the estate does have (`has`, e.g. "1-36幢").
 */
export interface MissingPart {
  asked: string;
  estate: string;
  has: string;
}

/**
 * One answer to "who is responsible for this address": the `api-contract.md` shape, plus what
 * the result card, the batch file and the service card need. Services return the lead's phone
 * in full; routes mask it for the caller.
 */
export interface LookupResult {
  address?: string;
  score?: number;
  match: MatchKind;
  location: [number, number];
  town: NamedRef;
  community: NamedRef;
  area: NamedRef;
  lead: { name: string; phone: string; phoneRevealable?: boolean };
  group: NamedRef | null;
  building: { id: string } | null;
  centre: NearestCentre | null;
  /** How sure: `exact` only for the address as registered (or a click inside an area, on a building). */
  certainty: Certainty;
  /** Why the answer is approximate; empty when exact. */
  caveats: Caveat[];
  /** The part of the query that names nothing real, when there is one (the answer is then the estate). */
  missing?: MissingPart;
}
