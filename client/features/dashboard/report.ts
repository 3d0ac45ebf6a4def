// The figures the seed report publishes (shared/seed/DIGEST.md), shown beside the live counts so a
// leader sees where the city stands against what was reported. A reference, never an answer: the
// dashboard's own numbers are always counted by the server.
export const REPORT = {
  villagesBefore: 526,
  rural: 243,
  villageResidence: 30,
  urban: 54,
  township: 39,
  villageOrgs: { 党委: 31, 党总支: 176, 党支部: 33 },
  communityOrgs: { 党委: 1, 党总支: 24, 党支部: 29 },
  villageCentres: { count: 183, withCentre: 0.7625, large: 28, largeShare: 0.153 },
  // The report's 11.11 % is 6 of the 54 communities, not of the 50 centres.
  communityCentres: { count: 50, withCentre: 0.9259, large: 6, largeShare: 0.1111 },
  concentratedResidence: 0.696,
  volunteers: 12335,
} as const;
