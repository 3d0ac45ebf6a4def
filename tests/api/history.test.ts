// The version list says what each version changed, so the history view can show it without
// fetching every version: attribute names, `geometry` when the shape moved, nothing for a
// version history cannot compare.
import type { MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptKey, type Problem } from '../../server/domain/problems';
import type { VersionEntry } from '../../server/features/writes/history';
import type { ObjectState } from '../../server/features/writes/types';
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

describe('restoring an area restores its community whole', () => {
  type Plan = { community: { id: string }; areas: Array<{ id: string; version: number; name: string }>; buildings: Array<{ id: string; areaId: string }> };
  const k = () => api.ctx.db.knex;

  /** The community's areas tile it: no two overlap, together they cover it, each building lies in its own area. */
  async function expectWhole(community: string): Promise<void> {
    const { rows: overlaps } = await k().raw(
      `SELECT a.id, b.id AS other FROM contracted_areas a JOIN contracted_areas b ON a.community_id = b.community_id AND a.id < b.id
       WHERE a.community_id = ? AND ST_Area(ST_Intersection(a.geom, b.geom, 1e-9)::geography) >= 1`,
      [community],
    );
    expect(overlaps).toEqual([]);
    const { rows: gap } = await k().raw(
      `SELECT ST_Area(ST_Difference(c.geom, (SELECT ST_Union(geom, 1e-9) FROM contracted_areas WHERE community_id = c.id), 1e-9)::geography)::float8 AS m2
       FROM communities c WHERE c.id = ?`,
      [community],
    );
    expect(Number(gap[0].m2)).toBeLessThan(1);
    const { rows: outside } = await k().raw(
      `SELECT b.id FROM buildings b JOIN contracted_areas a ON a.id = b.area_id WHERE a.community_id = ? AND NOT ST_Covers(a.geom, b.geom)`,
      [community],
    );
    expect(outside).toEqual([]);
  }

  it('brings back the plan of that moment: the area split off since is removed, the buildings go back, with no overlap or gap', async () => {
    const community = (await k()('contracted_areas').where({ id: areaId }).first('community_id')).community_id as string;
    const plan = (await send<Plan>(api, 'GET', `/api/communities/${community}/plan`, undefined, planner)).body;
    const first = plan.areas[0]!;
    const before = await k()('buildings as b').join('contracted_areas as a', 'a.id', 'b.area_id').where('a.community_id', community).orderBy('b.id').select('b.id', 'b.area_id');
    // Split the first area: half its buildings into a new one (rule warnings accepted).
    const mine = plan.buildings.filter((b) => b.areaId === first.id).map((b) => b.id);
    const areas = plan.areas.map((a) => ({ id: a.id, version: a.version, name: a.name, buildings: plan.buildings.filter((b) => b.areaId === a.id).map((b) => b.id) }));
    areas[0]!.buildings = mine.slice(0, Math.ceil(mine.length / 2));
    const body = { areas: [...areas, { name: '恢复测试片区', buildings: mine.slice(areas[0]!.buildings.length) }] };
    const refused = await send<{ problems: Problem[] }>(api, 'PUT', `/api/communities/${community}/plan`, body, planner);
    const saved = await send<{ created: Record<string, string> }>(api, 'PUT', `/api/communities/${community}/plan`, { ...body, acceptWarnings: (refused.body.problems ?? []).map(acceptKey) }, planner);
    expect(saved.status).toBe(200);
    const created = Object.values(saved.body.created)[0]!;
    const now = (await send<ObjectState>(api, 'GET', `/api/areas/${first.id}`, undefined, planner)).body;

    const restored = await send<ObjectState & { plan: { deleted: string[] } }>(api, 'POST', `/api/history/area/${first.id}/${first.version}/restore`, { version: now.version }, planner);
    expect(restored.status, JSON.stringify(restored.body).slice(0, 300)).toBe(200);
    expect(restored.body.plan.deleted).toEqual([created]);
    expect(await k()('contracted_areas').where({ id: created }).first('id')).toBeUndefined();
    await expectWhole(community);
    const after = await k()('buildings as b').join('contracted_areas as a', 'a.id', 'b.area_id').where('a.community_id', community).orderBy('b.id').select('b.id', 'b.area_id');
    expect(after).toEqual(before);
    const row = await k()('audit_log').where({ action: 'plan_restore', object_id: community }).orderBy('id', 'desc').first('actor', 'detail');
    expect(row.actor).toBe('demo-planner');
  });

  it('answers a restore from a stale version 409 with the area as it is now, changing nothing', async () => {
    const now = (await send<ObjectState>(api, 'GET', `/api/areas/${areaId}`, undefined, planner)).body;
    const answer = await send<{ current: ObjectState; code: string }>(api, 'POST', `/api/history/area/${areaId}/1/restore`, { version: now.version - 1 }, planner);
    expect(answer.status).toBe(409);
    expect(answer.body.current).toMatchObject({ id: areaId, version: now.version });
  });

  it('refuses with the reason when the community changed so that the plan of then no longer fits it', async () => {
    const community = (await k()('contracted_areas').where({ id: areaId }).first('community_id')).community_id as string;
    const c = (await send<ObjectState>(api, 'GET', `/api/communities/${community}`, undefined, planner)).body;
    // The community loses a strip on its west side: the old outlines reach outside it.
    const { rows } = await k().raw(
      `SELECT ST_AsGeoJSON(ST_Multi(ST_Intersection(geom, ST_MakeEnvelope(ST_XMin(geom) + (ST_XMax(geom) - ST_XMin(geom)) * 0.2, ST_YMin(geom) - 1, ST_XMax(geom) + 1, ST_YMax(geom) + 1, 4326))), 15) AS g
       FROM communities WHERE id = ?`,
      [community],
    );
    const shrunk = await send(api, 'PATCH', `/api/communities/${community}`, { version: c.version, changes: { geometry: JSON.parse(rows[0].g) }, crs: 'WGS84' }, planner);
    expect(shrunk.status).toBe(200);
    const area = (await send<{ versions: VersionEntry[] }>(api, 'GET', `/api/history/area/${areaId}`, undefined, planner)).body.versions;
    const before = await k()('contracted_areas').where({ community_id: community }).orderBy('id').select('id', 'version');
    const answer = await send<{ code: string; problems: Problem[] }>(api, 'POST', `/api/history/area/${areaId}/${area.at(-1)!.version}/restore`, { version: area[0]!.version }, planner);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('refused');
    expect(answer.body.problems.map((p) => p.code)).toContain('plan_outside_community');
    expect(answer.body.problems.every((p) => p.severity === 'error' && /[\u4e00-\u9fff]/.test(p.message))).toBe(true);
    expect(await k()('contracted_areas').where({ community_id: community }).orderBy('id').select('id', 'version')).toEqual(before);
  });
});
