// The look-up answers from memory what PostGIS answers from the tables (both engines): for map
// points over the whole city (on buildings, a few metres off them, between them, outside every
// area) and for found buildings, the same area, lead, group, building, centre and metres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupPoint, POINT_RADIUS_M, searchAddresses } from '../../server/features/lookup/service';
import type { LookupResult } from '../../server/features/lookup/types';
import { startTestApi, type TestApi } from '../support/api-client';
import { buildingsBySql, pointBySql, type SqlAnswer } from '../support/lookup-sql';

let api: TestApi;
let buildings: Array<{ id: string; address: string; lng: number; lat: number }>;

beforeAll(async () => {
  api = await startTestApi();
  const { rows } = await api.ctx.db.knex.raw(`SELECT id, address, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM buildings WHERE region = ? ORDER BY id`, [api.ctx.region]);
  buildings = (rows as Array<Record<string, string>>).map((r) => ({ id: r.id!, address: r.address!, lng: Number(r.lng), lat: Number(r.lat) }));
});
afterAll(() => api?.close());

const said = (r: LookupResult | null | undefined): SqlAnswer | null =>
  r
    ? {
        area: r.area.id,
        lead: `${r.lead.name} ${r.lead.phone}`,
        group: r.group?.id ?? null,
        building: r.building?.id ?? null,
        centre: r.centre?.id ?? null,
        centreM: r.centre?.distanceM ?? null,
      }
    : null;

/** A fixed walk over the city: the same points every run. */
function* points(): Generator<[number, number]> {
  let seed = 7;
  const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let i = 0; i < buildings.length; i += 13) {
    const b = buildings[i]!;
    yield [b.lng, b.lat];
    // 5–60 m off the building, in any direction: inside and outside the click radius.
    const [d, a] = [(5 + next() * 55) / 111_000, next() * 2 * Math.PI];
    yield [b.lng + (d * Math.cos(a)) / Math.cos((b.lat * Math.PI) / 180), b.lat + d * Math.sin(a)];
  }
  const lngs = buildings.map((b) => b.lng);
  const lats = buildings.map((b) => b.lat);
  const [w, s, e, n] = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
  for (let i = 0; i < 150; i++) yield [w - 0.05 + next() * (e - w + 0.1), s - 0.05 + next() * (n - s + 0.1)];
}

describe('the look-up in memory', () => {
  it('answers map points as PostGIS does: area, lead, the building clicked, its group, the nearest centre and its metres', async () => {
    let compared = 0;
    let onBuilding = 0;
    let outside = 0;
    for (const [lng, lat] of points()) {
      const mine = said(await lookupPoint(api.ctx, lng, lat));
      const sql = await pointBySql(api.ctx.db.knex, api.ctx.region, lng, lat, POINT_RADIUS_M);
      expect(mine, `${lng},${lat}`).toEqual(sql);
      compared++;
      if (sql?.building) onBuilding++;
      if (!sql) outside++;
    }
    // The walk covers each kind of point.
    expect(onBuilding).toBeGreaterThan(compared / 4);
    expect(compared - onBuilding - outside).toBeGreaterThan(20);
    expect(outside).toBeGreaterThan(10);
  });

  it('answers found buildings as PostGIS does', async () => {
    const sample = buildings.filter((_, i) => i % 7 === 0);
    const sql = await buildingsBySql(api.ctx.db.knex, api.ctx.region, sample.map((b) => b.id));
    let compared = 0;
    for (const b of sample) {
      const [best] = await searchAddresses(api.ctx, b.address, 1);
      if (best?.building?.id !== b.id) continue;
      expect(said(best), b.address).toEqual(sql.get(b.id));
      compared++;
    }
    expect(compared).toBeGreaterThan(sample.length * 0.9);
  });
});
