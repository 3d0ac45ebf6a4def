import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../server/features/stats/service';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('GET /api/stats', () => {
  it('reproduces every figure of the seed report from the demo city', async () => {
    const stats = await api.json<Stats>('/api/stats');
    expect(stats.villagesBefore).toBe(526);
    expect(stats.communities).toEqual({ rural: 243, villageResidence: 30, township: 39, urban: 54 });
    expect(stats.partyOrgs).toEqual({
      village: { 党委: 31, 党总支: 176, 党支部: 33 },
      community: { 党委: 1, 党总支: 24, 党支部: 29 },
    });
    expect(stats.serviceCenters).toEqual({ village: { count: 183, large: 28 }, community: { count: 50, large: 6 } });
    expect(stats.concentratedResidenceRate).toBe(0.696);
    expect(stats.volunteers).toBe(12335);
    expect(stats.population).toBe(1_000_000);
  });

  it('counts from the tables, so a new large centre and a closed one change the figures', async () => {
    const { knex } = api.ctx.db;
    const region = api.ctx.region;
    const before = await api.json<Stats>('/api/stats');
    const withoutCentre = await knex('communities as c')
      .where('c.region', region)
      .whereIn('c.kind', ['rural', 'village_residence'])
      .whereNotExists(knex('service_centres as s').whereRaw('s.region = c.region AND s.community_id = c.id').where('s.kind', 'party_service'))
      .first('c.id');
    await knex.raw(
      `INSERT INTO service_centres (region, id, community_id, kind, name, geom, floor_area, radius_m, hours, service_items)
       VALUES (?, 'TEST-NEW', ?, 'party_service', '新中心', ST_SetSRID(ST_MakePoint(120.2, 31.9), 4326), 1200, 1000, '24小时', 100)`,
      [region, withoutCentre.id],
    );
    const closed = await knex('service_centres as s')
      .join('communities as c', function () {
        this.on('c.region', 's.region').andOn('c.id', 's.community_id');
      })
      .where('s.region', region)
      .where('s.kind', 'party_service')
      .whereIn('c.kind', ['township', 'urban'])
      .where('s.floor_area', '<', 1000)
      .first('s.id');
    await knex('service_centres').where({ region, id: closed.id }).delete();

    const after = await api.json<Stats>('/api/stats');
    expect(after.serviceCenters.village).toEqual({ count: before.serviceCenters.village.count + 1, large: before.serviceCenters.village.large + 1 });
    expect(after.serviceCenters.community).toEqual({ count: before.serviceCenters.community.count - 1, large: before.serviceCenters.community.large });
  });
});
