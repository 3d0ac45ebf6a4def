// The visit diary (民情日记) on the wire: a lead's visits and the buildings they answer for.

export interface Visit {
  id: string;
  areaId: string;
  building: { id: string; address: string | null };
  /** The household visited (3单元201), when it was one household rather than the building. */
  household: string | null;
  /** YYYY-MM-DD. */
  visitedOn: string;
  heard: string | null;
  followUp: string | null;
  /** The request the follow-up became, if it did. */
  requestId: string | null;
  leadName: string;
  version: number;
  purged: boolean;
}

/** A building of the lead's areas, with when it was last visited. */
export interface DiaryBuilding {
  id: string;
  address: string;
  areaId: string;
  areaName: string;
  lastVisit: string | null;
}
