import type { FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bbox as turfBbox } from '@turf/turf';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const layers = ['towns', 'villages', 'communities', 'areas', 'groups', 'buildings', 'centers', 'water', 'roads'];

describe('GET /api/layers/{layer}', () => {
  it.each(layers)('serves %s as GeoJSON features with stable ids', async (layer) => {
    const res = await api.get(`/api/layers/${layer}?limit=50`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const fc = (await res.json()) as FeatureCollection;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      expect(typeof f.id).toBe('string');
      expect(f.properties?.id).toBe(f.id);
    }
  });

  it('counts what the database holds: 17 towns, 526 villages, 297 communities', async () => {
    const count = async (layer: string) => ((await api.json<FeatureCollection>(`/api/layers/${layer}`)).features.length);
    expect(await count('villages')).toBe(526);
    expect(await count('communities')).toBe(297);
    expect(await count('towns')).toBe(17);
  });

  it('returns only features that meet the bbox', async () => {
    const all = await api.json<FeatureCollection>('/api/layers/buildings');
    const box = [120.15, 31.9, 120.2, 31.95] as const;
    const some = await api.json<FeatureCollection>(`/api/layers/buildings?bbox=${box.join(',')}`);
    expect(some.features.length).toBeGreaterThan(0);
    expect(some.features.length).toBeLessThan(all.features.length);
    const inside = all.features.filter((f) => {
      const [x, y] = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
      return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
    });
    expect(some.features.map((f) => f.id).sort()).toEqual(inside.map((f) => f.id).sort());
  });

  it('filters a level by its parent, which is how the map drills down', async () => {
    const towns = await api.json<FeatureCollection<Polygon>>('/api/layers/towns');
    const town = towns.features[0]!;
    const communities = await api.json<FeatureCollection>(`/api/layers/communities?town=${town.id}`);
    expect(communities.features.length).toBeGreaterThan(0);
    expect(communities.features.every((f) => f.properties?.townId === town.id)).toBe(true);
    const [w, s, e, n] = turfBbox(town);
    for (const f of communities.features) {
      const [cw, cs, ce, cn] = turfBbox(f);
      expect(cw).toBeGreaterThanOrEqual(w - 1e-9);
      expect(cs).toBeGreaterThanOrEqual(s - 1e-9);
      expect(ce).toBeLessThanOrEqual(e + 1e-9);
      expect(cn).toBeLessThanOrEqual(n + 1e-9);
    }
  });

  it('honours limit', async () => {
    const fc = await api.json<FeatureCollection>('/api/layers/buildings?limit=7');
    expect(fc.features).toHaveLength(7);
  });

  it('answers an unknown layer with 404', async () => {
    const res = await api.get('/api/layers/rivers-of-gold');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toContain('rivers-of-gold');
  });

  it.each([
    ['three numbers', 'bbox=1,2,3'],
    ['words', 'bbox=a,b,c,d'],
    ['min above max', 'bbox=121,31,120,32'],
    ['out of range', 'bbox=100,-95,120,32'],
    ['an empty part', 'bbox=120,,121,32'],
    ['a repeated bbox', 'bbox=120,31,121,32&bbox=120,31,121,32'],
    ['a zero limit', 'limit=0'],
    ['a huge limit', 'limit=100000000'],
    ['an unknown parameter', 'colour=red'],
  ])('rejects %s with 400 and says why', async (_what, query) => {
    const res = await api.get(`/api/layers/buildings?${query}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(typeof body.error).toBe('string');
    expect(body.error.length).toBeGreaterThan(5);
  });
});
