// Pairing (结对共建): 75 city agencies and 200 resident units with communities, and 27
// urban "three-star red-flag" communities with 34 rural ones (the nearest available, since
// 五联 pairings are about working together on the ground).
// Each pairing also says where the paired organisation sits, so the map can draw an arc: agencies
// at the city government seat, resident units at a building of an urban community, an urban
// community at its own heart. Those places come from a stream of their own (`places`), so the
// pairings themselves are the same as before they had places.
import type { Point } from 'geojson';
import { isRural, type CommunityKind } from '../../server/domain/kinds.js';
import type { Pairing } from '../city.js';
import { AGENCIES, unitNames } from './names.js';
import type { Random } from './rng.js';

export const AGENCY_PAIRINGS = 75;
export const UNIT_PAIRINGS = 200;
export const URBAN_PAIRED = 27;
export const RURAL_PAIRED = 34;

export interface PairingInput {
  communities: Array<{ id: string; kind: CommunityKind; hasOrg: boolean; pop1: number; orgName: string; x: number; y: number; heart: Point }>;
  /** The city government seat, where the agencies are. */
  seat: Point;
  /** The buildings of the street (urban) communities, where resident units may stand. */
  urbanBuildings: Point[];
}

export function buildPairings(I: PairingInput, rnd: Random, places: Random): Pairing[] {
  const out: Pairing[] = [];
  const idx = I.communities.map((_, k) => k);
  const ruralAt = (k: number): boolean => isRural((I.communities[k] as PairingInput['communities'][number]).kind);
  const ruralWithOrg = idx.filter((k) => ruralAt(k) && I.communities[k]?.hasOrg);
  const agencyTargets = rnd.shuffle([...ruralWithOrg]).slice(0, AGENCY_PAIRINGS);
  AGENCIES.slice(0, AGENCY_PAIRINGS).forEach((a, n) => {
    out.push({ orgName: `${a}机关党支部`, orgKind: 'agency', communityId: (I.communities[agencyTargets[n] as number] as { id: string }).id, source: I.seat });
  });
  unitNames(rnd, UNIT_PAIRINGS).forEach((u) => {
    out.push({ orgName: u, orgKind: 'unit', communityId: (I.communities[rnd.pick(idx)] as { id: string }).id, source: places.pick(I.urbanBuildings) });
  });

  // Red-flag communities: all street communities, then the largest township ones.
  const urban = idx.filter((k) => !ruralAt(k));
  urban.sort((a, b) => {
    const A = I.communities[a] as PairingInput['communities'][number];
    const B = I.communities[b] as PairingInput['communities'][number];
    return Number(B.kind === 'urban') - Number(A.kind === 'urban') || B.pop1 - A.pop1 || a - b;
  });
  const flags = urban.slice(0, URBAN_PAIRED);
  const partnersPer = flags.map((_, n) => (n < RURAL_PAIRED - URBAN_PAIRED ? 2 : 1));
  const taken = new Set<number>();
  flags.forEach((u, n) => {
    const U = I.communities[u] as PairingInput['communities'][number];
    const near = ruralWithOrg
      .filter((k) => !taken.has(k))
      .sort((a, b) => dist2(U, I.communities[a]) - dist2(U, I.communities[b]) || a - b);
    for (const k of near.slice(0, partnersPer[n] as number)) {
      taken.add(k);
      out.push({ orgName: U.orgName, orgKind: 'urban_community', communityId: (I.communities[k] as { id: string }).id, source: U.heart });
    }
  });
  return out;
}

function dist2(a: { x: number; y: number }, b: { x: number; y: number } | undefined): number {
  if (!b) return Infinity;
  return (a.x - b.x) ** 2 + (a.y - b.y) ** 2;
}
