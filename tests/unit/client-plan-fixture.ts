// A crafted community for the editor's pure tests: a 1 km square at latitude 31° with a
// jittered 10 × 10 grid of buildings (deterministic), 10 people and 4 households each.
import type { Polygon } from 'geojson';
import type { PlanBuilding } from '../../client/features/plan/types';

export const W = 120;
export const S = 31;
/** About 1 km in degrees at this latitude. */
export const DX = 1000 / (111_320 * Math.cos((S * Math.PI) / 180));
export const DY = 1000 / 110_574;

export const community: Polygon = { type: 'Polygon', coordinates: [[[W, S], [W + DX, S], [W + DX, S + DY], [W, S + DY], [W, S]]] };

export function gridBuildings(n = 10): PlanBuilding[] {
  const out: PlanBuilding[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const jitter = (((i * 7 + j * 13) % 11) - 5) / 40;
      out.push({
        id: `b${i}-${j}`,
        areaId: 'A1',
        groupId: 'G1',
        estateId: `E${Math.floor(i / 5)}${Math.floor(j / 5)}`,
        lng: W + ((i + 0.5 + jitter) / n) * DX,
        lat: S + ((j + 0.5 - jitter) / n) * DY,
        households: 4,
        population: 10,
        partyMembers: 1,
      });
    }
  return out;
}
