// The tile cache: a tile asked for again comes from memory with the same ETag; a write to the
// layer's table (one object through the write contract, or a bulk write as an import makes)
// makes its tiles render afresh with the change, while other layers' tiles stay cached; the
// browser's revalidation gets 304 only while the tile is unchanged.
import http from 'node:http';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { FeatureCollection, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectState } from '../../server/features/writes/types';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
let admin = '';
let building = { id: '', lng: 0, lat: 0 };

function tilePath(layer: string, lng: number, lat: number, z: number): string {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lng + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return `/tiles/${layer}/${z}/${x}/${y}.pbf`;
}

/** A GET as a browser revalidating its copy makes it (fetch would add `Cache-Control: no-cache`). */
function fetchTile(path: string, etag?: string) {
  return new Promise<{ status: number; cache: unknown; etag: unknown; control: unknown; bytes: Uint8Array }>((resolve, reject) => {
    http
      .get(api.url + path, { headers: etag ? { 'if-none-match': etag } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const { etag: tag, 'x-cache': cache, 'cache-control': control } = res.headers;
          resolve({ status: res.statusCode!, cache, etag: tag, control, bytes: new Uint8Array(Buffer.concat(chunks)) });
        });
      })
      .on('error', reject);
  });
}

/** The building's properties as the buildings tile carries them. */
function propertiesIn(bytes: Uint8Array, id: string) {
  const layer = new VectorTile(new PbfReader(bytes)).layers.buildings!;
  for (let i = 0; i < layer.length; i++) if (layer.feature(i).properties.id === id) return layer.feature(i).properties;
  throw new Error(`building ${id} is not in the tile`);
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await loginDemo(api, 'admin');
  const first = (await api.json<FeatureCollection<Point>>('/api/layers/buildings?limit=1')).features[0]!;
  const [lng, lat] = first.geometry.coordinates as [number, number];
  building = { id: String(first.id), lng, lat };
});
afterAll(() => api.close());

describe('tiles from the cache until a write changes their layer', () => {
  it('serves a tile asked for again from the cache, and the edited building in a fresh rendering after an edit, other layers still cached', async () => {
    const buildings = tilePath('buildings', building.lng, building.lat, 15);
    const towns = tilePath('towns', building.lng, building.lat, 10);
    const first = await fetchTile(buildings);
    expect(first).toMatchObject({ status: 200, cache: 'miss', control: 'no-cache' });
    const again = await fetchTile(buildings);
    expect(again).toMatchObject({ status: 200, cache: 'hit', etag: first.etag });
    expect(again.bytes).toEqual(first.bytes);
    expect((await fetchTile(towns)).cache).toBe('miss');
    expect((await fetchTile(towns)).cache).toBe('hit');
    // The browser revalidates: unchanged, 304 with no body.
    expect(await fetchTile(buildings, String(first.etag))).toMatchObject({ status: 304, cache: 'hit' });

    const before = (await send<ObjectState>(api, 'GET', `/api/buildings/${building.id}`, undefined, admin)).body;
    const households = Number(before.attributes.households) + 1;
    const edited = await send(api, 'PATCH', `/api/buildings/${building.id}`, { version: before.version, changes: { households } }, admin);
    expect(edited.status).toBe(200);

    const after = await fetchTile(buildings);
    expect(after).toMatchObject({ status: 200, cache: 'miss' });
    expect(after.etag).not.toBe(first.etag);
    expect(propertiesIn(first.bytes, building.id).households).toBe(households - 1);
    expect(propertiesIn(after.bytes, building.id).households).toBe(households);
    // The browser's copy from before the edit is stale now: the new tile, not 304.
    expect(await fetchTile(buildings, String(first.etag))).toMatchObject({ status: 200, cache: 'hit', etag: after.etag });
    expect((await fetchTile(towns)).cache).toBe('hit');
  });

  it('renders a layer afresh after a bulk write (as an import commits), with what it wrote', async () => {
    const buildings = tilePath('buildings', building.lng, building.lat, 16);
    await fetchTile(buildings);
    expect((await fetchTile(buildings)).cache).toBe('hit');
    await api.ctx.db.writeBulk((trx) => trx('buildings').where({ id: building.id }).update({ address: '缓存测试路1号' }));
    const after = await fetchTile(buildings);
    expect(after.cache).toBe('miss');
    expect(propertiesIn(after.bytes, building.id).address).toBe('缓存测试路1号');
  });
});
