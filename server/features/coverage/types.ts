// What the coverage answers are made of, apart from the services that compute them, so the
// worker's jobs (server/runtime/jobs/coverage.ts) can name them without an import circle.

export interface UncoveredEstate {
  estate: { id: string; name: string };
  community: { id: string; name: string };
  townId: string;
  population: number;
  households: number;
  buildings: number;
  partyMembers: number;
  /** The estate's buildings' mean position. */
  location: [number, number];
  nearest: { centreId: string; name: string; distanceM: number } | null;
}

export interface ProposedSite {
  lng: number;
  lat: number;
  /** Residents this site reaches that no centre (nor any site before it) reaches. */
  gain: number;
}

export interface SitesAnswer {
  sites: ProposedSite[];
  /** Residents beyond every centre before the new sites, and reached by them. */
  uncoveredBefore: number;
  reachedBySites: number;
  population: number;
  candidates: number;
  computedMs: number;
}
