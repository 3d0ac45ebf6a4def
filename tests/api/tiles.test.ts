import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

function tileOf(lng: number, lat: number, z: number) {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x, y };
}

describe('GET /tiles/{layer}/{z}/{x}/{y}.pbf', () => {
  it('encodes the buildings of a z14 tile as an MVT layer named buildings', async () => {
    const buildings = await api.json<FeatureCollection<Point>>('/api/layers/buildings?limit=1');
    const [lng, lat] = buildings.features[0]!.geometry.coordinates as [number, number];
    const { z, x, y } = tileOf(lng, lat, 14);
    const res = await api.get(`/tiles/buildings/${z}/${x}/${y}.pbf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-protobuf');
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    expect(Object.keys(tile.layers)).toEqual(['buildings']);
    const layer = tile.layers.buildings!;
    expect(layer.length).toBeGreaterThan(0);
    const ids = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.id);
    expect(ids).toContain(buildings.features[0]!.id);
    expect(layer.feature(0).properties.population).toBeGreaterThan(0);
  });

  it('draws the whole city at z8: every town appears in the tiles that cover it', async () => {
    const city = await api.json<{ bbox: [number, number, number, number] }>('/api/units/city');
    const [w, s, e, n] = city.bbox;
    const nw = tileOf(w, n, 8);
    const se = tileOf(e, s, 8);
    const ids = new Set<string>();
    for (let x = nw.x; x <= se.x; x++) {
      for (let y = nw.y; y <= se.y; y++) {
        const res = await api.get(`/tiles/towns/8/${x}/${y}.pbf`);
        if (res.status === 204) continue;
        expect(res.status).toBe(200);
        const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.towns!;
        for (let i = 0; i < layer.length; i++) {
          expect(layer.feature(i).type).toBe(3);
          ids.add(String(layer.feature(i).properties.id));
        }
      }
    }
    expect(ids.size).toBe(17);
  });

  it('answers a tile far from the city with 204', async () => {
    const { z, x, y } = tileOf(-40, -40, 12);
    expect((await api.get(`/tiles/buildings/${z}/${x}/${y}.pbf`)).status).toBe(204);
  });

  it.each([
    ['a zoom beyond 22', '/tiles/towns/23/0/0.pbf', 400],
    ['x outside the zoom', '/tiles/towns/2/4/0.pbf', 400],
    ['a negative y', '/tiles/towns/2/1/-1.pbf', 400],
    ['a missing extension', '/tiles/towns/2/1/1', 400],
    ['an unknown layer', '/tiles/nope/2/1/1.pbf', 404],
  ])('answers %s with a clear error', async (_what, path, status) => {
    const res = await api.get(path);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toBeTruthy();
  });
});
