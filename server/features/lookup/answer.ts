// Turning what the look-up found (a building, a map point) into answers, from the grid in memory
// (server/analysis/grid-places.ts): the building's place in the grid, its lead, and the nearest
// service centre measured on the spheroid.
import type { GridPlace, GridPlaces } from '../../analysis/grid-places';
import type { CentreKind } from '../../domain/kinds';
import type { LookupResult } from './types';

/** A look-up answer's grid part, before the search says how it was found and how sure it is. */
export type GridAnswer = Omit<LookupResult, 'certainty' | 'caveats' | 'missing'>;

/** The answer's parts a place gives: town, community, area, lead and nearest centre. */
export function placeParts(place: GridPlace): Pick<GridAnswer, 'town' | 'community' | 'area' | 'lead' | 'centre'> {
  const c = place.centre;
  return {
    town: place.town,
    community: place.community,
    area: place.area,
    lead: place.lead,
    centre: c && { id: c.id, name: c.name, kind: c.kind as CentreKind, hours: c.hours, location: [c.lng, c.lat], distanceM: Math.round(c.distanceM) },
  };
}

/** The grid part of the answer for this building, or undefined when it is gone or in no area. */
export function answerForBuilding(grid: GridPlaces, id: string): GridAnswer | undefined {
  const found = grid.building(id);
  if (!found) return undefined;
  const { building: b, place } = found;
  return { address: b.address, match: 'exact', location: [b.lng, b.lat], ...placeParts(place), group: grid.groupName(b.groupId), building: { id: b.id } };
}
