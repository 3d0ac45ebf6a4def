// The service centres as they are, in the shape the what-if works on.
import type { PlacedCentre } from '../../analysis/coverage/what-if';
import type { AppContext } from '../../context';
import { LARGE_CENTRE_M2 } from '../../domain/kinds';

export async function loadCentres({ db, region }: AppContext): Promise<PlacedCentre[]> {
  const rows: Record<string, unknown>[] = await db
    .knex('service_centres')
    .where({ region })
    .orderBy('id')
    .select('id', 'name', 'kind', 'community_id', db.knex.raw('ST_X(geom) AS lng'), db.knex.raw('ST_Y(geom) AS lat'), db.knex.raw('radius_m::float8 AS radius_m'), db.knex.raw('floor_area::float8 AS floor_area'));
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    kind: r.kind as PlacedCentre['kind'],
    lng: Number(r.lng),
    lat: Number(r.lat),
    radiusM: Number(r.radius_m),
    floorAreaM2: Number(r.floor_area),
    communityId: String(r.community_id),
    status: 'as_is',
  }));
}

/** The report calls a centre of 1000 m² or more large. */
export const isLarge = (c: PlacedCentre) => c.floorAreaM2 !== null && c.floorAreaM2 >= LARGE_CENTRE_M2;
