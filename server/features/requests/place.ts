// Routing: which area a request belongs to, by the look-up we already have. A pin is judged
// first (the resident stood there): the area containing it, or a refusal when no area does. An
// address is searched as the resident page searches it; a good match places the request at
// its building, a poor one leaves it for hall staff to place by hand.
import type { AppContext } from '../../context';
import { problem, RefusedError } from '../../http/errors';
import { lookupPoint, MATCH_THRESHOLD, searchAddresses } from '../lookup/service';

export interface Place {
  areaId: string;
  communityId: string;
  townId: string;
  buildingId: string | null;
  location: [number, number];
  /** The building's address when the resident gave none. */
  address: string | null;
}

/** The place of a pin or an address; null when an address alone could not be found. */
export async function placeRequest(ctx: AppContext, where: { address?: string; location?: [number, number] }): Promise<Place | null> {
  if (where.location) {
    const [lng, lat] = where.location;
    const found = await lookupPoint(ctx, lng, lat);
    if (!found) throw new RefusedError([problem({ code: 'request_outside_areas', params: { location: [lng, lat] }, location: [lng, lat] })]);
    return {
      areaId: found.area.id,
      communityId: found.community.id,
      townId: found.town.id,
      buildingId: found.building?.id ?? null,
      location: [lng, lat],
      address: found.address ?? null,
    };
  }
  const [best] = await searchAddresses(ctx, where.address!, 1);
  if (!best?.building || (best.score ?? 0) < MATCH_THRESHOLD) return null;
  return {
    areaId: best.area.id,
    communityId: best.community.id,
    townId: best.town.id,
    buildingId: best.building.id,
    location: best.location,
    address: best.address ?? null,
  };
}

/** The area a request is moved to by hand, with its community and town; undefined when there is none. */
export async function placeOfArea(ctx: AppContext, areaId: string): Promise<Omit<Place, 'buildingId' | 'location' | 'address'> | undefined> {
  const row = await ctx.db
    .knex('contracted_areas as a')
    .join('communities as c', function () {
      this.on('c.region', 'a.region').andOn('c.id', 'a.community_id');
    })
    .where({ 'a.region': ctx.region, 'a.id': areaId })
    .first('a.id', 'a.community_id', 'c.town_id');
  return row && { areaId: row.id as string, communityId: row.community_id as string, townId: row.town_id as string };
}

/** A building's place (a lead's visit): its area, community, town, point and address; undefined when there is none. */
export async function placeOfBuilding(ctx: AppContext, buildingId: string): Promise<Place | undefined> {
  const { rows } = await ctx.db.knex.raw(
    `SELECT b.id, b.area_id, a.community_id, c.town_id, ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat, b.address
     FROM buildings b
     JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     JOIN communities c ON c.region = a.region AND c.id = a.community_id
     WHERE b.region = ? AND b.id = ?`,
    [ctx.region, buildingId],
  );
  const b = rows[0];
  return (
    b && {
      areaId: String(b.area_id),
      communityId: String(b.community_id),
      townId: String(b.town_id),
      buildingId: String(b.id),
      location: [Number(b.lng), Number(b.lat)],
      address: String(b.address),
    }
  );
}
