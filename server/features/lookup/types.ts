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
  kind: 'party_service' | 'convenience' | 'labour';
  hours: string;
  location: [number, number];
  distanceM: number;
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
}
