// Service centres. The statistics count only kind 'party_service' (党员人才服务中心): 183 of
// the 240 village organisations' communities (28 of them ≥ 1000 m²) and 50 of the 54
// communities (6 ≥ 1000 m²). Labour-security stations and convenience points are kept
// as other kinds so they never leak into those counts.
import type { Point } from 'geojson';
import { CENTRE_KIND_NAMES } from '../../server/domain/kinds.js';
import type { ServiceCentre } from '../city.js';
import type { Random } from './rng.js';

export const RURAL_CENTRES = 183;
export const RURAL_LARGE = 28;
export const URBAN_CENTRES = 50;
export const URBAN_LARGE = 6;
const CONVENIENCE_POINTS = 12;

export interface CentreInput {
  communities: Array<{ id: string; name: string; rural: boolean; hasOrg: boolean; pop1: number; townIndex: number }>;
  towns: Array<{ name: string; seatCommunity: number }>;
  /** A point inside community k, offset variant 0..2 so centres at one estate don't coincide. */
  pointIn: (k: number, variant: number) => Point;
}

export function buildCentres(I: CentreInput, rnd: Random): ServiceCentre[] {
  const out: ServiceCentre[] = [];
  const id = (): string => `SC${String(out.length + 1).padStart(3, '0')}`;
  const withCentre = new Map<number, boolean>();
  const pickParty = (pool: number[], count: number, large: number): void => {
    // Bigger communities are likelier to have built a centre, and a bigger one.
    const scored = pool.map((k) => ({ k, s: (I.communities[k]?.pop1 ?? 0) * rnd.range(0.75, 1.25) }));
    scored.sort((a, b) => b.s - a.s || a.k - b.k);
    scored.slice(0, count).forEach((e, rank) => withCentre.set(e.k, rank < large));
  };
  const idx = I.communities.map((_, k) => k);
  pickParty(idx.filter((k) => I.communities[k]?.rural && I.communities[k]?.hasOrg), RURAL_CENTRES, RURAL_LARGE);
  pickParty(idx.filter((k) => !I.communities[k]?.rural), URBAN_CENTRES, URBAN_LARGE);
  for (const k of idx) {
    const large = withCentre.get(k);
    if (large === undefined) continue;
    const c = I.communities[k] as CentreInput['communities'][number];
    const floorArea = large ? rnd.int(100, 240) * 10 : rnd.int(30, 95) * 10;
    out.push({
      id: id(),
      communityId: c.id,
      kind: 'party_service',
      name: `${c.name}${CENTRE_KIND_NAMES.party_service.zh}`,
      point: I.pointIn(k, 0),
      floorArea,
      radiusM: c.rural ? rnd.int(20, 30) * 50 : rnd.int(10, 16) * 50,
      hours: large || rnd.next() < 0.4 ? '24小时' : '08:30-17:30',
      serviceItems: rnd.int(88, 130),
    });
  }
  I.towns.forEach((t) => {
    const c = I.communities[t.seatCommunity] as CentreInput['communities'][number];
    out.push({
      id: id(),
      communityId: c.id,
      kind: 'labour',
      name: `${t.name}${CENTRE_KIND_NAMES.labour.zh}`,
      point: I.pointIn(t.seatCommunity, 1),
      floorArea: rnd.int(15, 40) * 10,
      radiusM: 3000,
      hours: '08:30-17:30',
      serviceItems: rnd.int(20, 40),
    });
  });
  const urban = rnd.shuffle(idx.filter((k) => !I.communities[k]?.rural)).slice(0, CONVENIENCE_POINTS).sort((a, b) => a - b);
  for (const k of urban) {
    const c = I.communities[k] as CentreInput['communities'][number];
    out.push({
      id: id(),
      communityId: c.id,
      kind: 'convenience',
      name: `${c.name}${CENTRE_KIND_NAMES.convenience.zh}`,
      point: I.pointIn(k, 2),
      floorArea: rnd.int(6, 20) * 10,
      radiusM: rnd.int(6, 10) * 50,
      hours: '08:30-17:30',
      serviceItems: rnd.int(20, 50),
    });
  }
  return out;
}
