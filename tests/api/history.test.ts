// The version list says what each version changed, so the history view can show it without
// fetching every version: attribute names, `geometry` when the shape moved, nothing for a
// version history cannot compare.
import type { MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VersionEntry } from '../../server/features/writes/history';
import type { ObjectState } from '../../server/features/writes/service';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
let planner: string;
let areaId: string;

beforeAll(async () => {
  api = await startTestApi();
  planner = await loginDemo(api, 'planner');
  const [town] = (await api.ctx.db.knex('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  areaId = (
    await api.ctx.db.knex('contracted_areas as a').join('communities as c', 'c.id', 'a.community_id').where('c.town_id', town!).orderBy('a.id').first('a.id')
  ).id;
});
afterAll(() => api.close());

const versions = async () => (await send<{ versions: VersionEntry[] }>(api, 'GET', `/api/history/area/${areaId}`, undefined, planner)).body.versions;

describe('what each version changed', () => {
  it('names the changed attributes and the geometry per version, newest first, and nothing for the first', async () => {
    const start = (await send<ObjectState>(api, 'GET', `/api/areas/${areaId}`, undefined, planner)).body;
    expect((await versions())[0]).not.toHaveProperty('changed');

    const renamed = await send<ObjectState>(api, 'PATCH', `/api/areas/${areaId}`, { version: start.version, changes: { name: '历史测试片区', leadPhone: '13900002222' } }, planner);
    expect(renamed.status).toBe(200);
    const [x, y] = (start.geometry as MultiPolygon).coordinates[0]![0]![0]!;
    const square = [[x!, y!], [x! + 0.001, y!], [x! + 0.001, y! + 0.001], [x!, y! + 0.001], [x!, y!]];
    const moved = await send<ObjectState>(api, 'PATCH', `/api/areas/${areaId}`, { version: renamed.body.version, changes: { geometry: { type: 'Polygon', coordinates: [square] } }, crs: 'WGS84' }, planner);
    expect(moved.status).toBe(200);
    const restored = await send<ObjectState>(api, 'POST', `/api/history/area/${areaId}/${start.version}/restore`, { version: moved.body.version }, planner);
    expect(restored.status).toBe(200);

    const list = await versions();
    expect(list.map((v) => [v.version, v.change, v.changed])).toEqual([
      [start.version + 3, 'restore', ['name', 'leadPhone', 'geometry']],
      [start.version + 2, 'update', ['geometry']],
      [start.version + 1, 'update', ['name', 'leadPhone']],
      [start.version, null, undefined],
    ]);
    // Names only: what a phone was or became stays out of the list.
    expect(JSON.stringify(list)).not.toContain('13900002222');
  });

  it('lists a write that changed nothing as changing nothing', async () => {
    const now = (await send<ObjectState>(api, 'GET', `/api/areas/${areaId}`, undefined, planner)).body;
    const same = await send<ObjectState>(api, 'PATCH', `/api/areas/${areaId}`, { version: now.version, changes: { name: now.attributes.name } }, planner);
    expect(same.status).toBe(200);
    expect((await versions())[0]).toMatchObject({ version: now.version + 1, changed: [] });
  });
});
