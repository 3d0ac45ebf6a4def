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

  it('draws the whole city at z8 as town polygons', async () => {
    const { z, x, y } = tileOf(120.2, 31.93, 8);
    const res = await api.get(`/tiles/towns/${z}/${x}/${y}.pbf`);
    expect(res.status).toBe(200);
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    const layer = tile.layers.towns!;
    expect(layer.length).toBe(17);
    expect(layer.feature(0).type).toBe(3);
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
