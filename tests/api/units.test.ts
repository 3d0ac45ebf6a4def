import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitInfo } from '../../server/features/units/service';
import type { Stats } from '../../server/features/stats/service';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('GET /api/units/{level}/{id}', () => {
  it('gives the city totals that the stats give', async () => {
    const [city, stats] = await Promise.all([api.json<UnitInfo>('/api/units/city'), api.json<Stats>('/api/stats')]);
    expect(city.population).toBe(stats.population);
    expect(city.households).toBe(stats.households);
    expect(city.path).toEqual([]);
    expect(city.bbox[0]).toBeLessThan(city.bbox[2]);
  });

  it('adds up: the towns together hold the whole city', async () => {
    const towns = await api.json<FeatureCollection>('/api/layers/towns');
    const infos = await Promise.all(towns.features.map((t) => api.json<UnitInfo>(`/api/units/town/${t.id}`)));
    const city = await api.json<UnitInfo>('/api/units/city');
    expect(infos.reduce((sum, t) => sum + t.population, 0)).toBe(city.population);
    expect(infos.every((t) => t.org?.form === '党委')).toBe(true);
  });

  it('walks down the four levels with a breadcrumb, an organisation and a lead', async () => {
    const town = (await api.json<FeatureCollection>('/api/layers/towns')).features[0]!;
    const community = (await api.json<FeatureCollection>(`/api/layers/communities?town=${town.id}`)).features[0]!;
    const area = (await api.json<FeatureCollection>(`/api/layers/areas?community=${community.id}`)).features[0]!;
    const group = (await api.json<FeatureCollection>(`/api/layers/groups?area=${area.id}`)).features[0]!;
    const building = (await api.json<FeatureCollection>(`/api/layers/buildings?area=${area.id}`)).features.find(
      (b) => b.properties?.groupId === group.id,
    )!;

    const c = await api.json<UnitInfo>(`/api/units/community/${community.id}`);
    expect(c.path.map((p) => p.id)).toEqual([town.id, community.id]);
    expect(c.kind).toBe(community.properties?.kind);
    expect(['党委', '党总支', '党支部', null]).toContain(c.org?.form ?? null);

    const a = await api.json<UnitInfo>(`/api/units/area/${area.id}`);
    expect(a.path.map((p) => p.level)).toEqual(['town', 'community', 'area']);
    expect(a.org?.form).toBe('党支部');
    expect(a.lead?.name).toBe(area.properties?.leadName);
    expect(a.lead?.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(a.population).toBeGreaterThan(0);
    expect(a.population).toBeLessThanOrEqual(c.population);

    const g = await api.json<UnitInfo>(`/api/units/group/${group.id}`);
    expect(g.path.map((p) => p.id)).toEqual([town.id, community.id, area.id, group.id]);
    expect(g.org?.form).toBe('党小组');

    const b = await api.json<UnitInfo>(`/api/units/building/${building.id}`);
    expect(b.path).toHaveLength(5);
    expect(b.address).toBe(building.properties?.address);
    expect(b.address!.endsWith(b.name)).toBe(true);
    expect(b.name.length).toBeLessThan(b.address!.length);
    expect(b.population).toBe(building.properties?.population);
  });

  it("shows the lead's phone in full to staff and masked to the public", async () => {
    const area = (await api.json<FeatureCollection>('/api/layers/areas')).features[0]!;
    const login = await api.post('/api/auth/login', { username: 'demo-staff', password: 'gridmap-staff' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const asStaff = (await (await api.request(`/api/units/area/${area.id}`, { cookie })).json()) as UnitInfo;
    const asPublic = await api.json<UnitInfo>(`/api/units/area/${area.id}`);
    expect(asStaff.lead?.phone).toMatch(/^1\d{10}$/);
    expect(asPublic.lead?.phone).toBe(`${asStaff.lead!.phone.slice(0, 3)}****${asStaff.lead!.phone.slice(-4)}`);
  });

  it('answers an unknown id with 404 and an unknown level with 400', async () => {
    expect((await api.get('/api/units/community/NOPE')).status).toBe(404);
    const res = await api.get('/api/units/planet/X');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('level');
  });
});
